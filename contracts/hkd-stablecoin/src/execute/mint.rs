//! Issuance under the reserve rule, burning by minters, and minter configuration by the master
//! minter.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, StdError, Storage, Timestamp, Uint128};
use harbour_types::hkd_stablecoin::{RateLimit, StableRole, MAX_MINTERS, MAX_RATE_WINDOW};
use harbour_types::reserves::MintBudget;

use crate::error::ContractError;
use crate::helpers::{addr, assert_free_for_role, assert_role, check_amount, check_text};
use crate::ledger::{
    assert_free, assert_not_blacklisted, assert_not_paused, assert_recipient, debit, load_account, sub_supply,
};
use crate::rate;
use crate::state::{roles, MinterState, ReserveState, RoleRecord, ALLOWANCES, COUNTERS, HOT, MINTERS, RESERVE, SUPPLY};

/// The window a minter's mints are recorded under (the longest one when it has no limit).
fn window(m: &MinterState) -> u64 {
    m.rate.as_ref().map_or(MAX_RATE_WINDOW, |r| r.window_seconds)
}

/// Minted within the minter's rate-limit window (zero without a limit).
pub fn window_usage(m: &MinterState, now: u64) -> Result<Uint128, ContractError> {
    match &m.rate {
        Some(r) => Ok(rate::used(&m.usage, r.window_seconds, now)?),
        None => Ok(Uint128::zero()),
    }
}

/// What the minter may still mint by allowance and rate limit (the reserve rule applies on top).
pub fn available(m: &MinterState, now: u64) -> Result<Uint128, ContractError> {
    let used = window_usage(m, now)?;
    Ok(match &m.rate {
        // a limit lowered below what the window already holds leaves nothing
        Some(r) => m.allowance.min(r.amount.checked_sub(used).unwrap_or_default()),
        None => m.allowance,
    })
}

/// The reserve rule's conditions other than the amount: an attestation is in force (not voided),
/// it is not under-reserved, and it is fresh. Returns its mint budget.
pub fn reserve_gate(r: &ReserveState, now: u64) -> Result<MintBudget, ContractError> {
    if r.seq == 0 {
        return Err(ContractError::NoAttestation {});
    }
    if r.voided {
        return Err(ContractError::AttestationVoided { sequence: r.seq });
    }
    if r.budget().under_reserved() {
        return Err(ContractError::MintingHalted { sequence: r.seq, eligible: r.eligible, issued: r.issued });
    }
    if r.is_stale(now) {
        return Err(ContractError::StaleAttestation {
            sequence: r.seq,
            as_of: Timestamp::from_seconds(r.as_of),
            stale_after: Timestamp::from_seconds(r.stale_after),
        });
    }
    Ok(r.budget())
}

