//! Credentials: direct issuance by trusted issuers, signed attestations submitted by anyone, and
//! revocation.

use std::collections::{BTreeMap, BTreeSet};

use cosmwasm_std::{Addr, Deps, DepsMut, Env, Event, MessageInfo, Response, Storage, Timestamp};
use harbour_types::identity::{Credential, CredentialSource, IssuerPublicKey};
use harbour_types::identity_registry::{
    AttestationFields, CredentialGrant, Revocation, SignedAttestation, MAX_CREDENTIALS_PER_DID,
};

use crate::error::ContractError;
use crate::helpers::{addr, assert_issuer_for, check_batch, check_did, check_evidence, check_text, check_validity};
use crate::hooks;
use crate::state::{credentials, wallets, IssuerRecord, IDENTITIES, ISSUERS, NONCES};

/// A validated credential, ready to write.
struct PlannedCredential {
    did: String,
    credential: Credential,
    is_new: bool,
}

/// Tracks the (DID, claim) pairs and new-credential counts of one message.
#[derive(Default)]
struct BatchState {
    seen: BTreeSet<(String, u32)>,
    added: BTreeMap<String, u32>,
}

impl BatchState {
    fn admit(
        &mut self,
        storage: &dyn Storage,
        did: &str,
        code: u32,
        claim_attr: String,
    ) -> Result<bool, ContractError> {
        if !self.seen.insert((did.to_string(), code)) {
            return Err(ContractError::Duplicate { what: "credential", value: format!("{did}/{claim_attr}") });
        }
        let identity = IDENTITIES
            .may_load(storage, did)?
            .ok_or_else(|| ContractError::IdentityNotFound { did: did.to_string() })?;
        let is_new = !credentials().has(storage, (did, code));
        if is_new {
            let added = self.added.entry(did.to_string()).or_insert(0);
            if identity.credential_count + *added >= MAX_CREDENTIALS_PER_DID {
                return Err(ContractError::TooManyCredentials { did: did.to_string(), max: MAX_CREDENTIALS_PER_DID });
            }
            *added += 1;
        }
        Ok(is_new)
    }
}

fn plan_grant(
    deps: &DepsMut,
    now: Timestamp,
    sender: &Addr,
    grant: CredentialGrant,
    batch: &mut BatchState,
) -> Result<PlannedCredential, ContractError> {
    assert_issuer_for(deps.storage, sender, grant.claim)?;
    check_did(&grant.did)?;
    check_validity(now, grant.valid_until)?;
    check_evidence(&grant.evidence_hash)?;
    let is_new = batch.admit(deps.storage, &grant.did, grant.claim.code(), grant.claim.as_attr())?;
    Ok(PlannedCredential {
        did: grant.did,
        credential: Credential {
            claim: grant.claim,
            issuer: sender.clone(),
            issued_at: now,
            valid_until: grant.valid_until,
            revoked: false,
            revoked_at: None,
            revocation_reason: None,
            evidence_hash: grant.evidence_hash,
            source: CredentialSource::Direct,
        },
        is_new,
    })
}

fn write_credential(storage: &mut dyn Storage, now: Timestamp, p: &PlannedCredential) -> Result<Event, ContractError> {
    let c = &p.credential;
    credentials().save(storage, (&p.did, c.claim.code()), c)?;
    let mut identity = IDENTITIES.load(storage, &p.did)?;
    if p.is_new {
        identity.credential_count += 1;
    }
    identity.updated_at = now;
    IDENTITIES.save(storage, &p.did, &identity)?;
    let source = match c.source {
        CredentialSource::Direct => "direct".to_string(),
        CredentialSource::Attestation { nonce } => format!("attestation:{nonce}"),
    };
    Ok(Event::new("harbour_credential_issued")
        .add_attribute("did", &p.did)
        .add_attribute("claim", c.claim.as_attr())
        .add_attribute("issuer", &c.issuer)
        .add_attribute("issued_at", c.issued_at.seconds().to_string())
        .add_attribute("valid_until", c.valid_until.seconds().to_string())
        .add_attribute("evidence_hash", c.evidence_hash.to_hex())
        .add_attribute("source", source)
        .add_attribute("renewal", (!p.is_new).to_string()))
}

pub fn issue(deps: DepsMut, env: Env, info: MessageInfo, grant: CredentialGrant) -> Result<Response, ContractError> {
    let planned = plan_grant(&deps, env.block.time, &info.sender, grant, &mut BatchState::default())?;
    let event = write_credential(deps.storage, env.block.time, &planned)?;
    let hooks = hooks::notify_did(deps.storage, &planned.did, vec![])?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "issue_credential")
        .add_attribute("did", &planned.did)
        .add_attribute("claim", planned.credential.claim.as_attr())
        .add_attribute("issuer", info.sender)
        .add_event(event))
}

