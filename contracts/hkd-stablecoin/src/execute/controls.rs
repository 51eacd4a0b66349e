//! Incident controls: pause, blacklist, wipe by legal order, rescue of mistaken transfers.

use cosmwasm_std::{Addr, BankMsg, Coin, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use harbour_types::cw20_support::cw20_transfer_msg;
use harbour_types::hkd_stablecoin::{StableRole, MAX_BATCH};

use crate::error::ContractError;
use crate::helpers::{addr, assert_role, check_amount, check_text, role_of};
use crate::ledger::{assert_not_blacklisted, debit, load_account, prepare_move, sub_supply};
use crate::state::{BlacklistRecord, ACCOUNTS, BLACKLIST, COUNTERS, HOT};

pub fn set_paused(deps: DepsMut, info: MessageInfo, paused: bool) -> Result<Response, ContractError> {
    let action = if paused { "pause" } else { "unpause" };
    assert_role(deps.storage, &info.sender, StableRole::Pauser, action)?;
    let mut hot = HOT.load(deps.storage)?;
    hot.paused = paused;
    HOT.save(deps.storage, &hot)?;
    Ok(Response::new().add_attribute("action", action).add_attribute("by", info.sender))
}

/// Why `who` cannot be blacklisted now (checked for a whole batch before anything is written): role
/// holders, the owner and the pending owner never are (revoke or cancel first).
fn check_blacklistable(storage: &dyn Storage, who: &Addr) -> Result<(), ContractError> {
    if let Some(role) = role_of(storage, who)? {
        return Err(ContractError::CannotBlacklistRoleHolder { address: who.to_string(), role: role.to_string() });
    }
    let ownership = cw_ownable::get_ownership(storage)?;
    for (holder, role) in [(&ownership.owner, "owner"), (&ownership.pending_owner, "pending_owner")] {
        if holder.as_ref() == Some(who) {
            return Err(ContractError::CannotBlacklistRoleHolder { address: who.to_string(), role: role.into() });
        }
    }
    if load_account(storage, who)?.blacklisted {
        return Err(ContractError::AlreadyBlacklisted { address: who.to_string() });
    }
    Ok(())
}

fn blacklist_one(
    storage: &mut dyn Storage,
    env: &Env,
    by: &Addr,
    who: &Addr,
    reason: &str,
) -> Result<(), ContractError> {
    let mut acct = load_account(storage, who)?;
    acct.blacklisted = true;
    ACCOUNTS.save(storage, who, &acct)?;
    BLACKLIST.save(
        storage,
        who,
        &BlacklistRecord { reason: reason.to_string(), since: env.block.time, by: by.clone() },
    )?;
    Ok(())
}

pub fn blacklist(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    addresses: Vec<String>,
    reason: String,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, &info.sender, StableRole::Blacklister, "blacklist")?;
    check_text("reason", &reason)?;
    if addresses.is_empty() {
        return Err(ContractError::EmptyBatch {});
    }
    if addresses.len() > MAX_BATCH {
        return Err(ContractError::BatchTooLarge { got: addresses.len(), max: MAX_BATCH });
    }
    let mut validated: Vec<Addr> = Vec::with_capacity(addresses.len());
    for a in &addresses {
        let who = addr(deps.api, a)?;
        if validated.contains(&who) {
            return Err(ContractError::AlreadyBlacklisted { address: who.into_string() });
        }
        check_blacklistable(deps.storage, &who)?;
        validated.push(who);
    }
    for who in &validated {
        blacklist_one(deps.storage, &env, &info.sender, who, &reason)?;
    }
    let mut counters = COUNTERS.load(deps.storage)?;
    counters.blacklisted = counters.blacklisted.saturating_add(validated.len() as u32);
    COUNTERS.save(deps.storage, &counters)?;
    let list = validated.iter().map(Addr::as_str).collect::<Vec<_>>().join(",");
    Ok(Response::new()
        .add_attribute("action", "blacklist")
        .add_attribute("addresses", list)
        .add_attribute("reason", reason)
        .add_attribute("by", info.sender))
}

