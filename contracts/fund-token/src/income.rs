//! The income ledger of a distributing fund — every income rule in one place:
//!
//! - **Index.** A deposit of `D` cash closes the current income period: with `C` carried from
//!   before and `E` entitled units, `per_share = ⌊(D + C) / E⌋` (18 decimals),
//!   `index += per_share`, the holders' entitlement grows by exactly `per_share × E`, and the
//!   remainder `D + C − per_share × E` is the new carry. Each account is settled to the index
//!   before any change to its balance (`accrued += entitled_units × Δindex`, exact to 18
//!   decimals), so a deposit costs the same for 10 or 100,000 holders.
//! - **Record date.** Units issued during a period (agent mints, subscriptions) earn from the next
//!   period: they are excluded from `E` at the deposit that closes their period and start earning
//!   after it. An account keeps its pending units and their period (`pending`, `pending_period`);
//!   units leaving an account take its pending units first, and pending units that move to
//!   another wallet stay pending there. O(1): the index at the end of each period is kept
//!   (`xi` + period) and read only when an account still pending from an older period is settled.
//! - **Exactness.** Entitlements are exact; a claim pays the whole units and adds the sub-unit rest
//!   to the carry, as does a full exit (a wallet whose balance reaches zero with less than one unit
//!   of entitlement). Nothing is stranded and nothing is counted twice:
//!   `deposited = claimed + swept + owed + carry` at every moment, and `CashTokenInUse` counts
//!   `owed + carry` (the cash the fund holds for income).
//! - **Income token.** Income is deposited and claimed in the fund's own income token (not the
//!   dealing contract's cash token). The owner switches it with `UpdateIncomeToken`: the income
//!   cash the fund holds (`deposited − claimed − swept`) is taken in the new token from the owner
//!   (allowance) and the same amount of the old token goes to custody, in one transaction;
//!   entitlements carry over unit for unit, so no holder (however small its unclaimed income) can
//!   block the change.
//! - **Carry** goes into the next distribution, or the owner sweeps its whole units to custody
//!   (`SweepIncomeCarry`). A deposit when every unit is pending carries entirely (and closes the
//!   period, so those units earn from the next one); a deposit into a fund with no units is refused.

use cosmwasm_std::{
    from_json, to_json_binary, Addr, Decimal, DepsMut, Env, Event, MessageInfo, Response, StdError, Storage, Uint128,
    WasmMsg,
};
use cw20::Cw20ReceiveMsg;
use harbour_types::compliance::ReasonCode;
use harbour_types::cw20_support::cw20_transfer_msg;
use harbour_types::fund_token::{FundRole, IncomeHookMsg, IncomeMode};

use crate::error::ContractError;
use crate::helpers::{addr, assert_owner, check_amount, has_role};
use crate::state::{Account, Config, Hot, IncomeState, ACCOUNTS, CONFIG, HOT, INCOME, INCOME_INDEX, TOKEN};

fn overflow(e: impl std::fmt::Display) -> ContractError {
    ContractError::Std(StdError::generic_err(format!("income arithmetic: {e}")))
}

