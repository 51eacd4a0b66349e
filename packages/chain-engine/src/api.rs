//! Addresses as on a wasmd chain with the `cosmwasm` bech32 prefix: wallets are 20-byte accounts
//! (47 characters), contracts 32-byte module addresses (67 characters); the VM's address API charges
//! wasmd's costs.

use bech32::{Bech32, Hrp};
use cosmwasm_std::Addr;
use cosmwasm_vm::{BackendApi, BackendError, BackendResult, GasInfo};
use sha2::{Digest, Sha256};

use crate::gas;

pub const BECH32_PREFIX: &str = "cosmwasm";
/// Longest canonical address the SDK accepts (`VerifyAddressFormat`).
const MAX_ADDRESS_BYTES: usize = 255;

/// Bech32 encoding of `bytes` with the chain prefix.
pub fn encode(bytes: &[u8]) -> String {
    // The prefix is a valid constant and bech32 encodes any 0..=255-byte payload of a valid HRP.
    let hrp = Hrp::parse_unchecked(BECH32_PREFIX);
    bech32::encode::<Bech32>(hrp, bytes).unwrap_or_default()
}

/// A deterministic 20-byte wallet address for a name (`sha256(name)[..20]`).
pub fn wallet(name: &str) -> Addr {
    let digest = Sha256::digest(format!("harbour-bench/wallet/{name}").as_bytes());
    Addr::unchecked(encode(&digest[..20]))
}

/// The 32-byte address of the `seq`-th contract instantiated on a chain.
pub fn contract(seq: u64) -> Addr {
    let digest = Sha256::digest(format!("harbour-bench/contract/{seq}").as_bytes());
    Addr::unchecked(encode(&digest))
}

/// The VM's address API with wasmd's gas costs (SDK gas × multiplier, charged as VM gas).
#[derive(Clone, Copy, Debug)]
pub struct BenchApi {
    multiplier: u64,
}

impl BenchApi {
    pub fn new(multiplier: u64) -> Self {
        BenchApi { multiplier }
    }

    fn cost(&self, sdk_gas: u64) -> GasInfo {
        GasInfo::with_cost(sdk_gas.saturating_mul(self.multiplier))
    }

    fn decode(input: &str) -> Result<Vec<u8>, BackendError> {
        let (hrp, data) = bech32::decode(input).map_err(|e| BackendError::user_err(format!("invalid bech32: {e}")))?;
        if hrp.as_str() != BECH32_PREFIX {
            return Err(BackendError::user_err(format!("wrong bech32 prefix, expected {BECH32_PREFIX}")));
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
        let result = Self::decode(input).and_then(|data| {
            if encode(&data) == input {
                Ok(())
            } else {
                Err(BackendError::user_err("address not normalized"))
            }
        });
        (result, gas)
    }

    fn addr_canonicalize(&self, human: &str) -> BackendResult<Vec<u8>> {
        (Self::decode(human), self.cost(gas::api::CANONICALIZE))
    }

    fn addr_humanize(&self, canonical: &[u8]) -> BackendResult<String> {
        let gas = self.cost(gas::api::HUMANIZE);
        if canonical.is_empty() || canonical.len() > MAX_ADDRESS_BYTES {
            return (Err(BackendError::user_err(format!("invalid address length {}", canonical.len()))), gas);
        }
        (Ok(encode(canonical)), gas)
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
        assert_eq!(contract(1).as_str().len(), 67);
        assert_ne!(contract(1), contract(2));
        assert_eq!(wallet("alice"), wallet("alice"));
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
