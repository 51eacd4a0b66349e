//! Owner and role operations: pause, gate, configuration, NAV guards, roles, buffer withdrawal,
//! ownership.

use cosmwasm_std::{Addr, DepsMut, Empty, Env, MessageInfo, Response, Storage, Uint128};
use cw_ownable::Action;
use harbour_types::fund_dealing::{DealingConfig, DealingRole, NavGuards, MAX_ROLE_MEMBERS};

use crate::error::ContractError;
use crate::helpers::{
    assert_owner, assert_owner_or, assert_role, cash_transfer, role_key, role_name, validate_config, validate_guards,
};
use crate::state::{CONFIG, ROLES, ROLE_COUNTS, STATE};

pub fn pause(deps: DepsMut, info: MessageInfo, paused: bool) -> Result<Response, ContractError> {
    if paused {
        assert_role(deps.storage, DealingRole::Pauser, &info.sender, "pause")?;
    } else {
        assert_owner_or(deps.storage, DealingRole::Pauser, &info.sender, "unpause")?;
    }
    let mut state = STATE.load(deps.storage)?;
    state.paused = paused;
    STATE.save(deps.storage, &state)?;
    Ok(Response::new()
        .add_attribute("action", if paused { "pause" } else { "unpause" })
        .add_attribute("by", info.sender))
}

pub fn set_suspended(deps: DepsMut, info: MessageInfo, suspended: bool) -> Result<Response, ContractError> {
    assert_owner_or(deps.storage, DealingRole::DealingAgent, &info.sender, "set_suspended")?;
    let mut state = STATE.load(deps.storage)?;
    state.suspended = suspended;
    STATE.save(deps.storage, &state)?;
    Ok(Response::new()
        .add_attribute("action", "set_suspended")
        .add_attribute("suspended", suspended.to_string())
        .add_attribute("by", info.sender))
}

pub fn update_config(deps: DepsMut, info: MessageInfo, config: DealingConfig) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "update_config")?;
    let config = validate_config(deps.api, &config)?;
    let mut cfg = CONFIG.load(deps.storage)?;
    let state = STATE.load(deps.storage)?;
    if config.cash_token != cfg.dealing.cash_token && !(state.buffer.is_zero() && state.fees.is_zero()) {
        return Err(ContractError::CashTokenInUse { buffer: state.buffer, fees: state.fees });
    }
    cfg.dealing = config;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attribute("cash_token", &cfg.dealing.cash_token)
        .add_attribute("subscription_fee_bps", cfg.dealing.subscription_fee_bps.to_string())
        .add_attribute("redemption_fee_bps", cfg.dealing.redemption_fee_bps.to_string())
        .add_attribute("instant_daily_limit", cfg.dealing.instant_daily_limit))
}

pub fn update_nav_guards(deps: DepsMut, info: MessageInfo, guards: NavGuards) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "update_nav_guards")?;
    validate_guards(&guards)?;
    let mut cfg = CONFIG.load(deps.storage)?;
    cfg.guards = guards;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new()
        .add_attribute("action", "update_nav_guards")
        .add_attribute("max_move_bps", cfg.guards.max_move_bps.to_string())
        .add_attribute("min_interval", cfg.guards.min_interval.to_string())
        .add_attribute("staleness", cfg.guards.staleness.to_string()))
}

pub fn grant_inner(storage: &mut dyn Storage, role: DealingRole, member: &Addr) -> Result<(), ContractError> {
    let key = role_key(role);
    if ROLES.has(storage, (key, member)) {
        return Err(ContractError::RoleExists { address: member.to_string(), role: role_name(role) });
    }
    // separation of duties: the markdown path is never held by a NAV oracle
    let other = match role {
        DealingRole::NavOracle => Some(DealingRole::Markdown),
        DealingRole::Markdown => Some(DealingRole::NavOracle),
        _ => None,
    };
    if other.is_some_and(|o| ROLES.has(storage, (role_key(o), member))) {
        return Err(ContractError::RoleConflict { address: member.to_string() });
    }
    let count = ROLE_COUNTS.may_load(storage, key)?.unwrap_or(0);
    if count >= MAX_ROLE_MEMBERS {
        return Err(ContractError::TooManyMembers { max: MAX_ROLE_MEMBERS });
    }
    ROLE_COUNTS.save(storage, key, &(count + 1))?;
    ROLES.save(storage, (key, member), &Empty {})?;
    Ok(())
}

pub fn grant_role(
    deps: DepsMut,
    info: MessageInfo,
    role: DealingRole,
    address: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "grant_role")?;
    let member = deps.api.addr_validate(&address)?;
    grant_inner(deps.storage, role, &member)?;
    Ok(Response::new()
        .add_attribute("action", "grant_role")
        .add_attribute("role", role_name(role))
        .add_attribute("address", member))
}

pub fn revoke_role(
    deps: DepsMut,
    info: MessageInfo,
    role: DealingRole,
    address: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "revoke_role")?;
    let member = deps.api.addr_validate(&address)?;
    let key = role_key(role);
    if !ROLES.has(deps.storage, (key, &member)) {
        return Err(ContractError::RoleNotFound { address: member.into(), role: role_name(role) });
    }
    ROLES.remove(deps.storage, (key, &member));
    let count = ROLE_COUNTS.load(deps.storage, key)?;
    let count = count.checked_sub(1).ok_or(ContractError::Inconsistent { what: "role count" })?;
    ROLE_COUNTS.save(deps.storage, key, &count)?;
    Ok(Response::new()
        .add_attribute("action", "revoke_role")
        .add_attribute("role", role_name(role))
        .add_attribute("address", member))
}

pub fn withdraw_buffer(deps: DepsMut, info: MessageInfo, amount: Uint128) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "withdraw_buffer")?;
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {});
    }
    let cfg = CONFIG.load(deps.storage)?;
    let mut state = STATE.load(deps.storage)?;
    state.buffer = state
        .buffer
        .checked_sub(amount)
        .map_err(|_| ContractError::BufferTooSmall { available: state.buffer, needed: amount })?;
    STATE.save(deps.storage, &state)?;
    Ok(Response::new()
        .add_message(cash_transfer(&cfg, &cfg.custody(), amount)?)
        .add_attribute("action", "withdraw_buffer")
        .add_attribute("amount", amount)
        .add_attribute("buffer", state.buffer))
}

/// `SweepFees` (anyone): the accrued fees go to the configured fee collector.
pub fn sweep_fees(deps: DepsMut) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let mut state = STATE.load(deps.storage)?;
    let amount = std::mem::take(&mut state.fees);
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {});
    }
    STATE.save(deps.storage, &state)?;
    Ok(Response::new()
        .add_message(cash_transfer(&cfg, &cfg.fees(), amount)?)
        .add_attribute("action", "sweep_fees")
        .add_attribute("amount", amount)
        .add_attribute("fee_collector", cfg.fees()))
}

pub fn update_ownership(deps: DepsMut, env: Env, info: MessageInfo, action: Action) -> Result<Response, ContractError> {
    if action == Action::RenounceOwnership {
        return Err(ContractError::CannotRenounce {});
    }
    let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
    Ok(Response::new().add_attribute("action", "update_ownership").add_attributes(ownership.into_attributes()))
}
