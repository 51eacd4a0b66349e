//! Holds on the stablecoin: the shared mechanism (`harbour_types::holds`) plugged into this
//! token's ledger, and the venue list. A holder commits free tokens (not paused, not
//! blacklisted, KYC when registry-gated); a venue executes them to recipients that pass the
//! recipient rule (not blacklisted, KYC when gated) — the owner's lapsed KYC does not stop it, but
//! the owner's blacklisting does (the blacklist is a sanctions control: nothing of a blacklisted
//! holder moves; the asset protector releases its holds by legal order). The redemption queue
//! holds with the contract's own address as venue (`redemption.rs`); those holds are never
//! released by court order (the redemption operator rejects the request instead).

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use harbour_types::hkd_stablecoin::StableRole;
use harbour_types::holds::{self, HoldAccounts, HoldOp};

use crate::error::ContractError;
use crate::helpers::{addr, assert_owner, assert_role};
use crate::ledger::{assert_free, assert_holder, assert_not_blacklisted, assert_not_paused, load_account};
use crate::state::{Account, Hot, ACCOUNTS, HOLDS, HOT, VENUES};

/// The stablecoin's side of the shared hold operations (it keeps no DIDs).
pub struct StableHolds {
    hot: Hot,
    now: u64,
}

impl StableHolds {
    pub fn load(storage: &dyn Storage, env: &Env) -> Result<Self, ContractError> {
        Ok(StableHolds { hot: HOT.load(storage)?, now: env.block.time.seconds() })
    }
}

/// Lowers `acct`'s held total by `amount` (an inconsistency is an error).
pub fn lower_held(acct: &mut Account, amount: Uint128) -> Result<(), ContractError> {
    acct.held = acct.held.checked_sub(amount).map_err(|_| ContractError::Inconsistent { what: "held total" })?;
    Ok(())
}

/// Adds `amount` of `owner`'s free tokens to its held total (checked by [`assert_free`]).
pub fn raise_held(
    storage: &mut dyn Storage,
    owner: &Addr,
    acct: &mut Account,
    amount: Uint128,
) -> Result<(), ContractError> {
    assert_free(acct, amount)?;
    acct.held = acct.held.checked_add(amount).map_err(cosmwasm_std::StdError::from)?;
    ACCOUNTS.save(storage, owner, acct)?;
    Ok(())
}

impl HoldAccounts for StableHolds {
    type Error = ContractError;

    fn commit(
        &mut self,
        storage: &mut dyn Storage,
        owner: &Addr,
        amount: Uint128,
    ) -> Result<Option<String>, Self::Error> {
        assert_not_paused(&self.hot)?;
        let mut acct = load_account(storage, owner)?;
        assert_not_blacklisted(owner, &acct)?;
        assert_holder(storage, &self.hot, owner, self.now)?;
        raise_held(storage, owner, &mut acct, amount)?;
        Ok(None)
    }

    fn uncommit(
        &mut self,
        storage: &mut dyn Storage,
        owner: &Addr,
        amount: Uint128,
    ) -> Result<Option<String>, Self::Error> {
        let mut acct = load_account(storage, owner)?;
        lower_held(&mut acct, amount)?;
        ACCOUNTS.save(storage, owner, &acct)?;
        Ok(None)
    }

    fn deliver(
        &mut self,
        storage: &mut dyn Storage,
        owner: &Addr,
        recipient: &Addr,
        amount: Uint128,
    ) -> Result<(Option<String>, Option<String>), Self::Error> {
        assert_not_paused(&self.hot)?;
        let mut from = load_account(storage, owner)?;
        assert_not_blacklisted(owner, &from)?;
        let mut to = load_account(storage, recipient)?;
        assert_not_blacklisted(recipient, &to)?;
        assert_holder(storage, &self.hot, recipient, self.now)?;
        lower_held(&mut from, amount)?;
        from.balance = from
            .balance
            .checked_sub(amount)
            .map_err(|_| ContractError::Inconsistent { what: "held tokens above the balance" })?;
        to.balance = to.balance.checked_add(amount).map_err(cosmwasm_std::StdError::from)?;
        ACCOUNTS.save(storage, owner, &from)?;
        ACCOUNTS.save(storage, recipient, &to)?;
        Ok((None, None))
    }
}

/// `PlaceHold`, `ReleaseHold`, `ExecuteHold` and `CourtReleaseHold` (asset protector only; never
/// the redemption queue's holds).
pub fn handle(deps: DepsMut, env: Env, info: MessageInfo, op: HoldOp) -> Result<Response, ContractError> {
    if let HoldOp::CourtRelease(m) = &op {
        assert_role(deps.storage, &info.sender, StableRole::AssetProtector, "court_release_hold")?;
        if addr(deps.api, &m.venue)? == env.contract.address {
            return Err(ContractError::RedemptionHold {});
        }
    }
    let mut accounts = StableHolds::load(deps.storage, &env)?;
    holds::execute(&mut accounts, deps.storage, deps.api, &HOLDS, &VENUES, env.block.time, &info.sender, op)
}

/// `AddVenue` (owner): any contract the owner trusts with holds, not blacklisted (and not this
/// contract: its own address is the redemption queue's).
pub fn add_venue(deps: DepsMut, env: Env, info: MessageInfo, address: String) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "add_venue")?;
    let venue = addr(deps.api, &address)?;
    if venue == env.contract.address {
        return Err(ContractError::RedemptionHold {});
    }
    assert_not_blacklisted(&venue, &load_account(deps.storage, &venue)?)?;
    Ok(VENUES.add(deps.storage, &venue, false)?)
}

/// `RemoveVenue` (owner): refused while the venue holds tokens or has a balance.
pub fn remove_venue(deps: DepsMut, info: MessageInfo, address: String) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "remove_venue")?;
    let venue = addr(deps.api, &address)?;
    let balance = load_account(deps.storage, &venue)?.balance;
    Ok(VENUES.remove(deps.storage, &HOLDS, &venue, balance)?)
}
