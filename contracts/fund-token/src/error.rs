use cosmwasm_std::{Decimal, StdError, Timestamp, Uint128};
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

    #[error("holders cannot burn: redeem with request_redemption (a burn never destroys shares without payment)")]
    RedeemWithRequest {},

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

    #[error("only the cash token {expected} may send cash hooks")]
    NotCashToken { expected: String },

    #[error("amount must be greater than zero")]
    ZeroAmount {},

    #[error("insufficient balance: {available} available, {needed} needed")]
    InsufficientBalance { available: Uint128, needed: Uint128 },

    #[error("the fund is paused")]
    Paused {},

    #[error("dealing is suspended (fund gate)")]
    DealingSuspended {},

    #[error("NAV is stale: updated at {updated_at}, stale after {stale_after}")]
    StaleNav { updated_at: Timestamp, stale_after: Timestamp },

    #[error("NAV must be positive")]
    ZeroNav {},

    #[error("NAV update too soon: next allowed at {next_allowed}")]
    NavTooSoon { next_allowed: Timestamp },

    #[error("NAV move {move_bps} bps exceeds the {max_bps} bps guard (previous {previous}, new {new})")]
    NavMoveTooLarge { previous: Decimal, new: Decimal, move_bps: u128, max_bps: u16 },

    #[error("subscription {amount} is below the minimum subscription {minimum}")]
    BelowMinimumSubscription { amount: Uint128, minimum: Uint128 },

    #[error("the amount buys no shares at the current NAV")]
    NothingToMint {},

    #[error("the redemption is worth no cash at the current NAV")]
    NothingToPay {},

    #[error("instant redemption daily limit: {remaining} left today, {needed} needed")]
    DailyLimitExceeded { remaining: Uint128, needed: Uint128 },

    #[error("liquidity buffer too small: {available} available, {needed} needed")]
    InsufficientLiquidity { available: Uint128, needed: Uint128 },

    #[error("at most {max} pending redemption requests per wallet")]
    TooManyPendingRequests { max: usize },

    #[error("redemption request {id} belongs to {owner}, a wallet the registry unbound: recover the wallet first")]
    RequestOwnerUnbound { id: u64, owner: String },

    #[error("the cash token cannot change while the fund holds cash in it (buffer {buffer}, income owed and carried {income}, pending requests {pending})")]
    CashTokenInUse { buffer: Uint128, income: Uint128, pending: u64 },

    #[error("arithmetic overflow")]
    Overflow {},

    #[error("redemption request {id} not found")]
    RequestNotFound { id: u64 },

    #[error("settlement amount {got} does not match the {expected} due for request {id}")]
    SettlementMismatch { id: u64, expected: Uint128, got: Uint128 },

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

    #[error("unknown cash hook message: {reason}")]
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
