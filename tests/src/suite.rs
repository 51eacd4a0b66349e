//! The `Suite` and its builder.
//!
//! ```text
//! let mut suite = SuiteBuilder::new()
//!     .with_investor("alice", "did:hk:alice", "HK", &[ClaimType::Kyc, ClaimType::ProfessionalInvestor])
//!     .with_multisig_owner(3, 2)
//!     .build();
//! suite.advance_days(30);
//! ```

use std::collections::BTreeMap;

use anyhow::{anyhow, Result};
use cosmwasm_std::{Addr, Binary, BlockInfo, Empty, HexBinary, Timestamp};
use cw_multi_test::{App, AppResponse, Executor};
use harbour_types::compliance::{Requirement, Verdict};
use harbour_types::identity::{ClaimType, InvestorCategory, IssuerPublicKey};
use harbour_types::identity_registry::{
    self as reg, AttestationFields, CredentialGrant, IdentityRegistry, IssuerConfig, NewIdentity, SignedAttestation,
};
use k256::ecdsa::signature::hazmat::PrehashSigner;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::contracts;
use crate::multisig::Multisig;

pub const DAY: u64 = 86_400;
/// 2026-01-05 00:00:00 UTC, a Monday.
pub const GENESIS_SECONDS: u64 = 1_767_571_200;
pub const CHAIN_ID: &str = "harbour-test-1";

/// One investor (or venue) to onboard at build time.
#[derive(Clone, Debug)]
pub struct InvestorSpec {
    pub name: String,
    pub did: String,
    pub jurisdiction: String,
    pub category: InvestorCategory,
    pub claims: Vec<ClaimType>,
}

pub struct SuiteBuilder {
    investors: Vec<InvestorSpec>,
    multisig: Option<(usize, u64)>,
    credential_validity: u64,
}

impl Default for SuiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SuiteBuilder {
    pub fn new() -> Self {
        SuiteBuilder { investors: vec![], multisig: None, credential_validity: 365 * DAY }
    }

    /// An individual investor with the given claims, each valid for the credential validity.
    pub fn with_investor(mut self, name: &str, did: &str, jurisdiction: &str, claims: &[ClaimType]) -> Self {
        self.investors.push(InvestorSpec {
            name: name.into(),
            did: did.into(),
            jurisdiction: jurisdiction.into(),
            category: InvestorCategory::Individual,
            claims: claims.to_vec(),
        });
        self
    }

    /// Any identity, fully specified.
    pub fn with_identity(mut self, spec: InvestorSpec) -> Self {
        self.investors.push(spec);
        self
    }

    /// A venue/protocol identity (vault, settlement, DEX) with KYC.
    pub fn with_venue(mut self, name: &str, did: &str) -> Self {
        self.investors.push(InvestorSpec {
            name: name.into(),
            did: did.into(),
            jurisdiction: "HK".into(),
            category: InvestorCategory::Venue,
            claims: vec![ClaimType::Kyc],
        });
        self
    }

    /// How long credentials issued at build time stay valid.
    pub fn with_credential_validity(mut self, seconds: u64) -> Self {
        self.credential_validity = seconds;
        self
    }

    /// Hand the owner role of every contract to a cw3 multisig of `signers` needing `threshold`.
    pub fn with_multisig_owner(mut self, signers: usize, threshold: u64) -> Self {
        self.multisig = Some((signers, threshold));
        self
    }

    pub fn build(self) -> Suite {
        self.try_build().unwrap_or_else(|e| panic!("suite build failed: {e:#}"))
    }

