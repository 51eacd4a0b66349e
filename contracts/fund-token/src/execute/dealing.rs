//! Primary dealing against the CW20 cash token (the HKD stablecoin): subscriptions, instant and
//! queued redemptions, liquidity buffer. Income (deposits, claims) is in `income.rs`.
//!
//! Formulas (NAV = cash units per share unit; all rounding in the fund's favour):
//! - subscription: `fee = ceil(cash × fee_bps / 10⁴)`, `shares = floor((cash − fee) / NAV)`;
//! - redemption: `gross = floor(shares × NAV)`, `fee = ceil(gross × fee_bps / 10⁴)`, `paid = gross − fee`.

use cosmwasm_std::{from_json, Addr, CosmosMsg, Decimal, DepsMut, Env, Event, MessageInfo, Response, Storage, Uint128};
use cw20::Cw20ReceiveMsg;
use harbour_types::compliance::ReasonCode;
use harbour_types::cw20_support::cw20_transfer_msg;
use harbour_types::fund_token::{CashHookMsg, FundRole, RedemptionRequest};
use harbour_types::math::{apply_bps, div_decimal, mul_decimal, Rounding};

use crate::error::ContractError;
use crate::helpers::{addr, assert_owner, check_amount, deny_if, fresh_nav, has_role, now_secs, DealingAddrs};
use crate::ledger::{apply_credit, apply_debit, balance_reasons, movement_attrs, subscription_reasons, Side};
use crate::state::{requests, Config, ACCOUNTS, CONFIG, DEALING, DIDS, HOT, NAV, NEXT_REQUEST, TOKEN};

const DAY: u64 = 86_400;

/// Most pending redemption requests one wallet may have (keeps wallet recovery bounded).
pub const MAX_PENDING_PER_OWNER: usize = 10;

fn cash_transfer(cash_token: &Addr, recipient: &Addr, amount: Uint128) -> Result<CosmosMsg, ContractError> {
    Ok(cw20_transfer_msg(cash_token, recipient, amount)?)
}

fn assert_dealing_open(cfg: &Config, paused: bool) -> Result<(), ContractError> {
    if paused {
        return Err(ContractError::Paused {});
    }
    if cfg.dealing_suspended {
        return Err(ContractError::DealingSuspended {});
    }
    Ok(())
}

pub fn receive(deps: DepsMut, env: Env, info: MessageInfo, wrapper: Cw20ReceiveMsg) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.dealing.cash() {
        return Err(ContractError::NotCashToken { expected: cfg.dealing.cash_token.clone() });
    }
    check_amount(wrapper.amount)?;
    let sender = addr(deps.api, &wrapper.sender)?;
    let hook: CashHookMsg =
        from_json(&wrapper.msg).map_err(|e| ContractError::InvalidHook { reason: e.to_string() })?;
    match hook {
        CashHookMsg::Subscribe {} => subscribe(deps, env, cfg, sender, wrapper.amount),
        CashHookMsg::TopUpLiquidity {} => top_up(deps, sender, wrapper.amount),
        CashHookMsg::DepositIncome {} => crate::income::deposit(deps, cfg, sender, wrapper.amount),
        CashHookMsg::SettleRedemption { request_id } => settle(deps, env, cfg, sender, request_id, wrapper.amount),
    }
}

