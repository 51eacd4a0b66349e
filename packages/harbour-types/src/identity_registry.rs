//! Messages of the identity registry (`contracts/identity-registry`), its response types, the
//! signed-attestation byte format, and a typed helper for querying the registry from any contract.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Binary, HexBinary, QuerierWrapper, StdResult, Timestamp};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};
use sha2::{Digest, Sha256};

use crate::compliance::{Requirement, Verdict};
use crate::identity::{ClaimType, Credential, InvestorCategory, IssuerPublicKey};

/// Most wallets one DID may control.
pub const MAX_WALLETS_PER_DID: u32 = 16;
/// Most credentials (distinct claims) one DID may hold.
pub const MAX_CREDENTIALS_PER_DID: u32 = 32;
/// Most trusted issuers.
pub const MAX_ISSUERS: u32 = 64;
/// Most agents.
pub const MAX_AGENTS: u32 = 64;
/// Most claim types one issuer may be trusted for.
pub const MAX_CLAIMS_PER_ISSUER: usize = 16;
/// Most items in any batch message or batch query.
pub const MAX_BATCH: usize = 50;
/// Longest credential lifetime (`valid_until - now`): ten years.
pub const MAX_CREDENTIAL_LIFETIME_SECONDS: u64 = 10 * 366 * 24 * 3600;
/// Longest free-text field (issuer name, revocation reason).
pub const MAX_TEXT_LEN: usize = 256;
/// Most entries in each list of a [`Requirement`].
pub const MAX_REQUIREMENT_ITEMS: usize = 64;
/// Most subscriber contracts (tokens, vault, settlement) the registry pushes identity changes to.
pub const MAX_SUBSCRIBERS: u32 = 16;
/// Domain separator of signed attestations (version 1).
pub const ATTESTATION_DOMAIN: &[u8] = b"harbour.identity-registry.attestation.v1";

#[cw_serde]
pub struct InstantiateMsg {
    /// Owner (a cw3 multisig in production); transferable in two steps.
    pub owner: String,
    /// Initial agents (may register identities and manage wallets).
    #[serde(default)]
    pub agents: Vec<String>,
    /// Initial trusted issuers.
    #[serde(default)]
    pub issuers: Vec<IssuerConfig>,
}

/// A trusted issuer's configuration.
#[cw_serde]
pub struct IssuerConfig {
    pub address: String,
    /// Display name (e.g. "HK Transfer Agent Ltd — KYC desk"), at most 256 bytes.
    pub name: String,
    /// Claim types this issuer may attest (1..=16, no duplicates).
    pub claims: Vec<ClaimType>,
    /// Key for off-chain signed attestations; `None` means direct issuance only.
    pub public_key: Option<IssuerPublicKey>,
}

/// An identity to register.
#[cw_serde]
pub struct NewIdentity {
    pub did: String,
    /// Controller wallets (1..=16).
    pub wallets: Vec<String>,
    /// ISO 3166-1 alpha-2, upper case (e.g. "HK").
    pub jurisdiction: String,
    pub category: InvestorCategory,
}

/// A credential an issuer grants directly (issued_at = block time).
#[cw_serde]
pub struct CredentialGrant {
    pub did: String,
    pub claim: ClaimType,
    pub valid_until: Timestamp,
    /// SHA-256 of the off-chain verifiable credential (32 bytes, hex).
    pub evidence_hash: HexBinary,
}

/// An attestation an issuer signed off chain; anyone may submit it.
#[cw_serde]
pub struct SignedAttestation {
    pub did: String,
    /// A wallet bound to `did`: the attestation is for this DID as controlled by this wallet.
    pub wallet: String,
    pub claim: ClaimType,
    pub issuer: String,
    pub issued_at: Timestamp,
    pub valid_until: Timestamp,
    pub evidence_hash: HexBinary,
    /// Unique per issuer; a nonce can be used once.
    pub nonce: u64,
    /// secp256k1: 64-byte compact (r||s) ECDSA signature of the digest;
    /// ed25519: 64-byte signature of the 32-byte digest.
    pub signature: Binary,
}

