//! Role management (owner): agents, trusted issuers, two-step ownership.

use std::collections::BTreeSet;

use cosmwasm_std::{Addr, DepsMut, Empty, Env, Event, MessageInfo, Response, Storage, Timestamp};
use cw_ownable::Action;
use harbour_types::identity_registry::{IssuerConfig, MAX_AGENTS, MAX_CLAIMS_PER_ISSUER, MAX_ISSUERS, MAX_SUBSCRIBERS};

use crate::error::ContractError;
use crate::helpers::{addr, assert_owner, check_text};
use crate::state::{IssuerRecord, AGENTS, COUNTS, ISSUERS, SUBSCRIBERS};

pub fn add_agent_inner(storage: &mut dyn Storage, agent: &Addr) -> Result<(), ContractError> {
    if AGENTS.has(storage, agent) {
        return Err(ContractError::AgentExists { agent: agent.to_string() });
    }
    let mut counts = COUNTS.load(storage)?;
    if counts.agents >= MAX_AGENTS {
        return Err(ContractError::TooManyAgents { max: MAX_AGENTS });
    }
    counts.agents += 1;
    COUNTS.save(storage, &counts)?;
    AGENTS.save(storage, agent, &Empty {})?;
    Ok(())
}

pub fn add_agent(deps: DepsMut, info: MessageInfo, address: String) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "add_agent")?;
    let agent = addr(deps.api, &address)?;
    add_agent_inner(deps.storage, &agent)?;
    Ok(Response::new()
        .add_attribute("action", "add_agent")
        .add_attribute("agent", &agent)
        .add_event(Event::new("harbour_role_changed").add_attribute("role", "agent").add_attribute("added", agent)))
}

pub fn remove_agent(deps: DepsMut, info: MessageInfo, address: String) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "remove_agent")?;
    let agent = addr(deps.api, &address)?;
    if !AGENTS.has(deps.storage, &agent) {
        return Err(ContractError::AgentNotFound { agent: agent.into() });
    }
    AGENTS.remove(deps.storage, &agent);
    let mut counts = COUNTS.load(deps.storage)?;
    counts.agents = counts.agents.saturating_sub(1);
    COUNTS.save(deps.storage, &counts)?;
    Ok(Response::new()
        .add_attribute("action", "remove_agent")
        .add_attribute("agent", &agent)
        .add_event(Event::new("harbour_role_changed").add_attribute("role", "agent").add_attribute("removed", agent)))
}

/// Validates an issuer configuration into its stored form.
pub fn issuer_record(config: &IssuerConfig, added_at: Timestamp) -> Result<IssuerRecord, ContractError> {
    check_text("name", &config.name)?;
    if config.claims.is_empty() || config.claims.len() > MAX_CLAIMS_PER_ISSUER {
        return Err(ContractError::IssuerClaimCount { got: config.claims.len(), max: MAX_CLAIMS_PER_ISSUER });
    }
    let mut seen = BTreeSet::new();
    for c in &config.claims {
        if !seen.insert(*c) {
            return Err(ContractError::Duplicate { what: "claim", value: c.as_attr() });
        }
    }
    if let Some(key) = &config.public_key {
        key.check_length().map_err(|reason| ContractError::InvalidPublicKey { reason: reason.to_string() })?;
    }
    Ok(IssuerRecord {
        name: config.name.clone(),
        claims: config.claims.clone(),
        public_key: config.public_key.clone(),
        added_at,
    })
}

/// Validates a secp256k1/ed25519 key with the chain's crypto API (rejects keys that are the right
/// length but not a curve point), using a throw-away verification.
fn check_key_on_curve(deps: &DepsMut, record: &IssuerRecord) -> Result<(), ContractError> {
    use harbour_types::identity::IssuerPublicKey;
    let bad = |e: String| ContractError::InvalidPublicKey { reason: e };
    match &record.public_key {
        Some(IssuerPublicKey::Secp256k1(pk)) => {
            // A valid key yields Ok(false) for an all-ones signature; an invalid key yields an error.
            match deps.api.secp256k1_verify(&[0u8; 32], &[1u8; 64], pk.as_slice()) {
                Ok(_) => Ok(()),
                Err(e) => Err(bad(format!("secp256k1 key rejected: {e}"))),
            }
        }
        // ed25519: cosmwasm's ed25519_verify answers Ok(false) for a malformed 32-byte key, so only
        // the length is enforced here (`check_length`); such a key can never verify an attestation
        // (fail-closed), it is not an error.
        Some(IssuerPublicKey::Ed25519(pk)) => match deps.api.ed25519_verify(&[0u8; 32], &[0u8; 64], pk.as_slice()) {
            Ok(_) => Ok(()),
            Err(e) => Err(bad(format!("ed25519 key rejected: {e}"))),
        },
        None => Ok(()),
    }
}

