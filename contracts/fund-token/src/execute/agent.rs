//! Agent operations: issuance, cancellation, forced transfers, wallet recovery (agent role);
//! freezes (compliance officer); pause (pauser). Agent actions bypass investor-transfer rules
//! (freeze, locks, primary-only, min holding) but keep holder counts, DID balances and income
//! exact, and the recipient of any issuance or forced move must be verified. Issuance also
//! respects the holder cap and the maximum holding (fund-level ceilings); forced moves by court
//! order and recoveries do not. Agent burns and forced transfers take only units not held for
//! venues: held units are released by court order first (`CourtReleaseHold`, which notifies the
//! venue); a recovery moves the holds with the wallet.

use cosmwasm_std::{DepsMut, Env, Event, MessageInfo, Response, Uint128};
use harbour_types::fund_token::{ForcedTransferItem, FreezeItem, FundRole, MintItem};

use crate::error::ContractError;
use crate::helpers::{addr, assert_role, check_amount, check_batch, check_text, deny_if, now_secs};
use crate::income;
use crate::ledger::{apply_credit, apply_debit, apply_move, issuance_reasons, movement_attrs, recipient_reasons, Side};
use crate::state::{Account, ACCOUNTS, HOLDS, HOT, REGISTER_WALLETS, TOKEN};

/// Agent burns and forced moves take only units that are not held for venues.
fn check_unheld(side: &Side, amount: Uint128) -> Result<(), ContractError> {
    if side.acct.balance < amount {
        return Err(ContractError::InsufficientBalance { available: side.acct.balance, needed: amount });
    }
    if side.acct.unheld() < amount {
        return Err(ContractError::HeldByVenues {
            available: side.acct.unheld(),
            held: side.acct.held,
            needed: amount,
        });
    }
    Ok(())
}

fn mint_one(deps: &mut DepsMut, env: &Env, item: &MintItem) -> Result<Event, ContractError> {
    check_amount(item.amount)?;
    let hot = HOT.load(deps.storage)?;
    let now = now_secs(env);
    let to_addr = addr(deps.api, &item.recipient)?;
    let mut to = Side::load(deps.storage, &to_addr)?;
    deny_if(issuance_reasons(deps.storage, &hot, now, &to, item.amount)?)?;
    let mut token = TOKEN.load(deps.storage)?;
    token.total_supply = token.total_supply.checked_add(item.amount).map_err(cosmwasm_std::StdError::from)?;
    TOKEN.save(deps.storage, &token)?;
    apply_credit(deps.storage, &hot, now, &mut to, item.amount, item.lock_until.map(|t| t.seconds()))?;
    let mut ev = Event::new("harbour_mint").add_attributes(movement_attrs(("", ""), to.party(), item.amount));
    if let Some(t) = item.lock_until {
        ev = ev.add_attribute("lock_until", t.seconds().to_string());
    }
    Ok(ev)
}

pub fn mint(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, FundRole::Agent, &info.sender, "mint")?;
    let ev = mint_one(&mut deps, &env, &MintItem { recipient, amount, lock_until: None })?;
    Ok(Response::new().add_attribute("action", "mint").add_attribute("agent", info.sender).add_event(ev))
}

pub fn batch_mint(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    mints: Vec<MintItem>,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, FundRole::Agent, &info.sender, "batch_mint")?;
    check_batch(mints.len())?;
    // Each item is checked against the state the previous items left; any failure fails the whole
    // transaction (the chain reverts it).
    let events = mints.iter().map(|m| mint_one(&mut deps, &env, m)).collect::<Result<Vec<_>, _>>()?;
    Ok(Response::new()
        .add_attribute("action", "batch_mint")
        .add_attribute("count", mints.len().to_string())
        .add_attribute("agent", info.sender)
        .add_events(events))
}

pub fn agent_burn(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    from: String,
    amount: Uint128,
    reason: String,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, FundRole::Agent, &info.sender, "agent_burn")?;
    check_amount(amount)?;
    check_text("reason", &reason)?;
    let hot = HOT.load(deps.storage)?;
    let from_addr = addr(deps.api, &from)?;
    let mut side = Side::load(deps.storage, &from_addr)?;
    check_unheld(&side, amount)?;
    let mut token = TOKEN.load(deps.storage)?;
    token.total_supply = token.total_supply.checked_sub(amount).map_err(cosmwasm_std::StdError::from)?;
    TOKEN.save(deps.storage, &token)?;
    apply_debit(deps.storage, &hot, now_secs(&env), &mut side, amount)?;
    Ok(Response::new()
        .add_attribute("action", "agent_burn")
        .add_attributes(movement_attrs(side.party(), ("", ""), amount))
        .add_attribute("reason", reason)
        .add_attribute("agent", info.sender))
}

