//! cw20-base 2.0 from crates.io, built with the same toolchain: the reference every Harbour
//! operation is compared with.

use cosmwasm_std::to_json_binary;
use cw20::Cw20ExecuteMsg;

use super::common::{amount, deploy_cw20, deploy_receiver, AMOUNT, INITIAL_BALANCE};
use crate::bench::{Bench, Op, Scenario};

pub const SCENARIO: Scenario = Scenario { name: "cw20_base", requires: &["cw20_base", "bench_receiver"], run };

/// Key of the reference transfer every ratio budget divides by.
pub const TRANSFER: &str = "cw20_base.transfer";

fn run(bench: &mut Bench) -> anyhow::Result<()> {
    let chain = bench.chain();
    let (alice, bob, carol, minter) =
        (chain.wallet("alice"), chain.wallet("bob"), chain.wallet("carol"), chain.wallet("minter"));
    let token = deploy_cw20(bench, &chain, "HKDT", &minter, &[(&alice, INITIAL_BALANCE)])?;
    let receiver = deploy_receiver(bench, &chain, "receiver")?;
    let transfer = Cw20ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amount(AMOUNT) };

    bench.tx(
        &chain,
        Op::new("cw20_base.transfer_new", "transfer to a new holder").note("bob holds nothing before"),
        &alice,
        &token,
        &transfer,
    )?;
    bench.tx(&chain, Op::new(TRANSFER, "transfer (repeat)").note("both balances exist"), &alice, &token, &transfer)?;

    chain.exec(
        &alice,
        &token,
        &Cw20ExecuteMsg::IncreaseAllowance {
            spender: carol.to_string(),
            amount: amount(INITIAL_BALANCE),
            expires: None,
        },
    )?;
    bench.tx(
        &chain,
        Op::new("cw20_base.transfer_from", "transfer_from").note("carol spends alice's allowance, to bob"),
        &carol,
        &token,
        &Cw20ExecuteMsg::TransferFrom { owner: alice.to_string(), recipient: bob.to_string(), amount: amount(AMOUNT) },
    )?;
    bench.tx(
        &chain,
        Op::new("cw20_base.send", "send to a contract").note("to the bench receiver (no-op Receive), first receipt"),
        &alice,
        &token,
        &Cw20ExecuteMsg::Send {
            contract: receiver.to_string(),
            amount: amount(AMOUNT),
            msg: to_json_binary(&"deposit")?,
        },
    )?;
    bench.tx(
        &chain,
        Op::new("cw20_base.mint", "mint").note("minter to an existing holder"),
        &minter,
        &token,
        &Cw20ExecuteMsg::Mint { recipient: bob.to_string(), amount: amount(AMOUNT) },
    )?;
    bench.tx(
        &chain,
        Op::new("cw20_base.burn", "burn"),
        &alice,
        &token,
        &Cw20ExecuteMsg::Burn { amount: amount(AMOUNT) },
    )?;
    Ok(())
}
