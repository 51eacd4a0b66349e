//! Primary dealing against the CW20 cash token (the HKD stablecoin): subscriptions, instant and
//! queued redemptions, liquidity buffer, income distribution and claims.
//!
//! Formulas (NAV = cash units per share unit; all rounding in the fund's favour):
//! - subscription: `fee = ceil(cash × fee_bps / 10⁴)`, `shares = floor((cash − fee) / NAV)`;
//! - redemption: `gross = floor(shares × NAV)`, `fee = ceil(gross × fee_bps / 10⁴)`, `paid = gross − fee`;
//! - income: `index += floor(income / entitled_supply)` (18 decimals), holder accrues
//!   `floor(balance × Δindex)`; the rounding remainder (reported as `undistributed`) is never
//!   claimable and stays with the fund.

use cosmwasm_std::{from_json, Addr, CosmosMsg, Decimal, DepsMut, Env, Event, MessageInfo, Response, Storage, Uint128};
use cw20::Cw20ReceiveMsg;
use harbour_types::compliance::ReasonCode;
use harbour_types::cw20_support::cw20_transfer_msg;
use harbour_types::fund_token::{CashHookMsg, FundRole, IncomeMode, RedemptionRequest};
use harbour_types::math::{apply_bps, div_decimal, mul_decimal, Rounding};

use crate::error::ContractError;
use crate::helpers::{addr, assert_owner, check_amount, deny_if, fresh_nav, has_role, now_secs, DealingAddrs};
use crate::ledger::{apply_credit, apply_debit, balance_reasons, settle_income, subscription_reasons, Side};
use crate::state::{requests, Config, ACCOUNTS, CONFIG, DEALING, HOT, INCOME, NAV, NEXT_REQUEST, TOKEN};

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
        CashHookMsg::DepositIncome {} => deposit_income(deps, cfg, sender, wrapper.amount),
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
    apply_credit(deps.storage, &hot, now, &mut to, shares, lock_until)?;
    let mut msgs = vec![cash_transfer(&cfg.dealing.cash(), &cfg.dealing.custody_addr(), net)?];
    if !fee.is_zero() {
        msgs.push(cash_transfer(&cfg.dealing.cash(), &cfg.dealing.fees_addr(), fee)?);
    }
    Ok(Response::new()
        .add_messages(msgs)
        .add_attribute("action", "subscribe")
        .add_attribute("investor", &investor)
        .add_attribute("investor_did", to.did())
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

fn deposit_income(deps: DepsMut, cfg: Config, sender: Addr, amount: Uint128) -> Result<Response, ContractError> {
    if !has_role(deps.storage, FundRole::Agent, &sender) {
        return Err(ContractError::Unauthorized { action: "deposit_income", role: "agent" });
    }
    if cfg.income_mode != IncomeMode::Distributing {
        return Err(ContractError::NotDistributing {});
    }
    let token = TOKEN.load(deps.storage)?;
    let d = DEALING.load(deps.storage)?;
    let entitled = token.total_supply.checked_sub(d.escrowed).map_err(cosmwasm_std::StdError::from)?;
    if entitled.is_zero() {
        return Err(ContractError::NoIncomeSupply {});
    }
    let per_share = Decimal::checked_from_ratio(amount, entitled)
        .map_err(|e| cosmwasm_std::StdError::generic_err(e.to_string()))?;
    // what holders can ever claim from this deposit (rounded down); the rest is kept by the fund
    let distributable = mul_decimal(entitled, per_share, Rounding::Down)?;
    let dust = amount.checked_sub(distributable).map_err(cosmwasm_std::StdError::from)?;
    let mut hot = HOT.load(deps.storage)?;
    hot.index = hot.index.checked_add(per_share).map_err(|e| cosmwasm_std::StdError::generic_err(e.to_string()))?;
    HOT.save(deps.storage, &hot)?;
    let mut inc = INCOME.load(deps.storage)?;
    // `owed` holds the whole deposit: holders' floored accruals never sum to more than it.
    inc.owed = inc.owed.checked_add(amount).map_err(cosmwasm_std::StdError::from)?;
    inc.undistributed = inc.undistributed.checked_add(dust).map_err(cosmwasm_std::StdError::from)?;
    INCOME.save(deps.storage, &inc)?;
    Ok(Response::new()
        .add_attribute("action", "deposit_income")
        .add_attribute("amount", amount)
        .add_attribute("per_share", per_share.to_string())
        .add_attribute("index", hot.index.to_string())
        .add_attribute("entitled_supply", entitled)
        .add_attribute("undistributed", dust)
        .add_attribute("agent", sender))
}

pub fn claim_income(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if cfg.income_mode != IncomeMode::Distributing {
        return Err(ContractError::NotDistributing {});
    }
    let hot = HOT.load(deps.storage)?;
    if hot.paused {
        return Err(ContractError::Paused {});
    }
    let mut acct = ACCOUNTS.may_load(deps.storage, &info.sender)?.unwrap_or_default();
    if acct.unbound {
        return Err(ContractError::denied_one(ReasonCode::UnknownWallet));
    }
    if acct.frozen_all {
        return Err(ContractError::denied_one(ReasonCode::SenderFrozen));
    }
    settle_income(&mut acct, hot.index)?;
    let amount = acct.accrued;
    if amount.is_zero() {
        return Err(ContractError::NothingToClaim {});
    }
    acct.accrued = Uint128::zero();
    ACCOUNTS.save(deps.storage, &info.sender, &acct)?;
    let mut inc = INCOME.load(deps.storage)?;
    inc.owed = inc.owed.checked_sub(amount).map_err(cosmwasm_std::StdError::from)?;
    INCOME.save(deps.storage, &inc)?;
    Ok(Response::new()
        .add_message(cash_transfer(&cfg.dealing.cash(), &info.sender, amount)?)
        .add_attribute("action", "claim_income")
        .add_attribute("holder", info.sender)
        .add_attribute("amount", amount))
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
        .add_attribute("investor", &info.sender)
        .add_attribute("investor_did", side.did())
        .add_attribute("shares", amount)
        .add_attribute("nav", nav.to_string())
        .add_attribute("paid", paid)
        .add_attribute("fee", fee))
}

