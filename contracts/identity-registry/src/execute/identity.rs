//! Identity lifecycle (agent role): register, update, remove, bind/unbind wallets, recover.

use std::collections::BTreeSet;

use cosmwasm_std::{Addr, DepsMut, Env, Event, MessageInfo, Order, Response, Storage};
use harbour_types::identity::InvestorCategory;
use harbour_types::identity_registry::{NewIdentity, MAX_WALLETS_PER_DID};

use crate::error::ContractError;
use crate::helpers::{addr, assert_agent, check_batch, check_did, check_jurisdiction};
use crate::hooks;
use crate::state::{credentials, wallets, IdentityRecord, WalletBinding, COUNTS, IDENTITIES};

/// A validated identity, ready to write.
struct PlannedIdentity {
    did: String,
    wallets: Vec<Addr>,
    jurisdiction: String,
    category: InvestorCategory,
}

/// Validates one identity against storage and against the DIDs/wallets already planned in this
/// message (so a batch cannot register a DID or a wallet twice).
fn plan_identity(
    deps: &DepsMut,
    new: NewIdentity,
    seen_dids: &mut BTreeSet<String>,
    seen_wallets: &mut BTreeSet<Addr>,
) -> Result<PlannedIdentity, ContractError> {
    check_did(&new.did)?;
    check_jurisdiction(&new.jurisdiction)?;
    if new.wallets.is_empty() || new.wallets.len() > MAX_WALLETS_PER_DID as usize {
        return Err(ContractError::WalletCount { got: new.wallets.len(), max: MAX_WALLETS_PER_DID });
    }
    if IDENTITIES.has(deps.storage, &new.did) {
        return Err(ContractError::IdentityExists { did: new.did });
    }
    if !seen_dids.insert(new.did.clone()) {
        return Err(ContractError::Duplicate { what: "DID", value: new.did });
    }
    let mut planned_wallets = Vec::with_capacity(new.wallets.len());
    for w in &new.wallets {
        let wallet_addr = addr(deps.api, w)?;
        if let Some(bound) = wallets().may_load(deps.storage, &wallet_addr)? {
            return Err(ContractError::WalletAlreadyBound { wallet: wallet_addr.into(), did: bound.did });
        }
        if !seen_wallets.insert(wallet_addr.clone()) {
            return Err(ContractError::Duplicate { what: "wallet", value: wallet_addr.into() });
        }
        planned_wallets.push(wallet_addr);
    }
    Ok(PlannedIdentity {
        did: new.did,
        wallets: planned_wallets,
        jurisdiction: new.jurisdiction,
        category: new.category,
    })
}

fn write_identity(storage: &mut dyn Storage, env: &Env, p: &PlannedIdentity) -> Result<Event, ContractError> {
    let now = env.block.time;
    IDENTITIES.save(
        storage,
        &p.did,
        &IdentityRecord {
            jurisdiction: p.jurisdiction.clone(),
            category: p.category,
            wallet_count: p.wallets.len() as u32,
            credential_count: 0,
            created_at: now,
            updated_at: now,
        },
    )?;
    for w in &p.wallets {
        wallets().save(storage, w, &WalletBinding { did: p.did.clone() })?;
    }
    let wallet_list = p.wallets.iter().map(Addr::as_str).collect::<Vec<_>>().join(",");
    Ok(Event::new("harbour_identity_registered")
        .add_attribute("did", &p.did)
        .add_attribute("wallets", wallet_list)
        .add_attribute("jurisdiction", &p.jurisdiction)
        .add_attribute("category", p.category.as_str()))
}

fn bump_identities(storage: &mut dyn Storage, added: u64) -> Result<(), ContractError> {
    let mut counts = COUNTS.load(storage)?;
    counts.identities =
        counts.identities.checked_add(added).ok_or(cosmwasm_std::StdError::generic_err("identity count overflow"))?;
    COUNTS.save(storage, &counts)?;
    Ok(())
}

pub fn register(deps: DepsMut, env: Env, info: MessageInfo, new: NewIdentity) -> Result<Response, ContractError> {
    assert_agent(deps.storage, &info.sender, "register_identity")?;
    let planned = plan_identity(&deps, new, &mut BTreeSet::new(), &mut BTreeSet::new())?;
    let event = write_identity(deps.storage, &env, &planned)?;
    bump_identities(deps.storage, 1)?;
    let hooks = hooks::notify_did(deps.storage, &planned.did, vec![])?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "register_identity")
        .add_attribute("did", &planned.did)
        .add_attribute("agent", info.sender)
        .add_event(event))
}