fn forced_one(deps: &mut DepsMut, env: &Env, t: &ForcedTransferItem) -> Result<Event, ContractError> {
    check_amount(t.amount)?;
    check_text("reason", &t.reason)?;
    let hot = HOT.load(deps.storage)?;
    let now = now_secs(env);
    let (from_addr, to_addr) = (addr(deps.api, &t.from)?, addr(deps.api, &t.to)?);
    let mut from = Side::load(deps.storage, &from_addr)?;
    let mut to = Side::load(deps.storage, &to_addr)?;
    check_unheld(&from, t.amount)?;
    deny_if(recipient_reasons(deps.storage, &hot, now, &to)?)?;
    apply_move(deps.storage, &hot, now, &mut from, &mut to, t.amount)?;
    Ok(Event::new("harbour_forced_transfer")
        .add_attributes(movement_attrs(from.party(), to.party(), t.amount))
        .add_attribute("reason", &t.reason))
}

pub fn forced_transfer(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    t: ForcedTransferItem,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, FundRole::Agent, &info.sender, "forced_transfer")?;
    let ev = forced_one(&mut deps, &env, &t)?;
    Ok(Response::new().add_attribute("action", "forced_transfer").add_attribute("agent", info.sender).add_event(ev))
}

pub fn batch_forced_transfer(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    transfers: Vec<ForcedTransferItem>,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, FundRole::Agent, &info.sender, "batch_forced_transfer")?;
    check_batch(transfers.len())?;
    let events = transfers.iter().map(|t| forced_one(&mut deps, &env, t)).collect::<Result<Vec<_>, _>>()?;
    Ok(Response::new()
        .add_attribute("action", "batch_forced_transfer")
        .add_attribute("count", transfers.len().to_string())
        .add_attribute("agent", info.sender)
        .add_events(events))
}

/// Moves everything of a lost wallet (balance, holds, frozen amount and flag, lock-up lots, income
/// entitlement and pending income units) to the DID's new wallet; each venue holding for the lost
/// wallet is told in the same transaction. The registry must have re-bound the DID first
/// (`RecoverWallet` there).
pub fn recover_wallet(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    lost_wallet: String,
    new_wallet: String,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, FundRole::Agent, &info.sender, "recover_wallet")?;
    let (lost_addr, new_addr) = (addr(deps.api, &lost_wallet)?, addr(deps.api, &new_wallet)?);
    if lost_addr == new_addr {
        return Err(ContractError::SameWallet {});
    }
    let hot = HOT.load(deps.storage)?;
    let now = now_secs(&env);
    let mut lost = ACCOUNTS.may_load(deps.storage, &lost_addr)?.unwrap_or_default();
    let mut new = ACCOUNTS.may_load(deps.storage, &new_addr)?.unwrap_or_default();
    if lost.did == 0 || lost.did != new.did || new.unbound {
        return Err(ContractError::RecoveryMismatch { lost: lost_addr.into(), new: new_addr.into() });
    }
    income::settle(deps.storage, &hot, &mut lost)?;
    income::settle(deps.storage, &hot, &mut new)?;
    let moved = lost.balance;
    let was_empty = new.balance.is_zero();
    let add = |a: Uint128, b: Uint128| a.checked_add(b).map_err(cosmwasm_std::StdError::from);
    new.balance = add(new.balance, lost.balance)?;
    new.held = add(new.held, lost.held)?;
    new.frozen = add(new.frozen, lost.frozen)?;
    new.frozen_all |= lost.frozen_all;
    new.accrued = new.accrued.checked_add(lost.accrued).map_err(|_| ContractError::Overflow {})?;
    income::add_pending(&hot, &mut new, lost.pending)?;
    for (amount, until) in std::mem::take(&mut lost.locks) {
        crate::ledger::add_lock(&mut new, amount, until, now);
    }
    new.normalize(now);
    let did = lost.did;
    let did_str = crate::state::DIDS.may_load(deps.storage, did)?.map(|i| i.did).unwrap_or_default();
    let (hooks, events, held_moved) =
        harbour_types::holds::recover_holds(deps.storage, &HOLDS, &lost_addr, &new_addr, &Some(did_str.clone()))?;
    if held_moved != lost.held {
        return Err(ContractError::Inconsistent { what: "held total and hold records" });
    }
    lost = Account { did, unbound: true, index: lost.index, ..Default::default() };
    ACCOUNTS.save(deps.storage, &lost_addr, &lost)?;
    ACCOUNTS.save(deps.storage, &new_addr, &new)?;
    if was_empty && !new.balance.is_zero() {
        REGISTER_WALLETS.save(deps.storage, &new_addr, &cosmwasm_std::Empty {})?;
    }
    // same DID: DID balance and holder count are unchanged by construction
    let party = |a: &cosmwasm_std::Addr| (a.to_string(), did_str.clone());
    let (from, to) = (party(&lost_addr), party(&new_addr));
    Ok(Response::new()
        .add_attribute("action", "recover_wallet")
        .add_attributes(movement_attrs((&from.0, &from.1), (&to.0, &to.1), moved))
        .add_attribute("held_moved", held_moved)
        .add_attribute("agent", &info.sender)
        .add_messages(hooks)
        .add_events(events)
        .add_event(
            Event::new("harbour_token_wallet_recovered")
                .add_attribute("did", did_str)
                .add_attribute("lost_wallet", lost_addr)
                .add_attribute("new_wallet", new_addr)
                .add_attribute("amount", moved),
        ))
}

