use cosmwasm_std::{Decimal, StdError, Uint128};
use cw_ownable::OwnershipError;
use harbour_types::compliance::{Denial, ReasonCode};
use harbour_types::cw20_support::Cw20SupportError;
use harbour_types::holds::HoldError;
use harbour_types::jurisdiction::JurisdictionError;
use harbour_types::math::MathError;
use harbour_types::migration::MigrationError;
use thiserror::Error;

fn codes(reasons: &[Denial]) -> String {
    reasons
        .iter()
        .map(|d| match d.claim {
            Some(c) => format!("{}({})", d.code, c),
            None => d.code.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every way a fund-token message can fail. Each error leaves state unchanged.
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

    #[error("ledger inconsistency: {what} (nothing was changed; report this to the transfer agent)")]
    Inconsistent { what: &'static str },

    #[error("{needed} needed but only {available} are not held for venues ({held} held): release the holds by court order first (court_release_hold)")]
    HeldByVenues { available: Uint128, held: Uint128, needed: Uint128 },

    #[error("holders cannot burn: redeem with request_redemption (or redeem_instant), a hold for the fund's dealing contract carrying the order (a burn never destroys shares without payment)")]
    RedeemWithRequest {},

    #[error("only the fund's dealing contract ({expected}) may mint for subscriptions")]
    NotDealing { expected: String },

    #[error("{address} must be an approved venue with the burn_held permission before it can be the dealing contract")]
    NotADealingVenue { address: String },

    #[error("the dealing contract {address} still holds units ({held}): it cannot be replaced until its holds are settled or released")]
    DealingInUse { address: String, held: bool },

    #[error("{address} is already the income token")]
    IncomeTokenUnchanged { address: String },

    #[error("no whole unit of income carry to sweep (carry {carry})")]
    NothingToSweep { carry: Decimal },

    #[error("math: {0}")]
    Math(#[from] MathError),

    #[error("invalid jurisdiction: {0}")]
    InvalidJurisdiction(#[from] JurisdictionError),

    #[error("compliance: movement denied: {}", codes(.reasons))]
    Compliance { reasons: Vec<Denial> },

    #[error("unauthorized: {action} requires the {role} role")]
    Unauthorized { action: &'static str, role: &'static str },

    #[error("only the identity registry may send identity hooks")]
    NotRegistry {},

    #[error("only the income token {expected} may send income hooks")]
    NotIncomeToken { expected: String },

    #[error("amount must be greater than zero")]
    ZeroAmount {},

    #[error("insufficient balance: {available} available, {needed} needed")]
    InsufficientBalance { available: Uint128, needed: Uint128 },

    #[error("the fund is paused")]
    Paused {},

    #[error("arithmetic overflow")]
    Overflow {},

    #[error("income can only be deposited and claimed in a distributing fund")]
    NotDistributing {},

    #[error("no shares exist: there is no one to distribute income to")]
    NoIncomeSupply {},

    #[error("nothing to claim")]
    NothingToClaim {},

    #[error("recovery needs both wallets to belong to the same DID ({lost} and {new} do not)")]
    RecoveryMismatch { lost: String, new: String },

    #[error("new wallet must differ from the lost wallet")]
    SameWallet {},

    #[error("freeze amount {amount} exceeds the balance {balance}")]
    FreezeExceedsBalance { amount: Uint128, balance: Uint128 },

    #[error("{address} is not frozen")]
    NotFrozen { address: String },

    #[error("batch too large: {got} items, the maximum is {max}")]
    BatchTooLarge { got: usize, max: usize },

    #[error("batch is empty")]
    EmptyBatch {},

    #[error("{field} must be 1..={max} bytes")]
    InvalidText { field: &'static str, max: usize },

    #[error("invalid config: {reason}")]
    InvalidConfig { reason: String },

    #[error("{address} already has the {role} role")]
    RoleExists { address: String, role: String },

    #[error("{address} does not have the {role} role")]
    RoleNotFound { address: String, role: String },

    #[error("too many members: the maximum is {max}")]
    TooManyMembers { max: u32 },

    #[error("{address} is not a registered venue identity in the token's identity cache (register it in the registry with category venue first)")]
    NotAVenueIdentity { address: String },

    #[error("unknown income hook message: {reason}")]
    InvalidHook { reason: String },

    #[error("the fund must always have an owner: renouncing ownership is not allowed")]
    CannotRenounce {},
}

impl ContractError {
    pub fn denied(reasons: Vec<Denial>) -> Self {
        ContractError::Compliance { reasons }
    }
    pub fn denied_one(code: ReasonCode) -> Self {
        ContractError::Compliance { reasons: vec![Denial::new(code)] }
    }
}