    pub fn try_build(self) -> Result<Suite> {
        let mut app = App::default();
        app.set_block(BlockInfo {
            height: 1,
            time: Timestamp::from_seconds(GENESIS_SECONDS),
            chain_id: CHAIN_ID.into(),
        });
        let api = *app.api();
        let deployer = api.addr_make("deployer");
        let agent = api.addr_make("agent");
        let kyc_issuer = api.addr_make("kyc-issuer");
        let attestor = api.addr_make("attestor");
        let attestor_key = k256::ecdsa::SigningKey::random(&mut rand_core::OsRng);
        let attestor_pub = attestor_key.verifying_key().to_encoded_point(true).as_bytes().to_vec();

        let multisig = match self.multisig {
            Some((n, threshold)) => {
                let signers = (0..n).map(|i| api.addr_make(&format!("signer-{i}"))).collect();
                Some(Multisig::deploy(&mut app, &deployer, signers, threshold)?)
            }
            None => None,
        };
        let owner = multisig.as_ref().map_or_else(|| api.addr_make("owner"), |m| m.addr.clone());

        let registry_code = app.store_code(contracts::identity_registry());
        let registry = app.instantiate_contract(
            registry_code,
            deployer.clone(),
            &reg::InstantiateMsg {
                owner: owner.to_string(),
                agents: vec![agent.to_string()],
                issuers: vec![
                    IssuerConfig {
                        address: kyc_issuer.to_string(),
                        name: "Harbour Transfer Agent — KYC desk".into(),
                        claims: vec![
                            ClaimType::Kyc,
                            ClaimType::ProfessionalInvestor,
                            ClaimType::Accredited,
                            ClaimType::Institutional,
                            ClaimType::AmlScreening,
                        ],
                        public_key: None,
                    },
                    IssuerConfig {
                        address: attestor.to_string(),
                        name: "Harbour off-chain attestor".into(),
                        claims: vec![ClaimType::Kyc, ClaimType::ProfessionalInvestor, ClaimType::AmlScreening],
                        public_key: Some(IssuerPublicKey::Secp256k1(HexBinary::from(attestor_pub))),
                    },
                ],
            },
            &[],
            "harbour-identity-registry",
            Some(owner.to_string()),
        )?;

        let mut suite = Suite {
            app,
            deployer,
            owner,
            agent,
            kyc_issuer,
            attestor,
            attestor_key,
            registry: IdentityRegistry(registry),
            registry_code,
            multisig,
            cash: None,
            fund: None,
            dealing: None,
            actors: BTreeMap::new(),
            dids: BTreeMap::new(),
        };
        for spec in &self.investors {
            suite.onboard(spec, self.credential_validity)?;
        }
        Ok(suite)
    }
}

pub struct Suite {
    pub app: App,
    pub deployer: Addr,
    /// The owner of every contract (a cw3 multisig when built `with_multisig_owner`).
    pub owner: Addr,
    pub agent: Addr,
    /// Issues credentials directly (KYC, PI, accredited, institutional, AML).
    pub kyc_issuer: Addr,
    /// Signs attestations off chain with `attestor_key` (secp256k1).
    pub attestor: Addr,
    pub attestor_key: k256::ecdsa::SigningKey,
    pub registry: IdentityRegistry,
    pub registry_code: u64,
    pub multisig: Option<Multisig>,
    /// The CW20 cash token (cw20-base "HKDT" until the stablecoin replaces it), once deployed.
    pub cash: Option<Addr>,
    /// The fund token, once deployed.
    pub fund: Option<Addr>,
    /// The fund's dealing contract, once deployed (with the fund).
    pub dealing: Option<Addr>,
    pub(crate) actors: BTreeMap<String, Addr>,
    dids: BTreeMap<String, String>,
}

impl Suite {
    // ---------------------------------------------------------------- actors and time

    /// The address of a named actor (created on first use).
    pub fn addr(&mut self, name: &str) -> Addr {
        let api = *self.app.api();
        self.actors.entry(name.to_string()).or_insert_with(|| api.addr_make(name)).clone()
    }

    /// The address of a named actor without creating an entry (deterministic from the name).
    pub fn addr_ref(&self, name: &str) -> Addr {
        self.actors.get(name).cloned().unwrap_or_else(|| self.app.api().addr_make(name))
    }

