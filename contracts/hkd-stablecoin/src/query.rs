//! Read-only queries. Every list is paginated (`start_after` exclusive, `limit` clamped).

use cosmwasm_std::{Addr, Deps, Env, Order, StdResult, Timestamp, Uint128};
use cw20::{
    AllAccountsResponse, BalanceResponse, DownloadLogoResponse, MarketingInfoResponse, MinterResponse,
    TokenInfoResponse,
};
use cw_storage_plus::Bound;
use harbour_types::hkd_stablecoin::{
    AttestationRecord, AttestationsResponse, BlacklistEntry, BlacklistResponse, MinterInfo, MintersResponse,
    PendingAttestation, PendingAttestationsResponse, RedemptionRequest, RedemptionRequestsResponse, RedemptionStatus,
    ReserveStatusResponse, RoleMembersResponse, StableAccountResponse, StableConfigResponse, StableRole,
};
use harbour_types::pagination::page_limit;
use harbour_types::reserves::{reserve_ratio_bps, MintBudget};

use crate::error::ContractError;
use crate::execute::mint::{available, reserve_gate, window_usage};
use crate::execute::reserves::{compute, inputs_of, pending, same_report};
use crate::helpers::addr;
use crate::ledger::{kyc_valid, load_account};
use crate::state::{
    requests, role_code, roles, MinterState, ReserveState, ACCOUNTS, ATTESTATIONS, BLACKLIST, CONFIG, COUNTERS, HOT,
    KYC, MARKETING, MINTERS, REDEMPTIONS, RESERVE, RESERVE_POLICY, SUPPLY, TOKEN,
};

pub fn balance(deps: Deps, address: String) -> Result<BalanceResponse, ContractError> {
    let a = addr(deps.api, &address)?;
    Ok(BalanceResponse { balance: ACCOUNTS.may_load(deps.storage, &a)?.map(|x| x.balance).unwrap_or_default() })
}

pub fn token_info(deps: Deps) -> Result<TokenInfoResponse, ContractError> {
    let t = TOKEN.load(deps.storage)?;
    Ok(TokenInfoResponse {
        name: t.name,
        symbol: t.symbol,
        decimals: t.decimals,
        total_supply: SUPPLY.load(deps.storage)?,
    })
}

fn first_holder(deps: Deps, role: StableRole) -> StdResult<Option<Addr>> {
    roles().idx.role.prefix(role_code(role)).keys(deps.storage, None, None, Order::Ascending).next().transpose()
}

/// The mint budget usable now by the reserve rule, or why none is.
fn mintable(reserve: &ReserveState, now: u64) -> Result<MintBudget, ContractError> {
    let budget = reserve_gate(reserve, now)?;
    let mut probe = budget;
    probe.spend(Uint128::one())?;
    Ok(budget)
}

/// The master minter; `cap` is the most supply may reach by minting now (cw20-base's meaning at
/// this instant): `total_supply + mint budget`, which is the backing while minting is open
/// (`supply ≤ issued ≤ eligible`), or `total_supply` while it is blocked.
pub fn minter(deps: Deps, env: Env) -> Result<Option<MinterResponse>, ContractError> {
    let reserve = RESERVE.load(deps.storage)?;
    let supply = SUPPLY.load(deps.storage)?;
    let cap = Some(mintable(&reserve, env.block.time.seconds()).map_or(supply, |b| b.backing(supply)));
    Ok(first_holder(deps, StableRole::MasterMinter)?.map(|m| MinterResponse { minter: m.into_string(), cap }))
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

pub fn config(deps: Deps) -> Result<StableConfigResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let hot = HOT.load(deps.storage)?;
    let counters = COUNTERS.load(deps.storage)?;
    Ok(StableConfigResponse {
        holder_mode: hot.mode(),
        registry: cfg.registry,
        paused: hot.paused,
        reserve_policy: RESERVE_POLICY.load(deps.storage)?,
        redemption: cfg.redemption,
        minter_count: counters.minters,
        blacklisted_count: counters.blacklisted,
    })
}

