//! Read-only queries. Every list is paginated (`start_after` exclusive, `limit` clamped).

use cosmwasm_std::{Addr, Deps, Env, Order, StdResult, Uint128};
use cw20::{
    AllAccountsResponse, BalanceResponse, DownloadLogoResponse, MarketingInfoResponse, MinterResponse,
    TokenInfoResponse,
};
use cw_storage_plus::Bound;
use harbour_types::fund_token::{
    AccountResponse, CanTransferResponse, DealingStateResponse, FundConfigResponse, FundRole, HolderRow,
    HoldersResponse, LockLot, NavHistoryResponse, NavResponse, RedemptionRequest, RedemptionRequestsResponse,
    RoleMembersResponse, VenuesResponse,
};
use harbour_types::identity::ClaimType;
use harbour_types::pagination::page_limit;

use crate::error::ContractError;
use crate::helpers::{addr, role_key, stale_after};
use crate::ledger::{settle_income, transfer_reasons, Side};
use crate::state::{
    requests, ACCOUNTS, CONFIG, DEALING, DIDS, DID_BALANCES, DID_WALLETS, HOLDERS, HOT, INCOME, MARKETING, NAV,
    NAV_HISTORY, ROLES, TOKEN, VENUES,
};

pub fn balance(deps: Deps, address: String) -> Result<BalanceResponse, ContractError> {
    let a = addr(deps.api, &address)?;
    Ok(BalanceResponse { balance: ACCOUNTS.may_load(deps.storage, &a)?.map(|x| x.balance).unwrap_or_default() })
}

pub fn token_info(deps: Deps) -> Result<TokenInfoResponse, ContractError> {
    let t = TOKEN.load(deps.storage)?;
    Ok(TokenInfoResponse { name: t.name, symbol: t.symbol, decimals: t.decimals, total_supply: t.total_supply })
}

/// All agents may mint; the first agent (by address) is reported as the CW20 minter.
pub fn minter(deps: Deps) -> Result<Option<MinterResponse>, ContractError> {
    let first =
        ROLES.prefix(role_key(FundRole::Agent)).keys(deps.storage, None, None, Order::Ascending).next().transpose()?;
    Ok(first.map(|m| MinterResponse { minter: m.into(), cap: None }))
}