    /// The DID onboarded for a named actor.
    pub fn did(&self, name: &str) -> Option<&str> {
        self.dids.get(name).map(String::as_str)
    }

    pub fn now(&self) -> Timestamp {
        self.app.block_info().time
    }

    pub fn advance_seconds(&mut self, seconds: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(seconds);
            b.height += seconds.div_ceil(5).max(1);
        });
    }

    pub fn advance_days(&mut self, days: u64) {
        self.advance_seconds(days * DAY);
    }

    // ---------------------------------------------------------------- generic execution

    pub fn execute<M: Serialize + std::fmt::Debug>(
        &mut self,
        sender: &Addr,
        contract: &Addr,
        msg: &M,
    ) -> Result<AppResponse> {
        self.app.execute_contract(sender.clone(), contract.clone(), msg, &[])
    }

    /// Executes as the owner: directly, or through a multisig proposal when the owner is a multisig.
    pub fn execute_as_owner<M: Serialize + std::fmt::Debug>(
        &mut self,
        contract: &Addr,
        msg: &M,
    ) -> Result<AppResponse> {
        match &self.multisig {
            Some(m) => m.execute(&mut self.app, contract, msg),
            None => self.app.execute_contract(self.owner.clone(), contract.clone(), msg, &[]),
        }
    }

    pub fn query<M: Serialize, R: DeserializeOwned>(&self, contract: &Addr, msg: &M) -> Result<R> {
        Ok(self.app.wrap().query_wasm_smart(contract, msg)?)
    }

    // ---------------------------------------------------------------- identity registry

    pub fn registry_addr(&self) -> Addr {
        self.registry.0.clone()
    }

    pub fn registry_execute(&mut self, sender: &Addr, msg: &reg::ExecuteMsg) -> Result<AppResponse> {
        let registry = self.registry_addr();
        self.execute(sender, &registry, msg)
    }

    pub fn registry_query<R: DeserializeOwned>(&self, msg: &reg::QueryMsg) -> Result<R> {
        self.query(&self.registry.0, msg)
    }

    /// Registers `spec`'s DID with the actor's wallet and issues its claims (agent + KYC issuer).
    pub fn onboard(&mut self, spec: &InvestorSpec, validity: u64) -> Result<Addr> {
        let wallet = self.addr(&spec.name);
        let agent = self.agent.clone();
        self.registry_execute(
            &agent,
            &reg::ExecuteMsg::RegisterIdentity(NewIdentity {
                did: spec.did.clone(),
                wallets: vec![wallet.to_string()],
                jurisdiction: spec.jurisdiction.clone(),
                category: spec.category,
            }),
        )?;
        for claim in &spec.claims {
            self.issue_credential(&spec.did, *claim, validity)?;
        }
        self.dids.insert(spec.name.clone(), spec.did.clone());
        Ok(wallet)
    }

    /// Registers a DID for named wallets (agent).
    pub fn register_identity(
        &mut self,
        did: &str,
        wallet_names: &[&str],
        jurisdiction: &str,
        category: InvestorCategory,
    ) -> Result<AppResponse> {
        let wallets = wallet_names.iter().map(|n| self.addr(n).to_string()).collect();
        let agent = self.agent.clone();
        self.registry_execute(
            &agent,
            &reg::ExecuteMsg::RegisterIdentity(NewIdentity {
                did: did.into(),
                wallets,
                jurisdiction: jurisdiction.into(),
                category,
            }),
        )
    }

    pub fn bind_wallet(&mut self, did: &str, wallet_name: &str) -> Result<AppResponse> {
        let wallet = self.addr(wallet_name).to_string();
        let agent = self.agent.clone();
        self.registry_execute(&agent, &reg::ExecuteMsg::BindWallet { did: did.into(), wallet })
    }

    pub fn recover_wallet(&mut self, did: &str, lost: &str, new: &str) -> Result<AppResponse> {
        let (lost_wallet, new_wallet) = (self.addr(lost).to_string(), self.addr(new).to_string());
        let agent = self.agent.clone();
        self.registry_execute(&agent, &reg::ExecuteMsg::RecoverWallet { did: did.into(), lost_wallet, new_wallet })
    }

    /// Direct issuance by the KYC issuer, valid for `valid_for` seconds from now.
    pub fn issue_credential(&mut self, did: &str, claim: ClaimType, valid_for: u64) -> Result<AppResponse> {
        let issuer = self.kyc_issuer.clone();
        let grant = CredentialGrant {
            did: did.into(),
            claim,
            valid_until: self.now().plus_seconds(valid_for),
            evidence_hash: HexBinary::from(vec![0xAB; 32]),
        };
        self.registry_execute(&issuer, &reg::ExecuteMsg::IssueCredential(grant))
    }

    pub fn revoke_credential(&mut self, did: &str, claim: ClaimType, reason: &str) -> Result<AppResponse> {
        let issuer = self.kyc_issuer.clone();
        self.registry_execute(
            &issuer,
            &reg::ExecuteMsg::RevokeCredential(reg::Revocation { did: did.into(), claim, reason: reason.into() }),
        )
    }

    /// An attestation signed by the suite's attestor key for this chain and registry.
    pub fn signed_attestation(
        &self,
        did: &str,
        wallet: &Addr,
        claim: ClaimType,
        valid_for: u64,
        nonce: u64,
    ) -> Result<SignedAttestation> {
        let registry = self.registry_addr();
        let issued_at = self.now();
        let valid_until = issued_at.plus_seconds(valid_for);
        let evidence = [0xCD; 32];
        let digest = AttestationFields {
            chain_id: CHAIN_ID,
            registry: registry.as_str(),
            issuer: self.attestor.as_str(),
            did,
            wallet: wallet.as_str(),
            claim,
            issued_at,
            valid_until,
            evidence_hash: &evidence,
            nonce,
        }
        .digest();
        let signature: k256::ecdsa::Signature =
            self.attestor_key.sign_prehash(&digest).map_err(|e| anyhow!("signing failed: {e}"))?;
        Ok(SignedAttestation {
            did: did.into(),
            wallet: wallet.to_string(),
            claim,
            issuer: self.attestor.to_string(),
            issued_at,
            valid_until,
            evidence_hash: HexBinary::from(evidence.to_vec()),
            nonce,
            signature: Binary::from(signature.to_bytes().to_vec()),
        })
    }

    pub fn verify(&self, who: &Addr, requirement: &Requirement) -> Result<Verdict> {
        Ok(self.registry.verify(&self.app.wrap(), who, requirement)?)
    }

    /// Code id of a fresh upload of the registry (for migration tests).
    pub fn store_registry_code(&mut self) -> u64 {
        self.app.store_code(contracts::identity_registry())
    }

    pub fn migrate<M: Serialize>(&mut self, contract: &Addr, msg: &M, code_id: u64) -> Result<AppResponse> {
        let admin = self.owner.clone();
        match &self.multisig {
            Some(m) => {
                let wasm = cosmwasm_std::WasmMsg::Migrate {
                    contract_addr: contract.to_string(),
                    new_code_id: code_id,
                    msg: cosmwasm_std::to_json_binary(msg)?,
                };
                m.propose_and_execute(&mut self.app, "migrate", vec![cosmwasm_std::CosmosMsg::<Empty>::Wasm(wasm)])
            }
            None => self.app.migrate_contract(admin, contract.clone(), msg, code_id),
        }
    }
}

/// The contract error inside a multi-test error chain, for `assert_eq!` against typed errors.
pub fn contract_error<E: std::fmt::Display + std::fmt::Debug + Send + Sync + 'static>(
    err: &anyhow::Error,
) -> Option<&E> {
    err.downcast_ref::<E>()
}
