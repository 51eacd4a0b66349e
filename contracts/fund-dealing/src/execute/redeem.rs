//! Redemptions, on holds: the shares stay in the owner's wallet, held for this contract, until
//! they burn. The fund token calls [`hold_hook`] when a hold for this contract is placed (with an
//! order), released by court order, or moved by wallet recovery.
//!
//! - **Instant** (`redeem_instant`): paid now from the buffer within the daily limit; this
//!   contract pays the owner and answers the hook with `burn` (a [`PlacedHookResponse`]), so the
//!   fund token burns the held shares in its reply: hold, payment and burn in one transaction and
//!   three contract loads (fund token, this contract, cash token). The fee stays in the contract
//!   until swept to the fee collector.
//! - **Queued** (`request_redemption`): a request records the held shares; the dealing agent pays
//!   it (`SettleRedemption`), the owner or the agent cancels it (the hold is released), a court
//!   order releases it (the request shrinks or closes), recovery moves it to the new wallet.
//!
//! Invariant: for every owner, the hold the fund token keeps for this contract equals the sum of
//! the owner's pending requests (an instant order is burned in the transaction that placed it).

use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, DepsMut, Env, Event, MessageInfo, Order, Response, Uint128,
};
use harbour_types::fund_dealing::{
    DealingRole, HoldOrderMsg, InstantRedemptionResponse, RedemptionRequest, RequestFiledResponse,
};
use harbour_types::fund_token as ft;
use harbour_types::holds::{HoldHookMsg, PlacedHookResponse, ReleaseHoldMsg};

use crate::error::ContractError;
use crate::execute::rules;
use crate::execute::subscribe::close;
use crate::helpers::{cash_transfer, deny_if, fund_check, fund_msg, has_role, DAY};
use crate::state::{requests, Config, CONFIG, NAV, STATE};

pub fn hold_hook(deps: DepsMut, env: Env, info: MessageInfo, hook: HoldHookMsg) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.fund_token {
        return Err(ContractError::NotFundToken { expected: cfg.fund_token.to_string() });
    }
    match hook {
        HoldHookMsg::Placed { owner, amount, held, expires, msg, .. } => {
            if let Some(expires) = expires {
                return Err(ContractError::ExpiringHold { expires });
            }
            let owner = deps.api.addr_validate(&owner)?;
            match parse_order(msg)? {
                HoldOrderMsg::RedeemInstant {} => redeem_instant(deps, env, cfg, owner, amount),
                HoldOrderMsg::RequestRedemption {} => request(deps, env, cfg, owner, amount, held),
            }
        }
        HoldHookMsg::CourtReleased { owner, amount, held, reason, .. } => {
            let owner = deps.api.addr_validate(&owner)?;
            court_released(deps, owner, amount, held, reason)
        }
        HoldHookMsg::Moved { from_owner, to_owner, .. } => {
            let (from, to) = (deps.api.addr_validate(&from_owner)?, deps.api.addr_validate(&to_owner)?);
            moved(deps, from, to)
        }
    }
}

fn parse_order(msg: Option<Binary>) -> Result<HoldOrderMsg, ContractError> {
    let msg = msg.ok_or(ContractError::InvalidOrder { reason: "the hold has no message".into() })?;
    from_json(&msg).map_err(|e| ContractError::InvalidOrder { reason: e.to_string() })
}