pub fn batch_register(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    identities: Vec<NewIdentity>,
) -> Result<Response, ContractError> {
    assert_agent(deps.storage, &info.sender, "batch_register_identities")?;
    check_batch(identities.len())?;
    let (mut dids, mut seen_wallets) = (BTreeSet::new(), BTreeSet::new());
    let planned = identities
        .into_iter()
        .map(|n| plan_identity(&deps, n, &mut dids, &mut seen_wallets))
        .collect::<Result<Vec<_>, _>>()?;
    let mut events = Vec::with_capacity(planned.len());
    for p in &planned {
        events.push(write_identity(deps.storage, &env, p)?);
    }
    bump_identities(deps.storage, planned.len() as u64)?;
    let hooks = hooks::notify_dids(deps.storage, planned.iter().map(|p| p.did.as_str()))?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "batch_register_identities")
        .add_attribute("count", planned.len().to_string())
        .add_attribute("agent", info.sender)
        .add_events(events))
}

pub fn update(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    did: String,
    jurisdiction: Option<String>,
    category: Option<InvestorCategory>,
) -> Result<Response, ContractError> {
    assert_agent(deps.storage, &info.sender, "update_identity")?;
    if jurisdiction.is_none() && category.is_none() {
        return Err(ContractError::NothingToUpdate {});
    }
    let mut record =
        IDENTITIES.may_load(deps.storage, &did)?.ok_or_else(|| ContractError::IdentityNotFound { did: did.clone() })?;
    if let Some(j) = &jurisdiction {
        check_jurisdiction(j)?;
        record.jurisdiction = j.clone();
    }
    if let Some(c) = category {
        record.category = c;
    }
    record.updated_at = env.block.time;
    IDENTITIES.save(deps.storage, &did, &record)?;
    let hooks = hooks::notify_did(deps.storage, &did, vec![])?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "update_identity")
        .add_attribute("did", &did)
        .add_attribute("agent", info.sender)
        .add_event(
            Event::new("harbour_identity_updated")
                .add_attribute("did", &did)
                .add_attribute("jurisdiction", &record.jurisdiction)
                .add_attribute("category", record.category.as_str()),
        ))
}

pub fn remove(deps: DepsMut, info: MessageInfo, did: String) -> Result<Response, ContractError> {
    assert_agent(deps.storage, &info.sender, "remove_identity")?;
    let Some(record) = IDENTITIES.may_load(deps.storage, &did)? else {
        return Err(ContractError::IdentityNotFound { did });
    };
    // Both loops are bounded: at most MAX_WALLETS_PER_DID wallets and MAX_CREDENTIALS_PER_DID credentials.
    let bound: Vec<Addr> = wallets()
        .idx
        .did
        .prefix(did.clone())
        .keys(deps.storage, None, None, Order::Ascending)
        .collect::<Result<_, _>>()?;
    for w in &bound {
        wallets().remove(deps.storage, w)?;
    }
    let codes: Vec<u32> =
        credentials().prefix(&did).keys(deps.storage, None, None, Order::Ascending).collect::<Result<_, _>>()?;
    for code in &codes {
        credentials().remove(deps.storage, (&did, *code))?;
    }
    IDENTITIES.remove(deps.storage, &did);
    let mut counts = COUNTS.load(deps.storage)?;
    counts.identities = counts.identities.saturating_sub(1);
    COUNTS.save(deps.storage, &counts)?;
    let wallet_list = bound.iter().map(Addr::as_str).collect::<Vec<_>>().join(",");
    let hooks = hooks::notify(deps.storage, vec![hooks::removed_snapshot(&did, &record, bound)])?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "remove_identity")
        .add_attribute("did", &did)
        .add_attribute("agent", info.sender)
        .add_event(
            Event::new("harbour_identity_removed")
                .add_attribute("did", &did)
                .add_attribute("unbound_wallets", wallet_list)
                .add_attribute("deleted_credentials", codes.len().to_string()),
        ))
}

fn load_identity(storage: &dyn Storage, did: &str) -> Result<IdentityRecord, ContractError> {
    IDENTITIES.may_load(storage, did)?.ok_or_else(|| ContractError::IdentityNotFound { did: did.to_string() })
}

fn assert_unbound(storage: &dyn Storage, wallet: &Addr) -> Result<(), ContractError> {
    match wallets().may_load(storage, wallet)? {
        Some(b) => Err(ContractError::WalletAlreadyBound { wallet: wallet.to_string(), did: b.did }),
        None => Ok(()),
    }
}

