//! Pushing identity changes to subscribed contracts (token identity caches).
//!
//! After every change to a DID (registration, update, wallet bind/unbind/recovery, credential
//! issue/renewal/revocation, removal) the registry sends each subscriber the DID's full snapshot as
//! `{"registry_hook":{"identity_changed":{...}}}`. The messages are plain (not reply-on-error), so a
//! failing subscriber fails the registry transaction: caches can never silently diverge. The owner
//! removes a misbehaving subscriber with `RemoveSubscriber`. At most `MAX_SUBSCRIBERS` exist.

use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, Order, StdResult, Storage, WasmMsg};
use harbour_types::identity_registry::{
    CredentialStatus, IdentityHookMsg, IdentitySnapshot, SubscriberExecuteMsg, MAX_WALLETS_PER_DID,
};

use crate::error::ContractError;
use crate::state::{credentials, wallets, IdentityRecord, IDENTITIES, SUBSCRIBERS};

/// The current snapshot of `did` (which must exist), with the wallets this change unbound.
pub fn snapshot(
    storage: &dyn Storage,
    did: &str,
    unbound_wallets: Vec<Addr>,
) -> Result<IdentitySnapshot, ContractError> {
    let record = IDENTITIES.load(storage, did)?;
    let bound: Vec<Addr> = wallets()
        .idx
        .did
        .prefix(did.to_string())
        .keys(storage, None, None, Order::Ascending)
        .take(MAX_WALLETS_PER_DID as usize)
        .collect::<StdResult<_>>()?;
    let creds = credentials()
        .prefix(did)
        .range(storage, None, None, Order::Ascending)
        .map(|item| {
            item.map(|(_, c)| CredentialStatus { claim: c.claim, valid_until: c.valid_until, revoked: c.revoked })
        })
        .collect::<StdResult<_>>()?;
    Ok(IdentitySnapshot {
        did: did.to_string(),
        exists: true,
        jurisdiction: record.jurisdiction,
        category: record.category,
        wallets: bound,
        unbound_wallets,
        credentials: creds,
    })
}

/// The snapshot of a DID that was just removed.
pub fn removed_snapshot(did: &str, record: &IdentityRecord, unbound_wallets: Vec<Addr>) -> IdentitySnapshot {
    IdentitySnapshot {
        did: did.to_string(),
        exists: false,
        jurisdiction: record.jurisdiction.clone(),
        category: record.category,
        wallets: vec![],
        unbound_wallets,
        credentials: vec![],
    }
}

/// One message per subscriber per snapshot (bounded: MAX_SUBSCRIBERS × batch size).
pub fn notify(storage: &dyn Storage, snapshots: Vec<IdentitySnapshot>) -> Result<Vec<CosmosMsg>, ContractError> {
    let subscribers: Vec<Addr> = SUBSCRIBERS.keys(storage, None, None, Order::Ascending).collect::<StdResult<_>>()?;
    if subscribers.is_empty() {
        return Ok(vec![]);
    }
    let mut msgs = Vec::with_capacity(subscribers.len() * snapshots.len());
    for snap in snapshots {
        let msg = to_json_binary(&SubscriberExecuteMsg::RegistryHook(IdentityHookMsg::IdentityChanged(snap)))?;
        for sub in &subscribers {
            msgs.push(CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr: sub.to_string(),
                msg: msg.clone(),
                funds: vec![],
            }));
        }
    }
    Ok(msgs)
}

/// Convenience: notify subscribers about the current state of `did`.
pub fn notify_did(
    storage: &dyn Storage,
    did: &str,
    unbound_wallets: Vec<Addr>,
) -> Result<Vec<CosmosMsg>, ContractError> {
    if SUBSCRIBERS.is_empty(storage) {
        return Ok(vec![]);
    }
    notify(storage, vec![snapshot(storage, did, unbound_wallets)?])
}

/// Convenience: notify about several DIDs (deduplicated, in order).
pub fn notify_dids<'a>(
    storage: &dyn Storage,
    dids: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<CosmosMsg>, ContractError> {
    if SUBSCRIBERS.is_empty(storage) {
        return Ok(vec![]);
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut snaps = vec![];
    for did in dids {
        if seen.insert(did) {
            snaps.push(snapshot(storage, did, vec![])?);
        }
    }
    notify(storage, snaps)
}
