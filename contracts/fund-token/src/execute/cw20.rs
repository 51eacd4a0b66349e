//! The CW20 surface: transfer, send, allowances and their `_from` forms, marketing.

use cosmwasm_std::{Addr, Binary, BlockInfo, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use cw20::{Cw20ReceiveMsg, Expiration, Logo};

use crate::error::ContractError;
use crate::helpers::{addr, deny_if, now_secs};
use crate::ledger::{apply_move, movement_attrs, transfer_reasons, Side};
use crate::state::{ALLOWANCES, HOT, MARKETING};

/// Checks the investor-transfer rule (a zero amount included: `zero_amount`, as `CanTransfer`
/// answers) and moves the shares. Returns both sides for attributes.
pub fn move_checked(
    storage: &mut dyn Storage,
    env: &Env,
    from_addr: &Addr,
    to_addr: &Addr,
    amount: Uint128,
) -> Result<(Side, Side), ContractError> {
    let hot = HOT.load(storage)?;
    let now = now_secs(env);
    let mut from = Side::load(storage, from_addr)?;
    let mut to = Side::load(storage, to_addr)?;
    deny_if(transfer_reasons(storage, &hot, now, &from, &to, amount)?)?;
    apply_move(storage, &hot, now, &mut from, &mut to, amount)?;
    Ok((from, to))
}

fn movement(action: &str, from: &Side, to: &Side, amount: Uint128) -> Response {
    Response::new().add_attribute("action", action).add_attributes(movement_attrs(from.party(), to.party(), amount))
}

pub fn transfer(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let to_addr = addr(deps.api, &recipient)?;
    let (from, to) = move_checked(deps.storage, &env, &info.sender, &to_addr, amount)?;
    Ok(movement("transfer", &from, &to, amount))
}

pub fn send(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    contract: String,
    amount: Uint128,
    msg: Binary,
) -> Result<Response, ContractError> {
    let to_addr = addr(deps.api, &contract)?;
    let (from, to) = move_checked(deps.storage, &env, &info.sender, &to_addr, amount)?;
    let hook = Cw20ReceiveMsg { sender: info.sender.to_string(), amount, msg }.into_cosmos_msg(to_addr)?;
    Ok(movement("send", &from, &to, amount).add_message(hook))
}

pub fn transfer_from(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let owner_addr = addr(deps.api, &owner)?;
    let to_addr = addr(deps.api, &recipient)?;
    deduct_allowance(deps.storage, &owner_addr, &info.sender, &env.block, amount)?;
    let (from, to) = move_checked(deps.storage, &env, &owner_addr, &to_addr, amount)?;
    Ok(movement("transfer_from", &from, &to, amount).add_attribute("by", info.sender))
}

pub fn send_from(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    contract: String,
    amount: Uint128,
    msg: Binary,
) -> Result<Response, ContractError> {
    let owner_addr = addr(deps.api, &owner)?;
    let to_addr = addr(deps.api, &contract)?;
    deduct_allowance(deps.storage, &owner_addr, &info.sender, &env.block, amount)?;
    let (from, to) = move_checked(deps.storage, &env, &owner_addr, &to_addr, amount)?;
    let hook = Cw20ReceiveMsg { sender: info.sender.to_string(), amount, msg }.into_cosmos_msg(to_addr)?;
    Ok(movement("send_from", &from, &to, amount).add_attribute("by", info.sender).add_message(hook))
}

/// Spends `amount` of `spender`'s allowance from `owner` (cw20-base semantics).
pub fn deduct_allowance(
    storage: &mut dyn Storage,
    owner: &Addr,
    spender: &Addr,
    block: &BlockInfo,
    amount: Uint128,
) -> Result<(), ContractError> {
    ALLOWANCES.deduct(storage, owner, spender, block, amount)?;
    Ok(())
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