/// Escrows `amount` of `owner`'s shares in a new request (used by `RequestRedemption`, `Burn`, `BurnFrom`).
pub fn request_redemption(
    storage: &mut dyn Storage,
    env: &Env,
    owner: &Addr,
    amount: Uint128,
    action: &str,
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
    d.pending = d.pending.saturating_add(1);
    DEALING.save(storage, &d)?;
    Ok(Response::new()
        .add_attribute("action", action)
        .add_attribute("request_id", id.to_string())
        .add_attribute("owner", owner)
        .add_attribute("owner_did", side.did())
        .add_attribute("shares", amount)
        .add_event(
            Event::new("harbour_redemption_requested")
                .add_attribute("request_id", id.to_string())
                .add_attribute("owner", owner)
                .add_attribute("shares", amount),
        ))
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
    let mut d = DEALING.load(deps.storage)?;
    d.escrowed = d.escrowed.checked_sub(req.shares).map_err(cosmwasm_std::StdError::from)?;
    d.pending = d.pending.saturating_sub(1);
    DEALING.save(deps.storage, &d)?;
    let mut token = TOKEN.load(deps.storage)?;
    token.total_supply = token.total_supply.checked_sub(req.shares).map_err(cosmwasm_std::StdError::from)?;
    TOKEN.save(deps.storage, &token)?;
    let mut msgs = vec![cash_transfer(&cfg.dealing.cash(), &req.owner, paid)?];
    if !fee.is_zero() {
        msgs.push(cash_transfer(&cfg.dealing.cash(), &cfg.dealing.fees_addr(), fee)?);
    }
    Ok(Response::new()
        .add_messages(msgs)
        .add_attribute("action", "settle_redemption")
        .add_attribute("request_id", id.to_string())
        .add_attribute("owner", &req.owner)
        .add_attribute("shares_burned", req.shares)
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
    let mut d = DEALING.load(deps.storage)?;
    d.escrowed = d.escrowed.checked_sub(req.shares).map_err(cosmwasm_std::StdError::from)?;
    d.pending = d.pending.saturating_sub(1);
    DEALING.save(deps.storage, &d)?;
    // returning escrowed shares is never blocked (nothing is ever lost): no compliance rule applies
    apply_credit(deps.storage, &hot, now_secs(&env), &mut side, req.shares, None)?;
    Ok(Response::new()
        .add_attribute("action", "cancel_redemption")
        .add_attribute("request_id", id.to_string())
        .add_attribute("owner", &req.owner)
        .add_attribute("owner_did", side.did())
        .add_attribute("shares_returned", req.shares)
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
