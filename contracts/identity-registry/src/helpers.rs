//! Authorization checks and input validation shared by the handlers.

use cosmwasm_std::{Addr, Api, HexBinary, Storage, Timestamp};
use harbour_types::did::validate_did;
use harbour_types::identity::ClaimType;
use harbour_types::identity_registry::{MAX_BATCH, MAX_CREDENTIAL_LIFETIME_SECONDS, MAX_TEXT_LEN};
use harbour_types::jurisdiction::validate_jurisdiction;

use crate::error::ContractError;
use crate::state::{IssuerRecord, AGENTS, ISSUERS};

pub fn assert_owner(storage: &dyn Storage, sender: &Addr, action: &'static str) -> Result<(), ContractError> {
    cw_ownable::assert_owner(storage, sender).map_err(|_| ContractError::Unauthorized { action, role: "owner" })
}

pub fn assert_agent(storage: &dyn Storage, sender: &Addr, action: &'static str) -> Result<(), ContractError> {
    if AGENTS.has(storage, sender) {
        Ok(())
    } else {
        Err(ContractError::Unauthorized { action, role: "agent" })
    }
}

/// The sender's issuer record, if the sender is an issuer trusted for `claim`.
pub fn assert_issuer_for(
    storage: &dyn Storage,
    sender: &Addr,
    claim: ClaimType,
) -> Result<IssuerRecord, ContractError> {
    match ISSUERS.may_load(storage, sender)? {
        Some(issuer) if issuer.trusted_for(claim) => Ok(issuer),
        Some(_) => Err(ContractError::IssuerNotTrusted { issuer: sender.to_string(), claim }),
        None => Err(ContractError::Unauthorized { action: "issue_credential", role: "trusted issuer" }),
    }
}

pub fn check_did(did: &str) -> Result<(), ContractError> {
    validate_did(did).map(|_| ()).map_err(|e| ContractError::malformed_did(did, e))
}

pub fn check_jurisdiction(code: &str) -> Result<(), ContractError> {
    Ok(validate_jurisdiction(code)?)
}

pub fn check_text(field: &'static str, text: &str) -> Result<(), ContractError> {
    if text.is_empty() || text.len() > MAX_TEXT_LEN {
        return Err(ContractError::InvalidText { field, max: MAX_TEXT_LEN });
    }
    Ok(())
}

pub fn check_evidence(hash: &HexBinary) -> Result<(), ContractError> {
    if hash.len() != 32 {
        return Err(ContractError::InvalidEvidenceHash { got: hash.len() });
    }
    Ok(())
}

/// `now < valid_until <= now + MAX_CREDENTIAL_LIFETIME_SECONDS`.
pub fn check_validity(now: Timestamp, valid_until: Timestamp) -> Result<(), ContractError> {
    if valid_until <= now {
        return Err(ContractError::ExpiredValidity { valid_until, now });
    }
    if valid_until > now.plus_seconds(MAX_CREDENTIAL_LIFETIME_SECONDS) {
        return Err(ContractError::ValidityTooLong { valid_until, max_seconds: MAX_CREDENTIAL_LIFETIME_SECONDS });
    }
    Ok(())
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

pub fn addr(api: &dyn Api, address: &str) -> Result<Addr, ContractError> {
    Ok(api.addr_validate(address)?)
}
