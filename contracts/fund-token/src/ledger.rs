//! The ledger: loading both sides of a movement, the compliance rule, and applying balance
//! changes with DID-level holder accounting and income settlement. Every movement path
//! (transfer, send, transfer_from, send_from, mint, subscription, redemption, forced transfer,
//! recovery, hold execution and burn) goes through these functions, so the rules live in one
//! place. Accounting is loud: a DID balance or holder count that would go negative or overflow is
//! an error (`Inconsistent`), never clamped. The precedence of holds, freezes and locks is
//! [`Account::transferable`].

use cosmwasm_std::{Addr, Attribute, StdResult, Storage, Uint128};
use harbour_types::compliance::{Denial, ReasonCode};
use harbour_types::identity::ClaimType;

use crate::error::ContractError;
use crate::income;
use crate::state::{Account, DidInfo, Hot, ACCOUNTS, DIDS, DID_BALANCES, HOLDERS, REGISTER_WALLETS, VENUES};

/// One side of a movement, loaded once.
#[derive(Debug, Clone)]
pub struct Side {
    pub addr: Addr,
    pub acct: Account,
    /// The cached identity of `acct.did` (None when the wallet was never bound).
    pub info: Option<DidInfo>,
    /// The DID's total balance (zero when `acct.did` is 0).
    pub did_balance: Uint128,
}

impl Side {
    pub fn load(storage: &dyn Storage, addr: &Addr) -> StdResult<Side> {
        let acct = ACCOUNTS.may_load(storage, addr)?.unwrap_or_default();
        let (info, did_balance) = if acct.did == 0 {
            (None, Uint128::zero())
        } else {
            (DIDS.may_load(storage, acct.did)?, DID_BALANCES.may_load(storage, acct.did)?.unwrap_or_default())
        };
        Ok(Side { addr: addr.clone(), acct, info, did_balance })
    }

    /// The DID string, when known.
    pub fn did(&self) -> &str {
        self.info.as_ref().map_or("", |i| i.did.as_str())
    }

    /// A registered venue identity (vault, settlement) — whether approved is checked separately.
    pub fn is_venue_identity(&self) -> bool {
        self.info.as_ref().is_some_and(DidInfo::is_venue)
    }
}

/// Identity-level reasons a party may not hold or receive shares at `now` (seconds). Venues must be
/// approved by the fund; their end investors are checked when shares leave the venue.
pub fn identity_reasons(storage: &dyn Storage, hot: &Hot, now: u64, side: &Side) -> StdResult<Vec<Denial>> {
    let info = match &side.info {
        Some(info) if !side.acct.unbound && !info.removed => info,
        _ => return Ok(vec![Denial::new(ReasonCode::UnknownWallet)]),
    };
    if info.is_venue() {
        return Ok(if VENUES.is_venue(storage, &side.addr) {
            vec![]
        } else {
            vec![Denial::new(ReasonCode::CategoryNotAllowed)]
        });
    }
    let mut reasons = Vec::new();
    for code in &hot.required_codes {
        let claim = ClaimType::from_code(*code).unwrap_or(ClaimType::Custom(0));
        match info.creds.iter().find(|(c, _, _)| c == code) {
            None => reasons.push(Denial::claim(ReasonCode::MissingClaim, claim)),
            Some((_, _, true)) => reasons.push(Denial::claim(ReasonCode::ClaimRevoked, claim)),
            Some((_, until, false)) if now >= *until => reasons.push(Denial::claim(ReasonCode::ClaimExpired, claim)),
            Some(_) => {}
        }
    }
    let p = &hot.policy;
    if p.blocked_jurisdictions.contains(&info.jurisdiction) {
        reasons.push(Denial::new(ReasonCode::JurisdictionBlocked));
    }
    if !p.allowed_jurisdictions.is_empty() && !p.allowed_jurisdictions.contains(&info.jurisdiction) {
        reasons.push(Denial::new(ReasonCode::JurisdictionNotAllowed));
    }
    if !p.allowed_categories.is_empty() && !p.allowed_categories.contains(&info.category) {
        reasons.push(Denial::new(ReasonCode::CategoryNotAllowed));
    }
    Ok(reasons)
}