/// `units × delta`, exact (18 decimals).
fn accrue(units: Uint128, delta: Decimal) -> Result<Decimal, ContractError> {
    Ok(Decimal::new(units.checked_mul(delta.atomics()).map_err(overflow)?))
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal, ContractError> {
    a.checked_add(b).map_err(overflow)
}

fn sub(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal, ContractError> {
    a.checked_sub(b).map_err(|_| ContractError::Inconsistent { what })
}

/// Settles `acct` to the current index (no-op in accumulating funds and when nothing changed).
pub fn settle(storage: &dyn Storage, hot: &Hot, acct: &mut Account) -> Result<(), ContractError> {
    if !hot.distributing {
        return Ok(());
    }
    let pending_matured = !acct.pending.is_zero() && acct.pending_period < hot.period;
    if acct.index == hot.index && !pending_matured {
        return Ok(());
    }
    let delta = sub(hot.index, acct.index, "income checkpoint above the index")?;
    let entitled = acct
        .balance
        .checked_sub(acct.pending)
        .map_err(|_| ContractError::Inconsistent { what: "pending units above the balance" })?;
    let mut earned = accrue(entitled, delta)?;
    if pending_matured {
        // excluded from the deposit that closed their period; entitled to every later one
        let next = acct.pending_period.checked_add(1).ok_or(ContractError::Overflow {})?;
        let entitled_from = if next == hot.period { hot.index } else { INCOME_INDEX.load(storage, next)? };
        earned = add(earned, accrue(acct.pending, sub(hot.index, entitled_from, "income history")?)?)?;
        acct.pending = Uint128::zero();
        acct.pending_period = 0;
    }
    acct.accrued = add(acct.accrued, earned)?;
    acct.index = hot.index;
    Ok(())
}

/// Newly issued units for a settled account: pending until the current period closes.
pub fn add_pending(hot: &Hot, acct: &mut Account, units: Uint128) -> Result<(), ContractError> {
    if hot.distributing && !units.is_zero() {
        acct.pending = acct.pending.checked_add(units).map_err(overflow)?;
        acct.pending_period = hot.period;
    }
    Ok(())
}

/// `amount` units leave a settled account: its pending units leave first. Returns how many of
/// them were pending.
pub fn take_pending(acct: &mut Account, amount: Uint128) -> Uint128 {
    let taken = acct.pending.min(amount);
    acct.pending -= taken;
    if acct.pending.is_zero() {
        acct.pending_period = 0;
    }
    taken
}

/// A full exit (balance zero) forfeits an entitlement below one unit to the carry (it could never
/// be claimed). Returns the amount forfeited.
pub fn forfeit_on_exit(acct: &mut Account) -> Decimal {
    if acct.balance.is_zero() && !acct.accrued.is_zero() && acct.accrued < Decimal::one() {
        std::mem::take(&mut acct.accrued)
    } else {
        Decimal::zero()
    }
}

/// Applies a movement's effect on the income ledger: pending units issued (+) or destroyed (−),
/// and entitlement forfeited to the carry. One write, only when something changed.
pub fn record(
    storage: &mut dyn Storage,
    issued: Uint128,
    destroyed: Uint128,
    forfeited: Decimal,
) -> Result<(), ContractError> {
    if issued.is_zero() && destroyed.is_zero() && forfeited.is_zero() {
        return Ok(());
    }
    let mut inc = INCOME.load(storage)?;
    inc.pending = inc
        .pending
        .checked_add(issued)
        .map_err(overflow)?
        .checked_sub(destroyed)
        .map_err(|_| ContractError::Inconsistent { what: "pending units" })?;
    inc.owed = sub(inc.owed, forfeited, "income owed")?;
    inc.carry = add(inc.carry, forfeited)?;
    INCOME.save(storage, &inc)?;
    Ok(())
}

/// `Receive`: only the income token may send, only `DepositIncome`.
pub fn receive(deps: DepsMut, info: MessageInfo, wrapper: Cw20ReceiveMsg) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.income_token {
        return Err(ContractError::NotIncomeToken { expected: cfg.income_token.into_string() });
    }
    check_amount(wrapper.amount)?;
    let sender = addr(deps.api, &wrapper.sender)?;
    let hook: IncomeHookMsg =
        from_json(&wrapper.msg).map_err(|e| ContractError::InvalidHook { reason: e.to_string() })?;
    match hook {
        IncomeHookMsg::DepositIncome {} => deposit(deps, cfg, sender, wrapper.amount),
    }
}

/// `UpdateIncomeToken` (owner): the income cash held moves to the new token in this transaction —
/// `TransferFrom` of `cash_held` new-token units from the owner to the fund, `Transfer` of the same
/// old-token units to custody — so every entitlement stays claimable, now in the new token. With
/// nothing held, only the setting changes.
pub fn update_income_token(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    token: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "update_income_token")?;
    let new = addr(deps.api, &token)?;
    let mut cfg = CONFIG.load(deps.storage)?;
    if new == cfg.income_token {
        return Err(ContractError::IncomeTokenUnchanged { address: new.into_string() });
    }
    let held = cash_held(&INCOME.load(deps.storage)?)?;
    let old = std::mem::replace(&mut cfg.income_token, new.clone());
    CONFIG.save(deps.storage, &cfg)?;
    let mut res = Response::new()
        .add_attribute("action", "update_income_token")
        .add_attribute("old_token", &old)
        .add_attribute("new_token", &new)
        .add_attribute("carried_over", held);
    if !held.is_zero() {
        res = res
            .add_message(WasmMsg::Execute {
                contract_addr: new.into_string(),
                msg: to_json_binary(&cw20::Cw20ExecuteMsg::TransferFrom {
                    owner: info.sender.into_string(),
                    recipient: env.contract.address.into_string(),
                    amount: held,
                })?,
                funds: vec![],
            })
            .add_message(cw20_transfer_msg(&old, &cfg.custody, held)?);
    }
    Ok(res)
}

