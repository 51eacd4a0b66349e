//! Authorization, validation and small shared helpers.

use cosmwasm_std::{Addr, Api, Env, Storage, Uint128};
use harbour_types::compliance::Denial;
use harbour_types::fund_token::{FundPolicy, FundRole, MAX_BATCH, MAX_POLICY_ITEMS};
use harbour_types::jurisdiction::validate_jurisdiction;

use crate::error::ContractError;
use crate::state::ROLES;

pub const MAX_TEXT_LEN: usize = 256;

pub fn role_key(role: FundRole) -> u8 {
    match role {
        FundRole::Agent => 1,
        FundRole::Pauser => 3,
        FundRole::ComplianceOfficer => 4,
    }
}

pub fn role_name(role: FundRole) -> &'static str {
    match role {
        FundRole::Agent => "agent",
        FundRole::Pauser => "pauser",
        FundRole::ComplianceOfficer => "compliance officer",
    }
}

pub fn has_role(storage: &dyn Storage, role: FundRole, who: &Addr) -> bool {
    ROLES.has(storage, (role_key(role), who))
}

pub fn assert_role(
    storage: &dyn Storage,
    role: FundRole,
    who: &Addr,
    action: &'static str,
) -> Result<(), ContractError> {
    if has_role(storage, role, who) {
        Ok(())
    } else {
        Err(ContractError::Unauthorized { action, role: role_name(role) })
    }
}

pub fn assert_owner(storage: &dyn Storage, who: &Addr, action: &'static str) -> Result<(), ContractError> {
    cw_ownable::assert_owner(storage, who).map_err(|_| ContractError::Unauthorized { action, role: "owner" })
}

pub fn addr(api: &dyn Api, a: &str) -> Result<Addr, ContractError> {
    Ok(api.addr_validate(a)?)
}

pub fn now_secs(env: &Env) -> u64 {
    env.block.time.seconds()
}

pub fn check_text(field: &'static str, text: &str) -> Result<(), ContractError> {
    if text.is_empty() || text.len() > MAX_TEXT_LEN {
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

pub fn check_batch(len: usize) -> Result<(), ContractError> {
    if len == 0 {
        return Err(ContractError::EmptyBatch {});
    }
    if len > MAX_BATCH {
        return Err(ContractError::BatchTooLarge { got: len, max: MAX_BATCH });
    }
    Ok(())
}

pub fn deny_if(reasons: Vec<Denial>) -> Result<(), ContractError> {
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(ContractError::denied(reasons))
    }
}

fn invalid(reason: impl Into<String>) -> ContractError {
    ContractError::InvalidConfig { reason: reason.into() }
}

pub fn validate_policy(p: &FundPolicy) -> Result<(), ContractError> {
    for (field, len) in [
        ("required_claims", p.required_claims.len()),
        ("allowed_jurisdictions", p.allowed_jurisdictions.len()),
        ("blocked_jurisdictions", p.blocked_jurisdictions.len()),
        ("allowed_categories", p.allowed_categories.len()),
    ] {
        if len > MAX_POLICY_ITEMS {
            return Err(invalid(format!("{field} has {len} items, the maximum is {MAX_POLICY_ITEMS}")));
        }
    }
    for j in p.allowed_jurisdictions.iter().chain(&p.blocked_jurisdictions) {
        validate_jurisdiction(j)?;
    }
    if let Some(max) = p.max_holding {
        if max < p.min_holding {
            return Err(invalid("max_holding is below min_holding"));
        }
    }
    if p.max_holders == Some(0) {
        return Err(invalid("max_holders must be positive (use null for no cap)"));
    }
    Ok(())
}
