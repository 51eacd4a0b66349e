//! The blacklist on every path, the exact scope of pause, rescue and wipe.

use cosmwasm_std::{coin, to_json_binary, Addr, BankMsg, Binary, CosmosMsg, WasmMsg};
use cw20::Cw20ExecuteMsg;
use harbour_types::hkd_stablecoin::{BlacklistEntry, BlacklistResponse, ExecuteMsg, QueryMsg, StableConfigResponse};

use super::{amt, Fixture};
use crate::error::ContractError;

fn bl(a: &Addr) -> ContractError {
    ContractError::Blacklisted { address: a.to_string() }
}

#[test]
fn blacklist_blocks_every_path() {
    let mut f = Fixture::new();
    let (alice, bob, minter) = (f.alice.clone(), f.bob.clone(), f.minter.clone());
    let spender = f.addr("spender");
    f.transfer(&alice, &bob, 10_000).unwrap();
    for (owner, sp) in [(&alice, &spender), (&bob, &spender), (&alice, &minter)] {
        f.exec(owner, ExecuteMsg::IncreaseAllowance { spender: sp.to_string(), amount: amt(5_000), expires: None })
            .unwrap();
    }
    f.blacklist(&bob);

    let cases: Vec<(Addr, ExecuteMsg, ContractError)> = vec![
        // sending
        (bob.clone(), ExecuteMsg::Transfer { recipient: alice.to_string(), amount: amt(1) }, bl(&bob)),
        (
            bob.clone(),
            ExecuteMsg::Send { contract: alice.to_string(), amount: amt(1), msg: Binary::default() },
            bl(&bob),
        ),
        // receiving
        (alice.clone(), ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amt(1) }, bl(&bob)),
        (
            alice.clone(),
            ExecuteMsg::Send { contract: bob.to_string(), amount: amt(1), msg: Binary::default() },
            bl(&bob),
        ),
        // approving, as owner and as spender
        (
            bob.clone(),
            ExecuteMsg::IncreaseAllowance { spender: spender.to_string(), amount: amt(1), expires: None },
            bl(&bob),
        ),
        (
            bob.clone(),
            ExecuteMsg::DecreaseAllowance { spender: spender.to_string(), amount: amt(1), expires: None },
            bl(&bob),
        ),
        (
            alice.clone(),
            ExecuteMsg::IncreaseAllowance { spender: bob.to_string(), amount: amt(1), expires: None },
            bl(&bob),
        ),
        // transfer_from: blacklisted owner, recipient
        (
            spender.clone(),
            ExecuteMsg::TransferFrom { owner: bob.to_string(), recipient: alice.to_string(), amount: amt(1) },
            bl(&bob),
        ),
        (
            spender.clone(),
            ExecuteMsg::TransferFrom { owner: alice.to_string(), recipient: bob.to_string(), amount: amt(1) },
            bl(&bob),
        ),
        (
            spender.clone(),
            ExecuteMsg::SendFrom {
                owner: alice.to_string(),
                contract: bob.to_string(),
                amount: amt(1),
                msg: Binary::default(),
            },
            bl(&bob),
        ),
        // minting to, burning from
        (minter.clone(), super::mint_msg(&bob, 1), bl(&bob)),
        (minter.clone(), ExecuteMsg::BurnFrom { owner: bob.to_string(), amount: amt(1) }, bl(&bob)),
        // redeeming
        (bob.clone(), ExecuteMsg::RequestRedemption { amount: amt(100), payout_reference: "ref".into() }, bl(&bob)),
    ];
    for (sender, msg, err) in cases {
        f.assert_rejected(&sender, msg, err);
    }
    // a blacklisted spender cannot spend an allowance it was given before
    f.blacklist(&spender);
    f.assert_rejected(
        &spender,
        ExecuteMsg::TransferFrom { owner: alice.to_string(), recipient: f.addr("carol").to_string(), amount: amt(1) },
        bl(&spender),
    );
    // balances of blacklisted addresses still count in supply
    assert_eq!(f.supply(), 500_000);
    let entry: BlacklistEntry = f.query(QueryMsg::Blacklisted(harbour_types::AddressArgs { address: bob.to_string() }));
    assert!(entry.blacklisted && entry.reason.as_deref() == Some("sanctions list 2026-01"));
    let list: BlacklistResponse = f.query(QueryMsg::Blacklist { start_after: None, limit: None });
    assert_eq!(list.entries.len(), 2);
    let cfg: StableConfigResponse = f.query(QueryMsg::Config(harbour_types::NoArgs {}));
    assert_eq!(cfg.blacklisted_count, 2);
    // un-blacklisting restores every path
    let blr = f.blacklister.clone();
    f.exec(&blr, ExecuteMsg::Unblacklist { address: bob.to_string(), reason: "delisted".into() }).unwrap();
    f.transfer(&bob, &alice, 1).unwrap();
    f.assert_rejected(
        &blr,
        ExecuteMsg::Unblacklist { address: bob.to_string(), reason: "again".into() },
        ContractError::NotBlacklisted { address: bob.to_string() },
    );
}