#[cw_serde]
pub struct Revocation {
    pub did: String,
    pub claim: ClaimType,
    pub reason: String,
}

#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Agent: register a DID with its wallets, jurisdiction and category.
    RegisterIdentity(NewIdentity),
    /// Agent: register up to `MAX_BATCH` identities atomically.
    BatchRegisterIdentities { identities: Vec<NewIdentity> },
    /// Agent: change jurisdiction and/or category.
    UpdateIdentity { did: String, jurisdiction: Option<String>, category: Option<InvestorCategory> },
    /// Agent: off-board a DID: unbinds its wallets and deletes its credentials.
    RemoveIdentity { did: String },
    /// Agent: bind another wallet to a DID.
    BindWallet { did: String, wallet: String },
    /// Agent: unbind a wallet from its DID.
    UnbindWallet { did: String, wallet: String },
    /// Agent: move a DID from a lost wallet to a new one (emits `wasm-harbour_wallet_recovered`).
    RecoverWallet { did: String, lost_wallet: String, new_wallet: String },
    /// Trusted issuer: grant or renew (replace in place) a credential.
    IssueCredential(CredentialGrant),
    /// Trusted issuer: grant up to `MAX_BATCH` credentials atomically.
    BatchIssueCredentials { grants: Vec<CredentialGrant> },
    /// Anyone: submit an issuer-signed attestation.
    SubmitAttestation(SignedAttestation),
    /// Owner or an issuer trusted for the claim: revoke a credential.
    RevokeCredential(Revocation),
    /// Owner or an issuer trusted for every claim: revoke up to `MAX_BATCH` credentials.
    BatchRevokeCredentials { revocations: Vec<Revocation> },
    /// Owner: add an agent.
    AddAgent { address: String },
    /// Owner: remove an agent.
    RemoveAgent { address: String },
    /// Owner: trust a new issuer.
    AddIssuer(IssuerConfig),
    /// Owner: change an issuer's name, claims or key.
    UpdateIssuer(IssuerConfig),
    /// Owner: stop trusting an issuer. Credentials it issued stay until they expire or are revoked
    /// (use `CredentialsByIssuer` + `BatchRevokeCredentials` to withdraw them).
    RemoveIssuer { address: String },
    /// Owner: push every future identity change to this contract (a token's identity cache).
    /// The subscriber must accept `{"registry_hook": IdentityHookMsg}` executes from the registry.
    AddSubscriber { address: String },
    /// Owner: stop pushing identity changes to this contract.
    RemoveSubscriber { address: String },
    /// Anyone: push the current snapshot of up to `MAX_BATCH` DIDs to every subscriber (to seed a
    /// newly subscribed contract's cache). Snapshots are the registry's truth, so this is harmless.
    PushIdentities { dids: Vec<String> },
}

