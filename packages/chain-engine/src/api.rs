//! Addresses as on a wasmd chain (bech32 prefix `cosmwasm` for the benchmark, any prefix for the
//! embedded chain): wallets are 20-byte accounts (47 characters with `cosmwasm`), contracts 32-byte
//! module addresses derived as wasmd's classic `BuildContractAddressClassic(code_id, instance_id)`;
//! the VM's address API charges wasmd's costs.

use bech32::{Bech32, Hrp};
use cosmwasm_std::Addr;
use cosmwasm_vm::{BackendApi, BackendError, BackendResult, GasInfo};
use sha2::{Digest, Sha256};

use crate::gas;

pub const BECH32_PREFIX: &str = "cosmwasm";
/// Longest canonical address the SDK accepts (`VerifyAddressFormat`).
const MAX_ADDRESS_BYTES: usize = 255;

/// Parses a bech32 human-readable prefix.
pub fn hrp(prefix: &str) -> Result<Hrp, String> {
    Hrp::parse(prefix).map_err(|e| format!("invalid bech32 prefix {prefix:?}: {e}"))
}

/// Bech32 encoding of `bytes` with `hrp`.
pub fn encode_with(hrp: Hrp, bytes: &[u8]) -> String {
    // bech32 encodes any 0..=255-byte payload of a valid HRP (longer payloads are refused upstream).
    bech32::encode::<Bech32>(hrp, bytes).unwrap_or_default()
}

/// Bech32 encoding of `bytes` with the benchmark's prefix.
pub fn encode(bytes: &[u8]) -> String {
    encode_with(Hrp::parse_unchecked(BECH32_PREFIX), bytes)
}

/// A deterministic 20-byte wallet address for a name (`sha256(name)[..20]`).
pub fn wallet_with(hrp: Hrp, name: &str) -> Addr {
    let digest = Sha256::digest(format!("harbour-bench/wallet/{name}").as_bytes());
    Addr::unchecked(encode_with(hrp, &digest[..20]))
}

/// [`wallet_with`] the benchmark's prefix.
pub fn wallet(name: &str) -> Addr {
    wallet_with(Hrp::parse_unchecked(BECH32_PREFIX), name)
}

/// wasmd's classic contract address (`BuildContractAddressClassic`): the module address
/// `sha256(sha256("module") || "wasm\0" || code_id (8 bytes BE) || instance_id (8 bytes BE))`,
/// where the instance id counts every instantiation on the chain from 1.
pub fn contract_address(hrp: Hrp, code_id: u64, instance_id: u64) -> Addr {
    let mut key = b"wasm\0".to_vec();
    key.extend_from_slice(&code_id.to_be_bytes());
    key.extend_from_slice(&instance_id.to_be_bytes());
    let typ = Sha256::digest(b"module");
    let digest = Sha256::new().chain_update(typ).chain_update(&key).finalize();
    Addr::unchecked(encode_with(hrp, &digest))
}

/// The `seq`-th contract of code `code_id`, with the benchmark's prefix.
pub fn contract(code_id: u64, seq: u64) -> Addr {
    contract_address(Hrp::parse_unchecked(BECH32_PREFIX), code_id, seq)
}

/// The VM's address API with wasmd's gas costs (SDK gas × multiplier, charged as VM gas).
#[derive(Clone, Copy, Debug)]
pub struct BenchApi {
    multiplier: u64,
    hrp: Hrp,
}

impl BenchApi {
    pub fn new(multiplier: u64) -> Self {
        BenchApi { multiplier, hrp: Hrp::parse_unchecked(BECH32_PREFIX) }
    }

    /// An API for chains with another bech32 prefix.
    pub fn with_hrp(multiplier: u64, hrp: Hrp) -> Self {
        BenchApi { multiplier, hrp }
    }

    pub fn hrp(&self) -> Hrp {
        self.hrp
    }

    fn cost(&self, sdk_gas: u64) -> GasInfo {
        GasInfo::with_cost(sdk_gas.saturating_mul(self.multiplier))
    }