pub fn all_accounts(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<AllAccountsResponse, ContractError> {
    let start = start_after.map(|x| addr(deps.api, &x)).transpose()?;
    let accounts = ACCOUNTS
        .keys(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .map(|r| r.map(String::from))
        .collect::<StdResult<_>>()?;
    Ok(AllAccountsResponse { accounts })
}

pub fn marketing_info(deps: Deps) -> Result<MarketingInfoResponse, ContractError> {
    Ok(MARKETING.info(deps.storage)?)
}

pub fn download_logo(deps: Deps) -> Result<DownloadLogoResponse, ContractError> {
    Ok(MARKETING.download_logo(deps.storage)?)
}

pub fn config(deps: Deps) -> Result<FundConfigResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let hot = HOT.load(deps.storage)?;
    Ok(FundConfigResponse {
        registry: cfg.registry,
        policy: hot.policy,
        income_mode: cfg.income_mode,
        nav_guards: cfg.nav_guards,
        dealing: cfg.dealing,
        paused: hot.paused,
        dealing_suspended: cfg.dealing_suspended,
        holder_count: HOLDERS.may_load(deps.storage)?.unwrap_or(0),
    })
}

pub fn can_transfer(
    deps: Deps,
    env: Env,
    from: String,
    to: String,
    amount: Uint128,
) -> Result<CanTransferResponse, ContractError> {
    let (f, t) = (addr(deps.api, &from)?, addr(deps.api, &to)?);
    let hot = HOT.load(deps.storage)?;
    let from_side = Side::load(deps.storage, &f)?;
    let to_side = Side::load(deps.storage, &t)?;
    let reasons = transfer_reasons(deps.storage, &hot, env.block.time.seconds(), &from_side, &to_side, amount)?;
    Ok(CanTransferResponse { allowed: reasons.is_empty(), reasons })
}

pub fn account(deps: Deps, env: Env, address: String) -> Result<AccountResponse, ContractError> {
    let a = addr(deps.api, &address)?;
    let hot = HOT.load(deps.storage)?;
    let now = env.block.time.seconds();
    let mut acct = ACCOUNTS.may_load(deps.storage, &a)?.unwrap_or_default();
    if hot.distributing {
        settle_income(&mut acct, hot.index)?;
    }
    let info = if acct.did == 0 { None } else { DIDS.may_load(deps.storage, acct.did)? };
    Ok(AccountResponse {
        address: a,
        balance: acct.balance,
        frozen_all: acct.frozen_all,
        frozen: acct.frozen,
        locks: acct
            .locks
            .iter()
            .filter(|(_, u)| *u > now)
            .map(|(amount, until)| LockLot { amount: *amount, until: cosmwasm_std::Timestamp::from_seconds(*until) })
            .collect(),
        transferable: acct.transferable(now),
        did: info.as_ref().map(|i| i.did.clone()),
        accrued_income: acct.accrued,
        bound: acct.did != 0 && !acct.unbound && info.as_ref().is_some_and(|i| !i.removed),
        jurisdiction: info.as_ref().map(|i| i.jurisdiction.clone()),
        category: info.as_ref().map(|i| i.category),
        claims: info
            .map(|i| {
                i.creds
                    .into_iter()
                    .filter_map(|(code, until, revoked)| {
                        ClaimType::from_code(code).map(|c| (c, cosmwasm_std::Timestamp::from_seconds(until), revoked))
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}

pub fn holders(deps: Deps, start_after: Option<u32>, limit: Option<u32>) -> Result<HoldersResponse, ContractError> {
    let rows = DID_BALANCES
        .range(deps.storage, start_after.map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .map(|r| {
            let (did_id, balance) = r?;
            let info = DIDS.may_load(deps.storage, did_id)?;
            // bounded: wallets ever bound to one DID in this token (registry caps 16 at a time)
            let wallets = DID_WALLETS
                .prefix(did_id)
                .keys(deps.storage, None, None, Order::Ascending)
                .take(64)
                .collect::<StdResult<Vec<Addr>>>()?;
            Ok(HolderRow {
                did_id,
                did: info.as_ref().map(|i| i.did.clone()).unwrap_or_default(),
                wallets,
                balance,
                venue: info.is_some_and(|i| i.is_venue()),
            })
        })
        .collect::<Result<_, ContractError>>()?;
    Ok(HoldersResponse { holders: rows })
}

pub fn nav(deps: Deps, env: Env) -> Result<NavResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let n = NAV.load(deps.storage)?;
    let stale_after = stale_after(&n, &cfg.nav_guards);
    Ok(NavResponse {
        nav: n.nav,
        updated_at: n.updated_at,
        seq: n.seq,
        stale: env.block.time >= stale_after,
        stale_after,
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
            let o = addr(deps.api, &o)?;
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

pub fn dealing_state(deps: Deps, env: Env) -> Result<DealingStateResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let d = DEALING.load(deps.storage)?;
    let inc = INCOME.load(deps.storage)?;
    let today = env.block.time.seconds() / 86_400;
    Ok(DealingStateResponse {
        dealing_suspended: cfg.dealing_suspended,
        liquidity_buffer: d.buffer,
        instant_used_today: if d.day == today { d.used_today } else { Uint128::zero() },
        instant_daily_limit: cfg.dealing.instant_daily_limit,
        escrowed_shares: d.escrowed,
        pending_requests: d.pending,
        income_index: HOT.load(deps.storage)?.index,
        income_owed: inc.owed,
        income_undistributed: inc.undistributed,
    })
}

pub fn role_members(
    deps: Deps,
    role: FundRole,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<RoleMembersResponse, ContractError> {
    let start = start_after.map(|x| addr(deps.api, &x)).transpose()?;
    let members = ROLES
        .prefix(role_key(role))
        .keys(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .collect::<StdResult<_>>()?;
    Ok(RoleMembersResponse { role, members })
}

pub fn venues(deps: Deps, start_after: Option<String>, limit: Option<u32>) -> Result<VenuesResponse, ContractError> {
    let start = start_after.map(|x| addr(deps.api, &x)).transpose()?;
    let venues = VENUES
        .keys(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .collect::<StdResult<_>>()?;
    Ok(VenuesResponse { venues })
}