pub fn add_issuer_inner(deps: &mut DepsMut, now: Timestamp, config: &IssuerConfig) -> Result<Addr, ContractError> {
    let issuer_addr = addr(deps.api, &config.address)?;
    let record = issuer_record(config, now)?;
    check_key_on_curve(deps, &record)?;
    if ISSUERS.has(deps.storage, &issuer_addr) {
        return Err(ContractError::IssuerExists { issuer: issuer_addr.into() });
    }
    let mut counts = COUNTS.load(deps.storage)?;
    if counts.issuers >= MAX_ISSUERS {
        return Err(ContractError::TooManyIssuers { max: MAX_ISSUERS });
    }
    counts.issuers += 1;
    COUNTS.save(deps.storage, &counts)?;
    ISSUERS.save(deps.storage, &issuer_addr, &record)?;
    Ok(issuer_addr)
}

fn issuer_event(kind: &str, issuer_addr: &Addr, config: &IssuerConfig) -> Event {
    let claims = config.claims.iter().map(|c| c.as_attr()).collect::<Vec<_>>().join(",");
    Event::new("harbour_issuer_changed")
        .add_attribute("change", kind)
        .add_attribute("issuer", issuer_addr)
        .add_attribute("claims", claims)
        .add_attribute("key", config.public_key.as_ref().map_or("none", |k| k.algorithm()))
}

pub fn add_issuer(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    config: IssuerConfig,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "add_issuer")?;
    let issuer_addr = add_issuer_inner(&mut deps, env.block.time, &config)?;
    Ok(Response::new()
        .add_attribute("action", "add_issuer")
        .add_attribute("issuer", &issuer_addr)
        .add_event(issuer_event("added", &issuer_addr, &config)))
}

pub fn update_issuer(deps: DepsMut, info: MessageInfo, config: IssuerConfig) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "update_issuer")?;
    let issuer_addr = addr(deps.api, &config.address)?;
    let current = ISSUERS
        .may_load(deps.storage, &issuer_addr)?
        .ok_or_else(|| ContractError::IssuerNotFound { issuer: issuer_addr.to_string() })?;
    let record = issuer_record(&config, current.added_at)?;
    check_key_on_curve(&deps, &record)?;
    ISSUERS.save(deps.storage, &issuer_addr, &record)?;
    Ok(Response::new()
        .add_attribute("action", "update_issuer")
        .add_attribute("issuer", &issuer_addr)
        .add_event(issuer_event("updated", &issuer_addr, &config)))
}

pub fn remove_issuer(deps: DepsMut, info: MessageInfo, address: String) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "remove_issuer")?;
    let issuer_addr = addr(deps.api, &address)?;
    if !ISSUERS.has(deps.storage, &issuer_addr) {
        return Err(ContractError::IssuerNotFound { issuer: issuer_addr.into() });
    }
    ISSUERS.remove(deps.storage, &issuer_addr);
    let mut counts = COUNTS.load(deps.storage)?;
    counts.issuers = counts.issuers.saturating_sub(1);
    COUNTS.save(deps.storage, &counts)?;
    Ok(Response::new().add_attribute("action", "remove_issuer").add_attribute("issuer", &issuer_addr).add_event(
        Event::new("harbour_issuer_changed").add_attribute("change", "removed").add_attribute("issuer", issuer_addr),
    ))
}

pub fn update_ownership(deps: DepsMut, env: Env, info: MessageInfo, action: Action) -> Result<Response, ContractError> {
    if action == Action::RenounceOwnership {
        return Err(ContractError::CannotRenounce {});
    }
    let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
    Ok(Response::new().add_attribute("action", "update_ownership").add_attributes(ownership.into_attributes()))
}

pub fn add_subscriber(deps: DepsMut, info: MessageInfo, address: String) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "add_subscriber")?;
    let subscriber = addr(deps.api, &address)?;
    if deps.querier.query_wasm_contract_info(&subscriber).is_err() {
        return Err(ContractError::NotAContract { address: subscriber.into() });
    }
    if SUBSCRIBERS.has(deps.storage, &subscriber) {
        return Err(ContractError::SubscriberExists { subscriber: subscriber.into() });
    }
    let mut counts = COUNTS.load(deps.storage)?;
    if counts.subscribers >= MAX_SUBSCRIBERS {
        return Err(ContractError::TooManySubscribers { max: MAX_SUBSCRIBERS });
    }
    counts.subscribers += 1;
    COUNTS.save(deps.storage, &counts)?;
    SUBSCRIBERS.save(deps.storage, &subscriber, &Empty {})?;
    Ok(Response::new().add_attribute("action", "add_subscriber").add_attribute("subscriber", &subscriber).add_event(
        Event::new("harbour_role_changed").add_attribute("role", "subscriber").add_attribute("added", subscriber),
    ))
}

pub fn remove_subscriber(deps: DepsMut, info: MessageInfo, address: String) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "remove_subscriber")?;
    let subscriber = addr(deps.api, &address)?;
    if !SUBSCRIBERS.has(deps.storage, &subscriber) {
        return Err(ContractError::SubscriberNotFound { subscriber: subscriber.into() });
    }
    SUBSCRIBERS.remove(deps.storage, &subscriber);
    let mut counts = COUNTS.load(deps.storage)?;
    counts.subscribers = counts.subscribers.saturating_sub(1);
    COUNTS.save(deps.storage, &counts)?;
    Ok(Response::new().add_attribute("action", "remove_subscriber").add_attribute("subscriber", &subscriber).add_event(
        Event::new("harbour_role_changed").add_attribute("role", "subscriber").add_attribute("removed", subscriber),
    ))
}
