//! Holds on the HKD stablecoin through the harness: the same mechanism as the fund token's
//! (harbour_types::holds) under the stablecoin's rules — the blacklist stops everything of a
//! blacklisted holder, registry-gated recipients need KYC, the asset protector releases by legal
//! order, the redemption queue holds in place — and the authorization matrix of the new messages.

use cosmwasm_std::{to_json_binary, Addr, Uint128};
use harbour_tests::holds::event_attr;
use harbour_tests::stablecoin::{
    StablecoinSetup, ASSET_PROTECTOR, BLACKLISTER, MASTER_MINTER, STABLE_PAUSER, TREASURY,
};
use harbour_tests::suite::{contract_error, Suite, SuiteBuilder, DAY};
use harbour_types::hkd_stablecoin::{self as hs, HolderMode};
use harbour_types::holds::{HoldError, HoldHookMsg, MAX_HOLDS_PER_OWNER};
use harbour_types::identity::ClaimType;
use hkd_stablecoin::ContractError;

fn amt(n: u128) -> Uint128 {
    Uint128::new(n)
}

/// The stablecoin with `vault` and `settlement` approved as venues; alice holds 10,000.
fn suite_with(setup: StablecoinSetup) -> Suite {
    let mut s = SuiteBuilder::new()
        .with_investor("alice", "did:hk:alice", "HK", &[ClaimType::Kyc])
        .with_investor("bob", "did:hk:bob", "HK", &[ClaimType::Kyc])
        .build();
    s.deploy_stablecoin(setup).unwrap();
    for v in ["vault", "settlement"] {
        let venue = s.deploy_venue(v, &format!("did:hk:{v}")).unwrap();
        let coin = s.stablecoin_addr();
        s.execute_as_owner(&coin, &hs::ExecuteMsg::AddVenue(harbour_types::AddressArgs { address: venue.to_string() }))
            .unwrap();
    }
    let alice = s.addr("alice");
    s.mint_cash(&alice, 10_000).unwrap();
    s
}

fn suite() -> Suite {
    suite_with(StablecoinSetup::default())
}

fn err(res: anyhow::Result<cw_multi_test::AppResponse>) -> ContractError {
    res.expect_err("must be refused")
        .downcast::<ContractError>()
        .unwrap_or_else(|e| panic!("not a stablecoin error: {e:#}"))
}

fn snapshot(s: &Suite) -> Vec<Vec<(Vec<u8>, Vec<u8>)>> {
    [s.stablecoin_addr(), s.addr_ref("vault"), s.addr_ref("settlement")].iter().map(|c| s.raw_state(c)).collect()
}

fn account(s: &Suite, who: &Addr) -> hs::StableAccountResponse {
    s.stable_query(&hs::QueryMsg::Account(harbour_types::AddressArgs { address: who.to_string() })).unwrap()
}

fn supply(s: &Suite) -> Uint128 {
    let info: cw20::TokenInfoResponse = s.stable_query(&hs::QueryMsg::TokenInfo(harbour_types::NoArgs {})).unwrap();
    info.total_supply
}

#[test]
fn place_commit_release_and_execute_to_several_recipients() {
    let mut s = suite();
    let (coin, alice, bob, vault) = (s.stablecoin_addr(), s.addr("alice"), s.addr("bob"), s.addr("vault"));
    let fees = s.addr("fee-collector");
    s.place_hold(&coin, &alice, &vault, 6_000, None, Some(to_json_binary(&"trade-1").unwrap())).unwrap();
    assert!(matches!(
        s.venue_hooks(&vault).last().map(|h| h.1.clone()),
        Some(HoldHookMsg::Placed { owner, owner_did: None, held, .. }) if owner == alice.as_str() && held == amt(6_000)
    ));
    let a = account(&s, &alice);
    assert_eq!((a.balance, a.held, a.free), (amt(10_000), amt(6_000), amt(4_000)));
    // committed: the holder moves only its free balance and cannot release
    let before = snapshot(&s);
    assert_eq!(
        err(s.execute(&alice, &coin, &hs::ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amt(4_001) })),
        ContractError::BalanceHeld { free: amt(4_000), held: amt(6_000), needed: amt(4_001) }
    );
    assert_eq!(
        err(s.release_hold(&coin, &alice, &alice, &vault, None)),
        ContractError::Hold(HoldError::Committed { expires: "the venue releases it".into() })
    );
    assert_eq!(snapshot(&s), before);
    // the venue pays a seller and a fee in one call, then releases part
    let res = s.execute_hold(&coin, &vault, &alice, &[(&bob, 5_000), (&fees, 50)]).unwrap();
    assert_eq!(res.events.iter().filter(|e| e.ty == "wasm-harbour_hold_executed").count(), 2);
    assert_eq!((s.cash_balance(&bob), s.cash_balance(&fees)), (amt(5_000), amt(50)));
    s.release_hold(&coin, &vault, &alice, &vault, Some(900)).unwrap();
    let a = account(&s, &alice);
    assert_eq!((a.balance, a.held, a.free), (amt(4_950), amt(50), amt(4_900)));
    assert_eq!(supply(&s), amt(10_000));
}

