//! Cash arriving by the cash token's `Send`: subscriptions, buffer top-ups and the dealing
//! agent's payment of queued requests.

use cosmwasm_std::{from_json, Addr, DepsMut, Env, MessageInfo, Response, Uint128};
use cw20::Cw20ReceiveMsg;
use harbour_types::fund_dealing::{CashHookMsg, DealingRole};
use harbour_types::fund_token::{self as ft, BurnHeldMsg, DealingMintMsg};

use crate::error::ContractError;
use crate::execute::rules;
use crate::helpers::{assert_owner_or, assert_role, cash_transfer, deny_if, fund_msg, gate_reasons, is_fresh};
use crate::quote;
use crate::state::{requests, Config, CONFIG, NAV, STATE};
use harbour_types::compliance::{Denial, ReasonCode};

pub fn receive(deps: DepsMut, env: Env, info: MessageInfo, wrapper: Cw20ReceiveMsg) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.cash() {
        return Err(ContractError::NotCashToken { expected: cfg.dealing.cash_token.clone() });
    }
    if wrapper.amount.is_zero() {
        return Err(ContractError::ZeroAmount {});
    }
    let sender = deps.api.addr_validate(&wrapper.sender)?;
    let hook: CashHookMsg =
        from_json(&wrapper.msg).map_err(|e| ContractError::InvalidHook { reason: e.to_string() })?;
    match hook {
        CashHookMsg::Subscribe {} => subscribe(deps, env, cfg, sender, wrapper.amount),
        CashHookMsg::TopUpBuffer {} => top_up(deps, cfg, sender, wrapper.amount),
        CashHookMsg::SettleRedemption { request_id } => settle(deps, env, cfg, sender, request_id, wrapper.amount),
    }
}

/// `fee = ⌈cash × f⌉` accrues for the fee collector, `net` goes to custody, `⌊net / NAV⌋` shares minted by
/// the fund token under its subscription rule (which may refuse: the whole transaction reverts).
fn subscribe(deps: DepsMut, env: Env, cfg: Config, investor: Addr, cash: Uint128) -> Result<Response, ContractError> {
    let state = STATE.load(deps.storage)?;
    let nav = NAV.load(deps.storage)?;
    let (reasons, q) = rules::subscription(&state, &cfg, &nav, env.block.time, cash)?;
    deny_if(reasons)?;
    let lock_until = (cfg.dealing.lockup_seconds > 0).then(|| env.block.time.plus_seconds(cfg.dealing.lockup_seconds));
    let res = Response::new()
        .add_message(fund_msg(
            &cfg,
            &ft::ExecuteMsg::DealingMint(DealingMintMsg {
                recipient: investor.to_string(),
                amount: q.shares,
                lock_until,
            }),
        )?)
        .add_message(cash_transfer(&cfg, &cfg.custody(), q.net)?);
    if !q.fee.is_zero() {
        let mut state = state;
        state.fees = state.fees.checked_add(q.fee).map_err(|_| ContractError::Overflow {})?;
        STATE.save(deps.storage, &state)?;
    }
    Ok(res
        .add_attribute("action", "subscribe")
        .add_attribute("investor", investor)
        .add_attribute("cash", cash)
        .add_attribute("fee", q.fee)
        .add_attribute("net", q.net)
        .add_attribute("shares", q.shares)
        .add_attribute("nav", nav.nav.to_string())
        .add_attribute("nav_seq", nav.seq.to_string())
        .add_attribute("lock_until", lock_until.map_or("none".to_string(), |t| t.seconds().to_string())))
}

fn top_up(deps: DepsMut, _cfg: Config, sender: Addr, amount: Uint128) -> Result<Response, ContractError> {
    assert_owner_or(deps.storage, DealingRole::DealingAgent, &sender, "top_up_buffer")?;
    let mut state = STATE.load(deps.storage)?;
    state.buffer = state.buffer.checked_add(amount).map_err(|_| ContractError::Overflow {})?;
    STATE.save(deps.storage, &state)?;
    Ok(Response::new()
        .add_attribute("action", "top_up_buffer")
        .add_attribute("amount", amount)
        .add_attribute("buffer", state.buffer)
        .add_attribute("by", sender))
}

/// The dealing agent pays request `id` with exactly its gross value at the current (fresh) NAV:
/// the held shares burn (the fund token refuses a frozen or unbound owner, reverting everything),
/// the owner gets `gross − fee`, the fee accrues for the fee collector.
fn settle(
    deps: DepsMut,
    env: Env,
    cfg: Config,
    sender: Addr,
    id: u64,
    cash: Uint128,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, DealingRole::DealingAgent, &sender, "settle_redemption")?;
    let mut state = STATE.load(deps.storage)?;
    let mut reasons = gate_reasons(&state, false);
    let nav = NAV.load(deps.storage)?;
    if !is_fresh(&nav, &cfg.guards, env.block.time) {
        reasons.push(Denial::new(ReasonCode::StaleNav));
    }
    deny_if(reasons)?;
    let req = requests().may_load(deps.storage, id)?.ok_or(ContractError::RequestNotFound { id })?;
    let q = quote::redemption(req.shares, nav.nav, cfg.dealing.redemption_fee_bps)?;
    if cash != q.gross {
        return Err(ContractError::SettlementMismatch { id, expected: q.gross, got: cash });
    }
    requests().remove(deps.storage, id)?;
    close(&mut state, req.shares)?;
    state.fees = state.fees.checked_add(q.fee).map_err(|_| ContractError::Overflow {})?;
    STATE.save(deps.storage, &state)?;
    let mut res = Response::new().add_message(fund_msg(
        &cfg,
        &ft::ExecuteMsg::BurnHeld(BurnHeldMsg { owner: req.owner.to_string(), amount: req.shares }),
    )?);
    if !q.paid.is_zero() {
        res = res.add_message(cash_transfer(&cfg, &req.owner, q.paid)?);
    }
    Ok(res
        .add_attribute("action", "settle_redemption")
        .add_attribute("request_id", id.to_string())
        .add_attribute("owner", req.owner)
        .add_attribute("shares", req.shares)
        .add_attribute("gross", q.gross)
        .add_attribute("fee", q.fee)
        .add_attribute("paid", q.paid)
        .add_attribute("nav", nav.nav.to_string())
        .add_attribute("nav_seq", nav.seq.to_string())
        .add_attribute("agent", sender))
}

/// A request leaves the queue (paid, cancelled or court-released in full).
pub fn close(state: &mut crate::state::State, shares: Uint128) -> Result<(), ContractError> {
    state.pending = state.pending.checked_sub(1).ok_or(ContractError::Inconsistent { what: "pending requests" })?;
    state.pending_shares =
        state.pending_shares.checked_sub(shares).map_err(|_| ContractError::Inconsistent { what: "pending shares" })?;
    Ok(())
}