fn assert_bound_to(storage: &dyn Storage, wallet: &Addr, did: &str) -> Result<(), ContractError> {
    match wallets().may_load(storage, wallet)? {
        Some(b) if b.did == did => Ok(()),
        _ => Err(ContractError::WalletNotBoundToDid { wallet: wallet.to_string(), did: did.to_string() }),
    }
}

pub fn bind_wallet(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    did: String,
    wallet: String,
) -> Result<Response, ContractError> {
    assert_agent(deps.storage, &info.sender, "bind_wallet")?;
    let mut record = load_identity(deps.storage, &did)?;
    let wallet_addr = addr(deps.api, &wallet)?;
    assert_unbound(deps.storage, &wallet_addr)?;
    if record.wallet_count >= MAX_WALLETS_PER_DID {
        return Err(ContractError::TooManyWallets { did, max: MAX_WALLETS_PER_DID });
    }
    record.wallet_count += 1;
    record.updated_at = env.block.time;
    IDENTITIES.save(deps.storage, &did, &record)?;
    wallets().save(deps.storage, &wallet_addr, &WalletBinding { did: did.clone() })?;
    let hooks = hooks::notify_did(deps.storage, &did, vec![])?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "bind_wallet")
        .add_attribute("did", &did)
        .add_attribute("wallet", &wallet_addr)
        .add_attribute("agent", info.sender)
        .add_event(Event::new("harbour_wallet_bound").add_attribute("did", &did).add_attribute("wallet", wallet_addr)))
}

pub fn unbind_wallet(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    did: String,
    wallet: String,
) -> Result<Response, ContractError> {
    assert_agent(deps.storage, &info.sender, "unbind_wallet")?;
    let mut record = load_identity(deps.storage, &did)?;
    let wallet_addr = addr(deps.api, &wallet)?;
    assert_bound_to(deps.storage, &wallet_addr, &did)?;
    record.wallet_count = record.wallet_count.saturating_sub(1);
    record.updated_at = env.block.time;
    IDENTITIES.save(deps.storage, &did, &record)?;
    wallets().remove(deps.storage, &wallet_addr)?;
    let hooks = hooks::notify_did(deps.storage, &did, vec![wallet_addr.clone()])?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "unbind_wallet")
        .add_attribute("did", &did)
        .add_attribute("wallet", &wallet_addr)
        .add_attribute("agent", info.sender)
        .add_event(
            Event::new("harbour_wallet_unbound").add_attribute("did", &did).add_attribute("wallet", wallet_addr),
        ))
}

pub fn recover_wallet(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    did: String,
    lost_wallet: String,
    new_wallet: String,
) -> Result<Response, ContractError> {
    assert_agent(deps.storage, &info.sender, "recover_wallet")?;
    let mut record = load_identity(deps.storage, &did)?;
    let lost_addr = addr(deps.api, &lost_wallet)?;
    let new_addr = addr(deps.api, &new_wallet)?;
    if lost_addr == new_addr {
        return Err(ContractError::SameWallet {});
    }
    assert_bound_to(deps.storage, &lost_addr, &did)?;
    assert_unbound(deps.storage, &new_addr)?;
    wallets().remove(deps.storage, &lost_addr)?;
    wallets().save(deps.storage, &new_addr, &WalletBinding { did: did.clone() })?;
    record.updated_at = env.block.time;
    IDENTITIES.save(deps.storage, &did, &record)?;
    let hooks = hooks::notify_did(deps.storage, &did, vec![lost_addr.clone()])?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "recover_wallet")
        .add_attribute("did", &did)
        .add_attribute("lost_wallet", &lost_addr)
        .add_attribute("new_wallet", &new_addr)
        .add_attribute("agent", &info.sender)
        .add_event(
            Event::new("harbour_wallet_recovered")
                .add_attribute("did", &did)
                .add_attribute("lost_wallet", lost_addr)
                .add_attribute("new_wallet", new_addr)
                .add_attribute("agent", info.sender),
        ))
}

/// Anyone: re-send the current snapshot of `dids` to every subscriber (seeds a new subscriber's cache).
pub fn push_identities(deps: DepsMut, info: MessageInfo, dids: Vec<String>) -> Result<Response, ContractError> {
    check_batch(dids.len())?;
    for did in &dids {
        if !IDENTITIES.has(deps.storage, did) {
            return Err(ContractError::IdentityNotFound { did: did.clone() });
        }
    }
    let msgs = hooks::notify_dids(deps.storage, dids.iter().map(String::as_str))?;
    Ok(Response::new()
        .add_attribute("action", "push_identities")
        .add_attribute("count", dids.len().to_string())
        .add_attribute("messages", msgs.len().to_string())
        .add_attribute("sender", info.sender)
        .add_messages(msgs))
}