fn freeze_one(deps: &mut DepsMut, item: &FreezeItem) -> Result<Event, ContractError> {
    check_text("reason", &item.reason)?;
    let a = addr(deps.api, &item.address)?;
    let mut acct = ACCOUNTS.may_load(deps.storage, &a)?.unwrap_or_default();
    match item.amount {
        None => acct.frozen_all = true,
        Some(amount) => {
            if amount > acct.balance {
                return Err(ContractError::FreezeExceedsBalance { amount, balance: acct.balance });
            }
            acct.frozen = amount;
        }
    }
    ACCOUNTS.save(deps.storage, &a, &acct)?;
    Ok(Event::new("harbour_freeze")
        .add_attribute("address", a)
        .add_attribute("scope", item.amount.map_or("all".to_string(), |x| x.to_string()))
        .add_attribute("reason", &item.reason))
}

pub fn freeze(mut deps: DepsMut, info: MessageInfo, item: FreezeItem) -> Result<Response, ContractError> {
    assert_role(deps.storage, FundRole::ComplianceOfficer, &info.sender, "freeze")?;
    let ev = freeze_one(&mut deps, &item)?;
    Ok(Response::new()
        .add_attribute("action", "freeze")
        .add_attribute("address", item.address)
        .add_attribute("reason", item.reason)
        .add_attribute("officer", info.sender)
        .add_event(ev))
}

pub fn batch_freeze(mut deps: DepsMut, info: MessageInfo, items: Vec<FreezeItem>) -> Result<Response, ContractError> {
    assert_role(deps.storage, FundRole::ComplianceOfficer, &info.sender, "batch_freeze")?;
    check_batch(items.len())?;
    let events = items.iter().map(|i| freeze_one(&mut deps, i)).collect::<Result<Vec<_>, _>>()?;
    Ok(Response::new()
        .add_attribute("action", "batch_freeze")
        .add_attribute("count", items.len().to_string())
        .add_attribute("officer", info.sender)
        .add_events(events))
}

pub fn unfreeze(deps: DepsMut, info: MessageInfo, address: String, reason: String) -> Result<Response, ContractError> {
    assert_role(deps.storage, FundRole::ComplianceOfficer, &info.sender, "unfreeze")?;
    check_text("reason", &reason)?;
    let a = addr(deps.api, &address)?;
    let mut acct = ACCOUNTS.may_load(deps.storage, &a)?.unwrap_or_default();
    if !acct.frozen_all && acct.frozen.is_zero() {
        return Err(ContractError::NotFrozen { address: a.into() });
    }
    acct.frozen_all = false;
    acct.frozen = Uint128::zero();
    ACCOUNTS.save(deps.storage, &a, &acct)?;
    Ok(Response::new()
        .add_attribute("action", "unfreeze")
        .add_attribute("address", a)
        .add_attribute("reason", reason)
        .add_attribute("officer", info.sender))
}

pub fn set_paused(deps: DepsMut, info: MessageInfo, paused: bool) -> Result<Response, ContractError> {
    let action = if paused { "pause" } else { "unpause" };
    assert_role(deps.storage, FundRole::Pauser, &info.sender, action)?;
    let mut hot = HOT.load(deps.storage)?;
    hot.paused = paused;
    HOT.save(deps.storage, &hot)?;
    Ok(Response::new().add_attribute("action", action).add_attribute("pauser", info.sender))
}
