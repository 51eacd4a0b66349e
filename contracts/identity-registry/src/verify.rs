//! The verification rule: one place that decides whether an address satisfies a requirement.

use cosmwasm_std::{Addr, Deps, Timestamp};
use harbour_types::compliance::{Denial, ReasonCode, Requirement, Verdict};
use harbour_types::identity_registry::MAX_REQUIREMENT_ITEMS;

use crate::error::ContractError;
use crate::helpers::check_jurisdiction;
use crate::state::{credentials, wallets, IDENTITIES};

/// Rejects oversized or malformed requirements (a typo'd jurisdiction must not silently never match).
pub fn check_requirement(req: &Requirement) -> Result<(), ContractError> {
    for (field, got) in [
        ("claims", req.claims.len()),
        ("allowed_jurisdictions", req.allowed_jurisdictions.len()),
        ("blocked_jurisdictions", req.blocked_jurisdictions.len()),
        ("allowed_categories", req.allowed_categories.len()),
    ] {
        if got > MAX_REQUIREMENT_ITEMS {
            return Err(ContractError::RequirementTooLarge { field, got, max: MAX_REQUIREMENT_ITEMS });
        }
    }
    for code in req.allowed_jurisdictions.iter().chain(&req.blocked_jurisdictions) {
        check_jurisdiction(code)?;
    }
    Ok(())
}

/// Verdict for `address` at time `now`. Reasons are reported in a fixed order: unknown wallet
/// (alone), then each required claim in the requirement's order (missing / revoked / expired), then
/// jurisdiction, then category.
pub fn verify(deps: Deps, now: Timestamp, address: Addr, req: &Requirement) -> Result<Verdict, ContractError> {
    let Some(binding) = wallets().may_load(deps.storage, &address)? else {
        return Ok(Verdict {
            address,
            did: None,
            verified: false,
            reasons: vec![Denial::new(ReasonCode::UnknownWallet)],
            valid_until: None,
        });
    };
    let identity = IDENTITIES.load(deps.storage, &binding.did)?;
    let mut reasons = Vec::new();
    let mut valid_until: Option<Timestamp> = None;
    for claim in &req.claims {
        match credentials().may_load(deps.storage, (&binding.did, claim.code()))? {
            None => reasons.push(Denial::claim(ReasonCode::MissingClaim, *claim)),
            Some(c) if c.revoked => reasons.push(Denial::claim(ReasonCode::ClaimRevoked, *claim)),
            Some(c) if now >= c.valid_until => reasons.push(Denial::claim(ReasonCode::ClaimExpired, *claim)),
            Some(c) => valid_until = Some(valid_until.map_or(c.valid_until, |v| v.min(c.valid_until))),
        }
    }
    if req.blocked_jurisdictions.contains(&identity.jurisdiction) {
        reasons.push(Denial::new(ReasonCode::JurisdictionBlocked));
    }
    if !req.allowed_jurisdictions.is_empty() && !req.allowed_jurisdictions.contains(&identity.jurisdiction) {
        reasons.push(Denial::new(ReasonCode::JurisdictionNotAllowed));
    }
    if !req.allowed_categories.is_empty() && !req.allowed_categories.contains(&identity.category) {
        reasons.push(Denial::new(ReasonCode::CategoryNotAllowed));
    }
    let verified = reasons.is_empty();
    Ok(Verdict {
        address,
        did: Some(binding.did),
        verified,
        reasons,
        valid_until: if verified { valid_until } else { None },
    })
}