#[test]
fn blacklist_input_rules() {
    let mut f = Fixture::new();
    let blr = f.blacklister.clone();
    let (alice, minter, owner) = (f.alice.clone(), f.minter.clone(), f.owner.clone());
    f.blacklist(&alice);
    f.assert_rejected(
        &blr,
        ExecuteMsg::Blacklist { address: alice.to_string(), reason: "dup".into() },
        ContractError::AlreadyBlacklisted { address: alice.to_string() },
    );
    f.assert_rejected(
        &blr,
        ExecuteMsg::Blacklist { address: minter.to_string(), reason: "x".into() },
        ContractError::CannotBlacklistRoleHolder { address: minter.to_string(), role: "minter".into() },
    );
    f.assert_rejected(
        &blr,
        ExecuteMsg::Blacklist { address: owner.to_string(), reason: "x".into() },
        ContractError::CannotBlacklistRoleHolder { address: owner.to_string(), role: "owner".into() },
    );
    f.assert_rejected(
        &blr,
        ExecuteMsg::Blacklist { address: f.bob.to_string(), reason: "".into() },
        ContractError::InvalidText { field: "reason", max: 256 },
    );
    // batches are all-or-nothing and bounded
    let (c, d) = (f.addr("c"), f.addr("d"));
    f.assert_rejected(
        &blr,
        ExecuteMsg::BatchBlacklist { addresses: vec![c.to_string(), alice.to_string()], reason: "list".into() },
        ContractError::AlreadyBlacklisted { address: alice.to_string() },
    );
    f.assert_rejected(
        &blr,
        ExecuteMsg::BatchBlacklist { addresses: vec![], reason: "list".into() },
        ContractError::EmptyBatch {},
    );
    let many = (0..51).map(|i| f.addr(&format!("s{i}")).to_string()).collect();
    f.assert_rejected(
        &blr,
        ExecuteMsg::BatchBlacklist { addresses: many, reason: "list".into() },
        ContractError::BatchTooLarge { got: 51, max: 50 },
    );
    f.exec(&blr, ExecuteMsg::BatchBlacklist { addresses: vec![c.to_string(), d.to_string()], reason: "list".into() })
        .unwrap();
    let cfg: StableConfigResponse = f.query(QueryMsg::Config(harbour_types::NoArgs {}));
    assert_eq!(cfg.blacklisted_count, 3);
}

