//! Redemption at par on holds: a request leaves the tokens in the holder's balance, held for the
//! redemption queue (the contract's own address as venue, in the shared hold records); paid, the
//! held tokens are burned (supply falls); rejected, the hold is released. Σ balances = total
//! supply at every moment (no escrow). No on-chain fee; nothing is lost between request and payout.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, StdError, Storage, Uint128};
use harbour_types::hkd_stablecoin::{RedemptionConfig, RedemptionRequest, RedemptionStatus, StableRole};
use harbour_types::reserves::redemption_deadline;

use crate::error::ContractError;
use crate::execute::holds::{lower_held, raise_held};
use crate::helpers::{assert_owner, assert_role, check_amount, check_text, validate_redemption};
use crate::ledger::{assert_not_blacklisted, assert_not_paused, debit, load_account, sub_supply};
use crate::state::{requests, ACCOUNTS, CONFIG, HOLDS, HOT, REDEMPTIONS};

/// `RequestRedemption`, checked in this order: paused; amount within min/max; holder not
/// blacklisted; balance; free balance. A lapsed KYC credential never blocks it (redemption is the
/// exit).
pub fn request_redemption(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
    payout_reference: String,
) -> Result<Response, ContractError> {
    check_amount(amount)?;
    check_text("payout_reference", &payout_reference)?;
    assert_not_paused(&HOT.load(deps.storage)?)?;
    let cfg = CONFIG.load(deps.storage)?.redemption;
    if amount < cfg.min_amount {
        return Err(ContractError::BelowMinimumRedemption { amount, minimum: cfg.min_amount });
    }
    if let Some(max) = cfg.max_amount.filter(|max| amount > *max) {
        return Err(ContractError::AboveMaximumRedemption { amount, maximum: max });
    }
    let mut acct = load_account(deps.storage, &info.sender)?;
    assert_not_blacklisted(&info.sender, &acct)?;
    let queue = env.contract.address.clone();
    let hold = HOLDS.plan_add(deps.storage, &info.sender, &queue, amount, None, env.block.time)?;
    raise_held(deps.storage, &info.sender, &mut acct, amount)?;
    HOLDS.write_add(deps.storage, &info.sender, &queue, &hold)?;
    let mut state = REDEMPTIONS.load(deps.storage)?;
    let id = state.next_id;
    state.next_id = id.checked_add(1).ok_or_else(|| StdError::generic_err("request id overflow"))?;
    state.held = state.held.checked_add(amount).map_err(StdError::from)?;
    state.open = state.open.checked_add(1).ok_or_else(|| StdError::generic_err("open request overflow"))?;
    REDEMPTIONS.save(deps.storage, &state)?;
    let deadline = redemption_deadline(env.block.time, cfg.sla_seconds, cfg.business_days_only);
    let request = RedemptionRequest {
        id,
        holder: info.sender.clone(),
        amount,
        payout_reference: payout_reference.clone(),
        requested_at: env.block.time,
        deadline,
        status: RedemptionStatus::Pending,
    };
    requests().save(deps.storage, id, &request)?;
    Ok(Response::new()
        .add_attribute("action", "request_redemption")
        .add_attribute("request_id", id.to_string())
        .add_attribute("holder", info.sender)
        .add_attribute("amount", amount)
        .add_attribute("payout_reference", payout_reference)
        .add_attribute("deadline", deadline.seconds().to_string()))
}

fn load_pending(deps: &DepsMut, id: u64) -> Result<RedemptionRequest, ContractError> {
    let r = requests().may_load(deps.storage, id)?.ok_or(ContractError::RequestNotFound { id })?;
    match r.status {
        RedemptionStatus::Pending => Ok(r),
        RedemptionStatus::Paid { .. } => Err(ContractError::RequestClosed { id, status: "paid" }),
        RedemptionStatus::Rejected { .. } => Err(ContractError::RequestClosed { id, status: "rejected" }),
    }
}

