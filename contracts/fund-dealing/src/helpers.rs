//! Roles, validation, the NAV freshness rule and the dealing checks, each in one place.

use cosmwasm_std::{to_json_binary, Addr, Api, CosmosMsg, QuerierWrapper, Storage, Timestamp, Uint128, WasmMsg};
use harbour_types::compliance::{Denial, ReasonCode};
use harbour_types::cw20_support::cw20_transfer_msg;
use harbour_types::fund_dealing::{DealingConfig, DealingRole, NavGuards, MAX_DEALING_VENUES, MAX_FEE_BPS};
use harbour_types::fund_token::{self as ft, CanTransferResponse};
use harbour_types::math::BPS_DENOMINATOR;

use crate::error::ContractError;
use crate::state::{Config, NavState, State, ROLES};

pub const DAY: u64 = 86_400;
pub const MAX_TEXT_LEN: usize = 256;

pub fn role_key(role: DealingRole) -> u8 {
    match role {
        DealingRole::NavOracle => 1,
        DealingRole::DealingAgent => 2,
        DealingRole::Pauser => 3,
        DealingRole::Markdown => 4,
    }
}

pub fn role_name(role: DealingRole) -> &'static str {
    match role {
        DealingRole::NavOracle => "nav oracle",
        DealingRole::DealingAgent => "dealing agent",
        DealingRole::Pauser => "pauser",
        DealingRole::Markdown => "markdown",
    }
}

pub fn has_role(storage: &dyn Storage, role: DealingRole, who: &Addr) -> bool {
    ROLES.has(storage, (role_key(role), who))
}

pub fn assert_role(
    storage: &dyn Storage,
    role: DealingRole,
    who: &Addr,
    action: &'static str,
) -> Result<(), ContractError> {
    if has_role(storage, role, who) {
        Ok(())
    } else {
        Err(ContractError::Unauthorized { action, role: role_name(role) })
    }
}

pub fn is_owner(storage: &dyn Storage, who: &Addr) -> bool {
    cw_ownable::is_owner(storage, who).unwrap_or(false)
}

pub fn assert_owner(storage: &dyn Storage, who: &Addr, action: &'static str) -> Result<(), ContractError> {
    cw_ownable::assert_owner(storage, who).map_err(|_| ContractError::Unauthorized { action, role: "owner" })
}

/// The owner or a holder of `role`.
pub fn assert_owner_or(
    storage: &dyn Storage,
    role: DealingRole,
    who: &Addr,
    action: &'static str,
) -> Result<(), ContractError> {
    if is_owner(storage, who) || has_role(storage, role, who) {
        return Ok(());
    }
    Err(ContractError::Unauthorized {
        action,
        role: match role {
            DealingRole::DealingAgent => "owner or dealing agent",
            DealingRole::Pauser => "owner or pauser",
            _ => "owner",
        },
    })
}

pub fn check_text(field: &'static str, text: &str) -> Result<(), ContractError> {
    if text.trim().is_empty() || text.len() > MAX_TEXT_LEN {
        return Err(ContractError::InvalidText { field, max: MAX_TEXT_LEN });
    }
    Ok(())
}

fn invalid(reason: impl Into<String>) -> ContractError {
    ContractError::InvalidConfig { reason: reason.into() }
}

pub fn validate_guards(g: &NavGuards) -> Result<(), ContractError> {
    if g.max_move_bps == 0 || g.max_move_bps > BPS_DENOMINATOR {
        return Err(invalid("max_move_bps must be 1..=10000"));
    }
    if g.staleness == 0 {
        return Err(invalid("staleness must be positive"));
    }
    Ok(())
}

/// The dealing configuration with its addresses validated and normalised.
pub fn validate_config(api: &dyn Api, d: &DealingConfig) -> Result<DealingConfig, ContractError> {
    if d.subscription_fee_bps > MAX_FEE_BPS || d.redemption_fee_bps > MAX_FEE_BPS {
        return Err(invalid(format!("fees are capped at {MAX_FEE_BPS} bps")));
    }
    if d.venues.len() > MAX_DEALING_VENUES {
        return Err(invalid(format!("at most {MAX_DEALING_VENUES} venues")));
    }
    let mut venues = Vec::with_capacity(d.venues.len());
    for v in &d.venues {
        let v = api.addr_validate(v)?.into_string();
        if venues.contains(&v) {
            return Err(invalid(format!("venue {v} listed twice")));
        }
        venues.push(v);
    }
    Ok(DealingConfig {
        cash_token: api.addr_validate(&d.cash_token)?.into_string(),
        custody: api.addr_validate(&d.custody)?.into_string(),
        fee_collector: api.addr_validate(&d.fee_collector)?.into_string(),
        venues,
        ..d.clone()
    })
}

/// When the NAV becomes stale.
pub fn stale_after(nav: &NavState, guards: &NavGuards) -> Timestamp {
    nav.updated_at.plus_seconds(guards.staleness)
}

/// Whether dealing may use `nav` at `now` (the one freshness rule).
pub fn is_fresh(nav: &NavState, guards: &NavGuards, now: Timestamp) -> bool {
    now < stale_after(nav, guards)
}

/// The gate: paused, then suspended (`suspended_applies`: new dealing; settlement and
/// cancellation pass a suspended gate).
pub fn gate_reasons(state: &State, suspended_applies: bool) -> Vec<Denial> {
    let mut reasons = Vec::new();
    if state.paused {
        reasons.push(Denial::new(ReasonCode::Paused));
    }
    if suspended_applies && state.suspended {
        reasons.push(Denial::new(ReasonCode::DealingSuspended));
    }
    reasons
}

/// What is left of today's instant limit at `now` (the day rolls at 00:00 UTC).
pub fn instant_remaining(state: &State, cfg: &Config, now: Timestamp) -> Uint128 {
    let used = if state.day == now.seconds() / DAY { state.used_today } else { Uint128::zero() };
    cfg.dealing.instant_daily_limit.saturating_sub(used)
}

/// Limit and buffer reasons for an instant redemption of `gross` cash.
pub fn instant_reasons(state: &State, cfg: &Config, now: Timestamp, gross: Uint128) -> Vec<Denial> {
    let mut reasons = Vec::new();
    if gross > instant_remaining(state, cfg, now) {
        reasons.push(Denial::new(ReasonCode::DailyLimit));
    }
    if gross > state.buffer {
        reasons.push(Denial::new(ReasonCode::BufferShort));
    }
    reasons
}

pub fn deny_if(reasons: Vec<Denial>) -> Result<(), ContractError> {
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(ContractError::refused(reasons))
    }
}

pub fn cash_transfer(cfg: &Config, to: &Addr, amount: Uint128) -> Result<CosmosMsg, ContractError> {
    Ok(cw20_transfer_msg(&cfg.cash(), to, amount)?)
}

pub fn fund_msg(cfg: &Config, msg: &ft::ExecuteMsg) -> Result<CosmosMsg, ContractError> {
    Ok(CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: cfg.fund_token.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }))
}

/// The fund token's answer to a dry run (`CanMint`, `CanRedeem`).
pub fn fund_check(querier: &QuerierWrapper, cfg: &Config, msg: &ft::QueryMsg) -> Result<Vec<Denial>, ContractError> {
    let r: CanTransferResponse = querier.query_wasm_smart(&cfg.fund_token, msg)?;
    Ok(r.reasons)
}