/// Balance-level reasons the owner cannot move `amount` now, following the precedence of
/// [`Account::transferable`]: the balance, then holds, then freezes, then locks.
pub fn balance_reasons(acct: &Account, now: u64, amount: Uint128) -> Vec<Denial> {
    if acct.balance < amount {
        return vec![Denial::new(ReasonCode::InsufficientBalance)];
    }
    if acct.frozen_all {
        return vec![]; // reported as sender_frozen
    }
    if acct.unheld() < amount {
        return vec![Denial::new(ReasonCode::Held)];
    }
    if acct.unheld().saturating_sub(acct.frozen) < amount {
        return vec![Denial::new(ReasonCode::InsufficientUnfrozenBalance)];
    }
    if acct.transferable(now) < amount {
        return vec![Denial::new(ReasonCode::Locked)];
    }
    vec![]
}

/// Holder cap and min/max holding for a move of `amount` from `from` (None for a mint) to `to`.
/// `sender_minimum`: the sender's remainder must respect the minimum holding (not for a venue
/// executing a hold: the owner's side is the venue's commitment).
fn holding_reasons(
    storage: &dyn Storage,
    hot: &Hot,
    from: Option<&Side>,
    to: &Side,
    amount: Uint128,
    sender_minimum: bool,
) -> StdResult<Vec<Denial>> {
    let p = &hot.policy;
    let mut reasons = Vec::new();
    let same_did = from.is_some_and(|f| f.acct.did != 0 && f.acct.did == to.acct.did);
    if same_did {
        return Ok(reasons);
    }
    let from_investor = from.filter(|f| !f.is_venue_identity());
    if let Some(f) = from_investor.filter(|_| sender_minimum) {
        let left = f.did_balance.saturating_sub(amount);
        if !left.is_zero() && left < p.min_holding {
            reasons.push(Denial::new(ReasonCode::BelowMinimumHolding));
        }
    }
    if !to.is_venue_identity() {
        let after = to.did_balance.checked_add(amount)?;
        if let Some(max) = p.max_holders {
            let entering = to.did_balance.is_zero() && !amount.is_zero();
            let exiting = from_investor.is_some_and(|f| !f.did_balance.is_zero() && f.did_balance <= amount);
            if entering && !exiting && HOLDERS.may_load(storage)?.unwrap_or(0) >= max {
                reasons.push(Denial::new(ReasonCode::HolderCapReached));
            }
        }
        if after < p.min_holding {
            reasons.push(Denial::new(ReasonCode::BelowMinimumHolding));
        }
        if p.max_holding.is_some_and(|max| after > max) {
            reasons.push(Denial::new(ReasonCode::AboveMaximumHolding));
        }
    }
    Ok(reasons)
}

/// The investor-transfer rule (transfer, send, transfer_from, send_from), in a fixed order:
/// zero amount; paused; frozen sender/recipient; balance (insufficient, held, frozen part,
/// locked); sender identity (`exit_only` + why); recipient identity; primary-only; holder cap;
/// min/max holding. `CanTransfer` answers with exactly this list.
pub fn transfer_reasons(
    storage: &dyn Storage,
    hot: &Hot,
    now: u64,
    from: &Side,
    to: &Side,
    amount: Uint128,
) -> StdResult<Vec<Denial>> {
    movement_reasons(storage, hot, now, from, to, amount, true)
}

/// The rule for a venue executing a hold: the recipient side of the transfer rule (paused,
/// recipient frozen, identity, holder cap, min/max holding); the owner's side is the venue's
/// commitment (lapsed credentials, freezes, locks, the minimum remainder and primary-only do not
/// apply).
pub fn execution_reasons(
    storage: &dyn Storage,
    hot: &Hot,
    now: u64,
    from: &Side,
    to: &Side,
    amount: Uint128,
) -> StdResult<Vec<Denial>> {
    movement_reasons(storage, hot, now, from, to, amount, false)
}