fn subscribe(deps: DepsMut, env: Env, cfg: Config, investor: Addr, cash: Uint128) -> Result<Response, ContractError> {
    let hot = HOT.load(deps.storage)?;
    assert_dealing_open(&cfg, hot.paused)?;
    if cash < hot.policy.min_subscription {
        return Err(ContractError::BelowMinimumSubscription { amount: cash, minimum: hot.policy.min_subscription });
    }
    let nav = fresh_nav(&NAV.load(deps.storage)?, &cfg.nav_guards, env.block.time)?;
    let fee = apply_bps(cash, cfg.dealing.subscription_fee_bps, Rounding::Up)?;
    let net = cash.checked_sub(fee).map_err(cosmwasm_std::StdError::from)?;
    let shares = div_decimal(net, nav, Rounding::Down)?;
    if shares.is_zero() {
        return Err(ContractError::NothingToMint {});
    }
    let now = now_secs(&env);
    let mut to = Side::load(deps.storage, &investor)?;
    deny_if(subscription_reasons(deps.storage, &hot, now, &to, shares)?)?;
    let mut token = TOKEN.load(deps.storage)?;
    token.total_supply = token.total_supply.checked_add(shares).map_err(cosmwasm_std::StdError::from)?;
    TOKEN.save(deps.storage, &token)?;
    let lock_until = (cfg.dealing.lockup_seconds > 0).then(|| now.saturating_add(cfg.dealing.lockup_seconds));
    apply_credit(deps.storage, &hot, now, &mut to, shares, lock_until, true)?;
    let mut msgs = vec![cash_transfer(&cfg.dealing.cash(), &cfg.dealing.custody_addr(), net)?];
    if !fee.is_zero() {
        msgs.push(cash_transfer(&cfg.dealing.cash(), &cfg.dealing.fees_addr(), fee)?);
    }
    Ok(Response::new()
        .add_messages(msgs)
        .add_attribute("action", "subscribe")
        .add_attributes(movement_attrs(("", ""), to.party(), shares))
        .add_attribute("cash", cash)
        .add_attribute("fee", fee)
        .add_attribute("nav", nav.to_string())
        .add_attribute("shares", shares)
        .add_attribute("lock_until", lock_until.map_or("none".to_string(), |t| t.to_string())))
}

fn top_up(deps: DepsMut, sender: Addr, amount: Uint128) -> Result<Response, ContractError> {
    let is_owner = cw_ownable::is_owner(deps.storage, &sender)?;
    if !is_owner && !has_role(deps.storage, FundRole::Agent, &sender) {
        return Err(ContractError::Unauthorized { action: "top_up_liquidity", role: "owner or agent" });
    }
    let mut d = DEALING.load(deps.storage)?;
    d.buffer = d.buffer.checked_add(amount).map_err(cosmwasm_std::StdError::from)?;
    DEALING.save(deps.storage, &d)?;
    Ok(Response::new()
        .add_attribute("action", "top_up_liquidity")
        .add_attribute("amount", amount)
        .add_attribute("buffer", d.buffer)
        .add_attribute("by", sender))
}

/// Gross and net cash for redeeming `shares` at `nav`.
fn redemption_cash(cfg: &Config, shares: Uint128, nav: Decimal) -> Result<(Uint128, Uint128), ContractError> {
    let gross = mul_decimal(shares, nav, Rounding::Down)?;
    let fee = apply_bps(gross, cfg.dealing.redemption_fee_bps, Rounding::Up)?;
    Ok((gross.checked_sub(fee).map_err(cosmwasm_std::StdError::from)?, fee))
}

/// A wallet the registry unbound (lost, compromised or off-boarded) cannot take value out: its
/// holdings wait for the agent's `RecoverWallet` (or a forced move).
fn assert_bound(side: &Side) -> Result<(), ContractError> {
    if side.acct.unbound {
        return Err(ContractError::denied_one(ReasonCode::UnknownWallet));
    }
    Ok(())
}

/// Redemption is the exit path: an investor whose credentials lapsed may still redeem; only an
/// unbound wallet, freezes and locks (and pause/gate) stop it.
fn check_redeemable(side: &Side, now: u64, amount: Uint128) -> Result<(), ContractError> {
    assert_bound(side)?;
    let mut reasons = Vec::new();
    if side.acct.frozen_all {
        reasons.push(harbour_types::compliance::Denial::new(ReasonCode::SenderFrozen));
    }
    reasons.extend(balance_reasons(&side.acct, now, amount));
    deny_if(reasons)
}