#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// Limits and counters.
    #[returns(ConfigResponse)]
    Config {},
    #[returns(IdentityResponse)]
    Identity { did: String },
    #[returns(IdentitiesResponse)]
    Identities { start_after: Option<String>, limit: Option<u32> },
    /// The DID a wallet is bound to (`did: None` when unbound).
    #[returns(WalletResponse)]
    Wallet { address: String },
    /// Wallets of a DID, paginated by address.
    #[returns(WalletsResponse)]
    Wallets { did: String, start_after: Option<String>, limit: Option<u32> },
    #[returns(CredentialResponse)]
    Credential { did: String, claim: ClaimType },
    #[returns(CredentialsResponse)]
    Credentials { did: String, start_after: Option<ClaimType>, limit: Option<u32> },
    /// Credentials issued by one issuer (audit; for withdrawing a compromised issuer's credentials).
    #[returns(CredentialsByIssuerResponse)]
    CredentialsByIssuer { issuer: String, start_after: Option<(String, ClaimType)>, limit: Option<u32> },
    /// Checks one address against a requirement at the current block time.
    #[returns(Verdict)]
    Verify { address: String, requirement: Requirement },
    /// Checks both parties of a transfer in one call.
    #[returns(PairVerdictResponse)]
    VerifyPair { from: String, to: String, requirement: Requirement },
    /// Checks up to `MAX_BATCH` addresses.
    #[returns(VerdictsResponse)]
    VerifyMany { addresses: Vec<String>, requirement: Requirement },
    #[returns(IssuerResponse)]
    Issuer { address: String },
    #[returns(IssuersResponse)]
    Issuers { start_after: Option<String>, limit: Option<u32> },
    #[returns(AgentResponse)]
    Agent { address: String },
    #[returns(AgentsResponse)]
    Agents { start_after: Option<String>, limit: Option<u32> },
    #[returns(NonceResponse)]
    NonceUsed { issuer: String, nonce: u64 },
    #[returns(SubscribersResponse)]
    Subscribers { start_after: Option<String>, limit: Option<u32> },
    /// The snapshot the registry would push for a DID now.
    #[returns(IdentitySnapshot)]
    Snapshot { did: String },
    /// The exact bytes and SHA-256 digest an issuer signs for an attestation on this registry
    /// (the `signature` field of the input is ignored). Lets SDKs check their encoding.
    #[returns(AttestationPayloadResponse)]
    AttestationPayload { attestation: SignedAttestation },
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct ConfigResponse {
    pub identity_count: u64,
    pub issuer_count: u32,
    pub agent_count: u32,
    pub subscriber_count: u32,
    pub max_wallets_per_did: u32,
    pub max_credentials_per_did: u32,
    pub max_issuers: u32,
    pub max_agents: u32,
    pub max_subscribers: u32,
    pub max_batch: u32,
}

#[cw_serde]
pub struct IdentityResponse {
    pub did: String,
    pub jurisdiction: String,
    pub category: InvestorCategory,
    /// All wallets (at most `MAX_WALLETS_PER_DID`), sorted by address.
    pub wallets: Vec<Addr>,
    pub credential_count: u32,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[cw_serde]
pub struct IdentitiesResponse {
    pub identities: Vec<IdentityResponse>,
}

#[cw_serde]
pub struct WalletResponse {
    pub address: Addr,
    pub did: Option<String>,
}

#[cw_serde]
pub struct WalletsResponse {
    pub did: String,
    pub wallets: Vec<Addr>,
}

#[cw_serde]
pub struct CredentialResponse {
    pub did: String,
    pub credential: Credential,
    /// Neither revoked nor expired at the current block time.
    pub valid: bool,
}

#[cw_serde]
pub struct CredentialsResponse {
    pub did: String,
    pub credentials: Vec<CredentialResponse>,
}

#[cw_serde]
pub struct CredentialsByIssuerResponse {
    pub issuer: Addr,
    pub credentials: Vec<CredentialResponse>,
}

#[cw_serde]
pub struct PairVerdictResponse {
    pub from: Verdict,
    pub to: Verdict,
}

#[cw_serde]
pub struct VerdictsResponse {
    pub verdicts: Vec<Verdict>,
}

#[cw_serde]
pub struct IssuerResponse {
    pub address: Addr,
    pub name: String,
    pub claims: Vec<ClaimType>,
    pub public_key: Option<IssuerPublicKey>,
    pub added_at: Timestamp,
}

#[cw_serde]
pub struct IssuersResponse {
    pub issuers: Vec<IssuerResponse>,
}

#[cw_serde]
pub struct AgentResponse {
    pub address: Addr,
    pub is_agent: bool,
}

#[cw_serde]
pub struct AgentsResponse {
    pub agents: Vec<Addr>,
}

#[cw_serde]
pub struct NonceResponse {
    pub issuer: Addr,
    pub nonce: u64,
    pub used: bool,
}

#[cw_serde]
pub struct SubscribersResponse {
    pub subscribers: Vec<Addr>,
}

/// One credential's status as pushed to subscribers.
#[cw_serde]
pub struct CredentialStatus {
    pub claim: ClaimType,
    pub valid_until: Timestamp,
    pub revoked: bool,
}

/// The full current state of one DID, pushed to subscribers after every change to it.
/// Subscribers replace whatever they cached for `did` and for `unbound_wallets` with this.
#[cw_serde]
pub struct IdentitySnapshot {
    pub did: String,
    /// `false` when the DID was removed: forget it and all of `unbound_wallets`.
    pub exists: bool,
    pub jurisdiction: String,
    pub category: InvestorCategory,
    /// Every wallet currently bound to the DID (sorted).
    pub wallets: Vec<Addr>,
    /// Wallets that stopped being bound to the DID in this change (unbind, recovery, removal).
    pub unbound_wallets: Vec<Addr>,
    /// Every credential the DID holds (valid or not), by claim code order.
    pub credentials: Vec<CredentialStatus>,
}

/// What the registry sends to each subscriber, as `{"registry_hook": IdentityHookMsg}`.
#[cw_serde]
pub enum IdentityHookMsg {
    IdentityChanged(IdentitySnapshot),
}

/// The execute message wrapper subscribers must accept (only from the registry they trust).
#[cw_serde]
pub enum SubscriberExecuteMsg {
    RegistryHook(IdentityHookMsg),
}

#[cw_serde]
pub struct AttestationPayloadResponse {
    pub payload: HexBinary,
    pub digest: HexBinary,
}

/// The fields of an attestation that the issuer signs.
#[derive(Debug, Clone, Copy)]
pub struct AttestationFields<'a> {
    pub chain_id: &'a str,
    pub registry: &'a str,
    pub issuer: &'a str,
    pub did: &'a str,
    pub wallet: &'a str,
    pub claim: ClaimType,
    pub issued_at: Timestamp,
    pub valid_until: Timestamp,
    pub evidence_hash: &'a [u8],
    pub nonce: u64,
}