/// The movement rule, one place for both: `owner_side` adds the sender's checks (an owner moving
/// its own units) to the recipient's and the fund's.
fn movement_reasons(
    storage: &dyn Storage,
    hot: &Hot,
    now: u64,
    from: &Side,
    to: &Side,
    amount: Uint128,
    owner_side: bool,
) -> StdResult<Vec<Denial>> {
    let mut reasons = Vec::new();
    if owner_side && amount.is_zero() {
        reasons.push(Denial::new(ReasonCode::ZeroAmount));
    }
    if hot.paused {
        reasons.push(Denial::new(ReasonCode::Paused));
    }
    if owner_side && from.acct.frozen_all {
        reasons.push(Denial::new(ReasonCode::SenderFrozen));
    }
    if to.acct.frozen_all {
        reasons.push(Denial::new(ReasonCode::RecipientFrozen));
    }
    if owner_side {
        reasons.extend(balance_reasons(&from.acct, now, amount));
        let sender = identity_reasons(storage, hot, now, from)?;
        if !sender.is_empty() {
            reasons.push(Denial::new(ReasonCode::ExitOnly));
            reasons.extend(sender);
        }
    }
    reasons.extend(identity_reasons(storage, hot, now, to)?);
    let same_did = from.acct.did != 0 && from.acct.did == to.acct.did;
    if owner_side && hot.policy.primary_only && !same_did && !from.is_venue_identity() && !to.is_venue_identity() {
        reasons.push(Denial::new(ReasonCode::PrimaryOnly));
    }
    reasons.extend(holding_reasons(storage, hot, Some(from), to, amount, owner_side)?);
    Ok(reasons)
}

/// Recipient rule for issuance (agent mint) and forced moves: the recipient must be verified.
pub fn recipient_reasons(storage: &dyn Storage, hot: &Hot, now: u64, to: &Side) -> StdResult<Vec<Denial>> {
    let mut reasons = identity_reasons(storage, hot, now, to)?;
    if to.acct.frozen_all {
        reasons.push(Denial::new(ReasonCode::RecipientFrozen));
    }
    Ok(reasons)
}

/// Issuance rule (agent mint): the recipient rule plus the fund-level ceilings — holder cap and
/// maximum holding (the minimum holding does not bind the transfer agent).
pub fn issuance_reasons(
    storage: &dyn Storage,
    hot: &Hot,
    now: u64,
    to: &Side,
    amount: Uint128,
) -> StdResult<Vec<Denial>> {
    let mut reasons = recipient_reasons(storage, hot, now, to)?;
    reasons.extend(
        holding_reasons(storage, hot, None, to, amount, true)?
            .into_iter()
            .filter(|d| d.code != ReasonCode::BelowMinimumHolding),
    );
    Ok(reasons)
}

/// The burn rule for units the dealing contract redeems (`BurnHeld`, `CanRedeem`): not paused,
/// the owner bound and not fully frozen (a frozen or unbound owner is never paid), and a partial
/// redemption leaves the DID at 0 or at least the minimum holding (venue identities excepted).
pub fn burn_reasons(hot: &Hot, side: &Side, amount: Uint128) -> Vec<Denial> {
    let mut reasons = Vec::new();
    if hot.paused {
        reasons.push(Denial::new(ReasonCode::Paused));
    }
    if side.acct.unbound || side.info.as_ref().map_or(true, |i| i.removed) {
        reasons.push(Denial::new(ReasonCode::UnknownWallet));
    }
    if side.acct.frozen_all {
        reasons.push(Denial::new(ReasonCode::SenderFrozen));
    }
    if side.acct.balance < amount {
        reasons.push(Denial::new(ReasonCode::InsufficientBalance));
    } else if !side.is_venue_identity() {
        let left = side.did_balance.saturating_sub(amount);
        if !left.is_zero() && left < hot.policy.min_holding {
            reasons.push(Denial::new(ReasonCode::BelowMinimumHolding));
        }
    }
    reasons
}

