//! The ledger: the movement rules and balance changes. Every path that moves tokens (transfer,
//! send, transfer_from, send_from, mint, burn, hold execution, redemption payout, wipe, rescue)
//! goes through these functions, so the rules live in one place. A holder moves only its free
//! balance (`balance − held`); held tokens move only by the venue's execution (or the redemption
//! payout), after a release, or by the asset protector's court-order release.

use cosmwasm_std::{Addr, Env, StdError, Storage, Uint128};

use crate::error::ContractError;
use crate::state::{Account, Hot, ACCOUNTS, HOT, KYC, SUPPLY};

pub fn load_account(storage: &dyn Storage, who: &Addr) -> Result<Account, ContractError> {
    Ok(ACCOUNTS.may_load(storage, who)?.unwrap_or_default())
}

/// A valid KYC credential is cached for `who` at `now` (seconds).
pub fn kyc_valid(storage: &dyn Storage, who: &Addr, now: u64) -> Result<bool, ContractError> {
    Ok(KYC.may_load(storage, who)?.is_some_and(|until| now < until))
}

pub fn assert_not_paused(hot: &Hot) -> Result<(), ContractError> {
    if hot.paused {
        Err(ContractError::Paused {})
    } else {
        Ok(())
    }
}

pub fn assert_not_blacklisted(who: &Addr, acct: &Account) -> Result<(), ContractError> {
    if acct.blacklisted {
        Err(ContractError::Blacklisted { address: who.to_string() })
    } else {
        Ok(())
    }
}

/// In registry-gated mode `who` must hold a valid KYC credential.
pub fn assert_holder(storage: &dyn Storage, hot: &Hot, who: &Addr, now: u64) -> Result<(), ContractError> {
    if hot.gated && !kyc_valid(storage, who, now)? {
        return Err(ContractError::NotKycVerified { address: who.to_string() });
    }
    Ok(())
}

/// A recipient of new or moved tokens: not blacklisted and, when gated, KYC-verified.
pub fn assert_recipient(
    storage: &dyn Storage,
    hot: &Hot,
    who: &Addr,
    acct: &Account,
    now: u64,
) -> Result<(), ContractError> {
    assert_not_blacklisted(who, acct)?;
    assert_holder(storage, hot, who, now)
}

fn insufficient(acct: &Account, amount: Uint128) -> ContractError {
    ContractError::InsufficientBalance { available: acct.balance, needed: amount }
}

/// The holder's own movements take only its free balance: the balance, then what is held.
pub fn assert_free(acct: &Account, amount: Uint128) -> Result<(), ContractError> {
    if acct.balance < amount {
        return Err(insufficient(acct, amount));
    }
    let free = acct.balance.checked_sub(acct.held).map_err(|_| ContractError::Inconsistent { what: "held total" })?;
    if free < amount {
        return Err(ContractError::BalanceHeld { free, held: acct.held, needed: amount });
    }
    Ok(())
}

/// A checked movement, applied with [`PreparedMove::commit`] once every other check of the
/// message passed (so a failing message writes nothing).
pub struct PreparedMove {
    from_addr: Addr,
    to_addr: Addr,
    /// `None` for a move to oneself (nothing to write).
    accounts: Option<(Account, Account)>,
}

impl PreparedMove {
    pub fn commit(self, storage: &mut dyn Storage) -> Result<(), ContractError> {
        if let Some((from, to)) = self.accounts {
            ACCOUNTS.save(storage, &self.from_addr, &from)?;
            ACCOUNTS.save(storage, &self.to_addr, &to)?;
        }
        Ok(())
    }
}

/// The transfer rule (transfer, send, transfer_from, send_from), checked in this order: paused;
/// sender blacklisted; recipient blacklisted; when gated, sender then recipient KYC; balance;
/// free (unheld) balance.
pub fn prepare_move(
    storage: &dyn Storage,
    env: &Env,
    from_addr: &Addr,
    to_addr: &Addr,
    amount: Uint128,
) -> Result<PreparedMove, ContractError> {
    let hot = HOT.load(storage)?;
    assert_not_paused(&hot)?;
    let now = env.block.time.seconds();
    let mut from = load_account(storage, from_addr)?;
    assert_not_blacklisted(from_addr, &from)?;
    let prepared = |accounts| PreparedMove { from_addr: from_addr.clone(), to_addr: to_addr.clone(), accounts };
    if from_addr == to_addr {
        assert_holder(storage, &hot, from_addr, now)?;
        assert_free(&from, amount)?;
        return Ok(prepared(None));
    }
    let mut to = load_account(storage, to_addr)?;
    assert_not_blacklisted(to_addr, &to)?;
    assert_holder(storage, &hot, from_addr, now)?;
    assert_holder(storage, &hot, to_addr, now)?;
    assert_free(&from, amount)?;
    from.balance = from.balance.checked_sub(amount).map_err(|_| insufficient(&from, amount))?;
    to.balance = to.balance.checked_add(amount).map_err(StdError::from)?;
    Ok(prepared(Some((from, to))))
}

/// Checks the transfer rule and moves the tokens.
pub fn move_checked(
    storage: &mut dyn Storage,
    env: &Env,
    from_addr: &Addr,
    to_addr: &Addr,
    amount: Uint128,
) -> Result<(), ContractError> {
    prepare_move(storage, env, from_addr, to_addr, amount)?.commit(storage)
}

/// Adds `amount` to an already loaded account and saves it.
pub fn credit(storage: &mut dyn Storage, who: &Addr, acct: &mut Account, amount: Uint128) -> Result<(), ContractError> {
    acct.balance = acct.balance.checked_add(amount).map_err(StdError::from)?;
    ACCOUNTS.save(storage, who, acct)?;
    Ok(())
}

/// Removes `amount` from an already loaded account and saves it; held tokens stay covered (a
/// burn of held tokens lowers `held` first).
pub fn debit(storage: &mut dyn Storage, who: &Addr, acct: &mut Account, amount: Uint128) -> Result<(), ContractError> {
    acct.balance = acct.balance.checked_sub(amount).map_err(|_| insufficient(acct, amount))?;
    if acct.held > acct.balance {
        return Err(ContractError::Inconsistent { what: "held tokens above the balance" });
    }
    ACCOUNTS.save(storage, who, acct)?;
    Ok(())
}

/// Lowers total supply by `amount` (burn) and returns the new supply.
pub fn sub_supply(storage: &mut dyn Storage, amount: Uint128) -> Result<Uint128, ContractError> {
    let supply = SUPPLY.load(storage)?.checked_sub(amount).map_err(StdError::from)?;
    SUPPLY.save(storage, &supply)?;
    Ok(supply)
}