#[test]
fn blacklisting_stops_placing_and_executing_and_recipients_must_be_eligible() {
    let mut s = suite();
    let (coin, alice, bob, vault) = (s.stablecoin_addr(), s.addr("alice"), s.addr("bob"), s.addr("vault"));
    s.place_hold(&coin, &alice, &vault, 5_000, None, None).unwrap();
    let blacklister = s.addr(BLACKLISTER);
    s.stable_execute(&blacklister, &hs::ExecuteMsg::Blacklist { address: bob.to_string(), reason: "list".into() })
        .unwrap();
    let before = snapshot(&s);
    assert_eq!(
        err(s.execute_hold(&coin, &vault, &alice, &[(&bob, 1)])),
        ContractError::Blacklisted { address: bob.to_string() }
    );
    assert_eq!(snapshot(&s), before);
    // a blacklisted owner's held tokens do not move either (sanctions): only a legal-order release
    s.stable_execute(&blacklister, &hs::ExecuteMsg::Blacklist { address: alice.to_string(), reason: "list".into() })
        .unwrap();
    let carol = s.addr("carol");
    assert_eq!(
        err(s.execute_hold(&coin, &vault, &alice, &[(&carol, 1)])),
        ContractError::Blacklisted { address: alice.to_string() }
    );
    assert_eq!(
        err(s.place_hold(&coin, &alice, &vault, 1, None, None)),
        ContractError::Blacklisted { address: alice.to_string() }
    );
    // wipe by legal order needs the holds released first, through the court-order path
    let protector = s.addr(ASSET_PROTECTOR);
    let wipe = hs::ExecuteMsg::WipeBlacklisted { address: alice.to_string(), reason: "HCMP 1/2026".into() };
    assert_eq!(
        err(s.stable_execute(&protector, &wipe)),
        ContractError::WipeHeld { address: alice.to_string(), held: amt(5_000) }
    );
    let res = s.court_release(&coin, &protector, &alice, &vault, None, "HCMP 1/2026").unwrap();
    assert_eq!(event_attr(&res, "harbour_hold_court_released", "reason").as_deref(), Some("HCMP 1/2026"));
    assert!(matches!(
        s.venue_hooks(&vault).last().map(|h| h.1.clone()),
        Some(HoldHookMsg::CourtReleased { held, .. }) if held.is_zero()
    ));
    s.stable_execute(&protector, &wipe).unwrap();
    assert_eq!(supply(&s), amt(0));
}

#[test]
fn registry_gated_recipients_need_kyc_but_the_owners_lapse_does_not_stop_the_venue() {
    let mut s = suite_with(StablecoinSetup { holder_mode: HolderMode::RegistryGated, ..StablecoinSetup::default() });
    let (coin, alice, bob, vault) = (s.stablecoin_addr(), s.addr("alice"), s.addr("bob"), s.addr("vault"));
    s.place_hold(&coin, &alice, &vault, 3_000, None, None).unwrap();
    s.revoke_credential("did:hk:alice", ClaimType::Kyc, "lapsed").unwrap();
    let carol = s.addr("carol");
    assert_eq!(
        err(s.execute_hold(&coin, &vault, &alice, &[(&carol, 1)])),
        ContractError::NotKycVerified { address: carol.to_string() }
    );
    s.execute_hold(&coin, &vault, &alice, &[(&bob, 3_000)]).unwrap();
    assert_eq!(s.cash_balance(&bob), amt(3_000));
}