fn push_lp(out: &mut Vec<u8>, field: &[u8]) {
    // Every variable-length field is prefixed by its length (u16 big-endian). Fields are bounded far
    // below 65,535 bytes by validation, and truncation cannot occur for valid inputs.
    out.extend_from_slice(&(field.len().min(u16::MAX as usize) as u16).to_be_bytes());
    out.extend_from_slice(field);
}

impl AttestationFields<'_> {
    /// The exact byte string signed (format v1):
    ///
    /// ```text
    /// "harbour.identity-registry.attestation.v1"
    /// || lp(chain_id) || lp(registry) || lp(issuer) || lp(did) || lp(wallet)
    /// || u32be(claim.code()) || u64be(issued_at nanos) || u64be(valid_until nanos)
    /// || lp(evidence_hash) || u64be(nonce)
    /// lp(x) = u16be(len(x)) || x
    /// ```
    pub fn payload(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(ATTESTATION_DOMAIN);
        push_lp(&mut out, self.chain_id.as_bytes());
        push_lp(&mut out, self.registry.as_bytes());
        push_lp(&mut out, self.issuer.as_bytes());
        push_lp(&mut out, self.did.as_bytes());
        push_lp(&mut out, self.wallet.as_bytes());
        out.extend_from_slice(&self.claim.code().to_be_bytes());
        out.extend_from_slice(&self.issued_at.nanos().to_be_bytes());
        out.extend_from_slice(&self.valid_until.nanos().to_be_bytes());
        push_lp(&mut out, self.evidence_hash);
        out.extend_from_slice(&self.nonce.to_be_bytes());
        out
    }

    /// SHA-256 of [`Self::payload`]: what secp256k1 (prehashed ECDSA) and ed25519 sign.
    pub fn digest(&self) -> [u8; 32] {
        Sha256::digest(self.payload()).into()
    }
}

/// Typed helper for querying a registry from another contract or a test.
#[cw_serde]
pub struct IdentityRegistry(pub Addr);

impl IdentityRegistry {
    pub fn addr(&self) -> &Addr {
        &self.0
    }

    pub fn verify(
        &self,
        querier: &QuerierWrapper,
        address: impl Into<String>,
        requirement: &Requirement,
    ) -> StdResult<Verdict> {
        querier
            .query_wasm_smart(&self.0, &QueryMsg::Verify { address: address.into(), requirement: requirement.clone() })
    }