/// Pause stops holder and minter balance changes; wipes by legal order and the settlement of filed
/// redemptions (recording an off-chain payment, or returning the escrow) go on.
#[test]
fn pause_scope_is_exactly_holder_and_minter_balance_changes() {
    let mut f = Fixture::new();
    let (alice, bob, minter, spender) = (f.alice.clone(), f.bob.clone(), f.minter.clone(), f.addr("spender"));
    let (op, ap, rescuer) = (f.operator.clone(), f.asset_protector.clone(), f.rescuer.clone());
    f.mint(&minter, 1_000).unwrap();
    f.exec(&alice, ExecuteMsg::IncreaseAllowance { spender: spender.to_string(), amount: amt(100), expires: None })
        .unwrap();
    f.exec(&alice, ExecuteMsg::IncreaseAllowance { spender: minter.to_string(), amount: amt(100), expires: None })
        .unwrap();
    let pending = f.request_redemption(&alice, 1_000).unwrap();
    let pending2 = f.request_redemption(&alice, 1_000).unwrap();
    f.transfer(&alice, &bob, 20_000).unwrap();
    f.blacklist(&bob);
    let own = f.env.contract.address.clone();
    f.transfer(&alice, &own, 50).unwrap();
    f.pause();

    let blocked: Vec<(Addr, ExecuteMsg)> = vec![
        (alice.clone(), ExecuteMsg::Transfer { recipient: minter.to_string(), amount: amt(1) }),
        (alice.clone(), ExecuteMsg::Send { contract: minter.to_string(), amount: amt(1), msg: Binary::default() }),
        (
            spender.clone(),
            ExecuteMsg::TransferFrom { owner: alice.to_string(), recipient: minter.to_string(), amount: amt(1) },
        ),
        (
            spender.clone(),
            ExecuteMsg::SendFrom {
                owner: alice.to_string(),
                contract: minter.to_string(),
                amount: amt(1),
                msg: Binary::default(),
            },
        ),
        (minter.clone(), super::mint_msg(&alice, 1)),
        (minter.clone(), ExecuteMsg::Burn { amount: amt(1) }),
        (minter.clone(), ExecuteMsg::BurnFrom { owner: alice.to_string(), amount: amt(1) }),
        (alice.clone(), ExecuteMsg::RequestRedemption { amount: amt(100), payout_reference: "r".into() }),
        (
            rescuer.clone(),
            ExecuteMsg::RescueCw20 { token: own.to_string(), recipient: alice.to_string(), amount: amt(50) },
        ),
    ];
    for (sender, msg) in blocked {
        f.assert_rejected(&sender, msg, ContractError::Paused {});
    }

    // still works while paused: wipes by legal order, redemption payouts and rejections,
    // approvals, blacklisting, roles, minter config, attestations, policy, rescue of other tokens,
    // identity hooks
    let (blr, mm, owner) = (f.blacklister.clone(), f.master_minter.clone(), f.owner.clone());
    f.exec(&ap, ExecuteMsg::WipeBlacklisted { address: bob.to_string(), reason: "court order".into() }).unwrap();
    f.exec(&op, ExecuteMsg::MarkRedemptionPaid { id: pending, payment_reference: "p".into() }).unwrap();
    f.exec(&op, ExecuteMsg::RejectRedemption { id: pending2, reason: "r".into() }).unwrap();
    assert_eq!((f.supply(), f.status().held_for_redemption), (501_000 - 20_000 - 1_000, amt(0)));
    f.exec(&alice, ExecuteMsg::IncreaseAllowance { spender: spender.to_string(), amount: amt(1), expires: None })
        .unwrap();
    f.exec(&blr, ExecuteMsg::Blacklist { address: f.addr("eve").to_string(), reason: "x".into() }).unwrap();
    f.exec(&blr, ExecuteMsg::Unblacklist { address: f.addr("eve").to_string(), reason: "y".into() }).unwrap();
    f.exec(&mm, ExecuteMsg::IncreaseMinterAllowance { minter: minter.to_string(), amount: amt(1) }).unwrap();
    f.exec(
        &owner,
        ExecuteMsg::GrantRole {
            role: harbour_types::hkd_stablecoin::StableRole::Attestor,
            address: f.addr("auditor").to_string(),
        },
    )
    .unwrap();
    f.attest_cash(2_000_000);
    f.exec(&owner, ExecuteMsg::UpdateReservePolicy(super::default_policy())).unwrap();
    let other = f.addr("other-token");
    f.exec(&rescuer, ExecuteMsg::RescueCw20 { token: other.to_string(), recipient: alice.to_string(), amount: amt(3) })
        .unwrap();
    let until = f.env.block.time.seconds() + 100;
    f.push_kyc(&alice, until);

    let pauser = f.pauser.clone();
    f.exec(&pauser, ExecuteMsg::Unpause(harbour_types::NoArgs {})).unwrap();
    f.transfer(&alice, &minter, 1).unwrap();
}

