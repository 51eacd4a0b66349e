//! Entry points. Thin: the rules live in `execute/rules.rs` and `quote.rs`, actions in
//! `execute/*`, reads in `query.rs`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};
use harbour_types::fund_dealing::{DealingRole, ExecuteMsg, InstantiateMsg, MigrateMsg, NavRecord, QueryMsg, RoleArgs};
use harbour_types::migration::ensure_upgrade;
use harbour_types::AmountArgs;

use crate::error::ContractError;
use crate::execute::{admin, nav, redeem, subscribe};
use crate::helpers::{validate_config, validate_guards};
use crate::query;
use crate::state::{Config, NavState, State, CONFIG, NAV, NAV_HISTORY, STATE};

pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(deps: DepsMut, env: Env, info: MessageInfo, msg: InstantiateMsg) -> Result<Response, ContractError> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    if msg.initial_nav.is_zero() {
        return Err(ContractError::ZeroNav {});
    }
    validate_guards(&msg.nav_guards)?;
    let owner = deps.api.addr_validate(&msg.owner)?;
    cw_ownable::initialize_owner(deps.storage, deps.api, Some(owner.as_str()))?;
    let fund_token = deps.api.addr_validate(&msg.fund_token)?;
    let dealing = validate_config(deps.api, &msg.config)?;
    CONFIG.save(deps.storage, &Config { fund_token: fund_token.clone(), dealing, guards: msg.nav_guards })?;
    STATE.save(deps.storage, &State::default())?;
    NAV.save(deps.storage, &NavState { nav: msg.initial_nav, updated_at: env.block.time, seq: 0 })?;
    NAV_HISTORY.save(
        deps.storage,
        0,
        &NavRecord { seq: 0, nav: msg.initial_nav, at: env.block.time, by: info.sender, markdown_reason: None },
    )?;
    for (role, members) in [
        (DealingRole::NavOracle, &msg.nav_oracles),
        (DealingRole::DealingAgent, &msg.dealing_agents),
        (DealingRole::Pauser, &msg.pausers),
        (DealingRole::Markdown, &msg.markdown_agents),
    ] {
        for m in members {
            let member = deps.api.addr_validate(m)?;
            admin::grant_inner(deps.storage, role, &member)?;
        }
    }
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("contract", CONTRACT_NAME)
        .add_attribute("version", CONTRACT_VERSION)
        .add_attribute("owner", owner)
        .add_attribute("fund_token", fund_token))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::Receive(wrapper) => subscribe::receive(deps, env, info, wrapper),
        ExecuteMsg::HoldHook(hook) => redeem::hold_hook(deps, env, info, hook),
        ExecuteMsg::CancelRedemption { request_id } => redeem::cancel(deps, env, info, request_id),
        ExecuteMsg::SetNav { nav } => nav::set_nav(deps, env, info, nav),
        ExecuteMsg::EmergencyMarkdown { nav, reason } => nav::emergency_markdown(deps, env, info, nav, reason),
        ExecuteMsg::Pause(_) => admin::pause(deps, info, true),
        ExecuteMsg::Unpause(_) => admin::pause(deps, info, false),
        ExecuteMsg::SetSuspended { suspended } => admin::set_suspended(deps, info, suspended),
        ExecuteMsg::UpdateConfig(config) => admin::update_config(deps, info, config),
        ExecuteMsg::UpdateNavGuards(guards) => admin::update_nav_guards(deps, info, guards),
        ExecuteMsg::GrantRole(RoleArgs { role, address }) => admin::grant_role(deps, info, role, address),
        ExecuteMsg::RevokeRole(RoleArgs { role, address }) => admin::revoke_role(deps, info, role, address),
        ExecuteMsg::WithdrawBuffer(AmountArgs { amount }) => admin::withdraw_buffer(deps, info, amount),
        ExecuteMsg::SweepFees(_) => admin::sweep_fees(deps),
        ExecuteMsg::UpdateOwnership(action) => admin::update_ownership(deps, env, info, action),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Config(_) => to_json_binary(&query::config(deps)?),
        QueryMsg::Nav(_) => to_json_binary(&query::nav(deps, env)?),
        QueryMsg::NavHistory { start_after, limit } => to_json_binary(&query::nav_history(deps, start_after, limit)?),
        QueryMsg::State(_) => to_json_binary(&query::state(deps, env)?),
        QueryMsg::RedemptionRequest { id } => to_json_binary(&query::redemption_request(deps, id)?),
        QueryMsg::RedemptionRequests { owner, start_after, limit } => {
            to_json_binary(&query::redemption_requests(deps, owner, start_after, limit)?)
        }
        QueryMsg::CanSubscribe { investor, cash } => to_json_binary(&query::can_subscribe(deps, env, investor, cash)?),
        QueryMsg::CanRedeem { owner, shares, mode } => {
            to_json_binary(&query::can_redeem(deps, env, owner, shares, mode)?)
        }
        QueryMsg::RoleMembers { role, start_after, limit } => {
            to_json_binary(&query::role_members(deps, role, start_after, limit)?)
        }
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }?)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let upgrade = ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", upgrade.from.to_string())
        .add_attribute("to_version", upgrade.to.to_string()))
}
