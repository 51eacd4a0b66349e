//! The KYC cache fed by the identity registry's pushes (see the registry README, "Subscribers").
//! Bounded work: at most 16 bound plus 16 unbound wallets per snapshot.

use cosmwasm_std::{DepsMut, MessageInfo, Response};
use harbour_types::identity::ClaimType;
use harbour_types::identity_registry::IdentityHookMsg;

use crate::error::ContractError;
use crate::state::{CONFIG, KYC};

/// Replaces what the cache holds for every wallet in the snapshot: a bound wallet of an existing
/// DID with an unrevoked KYC credential caches its `valid_until`; every other wallet is forgotten.
/// Expiry is evaluated against block time at each check, so expiring needs no push.
pub fn registry_hook(deps: DepsMut, info: MessageInfo, msg: IdentityHookMsg) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if cfg.registry.as_ref() != Some(&info.sender) {
        return Err(ContractError::NotRegistry {});
    }
    let IdentityHookMsg::IdentityChanged(snap) = msg;
    let kyc_until = snap
        .credentials
        .iter()
        .find(|c| c.claim == ClaimType::Kyc && !c.revoked)
        .filter(|_| snap.exists)
        .map(|c| c.valid_until.seconds());
    for wallet in &snap.unbound_wallets {
        KYC.remove(deps.storage, wallet);
    }
    for wallet in &snap.wallets {
        match kyc_until {
            Some(until) if snap.exists => KYC.save(deps.storage, wallet, &until)?,
            _ => KYC.remove(deps.storage, wallet),
        }
    }
    Ok(Response::new()
        .add_attribute("action", "registry_hook")
        .add_attribute("did", &snap.did)
        .add_attribute("wallets", snap.wallets.len().to_string())
        .add_attribute("kyc_valid_until", kyc_until.map_or_else(|| "none".to_string(), |u| u.to_string())))
}