/// Subscription rule: verified, not frozen, holder cap, min/max holding.
pub fn subscription_reasons(
    storage: &dyn Storage,
    hot: &Hot,
    now: u64,
    to: &Side,
    shares: Uint128,
) -> StdResult<Vec<Denial>> {
    let mut reasons = Vec::new();
    if hot.paused {
        reasons.push(Denial::new(ReasonCode::Paused));
    }
    reasons.extend(recipient_reasons(storage, hot, now, to)?);
    reasons.extend(holding_reasons(storage, hot, None, to, shares, true)?);
    Ok(reasons)
}

/// The movement attributes every path emits, in this order: `from`, `to`, `from_did`, `to_did`,
/// `amount` (`("", "")` for the side that is not a wallet: an issuance has no `from`, a burn no
/// `to`).
pub fn movement_attrs(from: (&str, &str), to: (&str, &str), amount: Uint128) -> [Attribute; 5] {
    [
        Attribute::new("from", from.0),
        Attribute::new("to", to.0),
        Attribute::new("from_did", from.1),
        Attribute::new("to_did", to.1),
        Attribute::new("amount", amount),
    ]
}

impl Side {
    /// (address, DID) for [`movement_attrs`].
    pub fn party(&self) -> (&str, &str) {
        (self.addr.as_str(), self.did())
    }
}

fn inconsistent(what: &'static str) -> ContractError {
    ContractError::Inconsistent { what }
}

/// Sets a DID's balance (checked by the caller) and returns the holder-count delta it causes.
fn set_did_balance(storage: &mut dyn Storage, side: &mut Side, new: Uint128) -> StdResult<i64> {
    let did = side.acct.did;
    if did == 0 {
        return Ok(0);
    }
    if new.is_zero() {
        DID_BALANCES.remove(storage, did);
    } else {
        DID_BALANCES.save(storage, did, &new)?;
    }
    let old = std::mem::replace(&mut side.did_balance, new);
    if side.is_venue_identity() {
        return Ok(0);
    }
    Ok(match (old.is_zero(), new.is_zero()) {
        (true, false) => 1,
        (false, true) => -1,
        _ => 0,
    })
}

/// Adds `delta` to the holder count; going below zero or past `u32::MAX` is an inconsistency.
pub fn apply_holder_delta(storage: &mut dyn Storage, delta: i64) -> Result<(), ContractError> {
    if delta != 0 {
        let current = i64::from(HOLDERS.may_load(storage)?.unwrap_or(0));
        let new = u32::try_from(current + delta).map_err(|_| inconsistent("holder count"))?;
        HOLDERS.save(storage, &new)?;
    }
    Ok(())
}

fn add_did(side: &Side, amount: Uint128) -> Result<Uint128, ContractError> {
    side.did_balance.checked_add(amount).map_err(|_| inconsistent("DID balance overflow"))
}

fn sub_did(side: &Side, amount: Uint128) -> Result<Uint128, ContractError> {
    if side.acct.did == 0 {
        return Ok(Uint128::zero());
    }
    side.did_balance.checked_sub(amount).map_err(|_| inconsistent("DID balance below its wallets"))
}

/// Saves an account after a balance change: held units never exceed the balance, and a wallet
/// receiving units enters the list of wallets that hold or have held units.
fn save_account(storage: &mut dyn Storage, side: &Side, was_empty: bool) -> Result<(), ContractError> {
    if side.acct.held > side.acct.balance {
        return Err(inconsistent("held units above the balance"));
    }
    ACCOUNTS.save(storage, &side.addr, &side.acct)?;
    if was_empty && !side.acct.balance.is_zero() {
        REGISTER_WALLETS.save(storage, &side.addr, &cosmwasm_std::Empty {})?;
    }
    Ok(())
}

