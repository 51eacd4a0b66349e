//! The CW20 surface: transfer, send, allowances and their `_from` forms, marketing.

use cosmwasm_std::{Addr, Binary, BlockInfo, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use cw20::{Cw20ReceiveMsg, Expiration, Logo};

use crate::error::ContractError;
use crate::helpers::{addr, assert_owner, check_amount, deny_if, now_secs};
use crate::ledger::{apply_move, transfer_reasons, Side};
use crate::state::{ALLOWANCES, HOT, MARKETING};

/// Checks the investor-transfer rule and moves the shares. Returns both sides for attributes.
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
    Response::new()
        .add_attribute("action", action)
        .add_attribute("from", &from.addr)
        .add_attribute("to", &to.addr)
        .add_attribute("amount", amount)
        .add_attribute("from_did", from.did())
        .add_attribute("to_did", to.did())
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
    check_amount(amount)?;
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
    check_amount(amount)?;
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
    check_amount(amount)?;
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

pub fn increase_allowance(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    spender: String,
    amount: Uint128,
    expires: Option<Expiration>,
) -> Result<Response, ContractError> {
    let spender_addr = addr(deps.api, &spender)?;
    let a = ALLOWANCES.increase(deps.storage, &info.sender, &spender_addr, &env.block, amount, expires)?;
    Ok(Response::new()
        .add_attribute("action", "increase_allowance")
        .add_attribute("owner", info.sender)
        .add_attribute("spender", spender_addr)
        .add_attribute("amount", amount)
        .add_attribute("allowance", a.allowance))
}

pub fn decrease_allowance(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    spender: String,
    amount: Uint128,
    expires: Option<Expiration>,
) -> Result<Response, ContractError> {
    let spender_addr = addr(deps.api, &spender)?;
    let a = ALLOWANCES.decrease(deps.storage, &info.sender, &spender_addr, &env.block, amount, expires)?;
    Ok(Response::new()
        .add_attribute("action", "decrease_allowance")
        .add_attribute("owner", info.sender)
        .add_attribute("spender", spender_addr)
        .add_attribute("amount", amount)
        .add_attribute("allowance", a.allowance))
}

/// The owner or the marketing address may update marketing (cw20-base lets only the latter).
fn assert_marketing(deps: &DepsMut, info: &MessageInfo, action: &'static str) -> Result<(), ContractError> {
    if MARKETING.marketing_addr(deps.storage)?.is_some_and(|m| m == info.sender) {
        return Ok(());
    }
    assert_owner(deps.storage, &info.sender, action)
}

pub fn update_marketing(
    deps: DepsMut,
    info: MessageInfo,
    project: Option<String>,
    description: Option<String>,
    marketing: Option<String>,
) -> Result<Response, ContractError> {
    assert_marketing(&deps, &info, "update_marketing")?;
    MARKETING.update(deps.storage, deps.api, project, description, marketing)?;
    Ok(Response::new().add_attribute("action", "update_marketing").add_attribute("by", info.sender))
}

pub fn upload_logo(deps: DepsMut, info: MessageInfo, logo: Logo) -> Result<Response, ContractError> {
    assert_marketing(&deps, &info, "upload_logo")?;
    MARKETING.upload_logo(deps.storage, logo)?;
    Ok(Response::new().add_attribute("action", "upload_logo").add_attribute("by", info.sender))
}