#[test]
fn wipe_by_legal_order() {
    let mut f = Fixture::new();
    let (alice, bob, ap) = (f.alice.clone(), f.bob.clone(), f.asset_protector.clone());
    f.transfer(&alice, &bob, 70_000).unwrap();
    f.assert_rejected(
        &ap,
        ExecuteMsg::WipeBlacklisted { address: bob.to_string(), reason: "HCMP 123/2026".into() },
        ContractError::NotBlacklisted { address: bob.to_string() },
    );
    f.blacklist(&bob);
    let res =
        f.exec(&ap, ExecuteMsg::WipeBlacklisted { address: bob.to_string(), reason: "HCMP 123/2026".into() }).unwrap();
    assert!(res.attributes.iter().any(|a| a.key == "reason" && a.value == "HCMP 123/2026"));
    assert_eq!((f.balance(&bob), f.supply()), (0, 430_000));
    f.assert_rejected(
        &ap,
        ExecuteMsg::WipeBlacklisted { address: bob.to_string(), reason: "again".into() },
        ContractError::NothingToWipe { address: bob.to_string() },
    );
}

#[test]
fn rescue_other_tokens_own_tokens_and_native_coins() {
    let mut f = Fixture::new();
    let (alice, rescuer) = (f.alice.clone(), f.rescuer.clone());
    let other = f.addr("usd-coin");
    let res = f
        .exec(
            &rescuer,
            ExecuteMsg::RescueCw20 { token: other.to_string(), recipient: alice.to_string(), amount: amt(9) },
        )
        .unwrap();
    assert_eq!(
        res.messages[0].msg,
        CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: other.to_string(),
            msg: to_json_binary(&Cw20ExecuteMsg::Transfer { recipient: alice.to_string(), amount: amt(9) }).unwrap(),
            funds: vec![],
        })
    );
    // own tokens sent to the contract by mistake (a redemption request's tokens stay in the
    // holder's balance, held: only the contract's own balance is rescued)
    let own = f.env.contract.address.clone();
    f.transfer(&alice, &own, 500).unwrap();
    f.request_redemption(&alice, 1_000).unwrap();
    f.assert_rejected(
        &rescuer,
        ExecuteMsg::RescueCw20 { token: own.to_string(), recipient: alice.to_string(), amount: amt(501) },
        ContractError::InsufficientBalance { available: amt(500), needed: amt(501) },
    );
    f.exec(&rescuer, ExecuteMsg::RescueCw20 { token: own.to_string(), recipient: alice.to_string(), amount: amt(500) })
        .unwrap();
    assert_eq!(f.balance(&alice), 500_000);
    // native coins (the bank module refuses more than the contract holds)
    f.assert_rejected(
        &rescuer,
        ExecuteMsg::RescueNative { denom: "uatom".into(), recipient: alice.to_string(), amount: amt(0) },
        ContractError::ZeroAmount {},
    );
    let res = f
        .exec(
            &rescuer,
            ExecuteMsg::RescueNative { denom: "uatom".into(), recipient: alice.to_string(), amount: amt(40) },
        )
        .unwrap();
    assert_eq!(
        res.messages[0].msg,
        CosmosMsg::Bank(BankMsg::Send { to_address: alice.to_string(), amount: vec![coin(40, "uatom")] })
    );
    // never to a blacklisted recipient
    let bob = f.bob.clone();
    f.blacklist(&bob);
    f.assert_rejected(
        &rescuer,
        ExecuteMsg::RescueCw20 { token: other.to_string(), recipient: bob.to_string(), amount: amt(1) },
        bl(&bob),
    );
}