pub fn redeem_instant(deps: DepsMut, env: Env, info: MessageInfo, amount: Uint128) -> Result<Response, ContractError> {
    check_amount(amount)?;
    let cfg = CONFIG.load(deps.storage)?;
    let hot = HOT.load(deps.storage)?;
    assert_dealing_open(&cfg, hot.paused)?;
    let nav = fresh_nav(&NAV.load(deps.storage)?, &cfg.nav_guards, env.block.time)?;
    let now = now_secs(&env);
    let mut side = Side::load(deps.storage, &info.sender)?;
    check_redeemable(&side, now, amount)?;
    let (paid, fee) = redemption_cash(&cfg, amount, nav)?;
    if paid.is_zero() {
        return Err(ContractError::NothingToPay {});
    }
    let mut d = DEALING.load(deps.storage)?;
    let today = now / DAY;
    if d.day != today {
        d.day = today;
        d.used_today = Uint128::zero();
    }
    let gross = paid.checked_add(fee).map_err(cosmwasm_std::StdError::from)?;
    let remaining = cfg.dealing.instant_daily_limit.saturating_sub(d.used_today);
    if gross > remaining {
        return Err(ContractError::DailyLimitExceeded { remaining, needed: gross });
    }
    if gross > d.buffer {
        return Err(ContractError::InsufficientLiquidity { available: d.buffer, needed: gross });
    }
    d.used_today = d.used_today.checked_add(gross).map_err(cosmwasm_std::StdError::from)?;
    d.buffer = d.buffer.checked_sub(gross).map_err(cosmwasm_std::StdError::from)?;
    DEALING.save(deps.storage, &d)?;
    let mut token = TOKEN.load(deps.storage)?;
    token.total_supply = token.total_supply.checked_sub(amount).map_err(cosmwasm_std::StdError::from)?;
    TOKEN.save(deps.storage, &token)?;
    apply_debit(deps.storage, &hot, now, &mut side, amount)?;
    let mut msgs = vec![cash_transfer(&cfg.dealing.cash(), &info.sender, paid)?];
    if !fee.is_zero() {
        msgs.push(cash_transfer(&cfg.dealing.cash(), &cfg.dealing.fees_addr(), fee)?);
    }
    Ok(Response::new()
        .add_messages(msgs)
        .add_attribute("action", "redeem_instant")
        .add_attributes(movement_attrs(side.party(), ("", ""), amount))
        .add_attribute("nav", nav.to_string())
        .add_attribute("paid", paid)
        .add_attribute("fee", fee))
}

/// Escrows `amount` of `owner`'s shares in a new request (`RequestRedemption`).
pub fn request_redemption(
    storage: &mut dyn Storage,
    env: &Env,
    owner: &Addr,
    amount: Uint128,
) -> Result<Response, ContractError> {
    check_amount(amount)?;
    let cfg = CONFIG.load(storage)?;
    let hot = HOT.load(storage)?;
    assert_dealing_open(&cfg, hot.paused)?;
    let now = now_secs(env);
    let mut side = Side::load(storage, owner)?;
    check_redeemable(&side, now, amount)?;
    let pending = requests()
        .idx
        .owner
        .prefix(owner.clone())
        .keys_raw(storage, None, None, cosmwasm_std::Order::Ascending)
        .take(MAX_PENDING_PER_OWNER + 1)
        .count();
    if pending >= MAX_PENDING_PER_OWNER {
        return Err(ContractError::TooManyPendingRequests { max: MAX_PENDING_PER_OWNER });
    }
    apply_debit(storage, &hot, now, &mut side, amount)?;
    let id = NEXT_REQUEST.may_load(storage)?.unwrap_or(1);
    NEXT_REQUEST.save(storage, &id.checked_add(1).ok_or(ContractError::Overflow {})?)?;
    requests().save(
        storage,
        id,
        &RedemptionRequest { id, owner: owner.clone(), shares: amount, requested_at: env.block.time },
    )?;
    let mut d = DEALING.load(storage)?;
    d.escrowed = d.escrowed.checked_add(amount).map_err(cosmwasm_std::StdError::from)?;
    d.pending = d.pending.checked_add(1).ok_or(ContractError::Overflow {})?;
    DEALING.save(storage, &d)?;
    Ok(Response::new()
        .add_attribute("action", "request_redemption")
        .add_attribute("request_id", id.to_string())
        .add_attributes(movement_attrs(side.party(), (env.contract.address.as_str(), ""), amount))
        .add_event(
            Event::new("harbour_redemption_requested")
                .add_attribute("request_id", id.to_string())
                .add_attribute("owner", owner)
                .add_attribute("shares", amount),
        ))
}

/// A request leaves the queue (paid or cancelled): escrow and pending count go down.
fn close_request(storage: &mut dyn Storage, shares: Uint128) -> Result<(), ContractError> {
    let mut d = DEALING.load(storage)?;
    d.escrowed = d.escrowed.checked_sub(shares).map_err(|_| ContractError::Inconsistent { what: "escrow" })?;
    d.pending = d.pending.checked_sub(1).ok_or(ContractError::Inconsistent { what: "pending requests" })?;
    DEALING.save(storage, &d).map_err(ContractError::from)
}

fn owner_did(storage: &dyn Storage, owner: &Addr) -> Result<String, ContractError> {
    let did = ACCOUNTS.may_load(storage, owner)?.map_or(0, |a| a.did);
    Ok(if did == 0 { String::new() } else { DIDS.may_load(storage, did)?.map(|i| i.did).unwrap_or_default() })
}

