//! Entry points. Thin: validation and state changes live in `execute/*`, reads in `query.rs`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};
use harbour_types::identity_registry::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use harbour_types::migration::ensure_upgrade;

use crate::error::ContractError;
use crate::execute::{credentials, identity, roles};
use crate::helpers::addr;
use crate::query;
use crate::state::{Counts, COUNTS};

pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let owner = addr(deps.api, &msg.owner)?;
    cw_ownable::initialize_owner(deps.storage, deps.api, Some(owner.as_str()))?;
    COUNTS.save(deps.storage, &Counts::default())?;
    for agent in &msg.agents {
        let agent_addr = addr(deps.api, agent)?;
        roles::add_agent_inner(deps.storage, &agent_addr)?;
    }
    for issuer in &msg.issuers {
        roles::add_issuer_inner(&mut deps, env.block.time, issuer)?;
    }
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("contract", CONTRACT_NAME)
        .add_attribute("version", CONTRACT_VERSION)
        .add_attribute("owner", owner)
        .add_attribute("agents", msg.agents.len().to_string())
        .add_attribute("issuers", msg.issuers.len().to_string()))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::RegisterIdentity(new) => identity::register(deps, env, info, new),
        ExecuteMsg::BatchRegisterIdentities { identities } => identity::batch_register(deps, env, info, identities),
        ExecuteMsg::UpdateIdentity { did, jurisdiction, category } => {
            identity::update(deps, env, info, did, jurisdiction, category)
        }
        ExecuteMsg::RemoveIdentity { did } => identity::remove(deps, info, did),
        ExecuteMsg::BindWallet { did, wallet } => identity::bind_wallet(deps, env, info, did, wallet),
        ExecuteMsg::UnbindWallet { did, wallet } => identity::unbind_wallet(deps, env, info, did, wallet),
        ExecuteMsg::RecoverWallet { did, lost_wallet, new_wallet } => {
            identity::recover_wallet(deps, env, info, did, lost_wallet, new_wallet)
        }
        ExecuteMsg::IssueCredential(grant) => credentials::issue(deps, env, info, grant),
        ExecuteMsg::BatchIssueCredentials { grants } => credentials::batch_issue(deps, env, info, grants),
        ExecuteMsg::SubmitAttestation(att) => credentials::submit_attestation(deps, env, info, att),
        ExecuteMsg::RevokeCredential(r) => credentials::revoke(deps, env, info, r),
        ExecuteMsg::BatchRevokeCredentials { revocations } => credentials::batch_revoke(deps, env, info, revocations),
        ExecuteMsg::AddAgent { address } => roles::add_agent(deps, info, address),
        ExecuteMsg::RemoveAgent { address } => roles::remove_agent(deps, info, address),
        ExecuteMsg::AddIssuer(config) => roles::add_issuer(deps, env, info, config),
        ExecuteMsg::UpdateIssuer(config) => roles::update_issuer(deps, info, config),
        ExecuteMsg::RemoveIssuer { address } => roles::remove_issuer(deps, info, address),
        ExecuteMsg::AddSubscriber { address } => roles::add_subscriber(deps, info, address),
        ExecuteMsg::RemoveSubscriber { address } => roles::remove_subscriber(deps, info, address),
        ExecuteMsg::PushIdentities { dids } => identity::push_identities(deps, info, dids),
        ExecuteMsg::UpdateOwnership(action) => roles::update_ownership(deps, env, info, action),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Identity { did } => to_json_binary(&query::identity(deps, did)?),
        QueryMsg::Identities { start_after, limit } => to_json_binary(&query::identities(deps, start_after, limit)?),
        QueryMsg::Wallet { address } => to_json_binary(&query::wallet(deps, address)?),
        QueryMsg::Wallets { did, start_after, limit } => {
            to_json_binary(&query::wallets_query(deps, did, start_after, limit)?)
        }
        QueryMsg::Credential { did, claim } => to_json_binary(&query::credential(deps, env, did, claim)?),
        QueryMsg::Credentials { did, start_after, limit } => {
            to_json_binary(&query::credentials_of(deps, env, did, start_after, limit)?)
        }
        QueryMsg::CredentialsByIssuer { issuer, start_after, limit } => {
            to_json_binary(&query::credentials_by_issuer(deps, env, issuer, start_after, limit)?)
        }
        QueryMsg::Verify { address, requirement } => {
            to_json_binary(&query::verify_one(deps, env, address, requirement)?)
        }
        QueryMsg::VerifyPair { from, to, requirement } => {
            to_json_binary(&query::verify_pair(deps, env, from, to, requirement)?)
        }
        QueryMsg::VerifyMany { addresses, requirement } => {
            to_json_binary(&query::verify_many(deps, env, addresses, requirement)?)
        }
        QueryMsg::Issuer { address } => to_json_binary(&query::issuer(deps, address)?),
        QueryMsg::Issuers { start_after, limit } => to_json_binary(&query::issuers(deps, start_after, limit)?),
        QueryMsg::Agent { address } => to_json_binary(&query::agent(deps, address)?),
        QueryMsg::Agents { start_after, limit } => to_json_binary(&query::agents(deps, start_after, limit)?),
        QueryMsg::NonceUsed { issuer, nonce } => to_json_binary(&query::nonce_used(deps, issuer, nonce)?),
        QueryMsg::AttestationPayload { attestation } => to_json_binary(&query::attestation_payload(env, attestation)?),
        QueryMsg::Subscribers { start_after, limit } => to_json_binary(&query::subscribers(deps, start_after, limit)?),
        QueryMsg::Snapshot { did } => to_json_binary(&query::snapshot(deps, did)?),
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }?)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let upgrade = ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", upgrade.from.to_string())
        .add_attribute("to_version", upgrade.to.to_string()))
}
