//! The dealing rules, one function per kind of order, shared by the executes (a refusal is
//! `Refused { reasons }`) and the dry-run queries (`CanSubscribe`, `CanRedeem`), so both always
//! answer with the same reason codes. The fund token's own rules (compliance, holds, burn) are
//! the token's and are asked of it.

use cosmwasm_std::{Addr, Order, Storage, Timestamp, Uint128};
use harbour_types::compliance::{Denial, ReasonCode};
use harbour_types::fund_dealing::{MAX_PENDING_PER_OWNER, MAX_PENDING_PER_VENUE};

use crate::error::ContractError;
use crate::helpers::{gate_reasons, instant_reasons, is_fresh};
use crate::quote::{self, RedemptionQuote, SubscriptionQuote};
use crate::state::{requests, Config, NavState, State};

/// Subscription of `cash`: gate, fresh NAV, minimum subscription, at least one share.
pub fn subscription(
    state: &State,
    cfg: &Config,
    nav: &NavState,
    now: Timestamp,
    cash: Uint128,
) -> Result<(Vec<Denial>, SubscriptionQuote), ContractError> {
    let mut reasons = gate_reasons(state, true);
    if cash.is_zero() {
        reasons.push(Denial::new(ReasonCode::ZeroAmount));
    }
    if !is_fresh(nav, &cfg.guards, now) {
        reasons.push(Denial::new(ReasonCode::StaleNav));
    }
    if cash < cfg.dealing.min_subscription {
        reasons.push(Denial::new(ReasonCode::BelowMinimumSubscription));
    }
    let q = quote::subscription(cash, nav.nav, cfg.dealing.subscription_fee_bps)?;
    if q.shares.is_zero() && !cash.is_zero() {
        reasons.push(Denial::new(ReasonCode::ZeroShares));
    }
    Ok((reasons, q))
}

/// Instant redemption of `shares`: gate, fresh NAV, a payout after the fee, today's limit and
/// the buffer (both on the gross value).
pub fn instant(
    state: &State,
    cfg: &Config,
    nav: &NavState,
    now: Timestamp,
    shares: Uint128,
) -> Result<(Vec<Denial>, RedemptionQuote), ContractError> {
    let mut reasons = gate_reasons(state, true);
    if shares.is_zero() {
        reasons.push(Denial::new(ReasonCode::ZeroAmount));
    }
    if !is_fresh(nav, &cfg.guards, now) {
        reasons.push(Denial::new(ReasonCode::StaleNav));
    }
    let q = quote::redemption(shares, nav.nav, cfg.dealing.redemption_fee_bps)?;
    if q.paid.is_zero() && !shares.is_zero() {
        reasons.push(Denial::new(ReasonCode::ZeroPayout));
    }
    reasons.extend(instant_reasons(state, cfg, now, q.gross));
    Ok((reasons, q))
}

/// The pending requests of `owner` (count and shares; bounded by the owner's cap + 1).
pub fn pending_of(storage: &dyn Storage, owner: &Addr) -> Result<(u32, Uint128), ContractError> {
    let mut count = 0u32;
    let mut shares = Uint128::zero();
    for r in requests()
        .idx
        .owner
        .prefix(owner.clone())
        .range(storage, None, None, Order::Ascending)
        .take(MAX_PENDING_PER_VENUE as usize + 1)
    {
        let (_, req) = r?;
        count += 1;
        shares = shares.checked_add(req.shares).map_err(|_| ContractError::Overflow {})?;
    }
    Ok((count, shares))
}

pub fn request_cap(cfg: &Config, owner: &Addr) -> u32 {
    if cfg.is_venue(owner) {
        MAX_PENDING_PER_VENUE
    } else {
        MAX_PENDING_PER_OWNER
    }
}

/// A new queued request of `shares` by an owner with `pending` requests already: gate, a payout
/// after the fee at the latest NAV (a request that could never pay is refused when filed), the
/// owner's cap. The NAV may be stale when filing: the request is paid at the NAV of settlement.
pub fn request(
    state: &State,
    cfg: &Config,
    nav: &NavState,
    owner: &Addr,
    pending: u32,
    shares: Uint128,
) -> Result<(Vec<Denial>, RedemptionQuote), ContractError> {
    let mut reasons = gate_reasons(state, true);
    if shares.is_zero() {
        reasons.push(Denial::new(ReasonCode::ZeroAmount));
    }
    let q = quote::redemption(shares, nav.nav, cfg.dealing.redemption_fee_bps)?;
    if q.paid.is_zero() && !shares.is_zero() {
        reasons.push(Denial::new(ReasonCode::ZeroPayout));
    }
    if pending >= request_cap(cfg, owner) {
        reasons.push(Denial::new(ReasonCode::TooManyRequests));
    }
    Ok((reasons, q))
}