pub fn unblacklist(
    deps: DepsMut,
    info: MessageInfo,
    address: String,
    reason: String,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, &info.sender, StableRole::Blacklister, "unblacklist")?;
    check_text("reason", &reason)?;
    let who = addr(deps.api, &address)?;
    let mut acct = load_account(deps.storage, &who)?;
    if !acct.blacklisted {
        return Err(ContractError::NotBlacklisted { address: who.to_string() });
    }
    acct.blacklisted = false;
    if acct.balance.is_zero() {
        ACCOUNTS.remove(deps.storage, &who);
    } else {
        ACCOUNTS.save(deps.storage, &who, &acct)?;
    }
    BLACKLIST.remove(deps.storage, &who);
    let mut counters = COUNTERS.load(deps.storage)?;
    counters.blacklisted = counters.blacklisted.saturating_sub(1);
    COUNTERS.save(deps.storage, &counters)?;
    Ok(Response::new()
        .add_attribute("action", "unblacklist")
        .add_attribute("address", who)
        .add_attribute("reason", reason)
        .add_attribute("by", info.sender))
}

/// Burns the whole balance of a blacklisted address by legal order (supply falls by as much; the
/// mint budget does not grow). Allowed while paused: a court order does not wait for an incident.
pub fn wipe_blacklisted(
    deps: DepsMut,
    info: MessageInfo,
    address: String,
    reason: String,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, &info.sender, StableRole::AssetProtector, "wipe_blacklisted")?;
    check_text("reason", &reason)?;
    let who = addr(deps.api, &address)?;
    let mut acct = load_account(deps.storage, &who)?;
    if !acct.blacklisted {
        return Err(ContractError::NotBlacklisted { address: who.to_string() });
    }
    let amount = acct.balance;
    if amount.is_zero() {
        return Err(ContractError::NothingToWipe { address: who.to_string() });
    }
    // held tokens are released first, through their own path: venues' holds by court order
    // (CourtReleaseHold, which tells the venue), redemption holds by RejectRedemption
    if !acct.held.is_zero() {
        return Err(ContractError::WipeHeld { address: who.to_string(), held: acct.held });
    }
    debit(deps.storage, &who, &mut acct, amount)?;
    let supply = sub_supply(deps.storage, amount)?;
    Ok(Response::new()
        .add_attribute("action", "wipe_blacklisted")
        .add_attribute("address", who)
        .add_attribute("amount", amount)
        .add_attribute("reason", reason)
        .add_attribute("total_supply", supply)
        .add_attribute("by", info.sender))
}

/// Recovers a CW20 sent here by mistake. For this token itself, moves the balance at the
/// contract's own address under the transfer rule's recipient checks.
pub fn rescue_cw20(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    token: String,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, &info.sender, StableRole::Rescuer, "rescue_cw20")?;
    check_amount(amount)?;
    let token_addr = addr(deps.api, &token)?;
    let to_addr = addr(deps.api, &recipient)?;
    let res = Response::new()
        .add_attribute("action", "rescue_cw20")
        .add_attribute("token", &token_addr)
        .add_attribute("recipient", &to_addr)
        .add_attribute("amount", amount)
        .add_attribute("by", &info.sender);
    if token_addr == env.contract.address {
        prepare_move(deps.storage, &env, &env.contract.address, &to_addr, amount)?.commit(deps.storage)?;
        return Ok(res);
    }
    // The recipient of another token is that token's business; we only refuse our own blacklist.
    assert_not_blacklisted(&to_addr, &load_account(deps.storage, &to_addr)?)?;
    Ok(res.add_message(cw20_transfer_msg(&token_addr, &to_addr, amount)?))
}

pub fn rescue_native(
    deps: DepsMut,
    info: MessageInfo,
    denom: String,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, &info.sender, StableRole::Rescuer, "rescue_native")?;
    check_amount(amount)?;
    let to_addr = addr(deps.api, &recipient)?;
    assert_not_blacklisted(&to_addr, &load_account(deps.storage, &to_addr)?)?;
    // The bank module refuses an amount above the contract's balance (the whole transaction
    // fails); no balance query here keeps the querier machinery (~9 KiB) out of the artifact.
    Ok(Response::new()
        .add_attribute("action", "rescue_native")
        .add_attribute("denom", &denom)
        .add_attribute("recipient", &to_addr)
        .add_attribute("amount", amount)
        .add_attribute("by", info.sender)
        .add_message(BankMsg::Send { to_address: to_addr.into_string(), amount: vec![Coin { denom, amount }] }))
}