    pub fn verify_pair(
        &self,
        querier: &QuerierWrapper,
        from: impl Into<String>,
        to: impl Into<String>,
        requirement: &Requirement,
    ) -> StdResult<PairVerdictResponse> {
        querier.query_wasm_smart(
            &self.0,
            &QueryMsg::VerifyPair { from: from.into(), to: to.into(), requirement: requirement.clone() },
        )
    }

    pub fn did_of(&self, querier: &QuerierWrapper, address: impl Into<String>) -> StdResult<Option<String>> {
        let res: WalletResponse = querier.query_wasm_smart(&self.0, &QueryMsg::Wallet { address: address.into() })?;
        Ok(res.did)
    }

    pub fn identity(&self, querier: &QuerierWrapper, did: impl Into<String>) -> StdResult<IdentityResponse> {
        querier.query_wasm_smart(&self.0, &QueryMsg::Identity { did: did.into() })
    }

    pub fn snapshot(&self, querier: &QuerierWrapper, did: impl Into<String>) -> StdResult<IdentitySnapshot> {
        querier.query_wasm_smart(&self.0, &QueryMsg::Snapshot { did: did.into() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> AttestationFields<'static> {
        AttestationFields {
            chain_id: "harbour-1",
            registry: "cosmwasm1registry",
            issuer: "cosmwasm1issuer",
            did: "did:hk:alice",
            wallet: "cosmwasm1alice",
            claim: ClaimType::Kyc,
            issued_at: Timestamp::from_seconds(1),
            valid_until: Timestamp::from_seconds(2),
            evidence_hash: &[7u8; 32],
            nonce: 9,
        }
    }

    #[test]
    fn payload_layout_is_documented() {
        let p = fields().payload();
        assert!(p.starts_with(ATTESTATION_DOMAIN));
        let mut expected = ATTESTATION_DOMAIN.to_vec();
        for f in ["harbour-1", "cosmwasm1registry", "cosmwasm1issuer", "did:hk:alice", "cosmwasm1alice"] {
            expected.extend_from_slice(&(f.len() as u16).to_be_bytes());
            expected.extend_from_slice(f.as_bytes());
        }
        expected.extend_from_slice(&1u32.to_be_bytes());
        expected.extend_from_slice(&1_000_000_000u64.to_be_bytes());
        expected.extend_from_slice(&2_000_000_000u64.to_be_bytes());
        expected.extend_from_slice(&32u16.to_be_bytes());
        expected.extend_from_slice(&[7u8; 32]);
        expected.extend_from_slice(&9u64.to_be_bytes());
        assert_eq!(p, expected);
    }

    #[test]
    fn every_field_changes_the_digest() {
        let base = fields().digest();
        let hash = [8u8; 32];
        let variants = [
            AttestationFields { chain_id: "harbour-2", ..fields() },
            AttestationFields { registry: "cosmwasm1other", ..fields() },
            AttestationFields { issuer: "cosmwasm1issuer2", ..fields() },
            AttestationFields { did: "did:hk:alicf", ..fields() },
            AttestationFields { wallet: "cosmwasm1alicf", ..fields() },
            AttestationFields { claim: ClaimType::AmlScreening, ..fields() },
            AttestationFields { issued_at: Timestamp::from_nanos(1_000_000_001), ..fields() },
            AttestationFields { valid_until: Timestamp::from_seconds(3), ..fields() },
            AttestationFields { evidence_hash: &hash, ..fields() },
            AttestationFields { nonce: 10, ..fields() },
        ];
        for v in variants {
            assert_ne!(v.digest(), base);
        }
        // length prefixes prevent field-boundary ambiguity
        let a = AttestationFields { did: "did:hk:ab", wallet: "c", ..fields() };
        let b = AttestationFields { did: "did:hk:a", wallet: "bc", ..fields() };
        assert_ne!(a.digest(), b.digest());
    }
}