/// `DepositIncome` (agent, through the income token): closes the current period.
pub fn deposit(deps: DepsMut, cfg: Config, sender: Addr, amount: Uint128) -> Result<Response, ContractError> {
    if !has_role(deps.storage, FundRole::Agent, &sender) {
        return Err(ContractError::Unauthorized { action: "deposit_income", role: "agent" });
    }
    if cfg.income_mode != IncomeMode::Distributing {
        return Err(ContractError::NotDistributing {});
    }
    let supply = TOKEN.load(deps.storage)?.total_supply;
    if supply.is_zero() {
        return Err(ContractError::NoIncomeSupply {});
    }
    let mut inc = INCOME.load(deps.storage)?;
    let entitled =
        supply.checked_sub(inc.pending).map_err(|_| ContractError::Inconsistent { what: "entitled supply" })?;
    let total = add(Decimal::from_atomics(amount, 0).map_err(overflow)?, inc.carry)?;
    let per_share = if entitled.is_zero() {
        Decimal::zero()
    } else {
        Decimal::new(total.atomics().checked_div(entitled).map_err(overflow)?)
    };
    let distributed = accrue(entitled, per_share)?;
    let mut hot = HOT.load(deps.storage)?;
    hot.index = add(hot.index, per_share)?;
    hot.period = hot.period.checked_add(1).ok_or(ContractError::Overflow {})?;
    HOT.save(deps.storage, &hot)?;
    INCOME_INDEX.save(deps.storage, hot.period, &hot.index)?;
    let carry_in = inc.carry;
    inc.carry = sub(total, distributed, "income distribution")?;
    inc.owed = add(inc.owed, distributed)?;
    inc.deposited = inc.deposited.checked_add(amount).map_err(overflow)?;
    let pending = std::mem::take(&mut inc.pending);
    INCOME.save(deps.storage, &inc)?;
    Ok(Response::new().add_attribute("action", "deposit_income").add_event(
        Event::new("harbour_income_deposited")
            .add_attribute("amount", amount)
            .add_attribute("carry_in", carry_in.to_string())
            .add_attribute("entitled_supply", entitled)
            .add_attribute("pending_units", pending)
            .add_attribute("per_share", per_share.to_string())
            .add_attribute("distributed", distributed.to_string())
            .add_attribute("carry", inc.carry.to_string())
            .add_attribute("index", hot.index.to_string())
            .add_attribute("period", hot.period.to_string())
            .add_attribute("agent", sender),
    ))
}

/// `ClaimIncome`: pays the whole units of the holder's entitlement; the sub-unit rest goes to the
/// carry.
pub fn claim(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
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
    settle(deps.storage, &hot, &mut acct)?;
    let entitlement = std::mem::take(&mut acct.accrued);
    let paid = entitlement.to_uint_floor();
    if paid.is_zero() {
        return Err(ContractError::NothingToClaim {});
    }
    let rest = sub(entitlement, Decimal::from_atomics(paid, 0).map_err(overflow)?, "claim")?;
    ACCOUNTS.save(deps.storage, &info.sender, &acct)?;
    let mut inc = INCOME.load(deps.storage)?;
    inc.owed = sub(inc.owed, entitlement, "income owed")?;
    inc.carry = add(inc.carry, rest)?;
    inc.claimed = inc.claimed.checked_add(paid).map_err(overflow)?;
    INCOME.save(deps.storage, &inc)?;
    let did = match acct.did {
        0 => String::new(),
        id => crate::state::DIDS.may_load(deps.storage, id)?.map(|i| i.did).unwrap_or_default(),
    };
    Ok(Response::new()
        .add_message(cw20_transfer_msg(&cfg.income_token, &info.sender, paid)?)
        .add_attribute("action", "claim_income")
        .add_attributes(crate::ledger::movement_attrs(("", ""), (info.sender.as_str(), &did), paid))
        .add_attribute("forfeited_to_carry", rest.to_string()))
}

/// `SweepIncomeCarry` (owner): the carry's whole units go to custody.
pub fn sweep(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "sweep_income_carry")?;
    let cfg = CONFIG.load(deps.storage)?;
    let mut inc = INCOME.load(deps.storage)?;
    let amount = inc.carry.to_uint_floor();
    if amount.is_zero() {
        return Err(ContractError::NothingToSweep { carry: inc.carry });
    }
    inc.carry = sub(inc.carry, Decimal::from_atomics(amount, 0).map_err(overflow)?, "carry")?;
    inc.swept = inc.swept.checked_add(amount).map_err(overflow)?;
    INCOME.save(deps.storage, &inc)?;
    Ok(Response::new()
        .add_message(cw20_transfer_msg(&cfg.income_token, &cfg.custody, amount)?)
        .add_attribute("action", "sweep_income_carry")
        .add_attribute("amount", amount)
        .add_attribute("carry", inc.carry.to_string()))
}

/// The cash the fund holds for income (owed to holders plus carry), in whole units: exactly
/// `deposited − claimed − swept`.
pub fn cash_held(inc: &IncomeState) -> Result<Uint128, ContractError> {
    inc.deposited
        .checked_sub(inc.claimed)
        .and_then(|x| x.checked_sub(inc.swept))
        .map_err(|_| ContractError::Inconsistent { what: "income cash" })
}