/// Closes a pending request: the queue's hold on the holder and the open totals go down by its
/// amount; returns the holder's account with its held total lowered (not saved).
fn close(
    storage: &mut dyn Storage,
    queue: &Addr,
    mut request: RedemptionRequest,
    status: RedemptionStatus,
) -> Result<crate::state::Account, ContractError> {
    let inconsistent = |_| ContractError::Inconsistent { what: "redemption totals" };
    let mut state = REDEMPTIONS.load(storage)?;
    state.held = state.held.checked_sub(request.amount).map_err(inconsistent)?;
    state.open = state.open.checked_sub(1).ok_or(ContractError::Inconsistent { what: "open requests" })?;
    REDEMPTIONS.save(storage, &state)?;
    HOLDS.reduce(storage, &request.holder, queue, Some(request.amount))?;
    let mut acct = load_account(storage, &request.holder)?;
    lower_held(&mut acct, request.amount)?;
    request.status = status;
    requests().save(storage, request.id, &request)?;
    Ok(acct)
}

/// The fiat was paid at par: the held tokens are burned (supply falls; the mint budget does not
/// grow). Refused while the holder is blacklisted (no payout to a blacklisted address: the
/// request stays open and is listed in `payout_blocked`). Allowed while paused: it records a
/// payment made off chain.
pub fn mark_paid(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
    payment_reference: String,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, &info.sender, StableRole::RedemptionOperator, "mark_redemption_paid")?;
    check_text("payment_reference", &payment_reference)?;
    let request = load_pending(&deps, id)?;
    let (holder, amount) = (request.holder.clone(), request.amount);
    assert_not_blacklisted(&holder, &load_account(deps.storage, &holder)?)?;
    let status = RedemptionStatus::Paid {
        at: env.block.time,
        operator: info.sender.clone(),
        payment_reference: payment_reference.clone(),
    };
    let mut acct = close(deps.storage, &env.contract.address, request, status)?;
    debit(deps.storage, &holder, &mut acct, amount)?;
    let supply = sub_supply(deps.storage, amount)?;
    Ok(Response::new()
        .add_attribute("action", "mark_redemption_paid")
        .add_attribute("request_id", id.to_string())
        .add_attribute("holder", holder)
        .add_attribute("amount", amount)
        .add_attribute("payment_reference", payment_reference)
        .add_attribute("total_supply", supply)
        .add_attribute("by", info.sender))
}

/// The request is refused: the hold is released (even for a since-blacklisted holder: the tokens
/// are theirs, and the blacklist keeps them from moving). Allowed while paused.
pub fn reject(deps: DepsMut, env: Env, info: MessageInfo, id: u64, reason: String) -> Result<Response, ContractError> {
    assert_role(deps.storage, &info.sender, StableRole::RedemptionOperator, "reject_redemption")?;
    check_text("reason", &reason)?;
    let request = load_pending(&deps, id)?;
    let (holder, amount) = (request.holder.clone(), request.amount);
    let status =
        RedemptionStatus::Rejected { at: env.block.time, operator: info.sender.clone(), reason: reason.clone() };
    let acct = close(deps.storage, &env.contract.address, request, status)?;
    ACCOUNTS.save(deps.storage, &holder, &acct)?;
    Ok(Response::new()
        .add_attribute("action", "reject_redemption")
        .add_attribute("request_id", id.to_string())
        .add_attribute("holder", holder)
        .add_attribute("amount", amount)
        .add_attribute("reason", reason)
        .add_attribute("by", info.sender))
}

pub fn update_config(
    deps: DepsMut,
    info: MessageInfo,
    redemption: RedemptionConfig,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "update_redemption_config")?;
    validate_redemption(&redemption)?;
    let mut cfg = CONFIG.load(deps.storage)?;
    cfg.redemption = redemption;
    CONFIG.save(deps.storage, &cfg)?;
    let r = &cfg.redemption;
    Ok(Response::new()
        .add_attribute("action", "update_redemption_config")
        .add_attribute("min_amount", r.min_amount)
        .add_attribute("max_amount", r.max_amount.map_or("none".to_string(), |m| m.to_string()))
        .add_attribute("sla_seconds", r.sla_seconds.to_string())
        .add_attribute("business_days_only", r.business_days_only.to_string()))
}