/// `Mint`, checked in this order: paused; caller is a minter; bank receipt; the reserve rule
/// (attestation in force, not under-reserved, fresh, within the mint budget); allowance; rate
/// limit; recipient not blacklisted (and KYC-verified when gated).
pub fn mint(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: String,
    amount: Uint128,
    bank_receipt: Option<String>,
) -> Result<Response, ContractError> {
    check_amount(amount)?;
    let hot = HOT.load(deps.storage)?;
    assert_not_paused(&hot)?;
    let mut minter = MINTERS
        .may_load(deps.storage, &info.sender)?
        .ok_or(ContractError::Unauthorized { action: "mint", role: "minter" })?;
    if let Some(receipt) = &bank_receipt {
        check_text("bank_receipt", receipt)?;
    }
    let to_addr = addr(deps.api, &recipient)?;
    let now = env.block.time.seconds();
    let mut reserve = RESERVE.load(deps.storage)?;
    let mut budget = reserve_gate(&reserve, now)?;
    budget.spend(amount)?;
    if amount > minter.allowance {
        return Err(ContractError::MinterAllowanceExceeded { allowance: minter.allowance, needed: amount });
    }
    if let Some(limit) = &minter.rate {
        let used = rate::used(&minter.usage, limit.window_seconds, now)?;
        if used.checked_add(amount).map_err(StdError::from)? > limit.amount {
            return Err(ContractError::RateLimited {
                limit: limit.amount,
                used,
                needed: amount,
                window_seconds: limit.window_seconds,
            });
        }
    }
    let mut to = load_account(deps.storage, &to_addr)?;
    assert_recipient(deps.storage, &hot, &to_addr, &to, now)?;

    minter.allowance = minter.allowance.checked_sub(amount).map_err(StdError::from)?;
    let window = window(&minter);
    rate::record(&mut minter.usage, window, now, amount)?;
    MINTERS.save(deps.storage, &info.sender, &minter)?;
    reserve.set_budget(budget);
    RESERVE.save(deps.storage, &reserve)?;
    let supply = SUPPLY.load(deps.storage)?.checked_add(amount).map_err(StdError::from)?;
    SUPPLY.save(deps.storage, &supply)?;
    crate::ledger::credit(deps.storage, &to_addr, &mut to, amount)?;
    let mut res = Response::new()
        .add_attribute("action", "mint")
        .add_attribute("minter", info.sender)
        .add_attribute("to", to_addr)
        .add_attribute("amount", amount)
        .add_attribute("total_supply", supply)
        .add_attribute("allowance_left", minter.allowance)
        .add_attribute("attestation", reserve.seq.to_string())
        .add_attribute("mint_budget_left", budget.remaining());
    if let Some(receipt) = bank_receipt {
        res = res.add_attribute("bank_receipt", receipt);
    }
    Ok(res)
}

/// CW20 `Burn`/`BurnFrom` are the issuer's (a minter's); a holder's is refused with the error
/// naming the redemption message, as in the fund token (a burn never destroys value unpaid).
fn assert_burner(storage: &dyn Storage, who: &Addr) -> Result<(), ContractError> {
    if MINTERS.has(storage, who) {
        Ok(())
    } else {
        Err(ContractError::RedeemWithRequest {})
    }
}

/// `Burn`: a minter burns from its own free balance (tokens returned to the issuer off chain).
pub fn burn(deps: DepsMut, info: MessageInfo, amount: Uint128) -> Result<Response, ContractError> {
    check_amount(amount)?;
    let hot = HOT.load(deps.storage)?;
    assert_not_paused(&hot)?;
    assert_burner(deps.storage, &info.sender)?;
    let mut acct = load_account(deps.storage, &info.sender)?;
    assert_free(&acct, amount)?;
    debit(deps.storage, &info.sender, &mut acct, amount)?;
    let supply = sub_supply(deps.storage, amount)?;
    Ok(Response::new()
        .add_attribute("action", "burn")
        .add_attribute("from", info.sender)
        .add_attribute("amount", amount)
        .add_attribute("total_supply", supply))
}

/// `BurnFrom`: a minter burns from `owner`'s free balance within the allowance `owner` gave it.
pub fn burn_from(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    check_amount(amount)?;
    let hot = HOT.load(deps.storage)?;
    assert_not_paused(&hot)?;
    assert_burner(deps.storage, &info.sender)?;
    let owner_addr = addr(deps.api, &owner)?;
    let mut acct = load_account(deps.storage, &owner_addr)?;
    assert_not_blacklisted(&owner_addr, &acct)?;
    assert_free(&acct, amount)?;
    ALLOWANCES.deduct(deps.storage, &owner_addr, &info.sender, &env.block, amount)?;
    debit(deps.storage, &owner_addr, &mut acct, amount)?;
    let supply = sub_supply(deps.storage, amount)?;
    Ok(Response::new()
        .add_attribute("action", "burn_from")
        .add_attribute("from", owner_addr)
        .add_attribute("by", info.sender)
        .add_attribute("amount", amount)
        .add_attribute("total_supply", supply))
}

fn validate_rate(rate: &Option<RateLimit>) -> Result<(), ContractError> {
    if let Some(r) = rate {
        if r.amount.is_zero() || r.window_seconds < 60 || r.window_seconds > MAX_RATE_WINDOW {
            return Err(ContractError::InvalidRateLimit { max: MAX_RATE_WINDOW });
        }
    }
    Ok(())
}

