//! The contracts the harness can deploy, wrapped for cw-multi-test.

use cosmwasm_std::Empty;
use cw_multi_test::{Contract, ContractWrapper};

pub fn identity_registry() -> Box<dyn Contract<Empty>> {
    use identity_registry::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

pub fn fund_token() -> Box<dyn Contract<Empty>> {
    use fund_token::contract::{execute, instantiate, migrate, query, reply};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_reply(reply).with_migrate(migrate))
}

pub fn fund_dealing() -> Box<dyn Contract<Empty>> {
    use fund_dealing::contract::{execute, instantiate, migrate, query};
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

/// The venue stand-in (vault, settlement, fund dealing): `packages/hold-venue`, which accepts hold
/// hooks and CW20 sends, keeps books of the holds placed for it and acts on them on instruction.
pub fn hold_venue() -> Box<dyn Contract<Empty>> {
    use hold_venue::{execute, instantiate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query))
}