/// Instant redemption of the `shares` just held: the burn, the payment and the fee in one
/// transaction; response data [`InstantRedemptionResponse`].
fn redeem_instant(
    deps: DepsMut,
    env: Env,
    cfg: Config,
    owner: Addr,
    shares: Uint128,
) -> Result<Response, ContractError> {
    let mut state = STATE.load(deps.storage)?;
    let nav = NAV.load(deps.storage)?;
    let (reasons, q) = rules::instant(&state, &cfg, &nav, env.block.time, shares)?;
    deny_if(reasons)?;
    let today = env.block.time.seconds() / DAY;
    if state.day != today {
        state.day = today;
        state.used_today = Uint128::zero();
    }
    state.used_today = state.used_today.checked_add(q.gross).map_err(|_| ContractError::Overflow {})?;
    state.buffer = state.buffer.checked_sub(q.gross).map_err(|_| ContractError::Inconsistent { what: "buffer" })?;
    state.fees = state.fees.checked_add(q.fee).map_err(|_| ContractError::Overflow {})?;
    STATE.save(deps.storage, &state)?;
    let data =
        InstantRedemptionResponse { shares, gross: q.gross, fee: q.fee, paid: q.paid, nav: nav.nav, nav_seq: nav.seq };
    // the fund token burns the held shares in its reply to this hook (`burn`), after the payment
    let answer = PlacedHookResponse { burn: shares, data: Some(to_json_binary(&data)?) };
    Ok(Response::new()
        .add_message(cash_transfer(&cfg, &owner, q.paid)?)
        .set_data(to_json_binary(&answer)?)
        .add_attribute("action", "redeem_instant")
        .add_attribute("owner", owner)
        .add_attribute("shares", shares)
        .add_attribute("gross", q.gross)
        .add_attribute("fee", q.fee)
        .add_attribute("paid", q.paid)
        .add_attribute("nav", nav.nav.to_string())
        .add_attribute("nav_seq", nav.seq.to_string())
        .add_attribute("buffer", state.buffer))
}

/// A queued request for the `shares` just held (`held`: everything the owner now holds for this
/// contract). Refused when filed if it could never pay, past the owner's cap, or when the fund
/// token would refuse burning `held` later (a partial redemption below the minimum holding).
fn request(
    deps: DepsMut,
    env: Env,
    cfg: Config,
    owner: Addr,
    shares: Uint128,
    held: Uint128,
) -> Result<Response, ContractError> {
    let mut state = STATE.load(deps.storage)?;
    let nav = NAV.load(deps.storage)?;
    let (pending, _) = rules::pending_of(deps.storage, &owner)?;
    let (mut reasons, _) = rules::request(&state, &cfg, &nav, &owner, pending, shares)?;
    if reasons.is_empty() {
        let check = ft::QueryMsg::CanRedeem { owner: owner.to_string(), amount: Uint128::zero(), held };
        reasons = fund_check(&deps.querier, &cfg, &check)?;
    }
    deny_if(reasons)?;
    let id = state.next_request.checked_add(1).ok_or(ContractError::Overflow {})?;
    state.next_request = id;
    state.pending = state.pending.checked_add(1).ok_or(ContractError::Overflow {})?;
    state.pending_shares = state.pending_shares.checked_add(shares).map_err(|_| ContractError::Overflow {})?;
    STATE.save(deps.storage, &state)?;
    let req = RedemptionRequest { id, owner: owner.clone(), shares, requested_at: env.block.time, nav_seq: nav.seq };
    requests().save(deps.storage, id, &req)?;
    let filed = RequestFiledResponse { request_id: id, shares, nav_seq: nav.seq };
    let answer = PlacedHookResponse { burn: Uint128::zero(), data: Some(to_json_binary(&filed)?) };
    Ok(Response::new()
        .set_data(to_json_binary(&answer)?)
        .add_attribute("action", "request_redemption")
        .add_attribute("request_id", id.to_string())
        .add_event(
            Event::new("harbour_redemption_requested")
                .add_attribute("request_id", id.to_string())
                .add_attribute("owner", owner)
                .add_attribute("shares", shares)
                .add_attribute("nav_seq", nav.seq.to_string()),
        ))
}

/// The owner's requests, newest first (bounded by the owner's cap).
fn owner_requests(deps: &DepsMut, owner: &Addr) -> Result<Vec<RedemptionRequest>, ContractError> {
    let list = requests()
        .idx
        .owner
        .prefix(owner.clone())
        .range(deps.storage, None, None, Order::Descending)
        .take(harbour_types::fund_dealing::MAX_PENDING_PER_VENUE as usize + 1)
        .map(|r| r.map(|(_, v)| v))
        .collect::<cosmwasm_std::StdResult<Vec<_>>>()?;
    Ok(list)
}

