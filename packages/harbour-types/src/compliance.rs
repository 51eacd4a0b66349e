//! Compliance requirements, verdicts and the machine-readable reason codes shared by the
//! identity registry (identity-level codes) and the tokens (token-level codes).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Timestamp};

use crate::identity::{ClaimType, InvestorCategory};

/// Why a party or a movement is not allowed. Serialized as a snake_case string; each code also has
/// a stable number (`ReasonCode::number`) for compact logs and off-chain tables.
#[cw_serde]
#[derive(Copy, Eq, Hash, PartialOrd, Ord)]
pub enum ReasonCode {
    // ---- identity level (identity registry), 1xx ----
    /// The address is not bound to any DID.
    UnknownWallet,
    /// The DID has no credential for a required claim.
    MissingClaim,
    /// The credential for a required claim has passed its `valid_until`.
    ClaimExpired,
    /// The credential for a required claim was revoked.
    ClaimRevoked,
    /// The DID's jurisdiction is on the blocked list.
    JurisdictionBlocked,
    /// An allow-list of jurisdictions is set and the DID's is not on it.
    JurisdictionNotAllowed,
    /// The DID's investor category is not allowed.
    CategoryNotAllowed,
    // ---- token level (fund token, stablecoin), 2xx ----
    Paused,
    SenderFrozen,
    RecipientFrozen,
    /// The amount exceeds the balance that is neither frozen nor locked.
    InsufficientUnfrozenBalance,
    Locked,
    HolderCapReached,
    BelowMinimumHolding,
    AboveMaximumHolding,
    PrimaryOnly,
    Blacklisted,
    /// The sender's credentials lapsed: it may only exit (redeem to the fund, agent moves).
    ExitOnly,
    /// The amount exceeds the balance.
    InsufficientBalance,
    /// Dealing (subscriptions and redemptions) is suspended by the fund gate.
    DealingSuspended,
    /// The amount exceeds the balance not committed to holds (`balance − held`).
    Held,
    /// The amount is zero (a zero movement is refused, as CW20's).
    ZeroAmount,
    // ---- dealing level (fund dealing), 3xx ----
    /// The NAV dealing needs is older than the staleness guard allows.
    StaleNav,
    /// The cash is below the fund's minimum subscription.
    BelowMinimumSubscription,
    /// The cash value exceeds what is left of today's instant-redemption limit (0 = instant
    /// redemption disabled).
    DailyLimit,
    /// The instant-redemption liquidity buffer holds less than the cash value.
    BufferShort,
    /// The redemption is worth no cash after the fee at the NAV.
    ZeroPayout,
    /// The cash buys no share at the NAV after the fee.
    ZeroShares,
    /// The owner has the most pending redemption requests allowed.
    TooManyRequests,
}

impl ReasonCode {
    /// Stable numeric code (never renumbered; new codes get new numbers).
    pub const fn number(&self) -> u16 {
        match self {
            ReasonCode::UnknownWallet => 101,
            ReasonCode::MissingClaim => 102,
            ReasonCode::ClaimExpired => 103,
            ReasonCode::ClaimRevoked => 104,
            ReasonCode::JurisdictionBlocked => 105,
            ReasonCode::JurisdictionNotAllowed => 106,
            ReasonCode::CategoryNotAllowed => 107,
            ReasonCode::Paused => 201,
            ReasonCode::SenderFrozen => 202,
            ReasonCode::RecipientFrozen => 203,
            ReasonCode::InsufficientUnfrozenBalance => 204,
            ReasonCode::Locked => 205,
            ReasonCode::HolderCapReached => 206,
            ReasonCode::BelowMinimumHolding => 207,
            ReasonCode::AboveMaximumHolding => 208,
            ReasonCode::PrimaryOnly => 209,
            ReasonCode::Blacklisted => 210,
            ReasonCode::ExitOnly => 211,
            ReasonCode::InsufficientBalance => 212,
            ReasonCode::DealingSuspended => 213,
            ReasonCode::Held => 214,
            ReasonCode::ZeroAmount => 215,
            ReasonCode::StaleNav => 301,
            ReasonCode::BelowMinimumSubscription => 302,
            ReasonCode::DailyLimit => 303,
            ReasonCode::BufferShort => 304,
            ReasonCode::ZeroPayout => 305,
            ReasonCode::ZeroShares => 306,
            ReasonCode::TooManyRequests => 307,
        }
    }

