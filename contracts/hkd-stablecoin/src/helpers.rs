//! Authorization, validation and small shared helpers.

use cosmwasm_std::{Addr, Api, Order, StdResult, Storage, Uint128};
use harbour_types::hkd_stablecoin::{RedemptionConfig, StableRole, MAX_ROLE_MEMBERS, MAX_SLA_SECONDS, MAX_TEXT_LEN};

use crate::error::ContractError;
use crate::ledger::{assert_not_blacklisted, load_account};
use crate::state::{role_code, roles};

pub fn addr(api: &dyn Api, a: &str) -> Result<Addr, ContractError> {
    Ok(api.addr_validate(a)?)
}

/// The role an address holds, if any.
pub fn role_of(storage: &dyn Storage, who: &Addr) -> Result<Option<StableRole>, ContractError> {
    Ok(roles().may_load(storage, who)?.map(|r| r.role))
}

/// The holders of a multi- or single-holder role (bounded: at most `MAX_ROLE_MEMBERS` + 1 read).
pub fn role_holders(storage: &dyn Storage, role: StableRole) -> StdResult<Vec<Addr>> {
    roles()
        .idx
        .role
        .prefix(role_code(role))
        .keys(storage, None, None, Order::Ascending)
        .take(MAX_ROLE_MEMBERS as usize + 1)
        .collect()
}

pub fn assert_role(
    storage: &dyn Storage,
    who: &Addr,
    role: StableRole,
    action: &'static str,
) -> Result<(), ContractError> {
    if role_of(storage, who)? == Some(role) {
        Ok(())
    } else {
        Err(ContractError::Unauthorized { action, role: role.as_str() })
    }
}

/// An address may become a privileged role holder: not the owner or pending owner, no other
/// role, not blacklisted.
pub fn assert_free_for_role(storage: &dyn Storage, who: &Addr) -> Result<(), ContractError> {
    let ownership = cw_ownable::get_ownership(storage)?;
    if ownership.owner.as_ref() == Some(who) || ownership.pending_owner.as_ref() == Some(who) {
        return Err(ContractError::RoleConflict { address: who.to_string(), held: "owner".into() });
    }
    if let Some(held) = role_of(storage, who)? {
        return Err(ContractError::RoleConflict { address: who.to_string(), held: held.to_string() });
    }
    assert_not_blacklisted(who, &load_account(storage, who)?)
}

pub fn assert_owner(storage: &dyn Storage, who: &Addr, action: &'static str) -> Result<(), ContractError> {
    cw_ownable::assert_owner(storage, who).map_err(|_| ContractError::Unauthorized { action, role: "owner" })
}

pub fn check_text(field: &'static str, text: &str) -> Result<(), ContractError> {
    if text.trim().is_empty() || text.len() > MAX_TEXT_LEN {
        return Err(ContractError::InvalidText { field, max: MAX_TEXT_LEN });
    }
    Ok(())
}

pub fn check_amount(amount: Uint128) -> Result<(), ContractError> {
    if amount.is_zero() {
        Err(ContractError::ZeroAmount {})
    } else {
        Ok(())
    }
}

pub fn validate_redemption(c: &RedemptionConfig) -> Result<(), ContractError> {
    let invalid = |reason: &str| Err(ContractError::InvalidRedemptionConfig { reason: reason.into() });
    if c.min_amount.is_zero() {
        return invalid("min_amount must be positive");
    }
    if c.max_amount.is_some_and(|max| max < c.min_amount) {
        return invalid("max_amount is below min_amount");
    }
    if c.sla_seconds == 0 || c.sla_seconds > MAX_SLA_SECONDS {
        return invalid("sla_seconds must be 1..=2678400 (31 days)");
    }
    Ok(())
}
