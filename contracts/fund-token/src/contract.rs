//! Entry points. Thin: rules live in `ledger.rs`, actions in `execute/*`, reads in `query.rs`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Addr, Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response, Uint128};
use harbour_types::fund_token::{ExecuteMsg, FundRole, IncomeMode, InstantiateMsg, MigrateMsg, QueryMsg, RoleArgs};
use harbour_types::holds::HoldOp;
use harbour_types::migration::ensure_upgrade;
use harbour_types::AddressArgs;

use crate::error::ContractError;
use crate::execute::{admin, agent, cw20 as cw20x, dealing, holds, identity};
use crate::helpers::{addr, check_text, validate_policy};
use crate::query;
use crate::state::{
    Config, Hot, IncomeState, TokenInfo, ALLOWANCES, CONFIG, HOLDERS, HOLDS, HOT, INCOME, MARKETING, TOKEN, VENUES,
};

pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    check_text("name", &msg.name)?;
    if !(3..=12).contains(&msg.symbol.len()) || !msg.symbol.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(ContractError::InvalidConfig { reason: "symbol must be 3-12 characters of [a-zA-Z0-9-]".into() });
    }
    if msg.decimals > 18 {
        return Err(ContractError::InvalidConfig { reason: "decimals must be at most 18".into() });
    }
    validate_policy(&msg.policy)?;
    let owner = addr(deps.api, &msg.owner)?;
    cw_ownable::initialize_owner(deps.storage, deps.api, Some(owner.as_str()))?;
    CONFIG.save(
        deps.storage,
        &Config {
            registry: addr(deps.api, &msg.registry)?,
            income_mode: msg.income_mode,
            income_token: addr(deps.api, &msg.income_token)?,
            custody: addr(deps.api, &msg.custody)?,
            dealing: None,
        },
    )?;
    HOT.save(
        deps.storage,
        &Hot {
            paused: false,
            required_codes: admin::required_codes(&msg.policy),
            policy: msg.policy,
            distributing: msg.income_mode == IncomeMode::Distributing,
            index: Default::default(),
            period: 0,
        },
    )?;
    TOKEN.save(
        deps.storage,
        &TokenInfo {
            name: msg.name.clone(),
            symbol: msg.symbol.clone(),
            decimals: msg.decimals,
            total_supply: Uint128::zero(),
        },
    )?;
    INCOME.save(deps.storage, &IncomeState::default())?;
    HOLDERS.save(deps.storage, &0)?;
    if let Some(m) = msg.marketing {
        // Only URL logos can be given at instantiate (an embedded logo is uploaded with UploadLogo).
        let logo = m.logo.and_then(|l| match l {
            cw20::LogoInfo::Url(url) => Some(cw20::Logo::Url(url)),
            cw20::LogoInfo::Embedded => None,
        });
        MARKETING.init(deps.storage, deps.api, m.project, m.description, m.marketing.map(Addr::into_string), logo)?;
    }
    for (role, members) in [
        (FundRole::Agent, &msg.agents),
        (FundRole::Pauser, &msg.pausers),
        (FundRole::ComplianceOfficer, &msg.compliance_officers),
    ] {
        for m in members {
            let member = addr(deps.api, m)?;
            admin::grant_inner(deps.storage, role, &member)?;
        }
    }
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("contract", CONTRACT_NAME)
        .add_attribute("version", CONTRACT_VERSION)
        .add_attribute("owner", owner)
        .add_attribute("symbol", msg.symbol))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
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
        ExecuteMsg::Burn { .. } | ExecuteMsg::BurnFrom { .. } => Err(ContractError::RedeemWithRequest {}),
        ExecuteMsg::Mint { recipient, amount } => agent::mint(deps, env, info, recipient, amount),
        ExecuteMsg::UpdateMarketing { project, description, marketing } => {
            cw20x::update_marketing(deps, info, project, description, marketing)
        }
        ExecuteMsg::UploadLogo(logo) => cw20x::upload_logo(deps, info, logo),
        ExecuteMsg::RegistryHook(hook) => identity::registry_hook(deps, info, hook),
        ExecuteMsg::Receive(wrapper) => crate::income::receive(deps, info, wrapper),
        ExecuteMsg::DealingMint(m) => dealing::dealing_mint(deps, env, info, m),
        ExecuteMsg::ClaimIncome(_) => crate::income::claim(deps, info),
        ExecuteMsg::PlaceHold(m) => holds::handle(deps, env, info, HoldOp::Place(m)),
        ExecuteMsg::ReleaseHold(m) => holds::handle(deps, env, info, HoldOp::Release(m)),
        ExecuteMsg::ExecuteHold(m) => holds::handle(deps, env, info, HoldOp::Execute(m)),
        ExecuteMsg::BurnHeld(m) => holds::burn_held(deps, env, info, m),
        ExecuteMsg::CourtReleaseHold(m) => holds::handle(deps, env, info, HoldOp::CourtRelease(m)),
        ExecuteMsg::BatchMint { mints } => agent::batch_mint(deps, env, info, mints),
        ExecuteMsg::AgentBurn { from, amount, reason } => agent::agent_burn(deps, env, info, from, amount, reason),
        ExecuteMsg::ForcedTransfer(t) => agent::forced_transfer(deps, env, info, t),
        ExecuteMsg::BatchForcedTransfer { transfers } => agent::batch_forced_transfer(deps, env, info, transfers),
        ExecuteMsg::RecoverWallet { lost_wallet, new_wallet } => {
            agent::recover_wallet(deps, env, info, lost_wallet, new_wallet)
        }
        ExecuteMsg::Freeze(item) => agent::freeze(deps, info, item),
        ExecuteMsg::BatchFreeze { items } => agent::batch_freeze(deps, info, items),
        ExecuteMsg::Unfreeze { address, reason } => agent::unfreeze(deps, info, address, reason),
        ExecuteMsg::Pause(_) => agent::set_paused(deps, info, true),
        ExecuteMsg::Unpause(_) => agent::set_paused(deps, info, false),
        ExecuteMsg::UpdatePolicy(policy) => admin::update_policy(deps, info, policy),
        ExecuteMsg::SetDealing(AddressArgs { address }) => dealing::set_dealing(deps, info, address),
        ExecuteMsg::UpdateIncomeToken(AddressArgs { address }) => {
            crate::income::update_income_token(deps, env, info, address)
        }
        ExecuteMsg::GrantRole(RoleArgs { role, address }) => admin::grant_role(deps, info, role, address),
        ExecuteMsg::RevokeRole(RoleArgs { role, address }) => admin::revoke_role(deps, info, role, address),
        ExecuteMsg::AddVenue(args) => admin::add_venue(deps, info, args),
        ExecuteMsg::RemoveVenue(AddressArgs { address }) => admin::remove_venue(deps, info, address),
        ExecuteMsg::SweepIncomeCarry(_) => crate::income::sweep(deps, info),
        ExecuteMsg::UpdateOwnership(action) => admin::update_ownership(deps, env, info, action),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Balance(AddressArgs { address }) => to_json_binary(&query::balance(deps, address)?),
        QueryMsg::TokenInfo(_) => to_json_binary(&query::token_info(deps)?),
        QueryMsg::Minter(_) => to_json_binary(&query::minter(deps)?),
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
        QueryMsg::CanTransfer { from, to, amount } => {
            to_json_binary(&query::can_transfer(deps, env, from, to, amount)?)
        }
        QueryMsg::CanMint { recipient, amount } => to_json_binary(&query::can_mint(deps, env, recipient, amount)?),
        QueryMsg::CanRedeem { owner, amount, held } => {
            to_json_binary(&query::can_redeem(deps, env, owner, amount, held)?)
        }
        QueryMsg::Account(AddressArgs { address }) => to_json_binary(&query::account(deps, env, address)?),
        QueryMsg::Holders { start_after, limit } => to_json_binary(&query::holders(deps, start_after, limit)?),
        QueryMsg::HolderWallets { did, start_after, limit } => {
            to_json_binary(&query::holder_wallets(deps, did, start_after, limit)?)
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
        QueryMsg::IncomeState(_) => to_json_binary(&query::income_state(deps)?),
        QueryMsg::RoleMembers { role, start_after, limit } => {
            to_json_binary(&query::role_members(deps, role, start_after, limit)?)
        }
        QueryMsg::Venues { start_after, limit } => {
            to_json_binary(&VENUES.query_list(deps.storage, deps.api, start_after, limit)?)
        }
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }?)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, env: Env, msg: Reply) -> Result<Response, ContractError> {
    match msg.id {
        holds::PLACED_HOOK_REPLY => holds::placed_hook_reply(deps, env, msg),
        id => Err(ContractError::Std(cosmwasm_std::StdError::generic_err(format!("unknown reply id {id}")))),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let upgrade = ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", upgrade.from.to_string())
        .add_attribute("to_version", upgrade.to.to_string()))
}
