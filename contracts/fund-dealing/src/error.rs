use cosmwasm_std::{Decimal, StdError, Timestamp, Uint128};
use cw_ownable::OwnershipError;
use harbour_types::compliance::{Denial, ReasonCode};
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

/// Every way a dealing message can fail. Each error leaves every contract's state unchanged (a
/// refusal by the fund token or the cash token reverts the whole transaction).
#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),

    #[error(transparent)]
    Ownership(#[from] OwnershipError),

    #[error(transparent)]
    Migration(#[from] MigrationError),

    #[error("math: {0}")]
    Math(#[from] MathError),

    /// A dealing refusal, with the same reason codes as the `CanSubscribe`/`CanRedeem` dry runs.
    #[error("dealing refused: {}", codes(.reasons))]
    Refused { reasons: Vec<Denial> },

    #[error("unauthorized: {action} requires the {role} role")]
    Unauthorized { action: &'static str, role: &'static str },

    #[error("only the cash token {expected} may send cash hooks")]
    NotCashToken { expected: String },

    #[error("only the fund token {expected} may send hold hooks")]
    NotFundToken { expected: String },

    #[error("a hold for fund dealing carries an order (redeem_instant or request_redemption): {reason}")]
    InvalidOrder { reason: String },

    #[error("a hold for fund dealing must not expire (it was placed to expire at {expires})")]
    ExpiringHold { expires: Timestamp },

    #[error("unknown cash hook message: {reason}")]
    InvalidHook { reason: String },

    #[error("amount must be greater than zero")]
    ZeroAmount {},

    #[error("NAV must be positive")]
    ZeroNav {},

    #[error("NAV update too soon: next allowed at {next_allowed}")]
    NavTooSoon { next_allowed: Timestamp },

    #[error("NAV move {move_bps} bps exceeds the {max_bps} bps guard (previous {previous}, new {new}); a larger decrease needs the markdown role")]
    NavMoveTooLarge { previous: Decimal, new: Decimal, move_bps: u128, max_bps: u16 },

    #[error("an emergency markdown must lower the NAV (current {current}, given {new})")]
    MarkdownNotLower { current: Decimal, new: Decimal },

    #[error("redemption request {id} not found")]
    RequestNotFound { id: u64 },

    #[error("settlement amount {got} does not match the {expected} due for request {id}")]
    SettlementMismatch { id: u64, expected: Uint128, got: Uint128 },

    #[error("buffer holds {available}, {needed} asked")]
    BufferTooSmall { available: Uint128, needed: Uint128 },

    #[error("the cash token cannot change while the contract holds cash in it (buffer {buffer}, fees {fees}): withdraw the buffer and sweep the fees first")]
    CashTokenInUse { buffer: Uint128, fees: Uint128 },

    #[error("{address} already has the {role} role")]
    RoleExists { address: String, role: &'static str },

    #[error("{address} does not have the {role} role")]
    RoleNotFound { address: String, role: &'static str },

    #[error("{address} cannot hold both the NAV oracle and the markdown role")]
    RoleConflict { address: String },

    #[error("too many members: the maximum is {max}")]
    TooManyMembers { max: u32 },

    #[error("invalid config: {reason}")]
    InvalidConfig { reason: String },

    #[error("{field} must be 1..={max} bytes")]
    InvalidText { field: &'static str, max: usize },

    #[error("arithmetic overflow")]
    Overflow {},

    #[error("dealing books inconsistency: {what} (nothing was changed; report this to the dealing agent)")]
    Inconsistent { what: &'static str },

    #[error("the dealing contract must always have an owner: renouncing ownership is not allowed")]
    CannotRenounce {},
}

impl ContractError {
    pub fn refused(reasons: Vec<Denial>) -> Self {
        ContractError::Refused { reasons }
    }
    pub fn refused_one(code: ReasonCode) -> Self {
        ContractError::Refused { reasons: vec![Denial::new(code)] }
    }
}
