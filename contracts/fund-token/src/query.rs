//! Read-only queries. Every list is paginated (`start_after` exclusive, `limit` clamped).

use cosmwasm_std::{Deps, Env, Order, StdResult, Uint128};
use cw20::{
    AllAccountsResponse, BalanceResponse, DownloadLogoResponse, MarketingInfoResponse, MinterResponse,
    TokenInfoResponse,
};
use cw_storage_plus::Bound;
use harbour_types::compliance::{Denial, ReasonCode};
use harbour_types::fund_token::{
    AccountResponse, CanTransferResponse, FundConfigResponse, FundRole, HolderRow, HolderWallet, HolderWalletsResponse,
    HoldersResponse, IncomeStateResponse, LockLot, RoleMembersResponse, MAX_ROW_WALLETS,
};
use harbour_types::identity::ClaimType;
use harbour_types::pagination::page_limit;

use crate::error::ContractError;
use crate::helpers::{addr, role_key};
use crate::income;
use crate::ledger::{balance_reasons, burn_reasons, subscription_reasons, transfer_reasons, Side};
use crate::state::{
    DidInfo, ACCOUNTS, CONFIG, DIDS, DID_BALANCES, DID_IDS, DID_WALLETS, HOLDERS, HOT, INCOME, MARKETING,
    REGISTER_WALLETS, ROLES, TOKEN,
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
    // wallets that hold or have held shares (not every wallet the identity cache knows)
    let accounts = REGISTER_WALLETS
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
        income_token: cfg.income_token,
        custody: cfg.custody,
        dealing: cfg.dealing,
        paused: hot.paused,
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

/// `CanMint`: the subscription rule the dealing contract's mint must pass.
pub fn can_mint(
    deps: Deps,
    env: Env,
    recipient: String,
    amount: Uint128,
) -> Result<CanTransferResponse, ContractError> {
    let to = Side::load(deps.storage, &addr(deps.api, &recipient)?)?;
    let hot = HOT.load(deps.storage)?;
    let mut reasons = Vec::new();
    if amount.is_zero() {
        reasons.push(Denial::new(ReasonCode::ZeroAmount));
    }
    reasons.extend(subscription_reasons(deps.storage, &hot, env.block.time.seconds(), &to, amount)?);
    Ok(CanTransferResponse { allowed: reasons.is_empty(), reasons })
}

/// `CanRedeem`: the hold rule for `amount` more units (the free balance) and the burn rule for
/// `amount + held`.
pub fn can_redeem(
    deps: Deps,
    env: Env,
    owner: String,
    amount: Uint128,
    held: Uint128,
) -> Result<CanTransferResponse, ContractError> {
    let side = Side::load(deps.storage, &addr(deps.api, &owner)?)?;
    let hot = HOT.load(deps.storage)?;
    let total = amount.checked_add(held).map_err(cosmwasm_std::StdError::from)?;
    let mut reasons = Vec::new();
    if total.is_zero() {
        reasons.push(Denial::new(ReasonCode::ZeroAmount));
    }
    reasons.extend(burn_reasons(&hot, &side, total));
    if !amount.is_zero() && !reasons.iter().any(|d| d.code == ReasonCode::InsufficientBalance) {
        reasons.extend(balance_reasons(&side.acct, env.block.time.seconds(), amount));
    }
    Ok(CanTransferResponse { allowed: reasons.is_empty(), reasons })
}

pub fn account(deps: Deps, env: Env, address: String) -> Result<AccountResponse, ContractError> {
    let a = addr(deps.api, &address)?;
    let hot = HOT.load(deps.storage)?;
    let now = env.block.time.seconds();
    let mut acct = ACCOUNTS.may_load(deps.storage, &a)?.unwrap_or_default();
    income::settle(deps.storage, &hot, &mut acct)?;
    let info = if acct.did == 0 { None } else { DIDS.may_load(deps.storage, acct.did)? };
    Ok(AccountResponse {
        address: a,
        balance: acct.balance,
        held: acct.held,
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
        accrued_income: acct.accrued.to_uint_floor(),
        income_entitlement: acct.accrued,
        income_pending: acct.pending,
        bound: is_bound(&acct, info.as_ref()),
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

fn is_bound(acct: &crate::state::Account, info: Option<&DidInfo>) -> bool {
    acct.did != 0 && !acct.unbound && info.is_some_and(|i| !i.removed)
}

/// Up to `limit` wallets of DID `did_id`, after `start_after`, with balance, held and bound status.
fn did_wallets(
    deps: Deps,
    did_id: u32,
    info: Option<&DidInfo>,
    start_after: Option<&cosmwasm_std::Addr>,
    limit: usize,
) -> StdResult<Vec<HolderWallet>> {
    DID_WALLETS
        .prefix(did_id)
        .keys(deps.storage, start_after.map(Bound::exclusive), None, Order::Ascending)
        .take(limit)
        .map(|r| {
            let address = r?;
            let acct = ACCOUNTS.may_load(deps.storage, &address)?.unwrap_or_default();
            Ok(HolderWallet {
                bound: acct.did == did_id && is_bound(&acct, info),
                balance: acct.balance,
                held: acct.held,
                address,
            })
        })
        .collect()
}

pub fn holders(deps: Deps, start_after: Option<u32>, limit: Option<u32>) -> Result<HoldersResponse, ContractError> {
    let rows = DID_BALANCES
        .range(deps.storage, start_after.map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .map(|r| {
            let (did_id, balance) = r?;
            let info = DIDS.may_load(deps.storage, did_id)?;
            let mut wallets = did_wallets(deps, did_id, info.as_ref(), None, MAX_ROW_WALLETS + 1)?;
            let more_wallets = wallets.len() > MAX_ROW_WALLETS;
            wallets.truncate(MAX_ROW_WALLETS);
            Ok(HolderRow {
                did_id,
                did: info.as_ref().map(|i| i.did.clone()).unwrap_or_default(),
                balance,
                venue: info.is_some_and(|i| i.is_venue()),
                wallets,
                more_wallets,
            })
        })
        .collect::<Result<_, ContractError>>()?;
    Ok(HoldersResponse { holders: rows })
}

pub fn holder_wallets(
    deps: Deps,
    did: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<HolderWalletsResponse, ContractError> {
    let start = start_after.map(|x| addr(deps.api, &x)).transpose()?;
    let Some(did_id) = DID_IDS.may_load(deps.storage, &did)? else {
        return Ok(HolderWalletsResponse { wallets: vec![] });
    };
    let info = DIDS.may_load(deps.storage, did_id)?;
    let wallets = did_wallets(deps, did_id, info.as_ref(), start.as_ref(), page_limit(limit))?;
    Ok(HolderWalletsResponse { wallets })
}

pub fn income_state(deps: Deps) -> Result<IncomeStateResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let inc = INCOME.load(deps.storage)?;
    let hot = HOT.load(deps.storage)?;
    Ok(IncomeStateResponse {
        income_token: cfg.income_token,
        index: hot.index,
        period: hot.period,
        owed: inc.owed,
        carry: inc.carry,
        pending_units: inc.pending,
        cash_held: income::cash_held(&inc)?,
        deposited: inc.deposited,
        claimed: inc.claimed,
        swept: inc.swept,
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
