//! # bench-receiver
//!
//! A deliberately minimal contract for the gas benchmark (`packages/gas-bench`), never deployed:
//!
//! - **CW20 receiver**: accepts any `Receive(Cw20ReceiveMsg)` and does nothing (no storage, no
//!   attributes), so "send to a contract" measures the token's work plus one contract load, the
//!   same for cw20-base and the Harbour tokens. Registered as a venue identity it is also the
//!   fund token's venue.
//! - **Router self-test**: `Dispatch` returns arbitrary sub-messages (with any `ReplyOn`), `Write`
//!   writes a key, `Fail` fails, and `reply` records what it was told (`"reply:<id>"` →
//!   `"ok"`/`"err"`) and fails when the sub-message's payload is `"fail"`. The benchmark uses these
//!   to check that its router follows wasmd's sub-message, reply and rollback semantics on real wasm.
//!
//! Built by `scripts/build-reference.sh` to `artifacts/reference/bench_receiver.wasm`, outside the
//! `artifacts/*.wasm` set that is checked and shipped.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Reply, Response, StdError, StdResult, SubMsg,
    SubMsgResult,
};
use cw20::Cw20ReceiveMsg;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum ExecuteMsg {
    /// CW20 hook: accepted and ignored.
    Receive(Cw20ReceiveMsg),
    /// Returns these sub-messages.
    Dispatch { msgs: Vec<SubMsg<Empty>> },
    /// Writes `value` under `key`.
    Write { key: String, value: String },
    /// Always fails.
    Fail {},
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum QueryMsg {
    /// The value stored under `key` (`null` when absent).
    Get { key: String },
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(_deps: DepsMut, _env: Env, _info: MessageInfo, _msg: Empty) -> StdResult<Response> {
    Ok(Response::new())
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, _env: Env, _info: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    match msg {
        ExecuteMsg::Receive(_) => Ok(Response::new()),
        ExecuteMsg::Dispatch { msgs } => Ok(Response::new().add_submessages(msgs)),
        ExecuteMsg::Write { key, value } => {
            deps.storage.set(key.as_bytes(), value.as_bytes());
            Ok(Response::new())
        }
        ExecuteMsg::Fail {} => Err(StdError::generic_err("bench-receiver: told to fail")),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, _env: Env, msg: Reply) -> StdResult<Response> {
    let outcome = match msg.result {
        SubMsgResult::Ok(_) => "ok",
        SubMsgResult::Err(_) => "err",
    };
    deps.storage.set(format!("reply:{}", msg.id).as_bytes(), outcome.as_bytes());
    if msg.payload.as_slice() == b"fail" {
        return Err(StdError::generic_err("bench-receiver: reply told to fail"));
    }
    Ok(Response::new())
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Get { key } => {
            let value = deps.storage.get(key.as_bytes()).map(String::from_utf8).transpose()?;
            to_json_binary(&value)
        }
    }
}
