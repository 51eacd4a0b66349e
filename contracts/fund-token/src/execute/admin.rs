//! Owner operations: policy, roles, venues, ownership (the dealing contract and the income token
//! are set in `dealing.rs` and `income.rs`).

use cosmwasm_std::{Addr, DepsMut, Empty, Env, MessageInfo, Response, Storage};
use cw_ownable::Action;
use harbour_types::fund_token::{FundPolicy, FundRole, VenueArgs, MAX_ROLE_MEMBERS};

use crate::error::ContractError;
use crate::helpers::{addr, assert_owner, role_key, role_name, validate_policy};
use crate::state::{ACCOUNTS, DIDS, HOLDS, HOT, ROLES, ROLE_COUNTS, VENUES};

pub fn required_codes(p: &FundPolicy) -> Vec<u32> {
    let mut codes: Vec<u32> = p.required_claims.iter().map(|c| c.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

pub fn update_policy(deps: DepsMut, info: MessageInfo, policy: FundPolicy) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "update_policy")?;
    validate_policy(&policy)?;
    let mut hot = HOT.load(deps.storage)?;
    hot.required_codes = required_codes(&policy);
    hot.policy = policy;
    HOT.save(deps.storage, &hot)?;
    let claims = hot.policy.required_claims.iter().map(|c| c.as_attr()).collect::<Vec<_>>().join(",");
    Ok(Response::new()
        .add_attribute("action", "update_policy")
        .add_attribute("required_claims", claims)
        .add_attribute("primary_only", hot.policy.primary_only.to_string()))
}

pub fn grant_inner(storage: &mut dyn Storage, role: FundRole, member: &Addr) -> Result<(), ContractError> {
    let key = role_key(role);
    if ROLES.has(storage, (key, member)) {
        return Err(ContractError::RoleExists { address: member.to_string(), role: role_name(role).into() });
    }
    let count = ROLE_COUNTS.may_load(storage, key)?.unwrap_or(0);
    if count >= MAX_ROLE_MEMBERS {
        return Err(ContractError::TooManyMembers { max: MAX_ROLE_MEMBERS });
    }
    ROLE_COUNTS.save(storage, key, &(count + 1))?;
    ROLES.save(storage, (key, member), &Empty {})?;
    Ok(())
}

pub fn grant_role(
    deps: DepsMut,
    info: MessageInfo,
    role: FundRole,
    address: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "grant_role")?;
    let member = addr(deps.api, &address)?;
    grant_inner(deps.storage, role, &member)?;
    Ok(Response::new()
        .add_attribute("action", "grant_role")
        .add_attribute("role", role_name(role))
        .add_attribute("address", member))
}

pub fn revoke_role(
    deps: DepsMut,
    info: MessageInfo,
    role: FundRole,
    address: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "revoke_role")?;
    let member = addr(deps.api, &address)?;
    let key = role_key(role);
    if !ROLES.has(deps.storage, (key, &member)) {
        return Err(ContractError::RoleNotFound { address: member.into(), role: role_name(role).into() });
    }
    ROLES.remove(deps.storage, (key, &member));
    let count = ROLE_COUNTS.load(deps.storage, key)?;
    let count = count.checked_sub(1).ok_or(ContractError::Inconsistent { what: "role count" })?;
    ROLE_COUNTS.save(deps.storage, key, &count)?;
    Ok(Response::new()
        .add_attribute("action", "revoke_role")
        .add_attribute("role", role_name(role))
        .add_attribute("address", member))
}

/// A venue must already be in the identity cache as a `venue` identity (registered in the registry
/// and pushed to this token), so approval can never outrun identity verification.
pub fn add_venue(deps: DepsMut, info: MessageInfo, args: VenueArgs) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "add_venue")?;
    let venue = addr(deps.api, &args.address)?;
    let acct = ACCOUNTS.may_load(deps.storage, &venue)?.unwrap_or_default();
    let info = if acct.did == 0 { None } else { DIDS.may_load(deps.storage, acct.did)? };
    if !info.is_some_and(|i| i.is_venue() && !i.removed) || acct.unbound {
        return Err(ContractError::NotAVenueIdentity { address: venue.to_string() });
    }
    Ok(VENUES.add(deps.storage, &venue, args.burn_held)?)
}

/// Refused while the venue holds units or has a balance.
pub fn remove_venue(deps: DepsMut, info: MessageInfo, address: String) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "remove_venue")?;
    let venue = addr(deps.api, &address)?;
    let balance = ACCOUNTS.may_load(deps.storage, &venue)?.unwrap_or_default().balance;
    Ok(VENUES.remove(deps.storage, &HOLDS, &venue, balance)?)
}

pub fn update_ownership(deps: DepsMut, env: Env, info: MessageInfo, action: Action) -> Result<Response, ContractError> {
    if action == Action::RenounceOwnership {
        return Err(ContractError::CannotRenounce {});
    }
    let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
    Ok(Response::new().add_attribute("action", "update_ownership").add_attributes(ownership.into_attributes()))
}
