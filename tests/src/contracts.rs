//! The contracts the harness can deploy, wrapped for cw-multi-test.

use cosmwasm_std::Empty;
use cw_multi_test::{Contract, ContractWrapper};

pub fn identity_registry() -> Box<dyn Contract<Empty>> {
    use identity_registry::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

pub fn fund_token() -> Box<dyn Contract<Empty>> {
    use fund_token::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

pub fn hkd_stablecoin() -> Box<dyn Contract<Empty>> {
    use hkd_stablecoin::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

pub fn cw20_base() -> Box<dyn Contract<Empty>> {
    use cw20_base::contract::{execute, instantiate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

pub fn cw3_fixed_multisig() -> Box<dyn Contract<Empty>> {
    use cw3_fixed_multisig::contract::{execute, instantiate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

/// A stand-in subscriber that records every identity hook it receives (and can be told to fail),
/// for testing the registry's push to subscribed contracts.
pub mod hook_recorder {
    use cosmwasm_std::{
        to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Order, Response, StdError, StdResult,
    };
    use cw_storage_plus::{Item, Map};
    use harbour_types::identity_registry::{IdentityHookMsg, IdentitySnapshot, SubscriberExecuteMsg};
    use serde::{Deserialize, Serialize};

    const RECEIVED: Map<u64, IdentitySnapshot> = Map::new("r");
    const COUNT: Item<u64> = Item::new("c");
    const FAIL: Item<bool> = Item::new("f");

    #[derive(Serialize, Deserialize, Clone, Debug, PartialEq, schemars::JsonSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum RecorderExecuteMsg {
        RegistryHook(IdentityHookMsg),
        SetFail { fail: bool },
    }

    #[derive(Serialize, Deserialize, Clone, Debug, PartialEq, schemars::JsonSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum RecorderQueryMsg {
        Received {},
    }

    pub fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
        COUNT.save(deps.storage, &0)?;
        FAIL.save(deps.storage, &false)?;
        Ok(Response::new())
    }

    pub fn execute(deps: DepsMut, _: Env, _: MessageInfo, msg: RecorderExecuteMsg) -> StdResult<Response> {
        match msg {
            RecorderExecuteMsg::RegistryHook(IdentityHookMsg::IdentityChanged(snap)) => {
                if FAIL.load(deps.storage)? {
                    return Err(StdError::generic_err("recorder told to fail"));
                }
                let n = COUNT.load(deps.storage)?;
                RECEIVED.save(deps.storage, n, &snap)?;
                COUNT.save(deps.storage, &(n + 1))?;
            }
            RecorderExecuteMsg::SetFail { fail } => FAIL.save(deps.storage, &fail)?,
        }
        Ok(Response::new())
    }

    pub fn query(deps: Deps, _: Env, _: RecorderQueryMsg) -> StdResult<Binary> {
        let all: Vec<IdentitySnapshot> = RECEIVED
            .range(deps.storage, None, None, Order::Ascending)
            .map(|r| r.map(|(_, s)| s))
            .collect::<StdResult<_>>()?;
        to_json_binary(&all)
    }

    /// The JSON the registry sends must deserialize as the shared `SubscriberExecuteMsg` too.
    pub fn _shape_check(msg: SubscriberExecuteMsg) -> RecorderExecuteMsg {
        match msg {
            SubscriberExecuteMsg::RegistryHook(h) => RecorderExecuteMsg::RegistryHook(h),
        }
    }
}

pub fn hook_recorder() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(hook_recorder::execute, hook_recorder::instantiate, hook_recorder::query))
}

/// A venue stand-in (vault, settlement): accepts CW20 `Send`s, records them, and can move the
/// tokens it holds on instruction (`Forward`), like a venue paying out to an investor.
pub mod venue_mock {
    use cosmwasm_std::{
        to_json_binary, Binary, CosmosMsg, Deps, DepsMut, Empty, Env, MessageInfo, Order, Response, StdResult, Uint128,
        WasmMsg,
    };
    use cw20::{Cw20ExecuteMsg, Cw20ReceiveMsg};
    use cw_storage_plus::{Item, Map};
    use serde::{Deserialize, Serialize};

    const RECEIVED: Map<u64, (String, String, Uint128)> = Map::new("r");
    const COUNT: Item<u64> = Item::new("c");

    #[derive(Serialize, Deserialize, Clone, Debug, PartialEq, schemars::JsonSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum VenueExecuteMsg {
        Receive(Cw20ReceiveMsg),
        /// Execute any CW20 message on `token` as the venue.
        Forward {
            token: String,
            msg: Cw20ExecuteMsg,
        },
    }

    #[derive(Serialize, Deserialize, Clone, Debug, PartialEq, schemars::JsonSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum VenueQueryMsg {
        /// (token, sender, amount) of every receive, in order.
        Received {},
    }

    pub fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
        COUNT.save(deps.storage, &0)?;
        Ok(Response::new())
    }

    pub fn execute(deps: DepsMut, _: Env, info: MessageInfo, msg: VenueExecuteMsg) -> StdResult<Response> {
        match msg {
            VenueExecuteMsg::Receive(r) => {
                let n = COUNT.load(deps.storage)?;
                RECEIVED.save(deps.storage, n, &(info.sender.to_string(), r.sender, r.amount))?;
                COUNT.save(deps.storage, &(n + 1))?;
                Ok(Response::new())
            }
            VenueExecuteMsg::Forward { token, msg } => {
                Ok(Response::new().add_message(CosmosMsg::Wasm(WasmMsg::Execute {
                    contract_addr: token,
                    msg: to_json_binary(&msg)?,
                    funds: vec![],
                })))
            }
        }
    }

    pub fn query(deps: Deps, _: Env, _: VenueQueryMsg) -> StdResult<Binary> {
        let all: Vec<(String, String, Uint128)> = RECEIVED
            .range(deps.storage, None, None, Order::Ascending)
            .map(|r| r.map(|(_, v)| v))
            .collect::<StdResult<_>>()?;
        to_json_binary(&all)
    }
}

pub fn venue_mock() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(venue_mock::execute, venue_mock::instantiate, venue_mock::query))
}
