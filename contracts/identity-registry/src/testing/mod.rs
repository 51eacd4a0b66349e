//! Unit-test fixture: a registry instantiated on mock dependencies with named roles and real
//! signing keys, plus helpers that assert failures leave storage byte-for-byte unchanged.

mod test_attestation;
mod test_auth;
mod test_credentials;
mod test_hooks;
mod test_identity;
mod test_instantiate_migrate;
mod test_properties;
mod test_queries;
mod test_verify;

use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage};
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, ContractInfoResponse, ContractResult, Env, HexBinary, Order, OwnedDeps,
    Response, Storage, SystemError, SystemResult, Timestamp, WasmQuery,
};
use harbour_types::identity::{ClaimType, InvestorCategory, IssuerPublicKey};
use harbour_types::identity_registry::{
    AttestationFields, CredentialGrant, ExecuteMsg, InstantiateMsg, IssuerConfig, NewIdentity, QueryMsg,
    SignedAttestation,
};
use k256::ecdsa::signature::hazmat::PrehashSigner;
use rand_core::OsRng;
use serde::de::DeserializeOwned;

use crate::contract::{execute, instantiate, query};
use crate::error::ContractError;

pub const DAY: u64 = 86_400;

pub struct Fixture {
    pub deps: OwnedDeps<MockStorage, MockApi, MockQuerier>,
    pub env: Env,
    pub owner: Addr,
    pub agent: Addr,
    /// Trusted for KYC, professional investor and AML screening; direct issuance only.
    pub issuer: Addr,
    /// Trusted for KYC with a secp256k1 key.
    pub secp_issuer: Addr,
    /// Trusted for KYC and professional investor with an ed25519 key.
    pub ed_issuer: Addr,
    pub stranger: Addr,
    pub secp_key: k256::ecdsa::SigningKey,
    pub ed_key: ed25519_zebra::SigningKey,
}

pub fn evidence(n: u8) -> HexBinary {
    HexBinary::from(vec![n; 32])
}

impl Fixture {
    pub fn new() -> Self {
        let mut deps = mock_dependencies();
        let env = mock_env();
        let api = deps.api;
        let (owner, agent, issuer, secp_issuer, ed_issuer, stranger) = (
            api.addr_make("owner"),
            api.addr_make("agent"),
            api.addr_make("issuer"),
            api.addr_make("secp-issuer"),
            api.addr_make("ed-issuer"),
            api.addr_make("stranger"),
        );
        let secp_key = k256::ecdsa::SigningKey::random(&mut OsRng);
        let ed_key = ed25519_zebra::SigningKey::new(OsRng);
        let secp_pub = HexBinary::from(secp_key.verifying_key().to_encoded_point(true).as_bytes().to_vec());
        let ed_pub = HexBinary::from(<[u8; 32]>::from(ed25519_zebra::VerificationKey::from(&ed_key)).to_vec());
        let msg = InstantiateMsg {
            owner: owner.to_string(),
            agents: vec![agent.to_string()],
            issuers: vec![
                IssuerConfig {
                    address: issuer.to_string(),
                    name: "HK KYC desk".into(),
                    claims: vec![ClaimType::Kyc, ClaimType::ProfessionalInvestor, ClaimType::AmlScreening],
                    public_key: None,
                },
                IssuerConfig {
                    address: secp_issuer.to_string(),
                    name: "secp256k1 attestor".into(),
                    claims: vec![ClaimType::Kyc],
                    public_key: Some(IssuerPublicKey::Secp256k1(secp_pub)),
                },
                IssuerConfig {
                    address: ed_issuer.to_string(),
                    name: "ed25519 attestor".into(),
                    claims: vec![ClaimType::Kyc, ClaimType::ProfessionalInvestor],
                    public_key: Some(IssuerPublicKey::Ed25519(ed_pub)),
                },
            ],
        };
        instantiate(deps.as_mut(), env.clone(), message_info(&owner, &[]), msg).unwrap();
        // addresses named "sub-*" are contracts (possible subscribers); anything else is not
        let contracts: Vec<String> = ["sub-a", "sub-b", "sub-c"].iter().map(|n| api.addr_make(n).to_string()).collect();
        deps.querier.update_wasm(move |q| match q {
            WasmQuery::ContractInfo { contract_addr } if contracts.contains(contract_addr) => {
                SystemResult::Ok(ContractResult::Ok(
                    to_json_binary(&ContractInfoResponse::new(1, Addr::unchecked("c"), None, false, None)).unwrap(),
                ))
            }
            _ => SystemResult::Err(SystemError::NoSuchContract { addr: format!("{q:?}") }),
        });
        Fixture { deps, env, owner, agent, issuer, secp_issuer, ed_issuer, stranger, secp_key, ed_key }
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.deps.api.addr_make(name)
    }

