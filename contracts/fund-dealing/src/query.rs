//! Read-only queries. Every list is paginated (`start_after` exclusive, `limit` clamped).

use cosmwasm_std::{Deps, Env, Order, StdResult, Uint128};
use cw_storage_plus::Bound;
use harbour_types::compliance::Denial;
use harbour_types::fund_dealing::{
    ConfigResponse, DealingCheckResponse, DealingRole, DealingStateResponse, NavHistoryResponse, NavResponse,
    RedeemMode, RedemptionRequest, RedemptionRequestsResponse, RoleMembersResponse,
};
use harbour_types::fund_token as ft;
use harbour_types::pagination::page_limit;

use crate::error::ContractError;
use crate::execute::rules;
use crate::helpers::{fund_check, instant_remaining, is_fresh, role_key, stale_after};
use crate::state::{requests, CONFIG, NAV, NAV_HISTORY, ROLES, STATE};

pub fn config(deps: Deps) -> Result<ConfigResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let state = STATE.load(deps.storage)?;
    Ok(ConfigResponse {
        fund_token: cfg.fund_token,
        config: cfg.dealing,
        nav_guards: cfg.guards,
        paused: state.paused,
        suspended: state.suspended,
    })
}

pub fn nav(deps: Deps, env: Env) -> Result<NavResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let n = NAV.load(deps.storage)?;
    Ok(NavResponse {
        stale: !is_fresh(&n, &cfg.guards, env.block.time),
        stale_after: stale_after(&n, &cfg.guards),
        nav: n.nav,
        updated_at: n.updated_at,
        seq: n.seq,
    })
}

pub fn nav_history(
    deps: Deps,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<NavHistoryResponse, ContractError> {
    let records = NAV_HISTORY
        .range(deps.storage, start_after.map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .map(|r| r.map(|(_, v)| v))
        .collect::<StdResult<_>>()?;
    Ok(NavHistoryResponse { records })
}

pub fn state(deps: Deps, env: Env) -> Result<DealingStateResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let s = STATE.load(deps.storage)?;
    let remaining = instant_remaining(&s, &cfg, env.block.time);
    Ok(DealingStateResponse {
        paused: s.paused,
        suspended: s.suspended,
        buffer: s.buffer,
        fees_accrued: s.fees,
        instant_used_today: cfg.dealing.instant_daily_limit.saturating_sub(remaining),
        instant_daily_limit: cfg.dealing.instant_daily_limit,
        pending_requests: s.pending,
        pending_shares: s.pending_shares,
    })
}

pub fn redemption_request(deps: Deps, id: u64) -> Result<RedemptionRequest, ContractError> {
    requests().may_load(deps.storage, id)?.ok_or(ContractError::RequestNotFound { id })
}

pub fn redemption_requests(
    deps: Deps,
    owner: Option<String>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<RedemptionRequestsResponse, ContractError> {
    let start = start_after.map(Bound::exclusive);
    let requests = match owner {
        Some(o) => {
            let o = deps.api.addr_validate(&o)?;
            requests()
                .idx
                .owner
                .prefix(o)
                .range(deps.storage, start, None, Order::Ascending)
                .take(page_limit(limit))
                .map(|r| r.map(|(_, v)| v))
                .collect::<StdResult<_>>()?
        }
        None => requests()
            .range(deps.storage, start, None, Order::Ascending)
            .take(page_limit(limit))
            .map(|r| r.map(|(_, v)| v))
            .collect::<StdResult<_>>()?,
    };
    Ok(RedemptionRequestsResponse { requests })
}

/// The dealing rule ([`rules::subscription`]) and then the fund token's mint rule (`CanMint`).
pub fn can_subscribe(
    deps: Deps,
    env: Env,
    investor: String,
    cash: Uint128,
) -> Result<DealingCheckResponse, ContractError> {
    let investor = deps.api.addr_validate(&investor)?;
    let (cfg, state, nav) = (CONFIG.load(deps.storage)?, STATE.load(deps.storage)?, NAV.load(deps.storage)?);
    let (mut reasons, q) = rules::subscription(&state, &cfg, &nav, env.block.time, cash)?;
    if !q.shares.is_zero() {
        let check = ft::QueryMsg::CanMint { recipient: investor.to_string(), amount: q.shares };
        merge(&mut reasons, fund_check(&deps.querier, &cfg, &check)?);
    }
    Ok(DealingCheckResponse {
        allowed: reasons.is_empty(),
        reasons,
        nav: nav.nav,
        nav_seq: nav.seq,
        shares: q.shares,
        gross: cash,
        fee: q.fee,
        net: q.net,
    })
}

/// The dealing rule for the mode ([`rules::instant`] or [`rules::request`]) and then the fund
/// token's hold and burn rules (`CanRedeem`; a queued request's burn counts the owner's pending
/// requests).
pub fn can_redeem(
    deps: Deps,
    env: Env,
    owner: String,
    shares: Uint128,
    mode: RedeemMode,
) -> Result<DealingCheckResponse, ContractError> {
    let owner = deps.api.addr_validate(&owner)?;
    let (cfg, state, nav) = (CONFIG.load(deps.storage)?, STATE.load(deps.storage)?, NAV.load(deps.storage)?);
    let (mut reasons, q, held) = match mode {
        RedeemMode::Instant => {
            let (r, q) = rules::instant(&state, &cfg, &nav, env.block.time, shares)?;
            (r, q, Uint128::zero())
        }
        RedeemMode::Queued => {
            let (pending, pending_shares) = rules::pending_of(deps.storage, &owner)?;
            let (r, q) = rules::request(&state, &cfg, &nav, &owner, pending, shares)?;
            (r, q, pending_shares)
        }
    };
    if !shares.is_zero() {
        let check = ft::QueryMsg::CanRedeem { owner: owner.to_string(), amount: shares, held };
        merge(&mut reasons, fund_check(&deps.querier, &cfg, &check)?);
    }
    Ok(DealingCheckResponse {
        allowed: reasons.is_empty(),
        reasons,
        nav: nav.nav,
        nav_seq: nav.seq,
        shares,
        gross: q.gross,
        fee: q.fee,
        net: q.paid,
    })
}

/// Adds the token's reasons, without repeating a code the dealing rule already gave (paused).
fn merge(reasons: &mut Vec<Denial>, more: Vec<Denial>) {
    for d in more {
        if !reasons.contains(&d) {
            reasons.push(d);
        }
    }
}

pub fn role_members(
    deps: Deps,
    role: DealingRole,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<RoleMembersResponse, ContractError> {
    let start = start_after.map(|x| deps.api.addr_validate(&x)).transpose()?;
    let members = ROLES
        .prefix(role_key(role))
        .keys(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .collect::<StdResult<_>>()?;
    Ok(RoleMembersResponse { role, members })
}