pub fn batch_issue(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    grants: Vec<CredentialGrant>,
) -> Result<Response, ContractError> {
    // Authorization first, so a non-issuer learns nothing about batch limits.
    if !ISSUERS.has(deps.storage, &info.sender) {
        return Err(ContractError::Unauthorized { action: "batch_issue_credentials", role: "trusted issuer" });
    }
    check_batch(grants.len())?;
    let mut batch = BatchState::default();
    let planned = grants
        .into_iter()
        .map(|g| plan_grant(&deps, env.block.time, &info.sender, g, &mut batch))
        .collect::<Result<Vec<_>, _>>()?;
    let mut events = Vec::with_capacity(planned.len());
    for p in &planned {
        events.push(write_credential(deps.storage, env.block.time, p)?);
    }
    let hooks = hooks::notify_dids(deps.storage, planned.iter().map(|p| p.did.as_str()))?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "batch_issue_credentials")
        .add_attribute("count", planned.len().to_string())
        .add_attribute("issuer", info.sender)
        .add_events(events))
}

/// Verifies `signature` over `digest` with the issuer's registered key.
fn verify_signature(
    deps: Deps,
    issuer_addr: &Addr,
    key: &IssuerPublicKey,
    digest: &[u8; 32],
    signature: &[u8],
) -> Result<(), ContractError> {
    let ok = match key {
        IssuerPublicKey::Secp256k1(pk) => deps.api.secp256k1_verify(digest, signature, pk.as_slice()),
        IssuerPublicKey::Ed25519(pk) => deps.api.ed25519_verify(digest, signature, pk.as_slice()),
    };
    // A malformed signature is reported by the API as an error: it is a bad signature all the same.
    match ok {
        Ok(true) => Ok(()),
        _ => Err(ContractError::BadSignature { issuer: issuer_addr.to_string() }),
    }
}

pub fn submit_attestation(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    att: SignedAttestation,
) -> Result<Response, ContractError> {
    let now = env.block.time;
    let issuer_addr = addr(deps.api, &att.issuer)?;
    let issuer: IssuerRecord = ISSUERS
        .may_load(deps.storage, &issuer_addr)?
        .ok_or_else(|| ContractError::IssuerNotFound { issuer: issuer_addr.to_string() })?;
    if !issuer.trusted_for(att.claim) {
        return Err(ContractError::IssuerNotTrusted { issuer: issuer_addr.into(), claim: att.claim });
    }
    let key =
        issuer.public_key.as_ref().ok_or_else(|| ContractError::NoIssuerKey { issuer: issuer_addr.to_string() })?;
    check_did(&att.did)?;
    let wallet_addr = addr(deps.api, &att.wallet)?;
    match wallets().may_load(deps.storage, &wallet_addr)? {
        Some(b) if b.did == att.did => {}
        _ => return Err(ContractError::WalletNotBoundToDid { wallet: wallet_addr.into(), did: att.did }),
    }
    if att.issued_at > now {
        return Err(ContractError::IssuedInFuture { issued_at: att.issued_at, now });
    }
    check_validity(now, att.valid_until)?;
    check_evidence(&att.evidence_hash)?;
    if NONCES.has(deps.storage, (&issuer_addr, att.nonce)) {
        return Err(ContractError::NonceReplayed { issuer: issuer_addr.into(), nonce: att.nonce });
    }
    // An attestation signed before the DID was (re-)registered belongs to a previous life of the
    // identity: refuse it, so removing an identity also withdraws its unsubmitted attestations.
    let identity = IDENTITIES.load(deps.storage, &att.did)?;
    if att.issued_at < identity.created_at {
        return Err(ContractError::StaleAttestation { issued_at: att.issued_at, current: identity.created_at });
    }
    // An older attestation must never undo a newer credential or a revocation.
    if let Some(current) = credentials().may_load(deps.storage, (&att.did, att.claim.code()))? {
        let latest = current.revoked_at.map_or(current.issued_at, |r| r.max(current.issued_at));
        if att.issued_at <= latest {
            return Err(ContractError::StaleAttestation { issued_at: att.issued_at, current: latest });
        }
    }
    let fields = AttestationFields {
        chain_id: &env.block.chain_id,
        registry: env.contract.address.as_str(),
        issuer: issuer_addr.as_str(),
        did: &att.did,
        wallet: wallet_addr.as_str(),
        claim: att.claim,
        issued_at: att.issued_at,
        valid_until: att.valid_until,
        evidence_hash: att.evidence_hash.as_slice(),
        nonce: att.nonce,
    };
    verify_signature(deps.as_ref(), &issuer_addr, key, &fields.digest(), att.signature.as_slice())?;
    let is_new = BatchState::default().admit(deps.storage, &att.did, att.claim.code(), att.claim.as_attr())?;
    let planned = PlannedCredential {
        did: att.did,
        credential: Credential {
            claim: att.claim,
            issuer: issuer_addr.clone(),
            issued_at: att.issued_at,
            valid_until: att.valid_until,
            revoked: false,
            revoked_at: None,
            revocation_reason: None,
            evidence_hash: att.evidence_hash,
            source: CredentialSource::Attestation { nonce: att.nonce },
        },
        is_new,
    };
    NONCES.save(deps.storage, (&issuer_addr, att.nonce), &cosmwasm_std::Empty {})?;
    let event = write_credential(deps.storage, now, &planned)?;
    let hooks = hooks::notify_did(deps.storage, &planned.did, vec![])?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "submit_attestation")
        .add_attribute("did", &planned.did)
        .add_attribute("claim", att.claim.as_attr())
        .add_attribute("issuer", issuer_addr)
        .add_attribute("nonce", att.nonce.to_string())
        .add_attribute("submitter", info.sender)
        .add_event(event))
}

