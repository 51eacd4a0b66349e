//! Read-only queries. Every list is paginated (`start_after` exclusive, `limit` clamped).

use cosmwasm_std::{Addr, Deps, Env, Order};
use cw_storage_plus::Bound;
use harbour_types::compliance::{Requirement, Verdict};
use harbour_types::identity::{ClaimType, Credential};
use harbour_types::identity_registry::{
    AgentResponse, AgentsResponse, AttestationFields, AttestationPayloadResponse, ConfigResponse, CredentialResponse,
    CredentialsByIssuerResponse, CredentialsResponse, IdentitiesResponse, IdentityResponse, IdentitySnapshot,
    IssuerResponse, IssuersResponse, NonceResponse, PairVerdictResponse, SignedAttestation, SubscribersResponse,
    VerdictsResponse, WalletResponse, WalletsResponse, MAX_AGENTS, MAX_BATCH, MAX_CREDENTIALS_PER_DID, MAX_ISSUERS,
    MAX_SUBSCRIBERS, MAX_WALLETS_PER_DID,
};
use harbour_types::pagination::page_limit;

use crate::error::ContractError;
use crate::helpers::{addr, check_batch, check_did};
use crate::state::{
    credentials, wallets, IdentityRecord, IssuerRecord, AGENTS, COUNTS, IDENTITIES, ISSUERS, NONCES, SUBSCRIBERS,
};
use crate::verify::{check_requirement, verify};

pub fn config(deps: Deps) -> Result<ConfigResponse, ContractError> {
    let counts = COUNTS.load(deps.storage)?;
    Ok(ConfigResponse {
        identity_count: counts.identities,
        issuer_count: counts.issuers,
        agent_count: counts.agents,
        subscriber_count: counts.subscribers,
        max_wallets_per_did: MAX_WALLETS_PER_DID,
        max_credentials_per_did: MAX_CREDENTIALS_PER_DID,
        max_issuers: MAX_ISSUERS,
        max_agents: MAX_AGENTS,
        max_subscribers: MAX_SUBSCRIBERS,
        max_batch: MAX_BATCH as u32,
    })
}

fn wallets_of(deps: Deps, did: &str, start_after: Option<Addr>, limit: usize) -> Result<Vec<Addr>, ContractError> {
    Ok(wallets()
        .idx
        .did
        .prefix(did.to_string())
        .keys(deps.storage, start_after.map(Bound::exclusive), None, Order::Ascending)
        .take(limit)
        .collect::<Result<_, _>>()?)
}

