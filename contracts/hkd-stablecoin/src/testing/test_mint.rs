//! Minting: the reserve rule, allowances, rate limits, recipients; minter configuration.

use cosmwasm_std::Timestamp;
use harbour_types::hkd_stablecoin::{ExecuteMsg, HolderMode, MinterInfo, QueryMsg, RateLimit};

use harbour_types::reserves::ReserveError;

use super::{amt, mint_msg, Fixture, DAY};
use crate::error::ContractError;

fn over_budget(remaining: u128, amount: u128) -> ContractError {
    ContractError::Reserve(ReserveError::ExceedsMintBudget { remaining: amt(remaining), amount: amt(amount) })
}

#[test]
fn no_attestation_no_mint() {
    let mut f = Fixture::bare();
    let (minter, alice) = (f.minter.clone(), f.alice.clone());
    f.assert_rejected(&minter, mint_msg(&alice, 1), ContractError::NoAttestation {});
}

#[test]
fn supply_never_exceeds_eligible_reserves() {
    let mut f = Fixture::new(); // 1,000,000 attested at supply 0, 500,000 minted
    let (minter, bob) = (f.minter.clone(), f.bob.clone());
    assert_eq!(f.budget(), 500_000);
    f.mint(&bob, 500_000).unwrap();
    assert_eq!((f.supply(), f.budget()), (1_000_000, 0));
    f.assert_rejected(&minter, mint_msg(&bob, 1), over_budget(0, 1));
    // a bigger attestation opens a new budget: eligible − supply at publication
    f.attest_cash(1_200_000);
    assert_eq!(f.budget(), 200_000);
    f.mint(&bob, 200_000).unwrap();
    let s = f.status();
    assert_eq!((s.reserve_ratio_bps, s.backing, s.issued), (Some(amt(10_000)), amt(1_200_000), amt(1_200_000)));
}

#[test]
fn stale_attestation_blocks_mint_only() {
    let mut f = Fixture::new();
    let (minter, alice, bob) = (f.minter.clone(), f.alice.clone(), f.bob.clone());
    // fresh up to and including max age (2 days)
    f.advance(2 * DAY);
    f.mint(&bob, 1).unwrap();
    f.advance(1);
    let as_of = Timestamp::from_seconds(f.env.block.time.seconds() - 2 * DAY - 1);
    f.assert_rejected(
        &minter,
        mint_msg(&bob, 1),
        ContractError::StaleAttestation { sequence: 1, as_of, stale_after: as_of.plus_seconds(2 * DAY) },
    );
    let s = f.status();
    assert!(s.stale && !s.mint_allowed);
    assert!(s.mint_blocked_reason.unwrap().contains("stale"));
    // transfers and redemptions keep working
    f.transfer(&alice, &bob, 10).unwrap();
    f.request_redemption(&alice, 100).unwrap();
    // a fresh attestation restores minting
    f.attest_cash(1_000_000);
    f.mint(&bob, 1).unwrap();
}