/// A court order released `amount` of the owner's hold, leaving `held`: the newest requests
/// shrink (or close) until the owner's requests add up to `held`. Never refused: the venue must
/// accept a court order.
fn court_released(
    deps: DepsMut,
    owner: Addr,
    amount: Uint128,
    held: Uint128,
    reason: String,
) -> Result<Response, ContractError> {
    let mut state = STATE.load(deps.storage)?;
    let list = owner_requests(&deps, &owner)?;
    let mut total = list
        .iter()
        .try_fold(Uint128::zero(), |acc, r| acc.checked_add(r.shares))
        .map_err(|_| ContractError::Overflow {})?;
    let mut res = Response::new().add_attribute("action", "court_released");
    for mut req in list {
        if total <= held {
            break;
        }
        let cut = req.shares.min(total - held);
        total -= cut;
        state.pending_shares = state
            .pending_shares
            .checked_sub(cut)
            .map_err(|_| ContractError::Inconsistent { what: "pending shares" })?;
        req.shares -= cut;
        if req.shares.is_zero() {
            requests().remove(deps.storage, req.id)?;
            state.pending =
                state.pending.checked_sub(1).ok_or(ContractError::Inconsistent { what: "pending requests" })?;
        } else {
            requests().save(deps.storage, req.id, &req)?;
        }
        res = res.add_event(
            Event::new("harbour_redemption_court_released")
                .add_attribute("request_id", req.id.to_string())
                .add_attribute("owner", &owner)
                .add_attribute("released", cut)
                .add_attribute("shares_left", req.shares)
                .add_attribute("reason", &reason),
        );
    }
    STATE.save(deps.storage, &state)?;
    Ok(res.add_attribute("owner", owner).add_attribute("amount", amount).add_attribute("held", held))
}

/// Wallet recovery moved the owner's hold to `to` (same DID): its requests follow (never refused,
/// even past `to`'s cap).
fn moved(deps: DepsMut, from: Addr, to: Addr) -> Result<Response, ContractError> {
    let mut res = Response::new().add_attribute("action", "requests_moved");
    for mut req in owner_requests(&deps, &from)? {
        req.owner = to.clone();
        requests().save(deps.storage, req.id, &req)?;
        res = res.add_attribute("request_id", req.id.to_string());
    }
    Ok(res.add_attribute("from_owner", from).add_attribute("to_owner", to))
}

/// The request's owner or a dealing agent: the hold is released in the same transaction (the
/// shares never left the wallet: no holder cap, income or compliance rule is touched).
pub fn cancel(deps: DepsMut, env: Env, info: MessageInfo, id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let req = requests().may_load(deps.storage, id)?.ok_or(ContractError::RequestNotFound { id })?;
    if info.sender != req.owner && !has_role(deps.storage, DealingRole::DealingAgent, &info.sender) {
        return Err(ContractError::Unauthorized {
            action: "cancel_redemption",
            role: "request owner or dealing agent",
        });
    }
    let mut state = STATE.load(deps.storage)?;
    requests().remove(deps.storage, id)?;
    close(&mut state, req.shares)?;
    STATE.save(deps.storage, &state)?;
    let release = ft::ExecuteMsg::ReleaseHold(ReleaseHoldMsg {
        owner: req.owner.to_string(),
        venue: env.contract.address.to_string(),
        amount: Some(req.shares),
        reason: Some(format!("redemption request {id} cancelled")),
    });
    Ok(Response::new()
        .add_message(fund_msg(&cfg, &release)?)
        .add_attribute("action", "cancel_redemption")
        .add_attribute("request_id", id.to_string())
        .add_attribute("owner", req.owner)
        .add_attribute("shares", req.shares)
        .add_attribute("by", info.sender))
}
