//! The CW20 surface: transfer, send, allowances and their `_from` forms, marketing.

use cosmwasm_std::{Binary, DepsMut, Env, MessageInfo, Response, Uint128};
use cw20::{Cw20ReceiveMsg, Expiration, Logo};

use crate::error::ContractError;
use crate::helpers::{addr, check_amount};
use crate::ledger::{assert_not_blacklisted, load_account, move_checked, prepare_move};
use crate::state::{ALLOWANCES, MARKETING};

fn movement(action: &str, from: &str, to: &str, amount: Uint128) -> Response {
    Response::new()
        .add_attribute("action", action)
        .add_attribute("from", from)
        .add_attribute("to", to)
        .add_attribute("amount", amount)
}

pub fn transfer(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    check_amount(amount)?;
    let to_addr = addr(deps.api, &recipient)?;
    move_checked(deps.storage, &env, &info.sender, &to_addr, amount)?;
    Ok(movement("transfer", info.sender.as_str(), to_addr.as_str(), amount))
}

pub fn send(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    contract: String,
    amount: Uint128,
    msg: Binary,
) -> Result<Response, ContractError> {
    check_amount(amount)?;
    let to_addr = addr(deps.api, &contract)?;
    move_checked(deps.storage, &env, &info.sender, &to_addr, amount)?;
    let hook = Cw20ReceiveMsg { sender: info.sender.to_string(), amount, msg }.into_cosmos_msg(to_addr.clone())?;
    Ok(movement("send", info.sender.as_str(), to_addr.as_str(), amount).add_message(hook))
}

/// The spender of a `_from` call must not be blacklisted either.
fn spend_allowance(
    deps: &mut DepsMut,
    env: &Env,
    info: &MessageInfo,
    owner_addr: &cosmwasm_std::Addr,
    amount: Uint128,
) -> Result<(), ContractError> {
    assert_not_blacklisted(&info.sender, &load_account(deps.storage, &info.sender)?)?;
    ALLOWANCES.deduct(deps.storage, owner_addr, &info.sender, &env.block, amount)?;
    Ok(())
}

pub fn transfer_from(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    check_amount(amount)?;
    let owner_addr = addr(deps.api, &owner)?;
    let to_addr = addr(deps.api, &recipient)?;
    let prepared = prepare_move(deps.storage, &env, &owner_addr, &to_addr, amount)?;
    spend_allowance(&mut deps, &env, &info, &owner_addr, amount)?;
    prepared.commit(deps.storage)?;
    Ok(movement("transfer_from", owner_addr.as_str(), to_addr.as_str(), amount).add_attribute("by", info.sender))
}

pub fn send_from(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    contract: String,
    amount: Uint128,
    msg: Binary,
) -> Result<Response, ContractError> {
    check_amount(amount)?;
    let owner_addr = addr(deps.api, &owner)?;
    let to_addr = addr(deps.api, &contract)?;
    let prepared = prepare_move(deps.storage, &env, &owner_addr, &to_addr, amount)?;
    spend_allowance(&mut deps, &env, &info, &owner_addr, amount)?;
    prepared.commit(deps.storage)?;
    let hook = Cw20ReceiveMsg { sender: info.sender.to_string(), amount, msg }.into_cosmos_msg(to_addr.clone())?;
    Ok(movement("send_from", owner_addr.as_str(), to_addr.as_str(), amount)
        .add_attribute("by", info.sender)
        .add_message(hook))
}

/// Approvals are blocked when the owner or the spender is blacklisted (not by pause: they move
/// nothing).
fn check_approval_parties(
    deps: &DepsMut,
    info: &MessageInfo,
    spender: &cosmwasm_std::Addr,
) -> Result<(), ContractError> {
    assert_not_blacklisted(&info.sender, &load_account(deps.storage, &info.sender)?)?;
    assert_not_blacklisted(spender, &load_account(deps.storage, spender)?)
}

/// `IncreaseAllowance` (`increase`) or `DecreaseAllowance` (cw20-base semantics).
pub fn change_allowance(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    spender: String,
    amount: Uint128,
    expires: Option<Expiration>,
    increase: bool,
) -> Result<Response, ContractError> {
    let spender_addr = addr(deps.api, &spender)?;
    check_approval_parties(&deps, &info, &spender_addr)?;
    Ok(ALLOWANCES.execute_change(deps.storage, &env.block, &info.sender, &spender_addr, amount, expires, increase)?)
}

pub fn update_marketing(
    deps: DepsMut,
    info: MessageInfo,
    project: Option<String>,
    description: Option<String>,
    marketing: Option<String>,
) -> Result<Response, ContractError> {
    let is_owner = cw_ownable::is_owner(deps.storage, &info.sender)?;
    Ok(MARKETING.execute_update(deps.storage, deps.api, &info.sender, is_owner, project, description, marketing)?)
}

pub fn upload_logo(deps: DepsMut, info: MessageInfo, logo: Logo) -> Result<Response, ContractError> {
    let is_owner = cw_ownable::is_owner(deps.storage, &info.sender)?;
    Ok(MARKETING.execute_upload_logo(deps.storage, &info.sender, is_owner, logo)?)
}