    fn decode(&self, input: &str) -> Result<Vec<u8>, BackendError> {
        let (hrp, data) = bech32::decode(input).map_err(|e| BackendError::user_err(format!("invalid bech32: {e}")))?;
        if hrp != self.hrp {
            return Err(BackendError::user_err(format!("wrong bech32 prefix, expected {}", self.hrp)));
        }
        if data.is_empty() || data.len() > MAX_ADDRESS_BYTES {
            return Err(BackendError::user_err(format!("invalid address length {}", data.len())));
        }
        Ok(data)
    }
}

impl BackendApi for BenchApi {
    fn addr_validate(&self, input: &str) -> BackendResult<()> {
        let gas = self.cost(gas::api::VALIDATE);
        let result = self.decode(input).and_then(|data| {
            if encode_with(self.hrp, &data) == input {
                Ok(())
            } else {
                Err(BackendError::user_err("address not normalized"))
            }
        });
        (result, gas)
    }

    fn addr_canonicalize(&self, human: &str) -> BackendResult<Vec<u8>> {
        (self.decode(human), self.cost(gas::api::CANONICALIZE))
    }

    fn addr_humanize(&self, canonical: &[u8]) -> BackendResult<String> {
        let gas = self.cost(gas::api::HUMANIZE);
        if canonical.is_empty() || canonical.len() > MAX_ADDRESS_BYTES {
            return (Err(BackendError::user_err(format!("invalid address length {}", canonical.len()))), gas);
        }
        (Ok(encode_with(self.hrp, canonical)), gas)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_shapes() {
        let w = wallet("alice");
        assert!(w.as_str().starts_with("cosmwasm1"));
        assert_eq!(w.as_str().len(), 47);
        assert_eq!(contract(1, 1).as_str().len(), 67);
        assert_ne!(contract(1, 1), contract(1, 2));
        assert_eq!(wallet("alice"), wallet("alice"));
    }

    #[test]
    fn contract_addresses_are_wasmd_classic() {
        // the well-known first contract of every wasmd chain (code 1, instance 1)
        let wasm = hrp("wasm").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            contract_address(wasm, 1, 1).as_str(),
            "wasm14hj2tavq8fpesdwxxcu44rty3hh90vhujrvcmstl4zr3txmfvw9s0phg4d"
        );
        let juno = hrp("juno").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            contract_address(juno, 1, 1).as_str(),
            "juno14hj2tavq8fpesdwxxcu44rty3hh90vhujrvcmstl4zr3txmfvw9skjuwg8"
        );
        assert_ne!(contract_address(wasm, 1, 2), contract_address(wasm, 2, 1));
    }

    #[test]
    fn another_prefix_validates_its_own_addresses_only() {
        let api = BenchApi::with_hrp(gas::DEFAULT_GAS_MULTIPLIER, Hrp::parse_unchecked("wasm"));
        let w = wallet_with(api.hrp(), "carol");
        assert!(w.as_str().starts_with("wasm1"));
        assert!(api.addr_validate(w.as_str()).0.is_ok());
        assert!(api.addr_validate(wallet("carol").as_str()).0.is_err());
    }

    #[test]
    fn validate_round_trips_and_charges_wasmd_costs() {
        let api = BenchApi::new(gas::DEFAULT_GAS_MULTIPLIER);
        let w = wallet("bob");
        let (res, gas_info) = api.addr_validate(w.as_str());
        assert!(res.is_ok());
        assert_eq!(gas_info.cost, 9 * gas::DEFAULT_GAS_MULTIPLIER);
        let (canon, _) = api.addr_canonicalize(w.as_str());
        let canon = canon.unwrap_or_default();
        assert_eq!(canon.len(), 20);
        assert_eq!(api.addr_humanize(&canon).0.ok().as_deref(), Some(w.as_str()));
        assert!(api.addr_validate(&w.as_str().to_uppercase()).0.is_err());
        assert!(api.addr_validate("cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnrql8a").0.is_err());
        assert!(api.addr_validate("not an address").0.is_err());
    }
}