    pub const fn as_str(&self) -> &'static str {
        match self {
            ReasonCode::UnknownWallet => "unknown_wallet",
            ReasonCode::MissingClaim => "missing_claim",
            ReasonCode::ClaimExpired => "claim_expired",
            ReasonCode::ClaimRevoked => "claim_revoked",
            ReasonCode::JurisdictionBlocked => "jurisdiction_blocked",
            ReasonCode::JurisdictionNotAllowed => "jurisdiction_not_allowed",
            ReasonCode::CategoryNotAllowed => "category_not_allowed",
            ReasonCode::Paused => "paused",
            ReasonCode::SenderFrozen => "sender_frozen",
            ReasonCode::RecipientFrozen => "recipient_frozen",
            ReasonCode::InsufficientUnfrozenBalance => "insufficient_unfrozen_balance",
            ReasonCode::Locked => "locked",
            ReasonCode::HolderCapReached => "holder_cap_reached",
            ReasonCode::BelowMinimumHolding => "below_minimum_holding",
            ReasonCode::AboveMaximumHolding => "above_maximum_holding",
            ReasonCode::PrimaryOnly => "primary_only",
            ReasonCode::Blacklisted => "blacklisted",
            ReasonCode::ExitOnly => "exit_only",
            ReasonCode::InsufficientBalance => "insufficient_balance",
            ReasonCode::DealingSuspended => "dealing_suspended",
            ReasonCode::Held => "held",
            ReasonCode::ZeroAmount => "zero_amount",
            ReasonCode::StaleNav => "stale_nav",
            ReasonCode::BelowMinimumSubscription => "below_minimum_subscription",
            ReasonCode::DailyLimit => "daily_limit",
            ReasonCode::BufferShort => "buffer_short",
            ReasonCode::ZeroPayout => "zero_payout",
            ReasonCode::ZeroShares => "zero_shares",
            ReasonCode::TooManyRequests => "too_many_requests",
        }
    }
}

impl std::fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reason a check failed; `claim` names the claim for the claim-level codes.
#[cw_serde]
pub struct Denial {
    pub code: ReasonCode,
    pub claim: Option<ClaimType>,
}

impl Denial {
    pub const fn new(code: ReasonCode) -> Self {
        Denial { code, claim: None }
    }
    pub const fn claim(code: ReasonCode, claim: ClaimType) -> Self {
        Denial { code, claim: Some(claim) }
    }
}

/// What a consumer requires of a party. Empty lists mean "no constraint".
#[cw_serde]
#[derive(Default)]
pub struct Requirement {
    /// Every listed claim must be held, unexpired and unrevoked.
    pub claims: Vec<ClaimType>,
    /// If non-empty, the DID's jurisdiction must be one of these.
    pub allowed_jurisdictions: Vec<String>,
    /// The DID's jurisdiction must not be one of these (checked even if allowed).
    pub blocked_jurisdictions: Vec<String>,
    /// If non-empty, the DID's investor category must be one of these.
    pub allowed_categories: Vec<InvestorCategory>,
}

/// The registry's answer for one address.
#[cw_serde]
pub struct Verdict {
    pub address: Addr,
    /// The DID the address is bound to, if any.
    pub did: Option<String>,
    pub verified: bool,
    /// Empty exactly when `verified`; otherwise every failed rule, in a deterministic order.
    pub reasons: Vec<Denial>,
    /// When verified: the earliest `valid_until` among the required claims (the verdict holds until
    /// then unless a credential is revoked). `None` when no claim is required or not verified.
    pub valid_until: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::to_json_string;

    #[test]
    fn reason_codes_are_stable() {
        assert_eq!(to_json_string(&ReasonCode::UnknownWallet).unwrap(), r#""unknown_wallet""#);
        assert_eq!(ReasonCode::UnknownWallet.number(), 101);
        assert_eq!(ReasonCode::PrimaryOnly.to_string(), "primary_only");
        // as_str matches the serde name for every code
        for code in [
            ReasonCode::UnknownWallet,
            ReasonCode::MissingClaim,
            ReasonCode::ClaimExpired,
            ReasonCode::ClaimRevoked,
            ReasonCode::JurisdictionBlocked,
            ReasonCode::JurisdictionNotAllowed,
            ReasonCode::CategoryNotAllowed,
            ReasonCode::Paused,
            ReasonCode::SenderFrozen,
            ReasonCode::RecipientFrozen,
            ReasonCode::InsufficientUnfrozenBalance,
            ReasonCode::Locked,
            ReasonCode::HolderCapReached,
            ReasonCode::BelowMinimumHolding,
            ReasonCode::AboveMaximumHolding,
            ReasonCode::PrimaryOnly,
            ReasonCode::Blacklisted,
            ReasonCode::ExitOnly,
            ReasonCode::InsufficientBalance,
            ReasonCode::DealingSuspended,
            ReasonCode::Held,
            ReasonCode::ZeroAmount,
            ReasonCode::StaleNav,
            ReasonCode::BelowMinimumSubscription,
            ReasonCode::DailyLimit,
            ReasonCode::BufferShort,
            ReasonCode::ZeroPayout,
            ReasonCode::ZeroShares,
            ReasonCode::TooManyRequests,
        ] {
            assert_eq!(to_json_string(&code).unwrap(), format!("\"{}\"", code.as_str()));
        }
    }
}
