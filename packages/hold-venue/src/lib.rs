//! # hold-venue
//!
//! A venue for tests and the gas benchmark, never deployed: what the vault, settlement and fund
//! dealing do with holds, reduced to books.
//!
//! - **Hooks** (`{"hold_hook":{..}}`, from any token): `placed`, `court_released` and `moved` set
//!   the books of (token, owner) to the `held` the token reports; with `record`, every hook is
//!   also logged. `SetRefuse` makes hooks fail (a venue refusing a hold).
//! - **Venue actions**: `Release`, `Execute` and `Burn` lower the books and send the token
//!   `ReleaseHold`, `ExecuteHold` or `BurnHeld` as the venue; `Call` sends any message as the
//!   venue (its own balance, negative tests).
//! - **CW20 receiver**: `Receive` is accepted (logged with `record`).
//!
//! Books stay equal to the token's holds except after a third party releases an expired hold
//! (the token does not call the venue then: the venue knows the expiry from `placed`).
//!
//! Built by `scripts/build-reference.sh` to `artifacts/reference/hold_venue.wasm`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    to_json_binary, Binary, CosmosMsg, Deps, DepsMut, Env, MessageInfo, Order, Response, StdError, StdResult,
    Timestamp, Uint128, WasmMsg,
};
use cw20::Cw20ReceiveMsg;
use cw_storage_plus::{Item, Map};
use harbour_types::fund_token::BurnHeldMsg;
use harbour_types::holds::{ExecuteHoldMsg, HoldHookMsg, HoldTransfer, ReleaseHoldMsg};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, schemars::JsonSchema)]
pub struct InstantiateMsg {
    /// Log every hook and receipt (the harness); the benchmark leaves it off so a hook costs one
    /// books write.
    pub record: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExecuteMsg {
    HoldHook(HoldHookMsg),
    Receive(Cw20ReceiveMsg),
    /// `ReleaseHold` on `token` for `owner` (`amount: None` releases the booked amount).
    Release {
        token: String,
        owner: String,
        amount: Option<Uint128>,
    },
    /// `ExecuteHold` on `token`.
    Execute {
        token: String,
        owner: String,
        transfers: Vec<HoldTransfer>,
    },
    /// `BurnHeld` on `token` (the fund token, for a venue approved with `burn_held`).
    Burn {
        token: String,
        owner: String,
        amount: Uint128,
    },
    /// Any message to any contract, sent as the venue.
    Call {
        contract: String,
        msg: Binary,
    },
    /// Refuse (fail) every hook from now on, or accept them again.
    SetRefuse {
        refuse: bool,
    },
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QueryMsg {
    /// [`Book`]s of one token, by owner.
    Books { token: String },
    /// Every hook received, in order: (token, hook).
    Hooks {},
    /// Every CW20 receipt, in order: (token, sender, amount).
    Received {},
}

/// What the venue believes is held for it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, schemars::JsonSchema)]
pub struct Book {
    pub owner: String,
    pub held: Uint128,
    pub expires: Option<Timestamp>,
}

const RECORD: Item<bool> = Item::new("r");
const REFUSE: Item<bool> = Item::new("f");
const BOOKS: Map<(&str, &str), (Uint128, Option<Timestamp>)> = Map::new("b");
const HOOKS: Map<u32, (String, HoldHookMsg)> = Map::new("h");
const RECEIVED: Map<u32, (String, String, Uint128)> = Map::new("c");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(deps: DepsMut, _env: Env, _info: MessageInfo, msg: InstantiateMsg) -> StdResult<Response> {
    RECORD.save(deps.storage, &msg.record)?;
    Ok(Response::new())
}

fn set_book(deps: &mut DepsMut, token: &str, owner: &str, held: Uint128, expires: Option<Timestamp>) -> StdResult<()> {
    if held.is_zero() {
        BOOKS.remove(deps.storage, (token, owner));
        Ok(())
    } else {
        BOOKS.save(deps.storage, (token, owner), &(held, expires))
    }
}

fn lower_book(deps: &mut DepsMut, token: &str, owner: &str, amount: Option<Uint128>) -> StdResult<Uint128> {
    let (held, expires) = BOOKS.may_load(deps.storage, (token, owner))?.unwrap_or_default();
    let amount = amount.unwrap_or(held);
    let left = held.checked_sub(amount).map_err(|_| StdError::generic_err("hold-venue: more than booked"))?;
    set_book(deps, token, owner, left, expires)?;
    Ok(amount)
}

fn call<M: Serialize>(contract: String, msg: &M) -> StdResult<CosmosMsg> {
    Ok(CosmosMsg::Wasm(WasmMsg::Execute { contract_addr: contract, msg: to_json_binary(msg)?, funds: vec![] }))
}

/// The token messages the venue sends (the shapes both tokens accept).
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum TokenMsg {
    ReleaseHold(ReleaseHoldMsg),
    ExecuteHold(ExecuteHoldMsg),
    BurnHeld(BurnHeldMsg),
}

fn log<T: Serialize + serde::de::DeserializeOwned>(deps: &mut DepsMut, map: Map<u32, T>, item: &T) -> StdResult<()> {
    if RECORD.load(deps.storage)? {
        let n = map.keys(deps.storage, None, None, Order::Descending).next().transpose()?.map_or(0, |k| k + 1);
        map.save(deps.storage, n, item)?;
    }
    Ok(())
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(mut deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    match msg {
        ExecuteMsg::HoldHook(hook) => {
            if REFUSE.may_load(deps.storage)?.unwrap_or(false) {
                return Err(StdError::generic_err("hold-venue: refusing the hook"));
            }
            let token = info.sender.as_str();
            match &hook {
                HoldHookMsg::Placed { owner, held, expires, .. } => set_book(&mut deps, token, owner, *held, *expires)?,
                HoldHookMsg::CourtReleased { owner, held, .. } => {
                    let expires = BOOKS.may_load(deps.storage, (token, owner))?.and_then(|b| b.1);
                    set_book(&mut deps, token, owner, *held, expires)?
                }
                HoldHookMsg::Moved { from_owner, to_owner, held, .. } => {
                    let expires = BOOKS.may_load(deps.storage, (token, from_owner))?.and_then(|b| b.1);
                    set_book(&mut deps, token, from_owner, Uint128::zero(), None)?;
                    set_book(&mut deps, token, to_owner, *held, expires)?
                }
            }
            log(&mut deps, HOOKS, &(token.to_string(), hook))?;
            Ok(Response::new())
        }
        ExecuteMsg::Receive(r) => {
            log(&mut deps, RECEIVED, &(info.sender.to_string(), r.sender, r.amount))?;
            Ok(Response::new())
        }
        ExecuteMsg::Release { token, owner, amount } => {
            let amount = lower_book(&mut deps, &token, &owner, amount)?;
            let venue = env.contract.address.to_string();
            let m = TokenMsg::ReleaseHold(ReleaseHoldMsg { owner, venue, amount: Some(amount), reason: None });
            Ok(Response::new().add_message(call(token, &m)?))
        }
        ExecuteMsg::Execute { token, owner, transfers } => {
            let total = transfers.iter().try_fold(Uint128::zero(), |t, x| t.checked_add(x.amount))?;
            lower_book(&mut deps, &token, &owner, Some(total))?;
            Ok(Response::new().add_message(call(token, &TokenMsg::ExecuteHold(ExecuteHoldMsg { owner, transfers }))?))
        }
        ExecuteMsg::Burn { token, owner, amount } => {
            lower_book(&mut deps, &token, &owner, Some(amount))?;
            Ok(Response::new().add_message(call(token, &TokenMsg::BurnHeld(BurnHeldMsg { owner, amount }))?))
        }
        ExecuteMsg::Call { contract, msg } => Ok(Response::new().add_message(CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: contract,
            msg,
            funds: vec![],
        }))),
        ExecuteMsg::SetRefuse { refuse } => {
            REFUSE.save(deps.storage, &refuse)?;
            Ok(Response::new())
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Books { token } => {
            let books: Vec<Book> = BOOKS
                .prefix(&token)
                .range(deps.storage, None, None, Order::Ascending)
                .map(|r| r.map(|(owner, (held, expires))| Book { owner, held, expires }))
                .collect::<StdResult<_>>()?;
            to_json_binary(&books)
        }
        QueryMsg::Hooks {} => {
            let all: Vec<(String, HoldHookMsg)> = HOOKS
                .range(deps.storage, None, None, Order::Ascending)
                .map(|r| r.map(|(_, v)| v))
                .collect::<StdResult<_>>()?;
            to_json_binary(&all)
        }
        QueryMsg::Received {} => {
            let all: Vec<(String, String, Uint128)> = RECEIVED
                .range(deps.storage, None, None, Order::Ascending)
                .map(|r| r.map(|(_, v)| v))
                .collect::<StdResult<_>>()?;
            to_json_binary(&all)
        }
    }
}
