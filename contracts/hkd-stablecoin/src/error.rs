use cosmwasm_std::{StdError, Timestamp, Uint128};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use harbour_types::cw20_support::Cw20SupportError;
use harbour_types::hkd_stablecoin::StableRole;
use harbour_types::holds::HoldError;
use harbour_types::math::MathError;
use harbour_types::migration::MigrationError;
use harbour_types::reserves::ReserveError;
use thiserror::Error;

/// Every way a stablecoin message can fail. Each error leaves state unchanged.
#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),

    #[error(transparent)]
    Ownership(#[from] OwnershipError),

    #[error(transparent)]
    Migration(#[from] MigrationError),

    #[error(transparent)]
    Cw20(#[from] Cw20SupportError),

    #[error("hold: {0}")]
    Hold(#[from] HoldError),

    #[error("ledger inconsistency: {what} (nothing was changed)")]
    Inconsistent { what: &'static str },

    #[error("math: {0}")]
    Math(#[from] MathError),

    #[error("reserves: {0}")]
    Reserve(#[from] ReserveError),

    #[error("payment: {0}")]
    Payment(#[from] PaymentError),

    // ---------------- authorization and roles
    #[error("unauthorized: {action} requires the {role} role")]
    Unauthorized { action: &'static str, role: &'static str },

    #[error("{address} already holds the {held} role: no address may hold two privileged roles")]
    RoleConflict { address: String, held: String },

    #[error("the {role} role is already held by {holder}: revoke it first")]
    RoleOccupied { role: StableRole, holder: String },

    #[error("{address} does not hold the {role} role")]
    RoleNotHeld { address: String, role: StableRole },

    #[error("minters are managed by the master minter (ConfigureMinter / RemoveMinter)")]
    MinterRoleViaMasterMinter {},

    #[error("too many {role} holders: the maximum is {max}")]
    TooManyRoleHolders { role: StableRole, max: u32 },

    #[error("{address} is not a minter")]
    MinterNotFound { address: String },

    #[error("the stablecoin must always have an owner: renouncing ownership is not allowed")]
    CannotRenounce {},

    // ---------------- movement rules
    #[error("the token is paused")]
    Paused {},

    #[error("{address} is blacklisted")]
    Blacklisted { address: String },

    #[error("{address} has no valid KYC credential in the identity registry (registry-gated token)")]
    NotKycVerified { address: String },

    #[error("amount must be greater than zero")]
    ZeroAmount {},

    #[error("insufficient balance: {available} available, {needed} needed")]
    InsufficientBalance { available: Uint128, needed: Uint128 },

    #[error("{needed} needed but only {free} are free: {held} are held for venues or redemption requests")]
    BalanceHeld { free: Uint128, held: Uint128, needed: Uint128 },

    #[error("holders cannot burn: redeem with request_redemption (a burn never destroys value without payment)")]
    RedeemWithRequest {},

    // ---------------- minting and the reserve rule
    #[error("no reserve attestation has been published: minting is not possible")]
    NoAttestation {},

    #[error("reserve attestation {sequence} is stale: as of {as_of}, stale after {stale_after}")]
    StaleAttestation { sequence: u64, as_of: Timestamp, stale_after: Timestamp },

    #[error("minting is halted: attestation {sequence} shows eligible reserves {eligible} below the {issued} it must back; a covering attestation lifts the halt")]
    MintingHalted { sequence: u64, eligible: Uint128, issued: Uint128 },

    #[error("attestation {sequence} was voided: minting stops until attestation {sequence} + 1 counts")]
    AttestationVoided { sequence: u64 },

    #[error("minter allowance: {allowance} left, {needed} needed")]
    MinterAllowanceExceeded { allowance: Uint128, needed: Uint128 },

    #[error("minter rate limit: {used} of {limit} minted in the last {window_seconds} s, {needed} more needed")]
    RateLimited { limit: Uint128, used: Uint128, needed: Uint128, window_seconds: u64 },

    #[error("decrease of {amount} exceeds the minter's allowance {allowance}")]
    AllowanceUnderflow { allowance: Uint128, amount: Uint128 },

    #[error("invalid rate limit: amount must be positive and the window 60..={max} seconds")]
    InvalidRateLimit { max: u64 },

    // ---------------- attestations
    #[error("attestation sequence {got}: the next sequence is {expected}")]
    SequenceNotNext { expected: u64, got: u64 },

    #[error("attestation as_of {as_of} is in the future (block time {now})")]
    AsOfInFuture { as_of: Timestamp, now: Timestamp },

    #[error("attestation as_of {as_of} is before the latest attestation's {latest}")]
    AsOfBeforeLatest { as_of: Timestamp, latest: Timestamp },

    #[error("attestation as_of {as_of} is already older than the maximum age of {max_age} s")]
    AttestationTooOld { as_of: Timestamp, max_age: u64 },

    #[error("report hash must be 32 bytes (SHA-256), got {len}")]
    InvalidReportHash { len: usize },

    #[error("this report was already published as attestation {sequence}")]
    ReportAlreadyPublished { sequence: u64 },

    #[error("attestation {sequence} not found")]
    AttestationNotFound { sequence: u64 },

    #[error("attestation {sequence} is already void")]
    AlreadyVoided { sequence: u64 },

    #[error("an attestation quorum of {quorum} needs at least {quorum} attestors ({attestors} would remain)")]
    QuorumUnreachable { quorum: u32, attestors: u32 },

    // ---------------- blacklist, wipe, rescue
    #[error("{address} is already blacklisted")]
    AlreadyBlacklisted { address: String },

    #[error("{address} is not blacklisted")]
    NotBlacklisted { address: String },

    #[error("{address} holds the {role} role: revoke the role before blacklisting")]
    CannotBlacklistRoleHolder { address: String, role: String },

    #[error("{address} has no balance to wipe")]
    NothingToWipe { address: String },

    #[error("{address} has {held} held: release venue holds by court order (court_release_hold) and reject its redemption requests before wiping")]
    WipeHeld { address: String, held: Uint128 },

    #[error("the stablecoin's own address is the redemption queue's venue: reject the redemption request instead")]
    RedemptionHold {},

    // ---------------- redemption
    #[error("redemption of {amount} is below the minimum {minimum}")]
    BelowMinimumRedemption { amount: Uint128, minimum: Uint128 },

    #[error("redemption of {amount} is above the maximum {maximum}")]
    AboveMaximumRedemption { amount: Uint128, maximum: Uint128 },

    #[error("redemption request {id} not found")]
    RequestNotFound { id: u64 },

    #[error("redemption request {id} is already {status}")]
    RequestClosed { id: u64, status: &'static str },

    #[error("invalid redemption config: {reason}")]
    InvalidRedemptionConfig { reason: String },

    // ---------------- configuration and input
    #[error("only the identity registry may send identity hooks")]
    NotRegistry {},

    #[error("registry-gated mode needs an identity registry (SetRegistry first)")]
    RegistryRequired {},

    #[error("{field} must be 1..={max} bytes")]
    InvalidText { field: &'static str, max: usize },

    #[error("invalid config: {reason}")]
    InvalidConfig { reason: String },

    #[error("batch too large: {got} items, the maximum is {max}")]
    BatchTooLarge { got: usize, max: usize },

    #[error("batch is empty")]
    EmptyBatch {},
}