/// Revocation is allowed to the owner and to any issuer currently trusted for the claim.
fn plan_revocation(
    storage: &dyn Storage,
    sender: &Addr,
    is_owner: bool,
    r: &Revocation,
    seen: &mut BTreeSet<(String, u32)>,
) -> Result<Credential, ContractError> {
    if !is_owner {
        match ISSUERS.may_load(storage, sender)? {
            Some(i) if i.trusted_for(r.claim) => {}
            Some(_) => return Err(ContractError::IssuerNotTrusted { issuer: sender.to_string(), claim: r.claim }),
            None => {
                return Err(ContractError::Unauthorized {
                    action: "revoke_credential",
                    role: "owner or trusted issuer",
                })
            }
        }
    }
    check_text("reason", &r.reason)?;
    if !seen.insert((r.did.clone(), r.claim.code())) {
        return Err(ContractError::Duplicate { what: "revocation", value: format!("{}/{}", r.did, r.claim) });
    }
    let c = credentials()
        .may_load(storage, (&r.did, r.claim.code()))?
        .ok_or_else(|| ContractError::CredentialNotFound { did: r.did.clone(), claim: r.claim })?;
    if c.revoked {
        return Err(ContractError::AlreadyRevoked { did: r.did.clone(), claim: r.claim });
    }
    Ok(c)
}

fn write_revocation(
    storage: &mut dyn Storage,
    now: Timestamp,
    sender: &Addr,
    r: Revocation,
    mut c: Credential,
) -> Result<Event, ContractError> {
    c.revoked = true;
    c.revoked_at = Some(now);
    c.revocation_reason = Some(r.reason.clone());
    credentials().save(storage, (&r.did, r.claim.code()), &c)?;
    let mut identity = IDENTITIES.load(storage, &r.did)?;
    identity.updated_at = now;
    IDENTITIES.save(storage, &r.did, &identity)?;
    Ok(Event::new("harbour_credential_revoked")
        .add_attribute("did", r.did)
        .add_attribute("claim", r.claim.as_attr())
        .add_attribute("issuer", c.issuer)
        .add_attribute("revoked_by", sender)
        .add_attribute("reason", r.reason))
}

pub fn revoke(deps: DepsMut, env: Env, info: MessageInfo, r: Revocation) -> Result<Response, ContractError> {
    let is_owner = cw_ownable::is_owner(deps.storage, &info.sender)?;
    let c = plan_revocation(deps.storage, &info.sender, is_owner, &r, &mut BTreeSet::new())?;
    let (did, claim) = (r.did.clone(), r.claim.as_attr());
    let event = write_revocation(deps.storage, env.block.time, &info.sender, r, c)?;
    let hooks = hooks::notify_did(deps.storage, &did, vec![])?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "revoke_credential")
        .add_attribute("did", did)
        .add_attribute("claim", claim)
        .add_attribute("revoked_by", info.sender)
        .add_event(event))
}

pub fn batch_revoke(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    revocations: Vec<Revocation>,
) -> Result<Response, ContractError> {
    let is_owner = cw_ownable::is_owner(deps.storage, &info.sender)?;
    if !is_owner && !ISSUERS.has(deps.storage, &info.sender) {
        return Err(ContractError::Unauthorized {
            action: "batch_revoke_credentials",
            role: "owner or trusted issuer",
        });
    }
    check_batch(revocations.len())?;
    let mut seen = BTreeSet::new();
    let planned = revocations
        .into_iter()
        .map(|r| plan_revocation(deps.storage, &info.sender, is_owner, &r, &mut seen).map(|c| (r, c)))
        .collect::<Result<Vec<_>, _>>()?;
    let count = planned.len();
    let dids: Vec<String> = planned.iter().map(|(r, _)| r.did.clone()).collect();
    let mut events = Vec::with_capacity(count);
    for (r, c) in planned {
        events.push(write_revocation(deps.storage, env.block.time, &info.sender, r, c)?);
    }
    let hooks = hooks::notify_dids(deps.storage, dids.iter().map(String::as_str))?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "batch_revoke_credentials")
        .add_attribute("count", count.to_string())
        .add_attribute("revoked_by", info.sender)
        .add_events(events))
}