fn identity_response(deps: Deps, did: String, r: IdentityRecord) -> Result<IdentityResponse, ContractError> {
    let wallets = wallets_of(deps, &did, None, MAX_WALLETS_PER_DID as usize)?;
    Ok(IdentityResponse {
        did,
        jurisdiction: r.jurisdiction,
        category: r.category,
        wallets,
        credential_count: r.credential_count,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

pub fn identity(deps: Deps, did: String) -> Result<IdentityResponse, ContractError> {
    check_did(&did)?;
    let record =
        IDENTITIES.may_load(deps.storage, &did)?.ok_or_else(|| ContractError::IdentityNotFound { did: did.clone() })?;
    identity_response(deps, did, record)
}

pub fn identities(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<IdentitiesResponse, ContractError> {
    let identities = IDENTITIES
        .range(deps.storage, start_after.as_deref().map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .map(|item| {
            let (did, record) = item?;
            identity_response(deps, did, record)
        })
        .collect::<Result<_, _>>()?;
    Ok(IdentitiesResponse { identities })
}

pub fn wallet(deps: Deps, address: String) -> Result<WalletResponse, ContractError> {
    let address = addr(deps.api, &address)?;
    let did = wallets().may_load(deps.storage, &address)?.map(|b| b.did);
    Ok(WalletResponse { address, did })
}

pub fn wallets_query(
    deps: Deps,
    did: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<WalletsResponse, ContractError> {
    if !IDENTITIES.has(deps.storage, &did) {
        return Err(ContractError::IdentityNotFound { did });
    }
    let start = start_after.map(|s| addr(deps.api, &s)).transpose()?;
    let wallets = wallets_of(deps, &did, start, page_limit(limit))?;
    Ok(WalletsResponse { did, wallets })
}

fn credential_response(env: &Env, did: String, credential: Credential) -> CredentialResponse {
    let valid = credential.is_valid_at(env.block.time);
    CredentialResponse { did, credential, valid }
}

pub fn credential(deps: Deps, env: Env, did: String, claim: ClaimType) -> Result<CredentialResponse, ContractError> {
    let c = credentials()
        .may_load(deps.storage, (&did, claim.code()))?
        .ok_or_else(|| ContractError::CredentialNotFound { did: did.clone(), claim })?;
    Ok(credential_response(&env, did, c))
}

pub fn credentials_of(
    deps: Deps,
    env: Env,
    did: String,
    start_after: Option<ClaimType>,
    limit: Option<u32>,
) -> Result<CredentialsResponse, ContractError> {
    if !IDENTITIES.has(deps.storage, &did) {
        return Err(ContractError::IdentityNotFound { did });
    }
    let credentials = credentials()
        .prefix(&did)
        .range(deps.storage, start_after.map(|c| Bound::exclusive(c.code())), None, Order::Ascending)
        .take(page_limit(limit))
        .map(|item| item.map(|(_, c)| credential_response(&env, did.clone(), c)))
        .collect::<Result<_, _>>()?;
    Ok(CredentialsResponse { did, credentials })
}

pub fn credentials_by_issuer(
    deps: Deps,
    env: Env,
    issuer: String,
    start_after: Option<(String, ClaimType)>,
    limit: Option<u32>,
) -> Result<CredentialsByIssuerResponse, ContractError> {
    let issuer = addr(deps.api, &issuer)?;
    let start = start_after.map(|(did, claim)| Bound::exclusive((did, claim.code())));
    let credentials = credentials()
        .idx
        .issuer
        .prefix(issuer.clone())
        .range(deps.storage, start, None, Order::Ascending)
        .take(page_limit(limit))
        .map(|item| item.map(|((did, _), c)| credential_response(&env, did, c)))
        .collect::<Result<_, _>>()?;
    Ok(CredentialsByIssuerResponse { issuer, credentials })
}

pub fn verify_one(deps: Deps, env: Env, address: String, requirement: Requirement) -> Result<Verdict, ContractError> {
    check_requirement(&requirement)?;
    let address = addr(deps.api, &address)?;
    verify(deps, env.block.time, address, &requirement)
}

pub fn verify_pair(
    deps: Deps,
    env: Env,
    from: String,
    to: String,
    requirement: Requirement,
) -> Result<PairVerdictResponse, ContractError> {
    check_requirement(&requirement)?;
    let (from, to) = (addr(deps.api, &from)?, addr(deps.api, &to)?);
    Ok(PairVerdictResponse {
        from: verify(deps, env.block.time, from, &requirement)?,
        to: verify(deps, env.block.time, to, &requirement)?,
    })
}

pub fn verify_many(
    deps: Deps,
    env: Env,
    addresses: Vec<String>,
    requirement: Requirement,
) -> Result<VerdictsResponse, ContractError> {
    check_batch(addresses.len())?;
    check_requirement(&requirement)?;
    let verdicts = addresses
        .iter()
        .map(|a| verify(deps, env.block.time, addr(deps.api, a)?, &requirement))
        .collect::<Result<_, _>>()?;
    Ok(VerdictsResponse { verdicts })
}

fn issuer_response(address: Addr, r: IssuerRecord) -> IssuerResponse {
    IssuerResponse { address, name: r.name, claims: r.claims, public_key: r.public_key, added_at: r.added_at }
}

pub fn issuer(deps: Deps, address: String) -> Result<IssuerResponse, ContractError> {
    let address = addr(deps.api, &address)?;
    let record = ISSUERS
        .may_load(deps.storage, &address)?
        .ok_or_else(|| ContractError::IssuerNotFound { issuer: address.to_string() })?;
    Ok(issuer_response(address, record))
}

pub fn issuers(deps: Deps, start_after: Option<String>, limit: Option<u32>) -> Result<IssuersResponse, ContractError> {
    let start = start_after.map(|s| addr(deps.api, &s)).transpose()?;
    let issuers = ISSUERS
        .range(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .map(|item| item.map(|(a, r)| issuer_response(a, r)))
        .collect::<Result<_, _>>()?;
    Ok(IssuersResponse { issuers })
}

pub fn agent(deps: Deps, address: String) -> Result<AgentResponse, ContractError> {
    let address = addr(deps.api, &address)?;
    let is_agent = AGENTS.has(deps.storage, &address);
    Ok(AgentResponse { address, is_agent })
}

pub fn agents(deps: Deps, start_after: Option<String>, limit: Option<u32>) -> Result<AgentsResponse, ContractError> {
    let start = start_after.map(|s| addr(deps.api, &s)).transpose()?;
    let agents = AGENTS
        .keys(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .collect::<Result<_, _>>()?;
    Ok(AgentsResponse { agents })
}

pub fn nonce_used(deps: Deps, issuer: String, nonce: u64) -> Result<NonceResponse, ContractError> {
    let issuer = addr(deps.api, &issuer)?;
    let used = NONCES.has(deps.storage, (&issuer, nonce));
    Ok(NonceResponse { issuer, nonce, used })
}

pub fn attestation_payload(env: Env, att: SignedAttestation) -> Result<AttestationPayloadResponse, ContractError> {
    let fields = AttestationFields {
        chain_id: &env.block.chain_id,
        registry: env.contract.address.as_str(),
        issuer: &att.issuer,
        did: &att.did,
        wallet: &att.wallet,
        claim: att.claim,
        issued_at: att.issued_at,
        valid_until: att.valid_until,
        evidence_hash: att.evidence_hash.as_slice(),
        nonce: att.nonce,
    };
    Ok(AttestationPayloadResponse { payload: fields.payload().into(), digest: fields.digest().to_vec().into() })
}

pub fn subscribers(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<SubscribersResponse, ContractError> {
    let start = start_after.map(|s| addr(deps.api, &s)).transpose()?;
    let subscribers = SUBSCRIBERS
        .keys(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(page_limit(limit))
        .collect::<Result<_, _>>()?;
    Ok(SubscribersResponse { subscribers })
}

pub fn snapshot(deps: Deps, did: String) -> Result<IdentitySnapshot, ContractError> {
    if !IDENTITIES.has(deps.storage, &did) {
        return Err(ContractError::IdentityNotFound { did });
    }
    crate::hooks::snapshot(deps.storage, &did, vec![])
}