/// `ConfigureMinter`: creates a minter, or resets an existing minter's allowance and rate limit.
/// Its recorded mints are kept whatever the change (window, amount, limit off or on), so a
/// reconfiguration never resets the rate limit (`crate::rate`).
pub fn configure_minter(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    minter: String,
    allowance: Uint128,
    rate_limit: Option<RateLimit>,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, &info.sender, StableRole::MasterMinter, "configure_minter")?;
    let minter_addr = addr(deps.api, &minter)?;
    validate_rate(&rate_limit)?;
    let existing = MINTERS.may_load(deps.storage, &minter_addr)?;
    let state = match existing {
        Some(mut m) => {
            m.allowance = allowance;
            m.rate = rate_limit.clone();
            m
        }
        None => {
            assert_free_for_role(deps.storage, &minter_addr)?;
            let mut counters = COUNTERS.load(deps.storage)?;
            if counters.minters >= MAX_MINTERS {
                return Err(ContractError::TooManyRoleHolders { role: StableRole::Minter, max: MAX_MINTERS });
            }
            counters.minters = counters.minters.saturating_add(1);
            COUNTERS.save(deps.storage, &counters)?;
            roles().save(
                deps.storage,
                &minter_addr,
                &RoleRecord { role: StableRole::Minter, since: env.block.time },
            )?;
            MinterState { allowance, rate: rate_limit.clone(), usage: vec![] }
        }
    };
    MINTERS.save(deps.storage, &minter_addr, &state)?;
    let mut res = Response::new()
        .add_attribute("action", "configure_minter")
        .add_attribute("minter", minter_addr)
        .add_attribute("allowance", allowance);
    if let Some(r) = rate_limit {
        res = res.add_attribute("rate_limit", r.amount).add_attribute("rate_window", r.window_seconds.to_string());
    }
    Ok(res)
}

pub fn change_minter_allowance(
    deps: DepsMut,
    info: MessageInfo,
    minter: String,
    amount: Uint128,
    increase: bool,
) -> Result<Response, ContractError> {
    let action = if increase { "increase_minter_allowance" } else { "decrease_minter_allowance" };
    assert_role(deps.storage, &info.sender, StableRole::MasterMinter, action)?;
    check_amount(amount)?;
    let minter_addr = addr(deps.api, &minter)?;
    let mut m = MINTERS
        .may_load(deps.storage, &minter_addr)?
        .ok_or_else(|| ContractError::MinterNotFound { address: minter_addr.to_string() })?;
    m.allowance = if increase {
        m.allowance.checked_add(amount).map_err(StdError::from)?
    } else {
        m.allowance
            .checked_sub(amount)
            .map_err(|_| ContractError::AllowanceUnderflow { allowance: m.allowance, amount })?
    };
    MINTERS.save(deps.storage, &minter_addr, &m)?;
    Ok(Response::new()
        .add_attribute("action", action)
        .add_attribute("minter", minter_addr)
        .add_attribute("amount", amount)
        .add_attribute("allowance", m.allowance))
}

pub fn remove_minter(deps: DepsMut, info: MessageInfo, minter: String) -> Result<Response, ContractError> {
    assert_role(deps.storage, &info.sender, StableRole::MasterMinter, "remove_minter")?;
    let minter_addr = addr(deps.api, &minter)?;
    if !MINTERS.has(deps.storage, &minter_addr) {
        return Err(ContractError::MinterNotFound { address: minter_addr.to_string() });
    }
    MINTERS.remove(deps.storage, &minter_addr);
    roles().remove(deps.storage, &minter_addr)?;
    let mut counters = COUNTERS.load(deps.storage)?;
    counters.minters = counters.minters.saturating_sub(1);
    COUNTERS.save(deps.storage, &counters)?;
    Ok(Response::new().add_attribute("action", "remove_minter").add_attribute("minter", minter_addr))
}
