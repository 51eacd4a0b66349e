//! Router self-test on real wasm (`bench_receiver`): sub-message order, `ReplyOn` semantics and
//! rollback as wasmd does them. Run before the scenarios; a failure stops the benchmark.

use anyhow::{ensure, Context};
use cosmwasm_std::{to_json_binary, Addr, Binary, CosmosMsg, Empty, SubMsg, WasmMsg};
use serde::Serialize;

use crate::bench::Bench;
use crate::chain::Chain;
use crate::scenarios::common::deploy_receiver;

/// The receiver's messages (mirrors `bench-receiver`'s `ExecuteMsg`).
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Msg {
    Dispatch { msgs: Vec<SubMsg<Empty>> },
    Write { key: String, value: String },
    Fail {},
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Query {
    Get { key: String },
}

fn wasm(contract: &Addr, msg: &Msg) -> anyhow::Result<CosmosMsg<Empty>> {
    Ok(CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }))
}

fn write(key: &str, value: &str) -> Msg {
    Msg::Write { key: key.into(), value: value.into() }
}

fn get(chain: &Chain, contract: &Addr, key: &str) -> anyhow::Result<Option<String>> {
    chain.query(contract, &Query::Get { key: key.into() })
}

/// Runs every check; returns how many passed.
pub fn run(bench: &Bench) -> anyhow::Result<usize> {
    let chain = bench.chain();
    let (r, r2) = (deploy_receiver(bench, &chain, "selftest-a")?, deploy_receiver(bench, &chain, "selftest-b")?);
    let user = chain.wallet("selftest-user");
    let mut passed = 0;

    // 1. a failed sub-message caught by reply-on-error rolls back its own and its children's writes
    let inner =
        Msg::Dispatch { msgs: vec![SubMsg::new(wasm(&r2, &write("x", "1"))?), SubMsg::new(wasm(&r2, &Msg::Fail {})?)] };
    let out = chain.execute(
        &user,
        &r,
        &Msg::Dispatch {
            msgs: vec![SubMsg::reply_on_error(wasm(&r2, &inner)?, 7), SubMsg::new(wasm(&r, &write("after", "1"))?)],
        },
    )?;
    let usage = out.usage.clone();
    out.into_result().context("reply-on-error must catch the failure")?;
    ensure!(get(&chain, &r2, "x")?.is_none(), "the failed sub-message's child write was not rolled back");
    ensure!(get(&chain, &r, "reply:7")?.as_deref() == Some("err"), "reply-on-error did not receive the error");
    ensure!(get(&chain, &r, "after")?.as_deref() == Some("1"), "the message after the caught failure did not run");
    ensure!(
        usage.instances == 5 && usage.replies == 1 && usage.submessages == 4,
        "unexpected counts {usage:?} (want 5 instances, 1 reply, 4 sub-messages)"
    );
    passed += 1;

    // 2. an uncaught failure rolls back the whole transaction
    let out = chain.execute(
        &user,
        &r,
        &Msg::Dispatch { msgs: vec![SubMsg::new(wasm(&r, &write("y", "1"))?), SubMsg::new(wasm(&r2, &Msg::Fail {})?)] },
    )?;
    ensure!(out.result.is_err(), "an uncaught sub-message failure must fail the transaction");
    ensure!(get(&chain, &r, "y")?.is_none(), "a failed transaction kept a write");
    passed += 1;

    // 3. a failing reply fails the transaction, including the successful sub-message it replied to
    let sub = SubMsg::reply_on_success(wasm(&r2, &write("z", "1"))?, 9).with_payload(Binary::from(b"fail".to_vec()));
    let out = chain.execute(&user, &r, &Msg::Dispatch { msgs: vec![sub] })?;
    ensure!(out.result.is_err(), "a failing reply must fail the transaction");
    ensure!(get(&chain, &r2, "z")?.is_none(), "the replied-to sub-message's write survived a failed reply");
    ensure!(get(&chain, &r, "reply:9")?.is_none(), "the failed reply's write survived");
    passed += 1;

    // 4. reply-always on success, and reply-on-error is not called on success
    let out = chain.execute(
        &user,
        &r,
        &Msg::Dispatch {
            msgs: vec![
                SubMsg::reply_always(wasm(&r2, &write("w", "1"))?, 11),
                SubMsg::reply_on_error(wasm(&r2, &write("v", "1"))?, 12),
            ],
        },
    )?;
    let usage = out.usage.clone();
    out.into_result()?;
    ensure!(get(&chain, &r, "reply:11")?.as_deref() == Some("ok"), "reply-always missed a success");
    ensure!(get(&chain, &r, "reply:12")?.is_none(), "reply-on-error was called on success");
    ensure!(get(&chain, &r2, "w")?.as_deref() == Some("1"), "the sub-message's write is missing");
    ensure!(usage.replies == 1, "expected exactly one reply, got {}", usage.replies);
    passed += 1;

    // 5. depth first: a sub-message's own messages run before the next sibling
    let nested = Msg::Dispatch { msgs: vec![SubMsg::new(wasm(&r2, &write("o", "first"))?)] };
    chain
        .execute(
            &user,
            &r,
            &Msg::Dispatch {
                msgs: vec![SubMsg::new(wasm(&r2, &nested)?), SubMsg::new(wasm(&r2, &write("o", "second"))?)],
            },
        )?
        .into_result()?;
    ensure!(get(&chain, &r2, "o")?.as_deref() == Some("second"), "sub-messages were not dispatched depth first");
    passed += 1;

    // 6. a failed top-level call leaves nothing behind
    let before = chain.dump(&r);
    let out = chain.execute(&user, &r, &Msg::Fail {})?;
    ensure!(out.result.is_err() && chain.dump(&r) == before, "a failed call changed state");
    ensure!(out.usage.instances == 1, "a failed call must still pay its instance");
    passed += 1;
    Ok(passed)
}