#[test]
fn allowance_and_rate_limit() {
    let mut f = Fixture::new();
    let (mm, minter, bob) = (f.master_minter.clone(), f.minter.clone(), f.bob.clone());
    // the fixture's 500,000 were minted without a limit; they count under one set later until
    // they leave its window (see test_rate)
    f.advance(6 * 3600);
    f.attest_cash(100_000_000);
    f.exec(
        &mm,
        ExecuteMsg::ConfigureMinter {
            minter: minter.to_string(),
            allowance: amt(10_000),
            rate_limit: Some(RateLimit { amount: amt(3_000), window_seconds: 6 * 3600 }),
        },
    )
    .unwrap();
    f.mint(&bob, 2_000).unwrap();
    f.advance(1800);
    f.mint(&bob, 1_000).unwrap();
    f.assert_rejected(
        &minter,
        mint_msg(&bob, 1),
        ContractError::RateLimited { limit: amt(3_000), used: amt(3_000), needed: amt(1), window_seconds: 6 * 3600 },
    );
    let info: MinterInfo = f.query(QueryMsg::MinterInfo(harbour_types::AddressArgs { address: minter.to_string() }));
    assert_eq!((info.allowance, info.minted_in_window, info.available), (amt(7_000), amt(3_000), amt(0)));
    // the limit holds over every rolling window: 6 h after the first mint, the window still
    // contains the second; only after both left may 3,000 be minted again
    f.advance(6 * 3600 - 1800);
    assert!(f.mint(&bob, 2_001).is_err());
    f.advance(7 * 3600);
    f.mint(&bob, 3_000).unwrap();
    // allowance: 10,000 − 6,000 = 4,000 left
    f.advance(7 * 3600);
    f.assert_rejected(
        &minter,
        mint_msg(&bob, 4_001),
        ContractError::MinterAllowanceExceeded { allowance: amt(4_000), needed: amt(4_001) },
    );
    // reconfiguring does not reset the window usage
    f.mint(&bob, 3_000).unwrap();
    f.exec(
        &mm,
        ExecuteMsg::ConfigureMinter {
            minter: minter.to_string(),
            allowance: amt(50_000),
            rate_limit: Some(RateLimit { amount: amt(3_000), window_seconds: 6 * 3600 }),
        },
    )
    .unwrap();
    assert!(matches!(f.mint(&bob, 1), Err(ContractError::RateLimited { .. })));
    // increase / decrease
    f.exec(&mm, ExecuteMsg::IncreaseMinterAllowance { minter: minter.to_string(), amount: amt(5) }).unwrap();
    f.exec(&mm, ExecuteMsg::DecreaseMinterAllowance { minter: minter.to_string(), amount: amt(50_004) }).unwrap();
    f.assert_rejected(
        &mm,
        ExecuteMsg::DecreaseMinterAllowance { minter: minter.to_string(), amount: amt(2) },
        ContractError::AllowanceUnderflow { allowance: amt(1), amount: amt(2) },
    );
    f.assert_rejected(
        &mm,
        ExecuteMsg::ConfigureMinter {
            minter: minter.to_string(),
            allowance: amt(1),
            rate_limit: Some(RateLimit { amount: amt(1), window_seconds: 59 }),
        },
        ContractError::InvalidRateLimit { max: 31 * DAY },
    );
}

#[test]
fn recipient_rules_and_removed_minters() {
    let mut f = Fixture::new();
    let (mm, minter, bob, carol) = (f.master_minter.clone(), f.minter.clone(), f.bob.clone(), f.addr("carol"));
    f.blacklist(&bob);
    f.assert_rejected(&minter, mint_msg(&bob, 1), ContractError::Blacklisted { address: bob.to_string() });
    // registry-gated: the recipient needs cached KYC
    let owner = f.owner.clone();
    f.exec(&owner, ExecuteMsg::SetHolderMode { mode: HolderMode::RegistryGated }).unwrap();
    f.assert_rejected(&minter, mint_msg(&carol, 1), ContractError::NotKycVerified { address: carol.to_string() });
    let until = f.env.block.time.seconds() + DAY;
    f.push_kyc(&carol, until);
    f.mint(&carol, 5).unwrap();
    f.advance(DAY);
    f.assert_rejected(&minter, mint_msg(&carol, 1), ContractError::NotKycVerified { address: carol.to_string() });
    // a removed minter cannot mint
    f.exec(&mm, ExecuteMsg::RemoveMinter { minter: minter.to_string() }).unwrap();
    f.assert_rejected(&minter, mint_msg(&carol, 1), ContractError::Unauthorized { action: "mint", role: "minter" });
    f.assert_rejected(
        &mm,
        ExecuteMsg::RemoveMinter { minter: minter.to_string() },
        ContractError::MinterNotFound { address: minter.to_string() },
    );
}

#[test]
fn mint_check_order_is_documented() {
    // paused is reported before authorization, the reserve rule before the allowance
    let mut f = Fixture::new();
    let (minter, stranger, bob) = (f.minter.clone(), f.stranger.clone(), f.bob.clone());
    f.pause();
    f.assert_rejected(&stranger, mint_msg(&bob, 1), ContractError::Paused {});
    let pauser = f.pauser.clone();
    f.exec(&pauser, ExecuteMsg::Unpause(harbour_types::NoArgs {})).unwrap();
    f.assert_rejected(&minter, mint_msg(&bob, 2_000_000_000), over_budget(500_000, 2_000_000_000));
}