fn settle(
    deps: DepsMut,
    env: Env,
    cfg: Config,
    sender: Addr,
    id: u64,
    cash: Uint128,
) -> Result<Response, ContractError> {
    if !has_role(deps.storage, FundRole::Agent, &sender) {
        return Err(ContractError::Unauthorized { action: "settle_redemption", role: "agent" });
    }
    let req = requests().may_load(deps.storage, id)?.ok_or(ContractError::RequestNotFound { id })?;
    // cash is never paid to a wallet the registry unbound: recover it first (the request follows)
    if ACCOUNTS.may_load(deps.storage, &req.owner)?.is_some_and(|a| a.unbound) {
        return Err(ContractError::RequestOwnerUnbound { id, owner: req.owner.into() });
    }
    let nav = fresh_nav(&NAV.load(deps.storage)?, &cfg.nav_guards, env.block.time)?;
    let (paid, fee) = redemption_cash(&cfg, req.shares, nav)?;
    let due = paid.checked_add(fee).map_err(cosmwasm_std::StdError::from)?;
    if cash != due {
        return Err(ContractError::SettlementMismatch { id, expected: due, got: cash });
    }
    requests().remove(deps.storage, id)?;
    close_request(deps.storage, req.shares)?;
    let mut token = TOKEN.load(deps.storage)?;
    token.total_supply = token.total_supply.checked_sub(req.shares).map_err(cosmwasm_std::StdError::from)?;
    TOKEN.save(deps.storage, &token)?;
    let mut msgs = vec![cash_transfer(&cfg.dealing.cash(), &req.owner, paid)?];
    if !fee.is_zero() {
        msgs.push(cash_transfer(&cfg.dealing.cash(), &cfg.dealing.fees_addr(), fee)?);
    }
    let owner_did = owner_did(deps.storage, &req.owner)?;
    Ok(Response::new()
        .add_messages(msgs)
        .add_attribute("action", "settle_redemption")
        .add_attribute("request_id", id.to_string())
        .add_attributes(movement_attrs((req.owner.as_str(), &owner_did), ("", ""), req.shares))
        .add_attribute("nav", nav.to_string())
        .add_attribute("paid", paid)
        .add_attribute("fee", fee)
        .add_attribute("agent", sender))
}

pub fn cancel_redemption(deps: DepsMut, env: Env, info: MessageInfo, id: u64) -> Result<Response, ContractError> {
    let req = requests().may_load(deps.storage, id)?.ok_or(ContractError::RequestNotFound { id })?;
    let is_agent = has_role(deps.storage, FundRole::Agent, &info.sender);
    if info.sender != req.owner && !is_agent {
        return Err(ContractError::Unauthorized { action: "cancel_redemption", role: "request owner or agent" });
    }
    let hot = HOT.load(deps.storage)?;
    let mut side = Side::load(deps.storage, &req.owner)?;
    if !is_agent {
        assert_bound(&side)?;
    }
    requests().remove(deps.storage, id)?;
    close_request(deps.storage, req.shares)?;
    // returning escrowed shares is never blocked (nothing is ever lost): no compliance rule applies
    apply_credit(deps.storage, &hot, now_secs(&env), &mut side, req.shares, None, false)?;
    Ok(Response::new()
        .add_attribute("action", "cancel_redemption")
        .add_attribute("request_id", id.to_string())
        .add_attributes(movement_attrs((env.contract.address.as_str(), ""), side.party(), req.shares))
        .add_attribute("by", info.sender))
}

pub fn withdraw_liquidity(deps: DepsMut, info: MessageInfo, amount: Uint128) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "withdraw_liquidity")?;
    check_amount(amount)?;
    let cfg = CONFIG.load(deps.storage)?;
    let mut d = DEALING.load(deps.storage)?;
    d.buffer = d
        .buffer
        .checked_sub(amount)
        .map_err(|_| ContractError::InsufficientLiquidity { available: d.buffer, needed: amount })?;
    DEALING.save(deps.storage, &d)?;
    Ok(Response::new()
        .add_message(cash_transfer(&cfg.dealing.cash(), &cfg.dealing.custody_addr(), amount)?)
        .add_attribute("action", "withdraw_liquidity")
        .add_attribute("amount", amount)
        .add_attribute("buffer", d.buffer))
}