#[test]
fn expiry_cap_pause_and_venue_removal() {
    let mut s = suite();
    let (coin, alice, bob, vault, settlement) =
        (s.stablecoin_addr(), s.addr("alice"), s.addr("bob"), s.addr("vault"), s.addr("settlement"));
    let expires = s.now().plus_seconds(DAY);
    s.place_hold(&coin, &alice, &settlement, 1_000, Some(expires), None).unwrap();
    let stranger = s.addr("stranger");
    s.advance_seconds(DAY);
    assert_eq!(
        err(s.execute_hold(&coin, &settlement, &alice, &[(&bob, 1)])),
        ContractError::Hold(HoldError::Expired { expires })
    );
    let res = s.release_hold(&coin, &stranger, &alice, &settlement, None).unwrap();
    assert_eq!(event_attr(&res, "harbour_hold_expired", "amount").as_deref(), Some("1000"));
    // pause: no placing or executing; releases still work
    s.place_hold(&coin, &alice, &vault, 100, None, None).unwrap();
    let pauser = s.addr(STABLE_PAUSER);
    s.stable_execute(&pauser, &hs::ExecuteMsg::Pause(harbour_types::NoArgs {})).unwrap();
    assert_eq!(err(s.place_hold(&coin, &alice, &vault, 1, None, None)), ContractError::Paused {});
    assert_eq!(err(s.execute_hold(&coin, &vault, &alice, &[(&bob, 1)])), ContractError::Paused {});
    s.release_hold(&coin, &vault, &alice, &vault, Some(50)).unwrap();
    s.stable_execute(&pauser, &hs::ExecuteMsg::Unpause(harbour_types::NoArgs {})).unwrap();
    // RemoveVenue refused while it holds tokens or has a balance
    let remove = hs::ExecuteMsg::RemoveVenue(harbour_types::AddressArgs { address: vault.to_string() });
    let e = s.execute_as_owner(&coin, &remove).unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&e),
        Some(&ContractError::Hold(HoldError::VenueInUse { address: vault.to_string(), holds: true, balance: amt(0) }))
    );
    s.release_hold(&coin, &vault, &alice, &vault, None).unwrap();
    s.execute_as_owner(&coin, &remove).unwrap();
    // the per-owner bound: eight venues, the redemption queue counting as one
    assert!(s.holds_of(&coin, &alice).is_empty());
    s.stable_execute(&alice, &hs::ExecuteMsg::RequestRedemption { amount: amt(100), payout_reference: "r".into() })
        .unwrap();
    let mut venues = vec![];
    for i in 0..MAX_HOLDS_PER_OWNER {
        let v = s.deploy_venue(&format!("v{i}"), &format!("did:hk:v{i}")).unwrap();
        s.execute_as_owner(&coin, &hs::ExecuteMsg::AddVenue(harbour_types::AddressArgs { address: v.to_string() }))
            .unwrap();
        venues.push(v);
    }
    for v in &venues[..MAX_HOLDS_PER_OWNER - 1] {
        s.place_hold(&coin, &alice, v, 1, None, None).unwrap();
    }
    let before = snapshot(&s);
    assert_eq!(
        err(s.place_hold(&coin, &alice, &venues[MAX_HOLDS_PER_OWNER - 1], 1, None, None)),
        ContractError::Hold(HoldError::TooManyHolds { max: MAX_HOLDS_PER_OWNER })
    );
    assert_eq!(snapshot(&s), before);
}

#[test]
fn the_redemption_queue_holds_in_place_and_the_books_balance() {
    let mut s = suite();
    let (coin, alice) = (s.stablecoin_addr(), s.addr("alice"));
    let res = s
        .stable_execute(
            &alice,
            &hs::ExecuteMsg::RequestRedemption { amount: amt(4_000), payout_reference: "acct".into() },
        )
        .unwrap();
    let id = Suite::request_id(&res).unwrap();
    // Σ balances = supply at every moment: the request holds the tokens in alice's balance
    assert_eq!((s.cash_balance(&alice), supply(&s)), (amt(10_000), amt(10_000)));
    assert_eq!(s.held(&coin, &alice, &coin), 4_000);
    assert_eq!(s.holds_for(&coin, &coin).len(), 1);
    // the queue's hold is not released by court order: the request is rejected instead
    let protector = s.addr(ASSET_PROTECTOR);
    assert_eq!(err(s.court_release(&coin, &protector, &alice, &coin, None, "order")), ContractError::RedemptionHold {});
    let treasury = s.addr(TREASURY);
    s.stable_execute(&treasury, &hs::ExecuteMsg::MarkRedemptionPaid { id, payment_reference: "FPS-1".into() }).unwrap();
    assert_eq!((s.cash_balance(&alice), supply(&s), s.held(&coin, &alice, &coin)), (amt(6_000), amt(6_000), 0));
    // a holder's CW20 burn is refused with the error naming the redemption message
    assert_eq!(
        err(s.stable_execute(&alice, &hs::ExecuteMsg::Burn { amount: amt(1) })),
        ContractError::RedeemWithRequest {}
    );
    // the contract's own address cannot be approved as a venue
    assert_eq!(
        err(s.execute_as_owner(
            &coin,
            &hs::ExecuteMsg::AddVenue(harbour_types::AddressArgs { address: coin.to_string() })
        )),
        ContractError::RedemptionHold {}
    );
}