pub fn account(deps: Deps, env: Env, address: String) -> Result<StableAccountResponse, ContractError> {
    let a = addr(deps.api, &address)?;
    let acct = ACCOUNTS.may_load(deps.storage, &a)?.unwrap_or_default();
    let kyc = KYC.may_load(deps.storage, &a)?;
    let hot = HOT.load(deps.storage)?;
    let now = env.block.time.seconds();
    let eligible_holder = !acct.blacklisted && (!hot.gated || kyc_valid(deps.storage, &a, now)?);
    let free = if acct.blacklisted { Uint128::zero() } else { acct.balance.saturating_sub(acct.held) };
    Ok(StableAccountResponse {
        address: a,
        balance: acct.balance,
        held: acct.held,
        free,
        blacklisted: acct.blacklisted,
        kyc_valid_until: kyc.map(Timestamp::from_seconds),
        eligible_holder,
    })
}

pub fn role_members(
    deps: Deps,
    role: StableRole,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<RoleMembersResponse, ContractError> {
    let start = start_after.map(|x| addr(deps.api, &x)).transpose()?;
    let members = roles()
        .idx
        .role
        .prefix(role_code(role))
        .keys(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .collect::<StdResult<_>>()?;
    Ok(RoleMembersResponse { role, members })
}

fn minter_info(address: Addr, m: MinterState, now: u64) -> Result<MinterInfo, ContractError> {
    let minted_in_window = window_usage(&m, now)?;
    let available = available(&m, now)?;
    Ok(MinterInfo { address, allowance: m.allowance, rate_limit: m.rate, minted_in_window, available })
}

pub fn minter_info_query(deps: Deps, env: Env, address: String) -> Result<MinterInfo, ContractError> {
    let a = addr(deps.api, &address)?;
    let m =
        MINTERS.may_load(deps.storage, &a)?.ok_or_else(|| ContractError::MinterNotFound { address: a.to_string() })?;
    minter_info(a, m, env.block.time.seconds())
}

pub fn minters(
    deps: Deps,
    env: Env,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<MintersResponse, ContractError> {
    let start = start_after.map(|x| addr(deps.api, &x)).transpose()?;
    let now = env.block.time.seconds();
    let minters = MINTERS
        .range(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .map(|r| {
            let (a, m) = r?;
            minter_info(a, m, now)
        })
        .collect::<Result<_, _>>()?;
    Ok(MintersResponse { minters })
}

pub fn blacklisted(deps: Deps, address: String) -> Result<BlacklistEntry, ContractError> {
    let a = addr(deps.api, &address)?;
    Ok(match BLACKLIST.may_load(deps.storage, &a)? {
        Some(r) => BlacklistEntry { address: a, blacklisted: true, reason: Some(r.reason), since: Some(r.since) },
        None => BlacklistEntry { address: a, blacklisted: false, reason: None, since: None },
    })
}

pub fn blacklist(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<BlacklistResponse, ContractError> {
    let start = start_after.map(|x| addr(deps.api, &x)).transpose()?;
    let entries = BLACKLIST
        .range(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .map(|r| {
            r.map(|(a, rec)| BlacklistEntry {
                address: a,
                blacklisted: true,
                reason: Some(rec.reason),
                since: Some(rec.since),
            })
        })
        .collect::<StdResult<_>>()?;
    Ok(BlacklistResponse { entries })
}

pub fn reserve_status(deps: Deps, env: Env) -> Result<ReserveStatusResponse, ContractError> {
    let reserve = RESERVE.load(deps.storage)?;
    let policy = RESERVE_POLICY.load(deps.storage)?;
    let supply = SUPPLY.load(deps.storage)?;
    let held_for_redemption = REDEMPTIONS.load(deps.storage)?.held;
    let now = env.block.time.seconds();
    let in_force = reserve.in_force();
    let breakdown = match in_force {
        None => None,
        Some(_) => {
            let record = ATTESTATIONS
                .may_load(deps.storage, reserve.seq)?
                .ok_or(ContractError::AttestationNotFound { sequence: reserve.seq })?;
            Some(compute(&policy, &inputs_of(&record)?)?)
        }
    };
    let budget = in_force.unwrap_or_default();
    let backing = budget.backing(supply);
    let check = mintable(&reserve, now);
    let has = reserve.seq > 0;
    Ok(ReserveStatusResponse {
        total_supply: supply,
        held_for_redemption,
        eligible_reserves: budget.eligible,
        issued: budget.issued,
        mint_budget: budget.remaining(),
        backing,
        reserve_ratio_bps: reserve_ratio_bps(backing, supply),
        halted: budget.under_reserved(),
        voided: reserve.voided,
        stale: reserve.is_stale(now),
        mint_allowed: check.is_ok(),
        mint_blocked_reason: check.err().map(|e| e.to_string()),
        latest_sequence: has.then_some(reserve.seq),
        as_of: has.then(|| Timestamp::from_seconds(reserve.as_of)),
        stale_after: has.then(|| Timestamp::from_seconds(reserve.stale_after)),
        quorum: policy.attestation_quorum,
        pending_submissions: pending(deps.storage)?.len() as u32,
        breakdown,
    })
}

/// Pending submissions by attestor, each with how many pending submissions match it.
pub fn pending_attestations(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<PendingAttestationsResponse, ContractError> {
    let start = start_after.map(|x| addr(deps.api, &x)).transpose()?;
    let all = pending(deps.storage)?;
    let pending = all
        .iter()
        .filter(|(who, _)| start.as_ref().map_or(true, |s| who > s))
        .take(page_limit(limit))
        .map(|(who, p)| PendingAttestation {
            attestor: who.clone(),
            attestation: p.clone(),
            confirmations: all.iter().filter(|(_, q)| same_report(q, p)).count() as u32,
        })
        .collect();
    Ok(PendingAttestationsResponse { quorum: RESERVE_POLICY.load(deps.storage)?.attestation_quorum, pending })
}

pub fn attestation(deps: Deps, sequence: u64) -> Result<AttestationRecord, ContractError> {
    ATTESTATIONS.may_load(deps.storage, sequence)?.ok_or(ContractError::AttestationNotFound { sequence })
}

/// Newest first: `start_before` is exclusive.
pub fn attestations(
    deps: Deps,
    start_before: Option<u64>,
    limit: Option<u32>,
) -> Result<AttestationsResponse, ContractError> {
    let attestations = ATTESTATIONS
        .range(deps.storage, None, start_before.map(Bound::exclusive), Order::Descending)
        .take(page_limit(limit))
        .map(|r| r.map(|(_, a)| a))
        .collect::<StdResult<_>>()?;
    Ok(AttestationsResponse { attestations })
}

/// A page of requests, naming the pending ones whose payout is refused now (holder blacklisted).
fn with_blocked(deps: Deps, requests: Vec<RedemptionRequest>) -> Result<RedemptionRequestsResponse, ContractError> {
    let mut payout_blocked = vec![];
    for r in &requests {
        if matches!(r.status, RedemptionStatus::Pending) && load_account(deps.storage, &r.holder)?.blacklisted {
            payout_blocked.push(r.id);
        }
    }
    Ok(RedemptionRequestsResponse { requests, payout_blocked })
}

pub fn redemption_request(deps: Deps, id: u64) -> Result<RedemptionRequest, ContractError> {
    requests().may_load(deps.storage, id)?.ok_or(ContractError::RequestNotFound { id })
}

pub fn redemption_requests(
    deps: Deps,
    holder: Option<String>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<RedemptionRequestsResponse, ContractError> {
    let start = start_after.map(Bound::exclusive);
    let take = page_limit(limit);
    let requests = match holder {
        Some(h) => {
            let h = addr(deps.api, &h)?;
            requests()
                .idx
                .holder
                .prefix(h)
                .range(deps.storage, start, None, Order::Ascending)
                .take(take)
                .map(|r| r.map(|(_, v)| v))
                .collect::<StdResult<_>>()?
        }
        None => requests()
            .range(deps.storage, start, None, Order::Ascending)
            .take(take)
            .map(|r| r.map(|(_, v)| v))
            .collect::<StdResult<_>>()?,
    };
    with_blocked(deps, requests)
}

/// The open queue by (deadline, id); `start_after` names the last request of the previous page.
pub fn open_redemptions(
    deps: Deps,
    env: Env,
    overdue_only: bool,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<RedemptionRequestsResponse, ContractError> {
    let start = match start_after {
        Some(id) => {
            let r = redemption_request(deps, id)?;
            Some(Bound::exclusive((r.deadline.seconds(), id)))
        }
        None => None,
    };
    let now = env.block.time.seconds();
    // Overdue: the deadline has passed (`deadline < now`).
    let end = overdue_only.then(|| Bound::exclusive((now, 0)));
    let requests = requests()
        .idx
        .queue
        .sub_prefix(0)
        .range(deps.storage, start, end, Order::Ascending)
        .take(page_limit(limit))
        .map(|r| r.map(|(_, v)| v))
        .collect::<StdResult<_>>()?;
    with_blocked(deps, requests)
}