    pub fn now(&self) -> Timestamp {
        self.env.block.time
    }

    pub fn advance(&mut self, seconds: u64) {
        self.env.block.time = self.env.block.time.plus_seconds(seconds);
        self.env.block.height += seconds / 5 + 1;
    }

    pub fn exec(&mut self, sender: &Addr, msg: ExecuteMsg) -> Result<Response, ContractError> {
        execute(self.deps.as_mut(), self.env.clone(), message_info(sender, &[]), msg)
    }

    pub fn try_query<T: DeserializeOwned>(&self, msg: QueryMsg) -> Result<T, ContractError> {
        let bin: Binary = query(self.deps.as_ref(), self.env.clone(), msg)?;
        Ok(from_json(bin)?)
    }

    pub fn query<T: DeserializeOwned>(&self, msg: QueryMsg) -> T {
        self.try_query(msg).unwrap()
    }

    /// Every key/value in storage, for before/after comparisons.
    pub fn snapshot(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.deps.storage.range(None, None, Order::Ascending).collect()
    }

    /// Executes `msg`, asserts it fails with exactly `expected`, and that storage is unchanged.
    pub fn assert_rejected(&mut self, sender: &Addr, msg: ExecuteMsg, expected: ContractError) {
        let before = self.snapshot();
        let err = self.exec(sender, msg.clone()).expect_err(&format!("expected {expected:?} for {msg:?}"));
        assert_eq!(err, expected, "wrong error for {msg:?}");
        assert_eq!(self.snapshot(), before, "state changed by rejected {msg:?}");
    }

    pub fn identity(did: &str, wallets: &[&Addr]) -> NewIdentity {
        NewIdentity {
            did: did.to_string(),
            wallets: wallets.iter().map(|w| w.to_string()).collect(),
            jurisdiction: "HK".into(),
            category: InvestorCategory::Individual,
        }
    }

    pub fn register(&mut self, did: &str, wallets: &[&Addr]) {
        let agent = self.agent.clone();
        self.exec(&agent, ExecuteMsg::RegisterIdentity(Self::identity(did, wallets))).unwrap();
    }

    pub fn grant(did: &str, claim: ClaimType, valid_until: Timestamp) -> CredentialGrant {
        CredentialGrant { did: did.to_string(), claim, valid_until, evidence_hash: evidence(1) }
    }

    pub fn issue(&mut self, did: &str, claim: ClaimType, valid_for: u64) {
        let issuer = self.issuer.clone();
        let until = self.now().plus_seconds(valid_for);
        self.exec(&issuer, ExecuteMsg::IssueCredential(Self::grant(did, claim, until))).unwrap();
    }

    /// An unsigned attestation from `issuer` for (did, wallet, claim), valid for a year.
    pub fn attestation(
        &self,
        issuer: &Addr,
        did: &str,
        wallet: &Addr,
        claim: ClaimType,
        nonce: u64,
    ) -> SignedAttestation {
        SignedAttestation {
            did: did.to_string(),
            wallet: wallet.to_string(),
            claim,
            issuer: issuer.to_string(),
            issued_at: self.now(),
            valid_until: self.now().plus_seconds(365 * DAY),
            evidence_hash: evidence(9),
            nonce,
            signature: Binary::default(),
        }
    }

    pub fn digest(&self, att: &SignedAttestation) -> [u8; 32] {
        AttestationFields {
            chain_id: &self.env.block.chain_id,
            registry: self.env.contract.address.as_str(),
            issuer: &att.issuer,
            did: &att.did,
            wallet: &att.wallet,
            claim: att.claim,
            issued_at: att.issued_at,
            valid_until: att.valid_until,
            evidence_hash: att.evidence_hash.as_slice(),
            nonce: att.nonce,
        }
        .digest()
    }

    pub fn sign_secp(&self, mut att: SignedAttestation) -> SignedAttestation {
        let sig: k256::ecdsa::Signature = self.secp_key.sign_prehash(&self.digest(&att)).unwrap();
        att.signature = Binary::from(sig.to_bytes().to_vec());
        att
    }

    pub fn sign_ed(&self, mut att: SignedAttestation) -> SignedAttestation {
        let sig = self.ed_key.sign(&self.digest(&att));
        att.signature = Binary::from(<[u8; 64]>::from(sig).to_vec());
        att
    }
}