/// AddVenue/RemoveVenue (owner), CourtReleaseHold (asset protector), ExecuteHold and
/// ReleaseHold (the venue) by every role, the stablecoin and the venues unchanged on refusals.
#[test]
fn authorization_matrix_for_the_hold_messages() {
    use harbour_tests::holds::{transfers, HoldMsg};
    use harbour_tests::stablecoin::{CASH_MINTER, CUSTODIAN, RESCUER};
    use harbour_types::holds::{ExecuteHoldMsg, ReleaseHoldMsg};
    #[derive(serde::Serialize, Debug)]
    #[serde(untagged)]
    enum Msg {
        Hold(HoldMsg),
        Coin(hs::ExecuteMsg),
    }
    let probe = suite();
    let (alice, bob, vault, other) =
        (probe.addr_ref("alice"), probe.addr_ref("bob"), probe.addr_ref("vault"), probe.addr_ref("other-venue"));
    let release = |reason: Option<&str>| ReleaseHoldMsg {
        owner: alice.to_string(),
        venue: vault.to_string(),
        amount: Some(amt(10)),
        reason: reason.map(String::from),
    };
    let roles = [
        "owner",
        MASTER_MINTER,
        CASH_MINTER,
        STABLE_PAUSER,
        BLACKLISTER,
        RESCUER,
        ASSET_PROTECTOR,
        CUSTODIAN,
        TREASURY,
        "alice",
        "stranger",
        "vault",
        "settlement",
    ];
    let unauth = |action, role| ContractError::Unauthorized { action, role };
    let alice2 = alice.clone();
    type Expected = Box<dyn Fn(&Addr) -> ContractError>;
    let cases: Vec<(Msg, Vec<&str>, Expected)> = vec![
        (
            Msg::Coin(hs::ExecuteMsg::AddVenue(harbour_types::AddressArgs { address: other.to_string() })),
            vec!["owner"],
            Box::new(move |_| unauth("add_venue", "owner")),
        ),
        (
            Msg::Coin(hs::ExecuteMsg::RemoveVenue(harbour_types::AddressArgs {
                address: probe.addr_ref("settlement").to_string(),
            })),
            vec!["owner"],
            Box::new(move |_| unauth("remove_venue", "owner")),
        ),
        (
            Msg::Hold(HoldMsg::CourtReleaseHold(release(Some("HCMP 2/2026")))),
            vec![ASSET_PROTECTOR],
            Box::new(move |_| unauth("court_release_hold", "asset_protector")),
        ),
        (
            Msg::Hold(HoldMsg::ReleaseHold(release(None))),
            vec!["vault"],
            Box::new(|_| ContractError::Hold(HoldError::Committed { expires: "the venue releases it".into() })),
        ),
        (
            Msg::Hold(HoldMsg::ExecuteHold(ExecuteHoldMsg {
                owner: alice.to_string(),
                transfers: transfers(&[(&bob, 10)]),
            })),
            vec!["vault"],
            Box::new(move |sender| {
                ContractError::Hold(HoldError::NoHold { owner: alice2.to_string(), venue: sender.to_string() })
            }),
        ),
    ];
    for (msg, allowed, expected) in &cases {
        for role in roles {
            let mut s = suite();
            let (coin, alice, vault) = (s.stablecoin_addr(), s.addr("alice"), s.addr("vault"));
            s.deploy_venue("other-venue", "did:hk:other-venue").unwrap();
            s.place_hold(&coin, &alice, &vault, 100, None, None).unwrap();
            let sender = if role == "owner" { s.owner.clone() } else { s.addr(role) };
            let before = snapshot(&s);
            let res = s.execute(&sender, &coin, msg);
            if allowed.contains(&role) {
                res.unwrap_or_else(|e| panic!("{msg:?}: {role} must be allowed: {e:#}"));
            } else {
                let e = res.expect_err(&format!("{msg:?}: {role} must be refused"));
                assert_eq!(contract_error::<ContractError>(&e), Some(&expected(&sender)), "{msg:?}: {role}");
                assert_eq!(snapshot(&s), before, "{msg:?}: {role} changed a contract");
            }
        }
    }
}
