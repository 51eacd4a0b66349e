//! Entry points. Thin: rules live in `ledger.rs`, actions in `execute/*`, reads in `query.rs`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response, Uint128};
use harbour_types::hkd_stablecoin::{
    ExecuteMsg, HolderMode, InstantiateMsg, MigrateMsg, QueryMsg, StableRole, MAX_ROLE_MEMBERS,
};
use harbour_types::holds::HoldOp;
use harbour_types::migration::ensure_upgrade;
use harbour_types::AddressArgs;

use crate::error::ContractError;
use crate::execute::reserves::check_quorum_reachable;
use crate::execute::{admin, controls, cw20 as cw20x, holds, identity, mint, redemption, reserves};
use crate::helpers::{addr, assert_free_for_role, check_text, role_holders, validate_redemption};
use crate::query;
use crate::state::{
    roles, Config, Counters, Hot, RedemptionState, ReserveState, RoleRecord, TokenMeta, ALLOWANCES, CONFIG, COUNTERS,
    HOLDS, HOT, MARKETING, REDEMPTIONS, RESERVE, RESERVE_POLICY, SUPPLY, TOKEN, VENUES,
};

pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(deps: DepsMut, env: Env, info: MessageInfo, msg: InstantiateMsg) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    check_text("name", &msg.name)?;
    if !(3..=12).contains(&msg.symbol.len()) || !msg.symbol.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(ContractError::InvalidConfig { reason: "symbol must be 3-12 characters of [a-zA-Z0-9-]".into() });
    }
    if msg.decimals > 18 {
        return Err(ContractError::InvalidConfig { reason: "decimals must be at most 18".into() });
    }
    msg.reserve_policy.compile()?;
    validate_redemption(&msg.redemption)?;
    let registry = msg.registry.as_deref().map(|r| addr(deps.api, r)).transpose()?;
    if msg.holder_mode == HolderMode::RegistryGated && registry.is_none() {
        return Err(ContractError::RegistryRequired {});
    }
    let owner = addr(deps.api, &msg.owner)?;
    cw_ownable::initialize_owner(deps.storage, deps.api, Some(owner.as_str()))?;
    HOT.save(deps.storage, &Hot { paused: false, gated: msg.holder_mode == HolderMode::RegistryGated })?;
    TOKEN.save(deps.storage, &TokenMeta { name: msg.name, symbol: msg.symbol.clone(), decimals: msg.decimals })?;
    SUPPLY.save(deps.storage, &Uint128::zero())?;
    CONFIG.save(deps.storage, &Config { registry, redemption: msg.redemption })?;
    RESERVE.save(deps.storage, &ReserveState::default())?;
    RESERVE_POLICY.save(deps.storage, &msg.reserve_policy)?;
    COUNTERS.save(deps.storage, &Counters::default())?;
    REDEMPTIONS.save(deps.storage, &RedemptionState { next_id: 1, ..Default::default() })?;
    if let Some(m) = msg.marketing {
        let logo = m.logo.and_then(|l| match l {
            cw20::LogoInfo::Url(url) => Some(cw20::Logo::Url(url)),
            cw20::LogoInfo::Embedded => None,
        });
        MARKETING.init(deps.storage, deps.api, m.project, m.description, m.marketing.map(|a| a.into_string()), logo)?;
    }
    let singles = [
        (StableRole::MasterMinter, msg.master_minter),
        (StableRole::Pauser, msg.pauser),
        (StableRole::Blacklister, msg.blacklister),
        (StableRole::Rescuer, msg.rescuer),
        (StableRole::AssetProtector, msg.asset_protector),
    ];
    let multis = [(StableRole::Attestor, msg.attestors), (StableRole::RedemptionOperator, msg.redemption_operators)];
    for (role, list) in &multis {
        if list.len() > MAX_ROLE_MEMBERS as usize {
            return Err(ContractError::TooManyRoleHolders { role: *role, max: MAX_ROLE_MEMBERS });
        }
    }
    let members = singles
        .into_iter()
        .filter_map(|(role, a)| a.map(|a| (role, a)))
        .chain(multis.into_iter().flat_map(|(role, list)| list.into_iter().map(move |a| (role, a))));
    for (role, a) in members {
        let who = addr(deps.api, &a)?;
        assert_free_for_role(deps.storage, &who)?;
        roles().save(deps.storage, &who, &RoleRecord { role, since: env.block.time })?;
    }
    let attestors = role_holders(deps.storage, StableRole::Attestor)?.len();
    check_quorum_reachable(msg.reserve_policy.attestation_quorum, attestors)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("contract", CONTRACT_NAME)
        .add_attribute("version", CONTRACT_VERSION)
        .add_attribute("owner", owner)
        .add_attribute("symbol", msg.symbol))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    match msg {
        ExecuteMsg::Transfer { recipient, amount } => cw20x::transfer(deps, env, info, recipient, amount),
        ExecuteMsg::Send { contract, amount, msg } => cw20x::send(deps, env, info, contract, amount, msg),
        ExecuteMsg::TransferFrom { owner, recipient, amount } => {
            cw20x::transfer_from(deps, env, info, owner, recipient, amount)
        }
        ExecuteMsg::SendFrom { owner, contract, amount, msg } => {
            cw20x::send_from(deps, env, info, owner, contract, amount, msg)
        }
        ExecuteMsg::IncreaseAllowance { spender, amount, expires } => {
            cw20x::change_allowance(deps, env, info, spender, amount, expires, true)
        }
        ExecuteMsg::DecreaseAllowance { spender, amount, expires } => {
            cw20x::change_allowance(deps, env, info, spender, amount, expires, false)
        }
        ExecuteMsg::Burn { amount } => mint::burn(deps, info, amount),
        ExecuteMsg::BurnFrom { owner, amount } => mint::burn_from(deps, env, info, owner, amount),
        ExecuteMsg::Mint { recipient, amount, bank_receipt } => {
            mint::mint(deps, env, info, recipient, amount, bank_receipt)
        }
        ExecuteMsg::UpdateMarketing { project, description, marketing } => {
            cw20x::update_marketing(deps, info, project, description, marketing)
        }
        ExecuteMsg::UploadLogo(logo) => cw20x::upload_logo(deps, info, logo),
        ExecuteMsg::ConfigureMinter { minter, allowance, rate_limit } => {
            mint::configure_minter(deps, env, info, minter, allowance, rate_limit)
        }
        ExecuteMsg::IncreaseMinterAllowance { minter, amount } => {
            mint::change_minter_allowance(deps, info, minter, amount, true)
        }
        ExecuteMsg::DecreaseMinterAllowance { minter, amount } => {
            mint::change_minter_allowance(deps, info, minter, amount, false)
        }
        ExecuteMsg::RemoveMinter { minter } => mint::remove_minter(deps, info, minter),
        ExecuteMsg::Pause(_) => controls::set_paused(deps, info, true),
        ExecuteMsg::Unpause(_) => controls::set_paused(deps, info, false),
        ExecuteMsg::Blacklist { address, reason } => controls::blacklist(deps, env, info, vec![address], reason),
        ExecuteMsg::BatchBlacklist { addresses, reason } => controls::blacklist(deps, env, info, addresses, reason),
        ExecuteMsg::Unblacklist { address, reason } => controls::unblacklist(deps, info, address, reason),
        ExecuteMsg::WipeBlacklisted { address, reason } => controls::wipe_blacklisted(deps, info, address, reason),
        ExecuteMsg::RescueCw20 { token, recipient, amount } => {
            controls::rescue_cw20(deps, env, info, token, recipient, amount)
        }
        ExecuteMsg::RescueNative { denom, recipient, amount } => {
            controls::rescue_native(deps, info, denom, recipient, amount)
        }
        ExecuteMsg::PlaceHold(m) => holds::handle(deps, env, info, HoldOp::Place(m)),
        ExecuteMsg::ReleaseHold(m) => holds::handle(deps, env, info, HoldOp::Release(m)),
        ExecuteMsg::ExecuteHold(m) => holds::handle(deps, env, info, HoldOp::Execute(m)),
        ExecuteMsg::CourtReleaseHold(m) => holds::handle(deps, env, info, HoldOp::CourtRelease(m)),
        ExecuteMsg::AddVenue(AddressArgs { address }) => holds::add_venue(deps, env, info, address),
        ExecuteMsg::RemoveVenue(AddressArgs { address }) => holds::remove_venue(deps, info, address),
        ExecuteMsg::PublishAttestation(input) => reserves::publish_attestation(deps, env, info, input),
        ExecuteMsg::UpdateReservePolicy(policy) => reserves::update_reserve_policy(deps, info, policy),
        ExecuteMsg::VoidAttestation { sequence, reason } => {
            reserves::void_attestation(deps, env, info, sequence, reason)
        }
        ExecuteMsg::RequestRedemption { amount, payout_reference } => {
            redemption::request_redemption(deps, env, info, amount, payout_reference)
        }
        ExecuteMsg::MarkRedemptionPaid { id, payment_reference } => {
            redemption::mark_paid(deps, env, info, id, payment_reference)
        }
        ExecuteMsg::RejectRedemption { id, reason } => redemption::reject(deps, env, info, id, reason),
        ExecuteMsg::UpdateRedemptionConfig(c) => redemption::update_config(deps, info, c),
        ExecuteMsg::GrantRole { role, address } => admin::grant_role(deps, env, info, role, address),
        ExecuteMsg::RevokeRole { role, address } => admin::revoke_role(deps, info, role, address),
        ExecuteMsg::SetHolderMode { mode } => admin::set_holder_mode(deps, info, mode),
        ExecuteMsg::SetRegistry { registry } => admin::set_registry(deps, info, registry),
        ExecuteMsg::RegistryHook(hook) => identity::registry_hook(deps, info, hook),
        ExecuteMsg::UpdateOwnership(action) => admin::update_ownership(deps, env, info, action),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Balance(AddressArgs { address }) => to_json_binary(&query::balance(deps, address)?),
        QueryMsg::TokenInfo(_) => to_json_binary(&query::token_info(deps)?),
        QueryMsg::Minter(_) => to_json_binary(&query::minter(deps, env)?),
        QueryMsg::Allowance { owner, spender } => {
            to_json_binary(&ALLOWANCES.query_allowance(deps.storage, deps.api, &owner, &spender)?)
        }
        QueryMsg::AllAllowances { owner, start_after, limit } => {
            to_json_binary(&ALLOWANCES.query_all_allowances(deps.storage, deps.api, &owner, start_after, limit)?)
        }
        QueryMsg::AllSpenderAllowances { spender, start_after, limit } => to_json_binary(
            &ALLOWANCES.query_all_spender_allowances(deps.storage, deps.api, &spender, start_after, limit)?,
        ),
        QueryMsg::AllAccounts { start_after, limit } => to_json_binary(&query::all_accounts(deps, start_after, limit)?),
        QueryMsg::MarketingInfo(_) => to_json_binary(&query::marketing_info(deps)?),
        QueryMsg::DownloadLogo(_) => to_json_binary(&query::download_logo(deps)?),
        QueryMsg::Config(_) => to_json_binary(&query::config(deps)?),
        QueryMsg::Account(AddressArgs { address }) => to_json_binary(&query::account(deps, env, address)?),
        QueryMsg::RoleMembers { role, start_after, limit } => {
            to_json_binary(&query::role_members(deps, role, start_after, limit)?)
        }
        QueryMsg::MinterInfo(AddressArgs { address }) => to_json_binary(&query::minter_info_query(deps, env, address)?),
        QueryMsg::Minters { start_after, limit } => to_json_binary(&query::minters(deps, env, start_after, limit)?),
        QueryMsg::Blacklisted(AddressArgs { address }) => to_json_binary(&query::blacklisted(deps, address)?),
        QueryMsg::Blacklist { start_after, limit } => to_json_binary(&query::blacklist(deps, start_after, limit)?),
        QueryMsg::ReserveStatus(_) => to_json_binary(&query::reserve_status(deps, env)?),
        QueryMsg::PendingAttestations { start_after, limit } => {
            to_json_binary(&query::pending_attestations(deps, start_after, limit)?)
        }
        QueryMsg::Attestation { sequence } => to_json_binary(&query::attestation(deps, sequence)?),
        QueryMsg::Attestations { start_before, limit } => {
            to_json_binary(&query::attestations(deps, start_before, limit)?)
        }
        QueryMsg::RedemptionRequest { id } => to_json_binary(&query::redemption_request(deps, id)?),
        QueryMsg::RedemptionRequests { holder, start_after, limit } => {
            to_json_binary(&query::redemption_requests(deps, holder, start_after, limit)?)
        }
        QueryMsg::OpenRedemptions { overdue_only, start_after, limit } => {
            to_json_binary(&query::open_redemptions(deps, env, overdue_only, start_after, limit)?)
        }
        QueryMsg::Hold { owner, venue } => {
            to_json_binary(&HOLDS.query_hold(deps.storage, deps.api, env.block.time, &owner, &venue)?)
        }
        QueryMsg::Holds { owner, venue, start_after, limit } => to_json_binary(&HOLDS.query_holds(
            deps.storage,
            deps.api,
            env.block.time,
            owner,
            venue,
            start_after,
            limit,
        )?),
        QueryMsg::Venues { start_after, limit } => {
            to_json_binary(&VENUES.query_list(deps.storage, deps.api, start_after, limit)?)
        }
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
