use cosmwasm_std::{StdError, Timestamp};
use cw_ownable::OwnershipError;
use harbour_types::did::DidError;
use harbour_types::identity::ClaimType;
use harbour_types::jurisdiction::JurisdictionError;
use harbour_types::migration::MigrationError;
use thiserror::Error;

/// Every way a registry message can fail. Each error leaves state unchanged.
#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),

    #[error(transparent)]
    Ownership(#[from] OwnershipError),

    #[error(transparent)]
    Migration(#[from] MigrationError),

    #[error("malformed DID \"{did}\": {source}")]
    MalformedDid { did: String, source: DidError },

    #[error("invalid jurisdiction: {0}")]
    InvalidJurisdiction(#[from] JurisdictionError),

    #[error("unauthorized: {action} requires the {role} role")]
    Unauthorized { action: &'static str, role: &'static str },

    #[error("identity {did} already registered")]
    IdentityExists { did: String },

    #[error("identity {did} not found")]
    IdentityNotFound { did: String },

    #[error("unknown wallet {wallet}: not bound to any DID")]
    UnknownWallet { wallet: String },

    #[error("wallet {wallet} already bound to {did}")]
    WalletAlreadyBound { wallet: String, did: String },

    #[error("wallet {wallet} is not bound to {did}")]
    WalletNotBoundToDid { wallet: String, did: String },

    #[error("identity needs 1..={max} wallets, got {got}")]
    WalletCount { got: usize, max: u32 },

    #[error("{did} already has the maximum of {max} wallets")]
    TooManyWallets { did: String, max: u32 },

    #[error("{did} already holds the maximum of {max} credentials")]
    TooManyCredentials { did: String, max: u32 },

    #[error("duplicate {what} in the message: {value}")]
    Duplicate { what: &'static str, value: String },

    #[error("issuer {issuer} is not trusted for claim {claim}")]
    IssuerNotTrusted { issuer: String, claim: ClaimType },

    #[error("issuer {issuer} already registered")]
    IssuerExists { issuer: String },

    #[error("issuer {issuer} not found")]
    IssuerNotFound { issuer: String },

    #[error("issuer {issuer} has no public key registered for signed attestations")]
    NoIssuerKey { issuer: String },

    #[error("invalid issuer public key: {reason}")]
    InvalidPublicKey { reason: String },

    #[error("issuer must be trusted for 1..={max} distinct claim types, got {got}")]
    IssuerClaimCount { got: usize, max: usize },

    #[error("too many issuers: the maximum is {max}")]
    TooManyIssuers { max: u32 },

    #[error("agent {agent} already registered")]
    AgentExists { agent: String },

    #[error("agent {agent} not found")]
    AgentNotFound { agent: String },

    #[error("too many agents: the maximum is {max}")]
    TooManyAgents { max: u32 },

    #[error("credential {claim} not found for {did}")]
    CredentialNotFound { did: String, claim: ClaimType },

    #[error("credential {claim} for {did} is already revoked")]
    AlreadyRevoked { did: String, claim: ClaimType },

    #[error("validity window expired: valid_until {valid_until} is not after the block time {now}")]
    ExpiredValidity { valid_until: Timestamp, now: Timestamp },

    #[error("validity window too long: valid_until {valid_until} is more than {max_seconds}s after the block time")]
    ValidityTooLong { valid_until: Timestamp, max_seconds: u64 },

    #[error("attestation issued_at {issued_at} is after the block time {now}")]
    IssuedInFuture { issued_at: Timestamp, now: Timestamp },

    #[error("attestation issued_at {issued_at} is not after the current credential's {current} (stale attestation)")]
    StaleAttestation { issued_at: Timestamp, current: Timestamp },

    #[error("evidence hash must be 32 bytes (SHA-256), got {got}")]
    InvalidEvidenceHash { got: usize },

    #[error("bad signature: the attestation was not signed by issuer {issuer}'s registered key")]
    BadSignature { issuer: String },

    #[error("nonce {nonce} of issuer {issuer} was already used (replayed attestation)")]
    NonceReplayed { issuer: String, nonce: u64 },

    #[error("batch too large: {got} items, the maximum is {max}")]
    BatchTooLarge { got: usize, max: usize },

    #[error("batch is empty")]
    EmptyBatch {},

    #[error("{field} must be 1..={max} bytes")]
    InvalidText { field: &'static str, max: usize },

    #[error("requirement list {field} has {got} items, the maximum is {max}")]
    RequirementTooLarge { field: &'static str, got: usize, max: usize },

    #[error("subscriber {subscriber} already registered")]
    SubscriberExists { subscriber: String },

    #[error("subscriber {subscriber} not found")]
    SubscriberNotFound { subscriber: String },

    #[error("too many subscribers: the maximum is {max}")]
    TooManySubscribers { max: u32 },

    #[error("{address} is not a contract: only contracts can subscribe to identity changes")]
    NotAContract { address: String },

    #[error("nothing to update")]
    NothingToUpdate {},

    #[error("new wallet must differ from the lost wallet")]
    SameWallet {},

    #[error("the registry must always have an owner: renouncing ownership is not allowed")]
    CannotRenounce {},
}

impl ContractError {
    pub fn malformed_did(did: &str, source: DidError) -> Self {
        ContractError::MalformedDid { did: did.to_string(), source }
    }
}