/// Moves `amount` from `from` to `to` (both loaded with [`Side::load`]), settling income first and
/// keeping DID balances, the holder count and pending income units exact. A move to oneself
/// changes nothing. The caller has checked its rule (and, for a hold execution, lowered the
/// owner's held total).
pub fn apply_move(
    storage: &mut dyn Storage,
    hot: &Hot,
    now: u64,
    from: &mut Side,
    to: &mut Side,
    amount: Uint128,
) -> Result<(), ContractError> {
    if from.addr == to.addr || amount.is_zero() {
        return Ok(());
    }
    income::settle(storage, hot, &mut from.acct)?;
    income::settle(storage, hot, &mut to.acct)?;
    from.acct.balance = from
        .acct
        .balance
        .checked_sub(amount)
        .map_err(|_| ContractError::InsufficientBalance { available: from.acct.balance, needed: amount })?;
    let was_empty = to.acct.balance.is_zero();
    to.acct.balance = to.acct.balance.checked_add(amount).map_err(cosmwasm_std::StdError::from)?;
    let pending = income::take_pending(&mut from.acct, amount);
    income::add_pending(hot, &mut to.acct, pending)?;
    from.acct.normalize(now);
    let forfeited = income::forfeit_on_exit(&mut from.acct);
    save_account(storage, from, false)?;
    save_account(storage, to, was_empty)?;
    if from.acct.did != to.acct.did {
        let (from_new, to_new) = (sub_did(from, amount)?, add_did(to, amount)?);
        let delta = set_did_balance(storage, from, from_new)? + set_did_balance(storage, to, to_new)?;
        apply_holder_delta(storage, delta)?;
    }
    income::record(storage, Uint128::zero(), Uint128::zero(), forfeited)
}

/// Issues `amount` new shares to `to` (agent mint, dealing mint), optionally locked until
/// `lock_until`. Issued units are pending income units for the current period (record date).
/// This is the only credit that does not come from another account: no path returns units to a
/// wallet as anything but issuance, so none can turn pending units into entitled ones.
pub fn apply_credit(
    storage: &mut dyn Storage,
    hot: &Hot,
    now: u64,
    to: &mut Side,
    amount: Uint128,
    lock_until: Option<u64>,
) -> Result<(), ContractError> {
    income::settle(storage, hot, &mut to.acct)?;
    let was_empty = to.acct.balance.is_zero();
    to.acct.balance = to.acct.balance.checked_add(amount).map_err(cosmwasm_std::StdError::from)?;
    let pending = if hot.distributing { amount } else { Uint128::zero() };
    income::add_pending(hot, &mut to.acct, pending)?;
    if let Some(until) = lock_until.filter(|u| *u > now) {
        add_lock(&mut to.acct, amount, until, now);
    }
    save_account(storage, to, was_empty)?;
    let new = add_did(to, amount)?;
    let delta = set_did_balance(storage, to, new)?;
    apply_holder_delta(storage, delta)?;
    income::record(storage, pending, Uint128::zero(), cosmwasm_std::Decimal::zero())
}

/// Debits `amount` from `from` (a burn). Frozen amounts and locks are clipped to the new
/// balance; held units cannot be debited (the caller lowers the held total first for a burn of
/// held units).
pub fn apply_debit(
    storage: &mut dyn Storage,
    hot: &Hot,
    now: u64,
    from: &mut Side,
    amount: Uint128,
) -> Result<(), ContractError> {
    income::settle(storage, hot, &mut from.acct)?;
    from.acct.balance = from
        .acct
        .balance
        .checked_sub(amount)
        .map_err(|_| ContractError::InsufficientBalance { available: from.acct.balance, needed: amount })?;
    let pending = income::take_pending(&mut from.acct, amount);
    from.acct.normalize(now);
    let forfeited = income::forfeit_on_exit(&mut from.acct);
    save_account(storage, from, false)?;
    let new = sub_did(from, amount)?;
    let delta = set_did_balance(storage, from, new)?;
    apply_holder_delta(storage, delta)?;
    income::record(storage, Uint128::zero(), pending, forfeited)
}

/// Adds a lock-up lot; when `MAX_LOCK_LOTS` are held, merges into the latest lot (conservative:
/// the merged shares stay locked until the later date).
pub fn add_lock(acct: &mut Account, amount: Uint128, until: u64, now: u64) {
    acct.locks.retain(|(_, u)| *u > now);
    if acct.locks.len() >= harbour_types::fund_token::MAX_LOCK_LOTS {
        if let Some(last) = acct.locks.iter_mut().max_by_key(|(_, u)| *u) {
            last.0 = last.0.saturating_add(amount);
            last.1 = last.1.max(until);
            return;
        }
    }
    acct.locks.push((amount, until));
}
