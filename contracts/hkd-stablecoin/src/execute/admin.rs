//! Owner operations: roles, holder mode, registry, two-step ownership.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage};
use cw_ownable::Action;
use harbour_types::hkd_stablecoin::{HolderMode, StableRole, MAX_ROLE_MEMBERS};

use crate::error::ContractError;
use crate::execute::reserves::check_quorum_reachable;
use crate::helpers::{addr, assert_free_for_role, assert_owner, role_holders, role_of};
use crate::ledger::{assert_not_blacklisted, load_account};
use crate::state::{roles, RoleRecord, CONFIG, HOT, PENDING, RESERVE_POLICY};

pub fn grant_role(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    role: StableRole,
    address: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "grant_role")?;
    if role == StableRole::Minter {
        return Err(ContractError::MinterRoleViaMasterMinter {});
    }
    let who = addr(deps.api, &address)?;
    assert_free_for_role(deps.storage, &who)?;
    let current = role_holders(deps.storage, role)?;
    if role.single_holder() {
        if let Some(holder) = current.first() {
            return Err(ContractError::RoleOccupied { role, holder: holder.to_string() });
        }
    } else if current.len() >= MAX_ROLE_MEMBERS as usize {
        return Err(ContractError::TooManyRoleHolders { role, max: MAX_ROLE_MEMBERS });
    }
    roles().save(deps.storage, &who, &RoleRecord { role, since: env.block.time })?;
    Ok(Response::new()
        .add_attribute("action", "grant_role")
        .add_attribute("role", role.as_str())
        .add_attribute("address", who))
}

pub fn revoke_role(
    deps: DepsMut,
    info: MessageInfo,
    role: StableRole,
    address: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "revoke_role")?;
    if role == StableRole::Minter {
        return Err(ContractError::MinterRoleViaMasterMinter {});
    }
    let who = addr(deps.api, &address)?;
    if role_of(deps.storage, &who)? != Some(role) {
        return Err(ContractError::RoleNotHeld { address: who.to_string(), role });
    }
    if role == StableRole::Attestor {
        // the quorum must stay reachable, and a former attestor's submission no longer counts
        let left = role_holders(deps.storage, role)?.len().saturating_sub(1);
        check_quorum_reachable(RESERVE_POLICY.load(deps.storage)?.attestation_quorum, left)?;
        PENDING.remove(deps.storage, &who);
    }
    roles().remove(deps.storage, &who)?;
    Ok(Response::new()
        .add_attribute("action", "revoke_role")
        .add_attribute("role", role.as_str())
        .add_attribute("address", who))
}

pub fn set_holder_mode(deps: DepsMut, info: MessageInfo, mode: HolderMode) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "set_holder_mode")?;
    if mode == HolderMode::RegistryGated && CONFIG.load(deps.storage)?.registry.is_none() {
        return Err(ContractError::RegistryRequired {});
    }
    let mut hot = HOT.load(deps.storage)?;
    hot.gated = mode == HolderMode::RegistryGated;
    HOT.save(deps.storage, &hot)?;
    let mode = match mode {
        HolderMode::Open => "open",
        HolderMode::RegistryGated => "registry_gated",
    };
    Ok(Response::new().add_attribute("action", "set_holder_mode").add_attribute("mode", mode))
}

pub fn set_registry(deps: DepsMut, info: MessageInfo, registry: Option<String>) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "set_registry")?;
    let registry = registry.map(|r| addr(deps.api, &r)).transpose()?;
    if registry.is_none() && HOT.load(deps.storage)?.gated {
        return Err(ContractError::RegistryRequired {});
    }
    let mut cfg = CONFIG.load(deps.storage)?;
    cfg.registry = registry;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new()
        .add_attribute("action", "set_registry")
        .add_attribute("registry", cfg.registry.map_or_else(|| "none".to_string(), |r| r.into_string())))
}

/// An address may be (or become) the owner: no role, not blacklisted.
fn assert_free_for_ownership(storage: &dyn Storage, who: &Addr) -> Result<(), ContractError> {
    if let Some(held) = role_of(storage, who)? {
        return Err(ContractError::RoleConflict { address: who.to_string(), held: held.to_string() });
    }
    assert_not_blacklisted(who, &load_account(storage, who)?)
}

/// Two-step ownership (cw-ownable). The new owner must not hold a role or be blacklisted, when
/// proposed and again when accepting (a pending owner cannot be blacklisted either, see
/// `controls::blacklist`); renouncing is refused (the stablecoin always needs an owner).
pub fn update_ownership(deps: DepsMut, env: Env, info: MessageInfo, action: Action) -> Result<Response, ContractError> {
    match &action {
        Action::RenounceOwnership => return Err(ContractError::CannotRenounce {}),
        Action::TransferOwnership { new_owner, .. } => {
            assert_free_for_ownership(deps.storage, &addr(deps.api, new_owner)?)?;
        }
        Action::AcceptOwnership => assert_free_for_ownership(deps.storage, &info.sender)?,
    }
    let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
    Ok(Response::new().add_attribute("action", "update_ownership").add_attributes(ownership.into_attributes()))
}
