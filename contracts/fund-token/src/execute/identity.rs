//! The identity cache: the registry pushes every change to a DID here (see the registry README,
//! "Subscribers"). Bounded work: at most 16 bound plus 16 unbound wallets per snapshot.

use cosmwasm_std::{Addr, DepsMut, Empty, Event, MessageInfo, Response, Storage, Uint128};
use harbour_types::identity_registry::{IdentityHookMsg, IdentitySnapshot};

use crate::error::ContractError;
use crate::ledger::apply_holder_delta;
use crate::state::{DidInfo, ACCOUNTS, CONFIG, DIDS, DID_BALANCES, DID_IDS, DID_WALLETS, NEXT_DID};

fn did_id(storage: &mut dyn Storage, did: &str) -> Result<u32, ContractError> {
    if let Some(id) = DID_IDS.may_load(storage, did)? {
        return Ok(id);
    }
    let id = NEXT_DID.may_load(storage)?.unwrap_or(1);
    NEXT_DID
        .save(storage, &id.checked_add(1).ok_or_else(|| cosmwasm_std::StdError::generic_err("DID id overflow"))?)?;
    DID_IDS.save(storage, did, &id)?;
    Ok(id)
}

fn holder_contribution(balance: Uint128, venue: bool) -> i64 {
    i64::from(!balance.is_zero() && !venue)
}

/// Re-attributes a wallet's balance from DID `from` to DID `to` (a wallet re-bound to another DID).
fn move_attribution(
    storage: &mut dyn Storage,
    from: u32,
    to: u32,
    amount: Uint128,
    to_venue: bool,
) -> Result<i64, ContractError> {
    let mut delta = 0;
    if from != 0 {
        let old = DID_BALANCES.may_load(storage, from)?.unwrap_or_default();
        let from_venue = DIDS.may_load(storage, from)?.is_some_and(|i| i.is_venue());
        let new = old
            .checked_sub(amount)
            .map_err(|_| ContractError::Inconsistent { what: "DID balance below a re-bound wallet's" })?;
        delta += holder_contribution(new, from_venue) - holder_contribution(old, from_venue);
        if new.is_zero() {
            DID_BALANCES.remove(storage, from);
        } else {
            DID_BALANCES.save(storage, from, &new)?;
        }
    }
    let old = DID_BALANCES.may_load(storage, to)?.unwrap_or_default();
    let new = old.checked_add(amount).map_err(cosmwasm_std::StdError::from)?;
    delta += holder_contribution(new, to_venue) - holder_contribution(old, to_venue);
    DID_BALANCES.save(storage, to, &new)?;
    Ok(delta)
}

pub fn registry_hook(deps: DepsMut, info: MessageInfo, msg: IdentityHookMsg) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.registry {
        return Err(ContractError::NotRegistry {});
    }
    let IdentityHookMsg::IdentityChanged(snap) = msg;
    apply_snapshot(deps.storage, &snap)?;
    Ok(Response::new().add_attribute("action", "registry_hook").add_attribute("did", &snap.did).add_event(
        Event::new("harbour_identity_cached")
            .add_attribute("did", &snap.did)
            .add_attribute("exists", snap.exists.to_string())
            .add_attribute("wallets", snap.wallets.len().to_string())
            .add_attribute("unbound_wallets", snap.unbound_wallets.len().to_string()),
    ))
}

pub fn apply_snapshot(storage: &mut dyn Storage, snap: &IdentitySnapshot) -> Result<(), ContractError> {
    if !snap.exists && !DID_IDS.has(storage, &snap.did) {
        return Ok(()); // never cached, nothing to forget
    }
    let id = did_id(storage, &snap.did)?;
    let old = DIDS.may_load(storage, id)?;
    let info = DidInfo {
        did: snap.did.clone(),
        jurisdiction: snap.jurisdiction.clone(),
        category: snap.category,
        creds: snap.credentials.iter().map(|c| (c.claim.code(), c.valid_until.seconds(), c.revoked)).collect(),
        removed: !snap.exists,
    };
    let mut delta: i64 = 0;
    // a category change to or from `venue` changes whether the DID counts as a holder
    if let Some(old) = &old {
        if old.is_venue() != info.is_venue() {
            let bal = DID_BALANCES.may_load(storage, id)?.unwrap_or_default();
            delta += holder_contribution(bal, info.is_venue()) - holder_contribution(bal, old.is_venue());
        }
    }
    DIDS.save(storage, id, &info)?;
    for wallet in &snap.wallets {
        bind(storage, id, wallet, info.is_venue(), &mut delta)?;
    }
    for wallet in &snap.unbound_wallets {
        if let Some(mut acct) = ACCOUNTS.may_load(storage, wallet)? {
            if acct.did == id && !acct.unbound {
                acct.unbound = true;
                ACCOUNTS.save(storage, wallet, &acct)?;
            }
        }
    }
    apply_holder_delta(storage, delta)?;
    Ok(())
}

fn bind(storage: &mut dyn Storage, id: u32, wallet: &Addr, venue: bool, delta: &mut i64) -> Result<(), ContractError> {
    let mut acct = ACCOUNTS.may_load(storage, wallet)?.unwrap_or_default();
    if acct.did == id && !acct.unbound {
        return Ok(());
    }
    if acct.did != id {
        if !acct.balance.is_zero() {
            *delta += move_attribution(storage, acct.did, id, acct.balance, venue)?;
        }
        if acct.did != 0 {
            DID_WALLETS.remove(storage, (acct.did, wallet));
        }
        acct.did = id;
        DID_WALLETS.save(storage, (id, wallet), &Empty {})?;
    }
    acct.unbound = false;
    ACCOUNTS.save(storage, wallet, &acct)?;
    Ok(())
}
