//! CW20 conformance: the `cw20` crate's own message types, serialized and fed to the contract,
//! drive every CW20 path; responses parse as the `cw20` crate's response types.

use cosmwasm_std::{from_json, to_json_binary, to_json_vec, Binary, CosmosMsg, SubMsg, Uint128, WasmMsg};
use cw20::{
    AllAccountsResponse, AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceResponse, BalanceResponse,
    Cw20ExecuteMsg, Cw20QueryMsg, Cw20ReceiveMsg, DownloadLogoResponse, EmbeddedLogo, Expiration, Logo, LogoInfo,
    MarketingInfoResponse, MinterResponse, TokenInfoResponse,
};
use harbour_types::cw20_support::Cw20SupportError;
use harbour_types::hkd_stablecoin::{ExecuteMsg, QueryMsg};

use super::{amt, Fixture};
use crate::error::ContractError;

/// The cw20 message, re-read as ours: proves the JSON shapes are identical.
fn ours(msg: &Cw20ExecuteMsg) -> ExecuteMsg {
    from_json(to_json_vec(msg).unwrap()).unwrap()
}

fn ours_q(msg: &Cw20QueryMsg) -> QueryMsg {
    from_json(to_json_vec(msg).unwrap()).unwrap()
}

fn cw20_query<T: serde::de::DeserializeOwned>(f: &Fixture, msg: Cw20QueryMsg) -> T {
    f.query(ours_q(&msg))
}

#[test]
fn transfer_send_and_balances() {
    let mut f = Fixture::new();
    let (alice, bob) = (f.alice.clone(), f.bob.clone());
    f.exec(&alice, ours(&Cw20ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amt(1_000) })).unwrap();
    let b: BalanceResponse = cw20_query(&f, Cw20QueryMsg::Balance { address: bob.to_string() });
    assert_eq!(b.balance, amt(1_000));
    assert_eq!(f.balance(&alice), 499_000);

    let contract = f.addr("dex-pool");
    let hook = Binary::from(br#"{"deposit":{}}"#.to_vec());
    let res = f
        .exec(&bob, ours(&Cw20ExecuteMsg::Send { contract: contract.to_string(), amount: amt(400), msg: hook.clone() }))
        .unwrap();
    let expected = Cw20ReceiveMsg { sender: bob.to_string(), amount: amt(400), msg: hook }
        .into_cosmos_msg(contract.to_string())
        .unwrap();
    assert_eq!(res.messages, vec![SubMsg::new(expected)]);
    assert_eq!(f.balance(&contract), 400);
    assert_eq!(f.supply(), 500_000);
    assert!(res.attributes.iter().any(|a| a.key == "action" && a.value == "send"));

    // zero amounts and overdrafts fail with typed errors and change nothing
    let zero = ours(&Cw20ExecuteMsg::Transfer { recipient: bob.to_string(), amount: Uint128::zero() });
    f.assert_rejected(&alice, zero, ContractError::ZeroAmount {});
    let too_much = ours(&Cw20ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amt(1_000_000) });
    f.assert_rejected(
        &alice,
        too_much,
        ContractError::InsufficientBalance { available: amt(499_000), needed: amt(1_000_000) },
    );
    // a transfer to oneself is allowed and changes nothing
    let before = f.snapshot();
    f.transfer(&alice, &alice, 10).unwrap();
    assert_eq!(f.snapshot(), before);
}

#[test]
fn allowances_and_from_paths() {
    let mut f = Fixture::new();
    let (alice, bob, spender) = (f.alice.clone(), f.bob.clone(), f.addr("spender"));
    let exp = Expiration::AtHeight(f.env.block.height + 100);
    f.exec(
        &alice,
        ours(&Cw20ExecuteMsg::IncreaseAllowance {
            spender: spender.to_string(),
            amount: amt(5_000),
            expires: Some(exp),
        }),
    )
    .unwrap();
    let a: AllowanceResponse =
        cw20_query(&f, Cw20QueryMsg::Allowance { owner: alice.to_string(), spender: spender.to_string() });
    assert_eq!(a, AllowanceResponse { allowance: amt(5_000), expires: exp });
    f.exec(
        &alice,
        ours(&Cw20ExecuteMsg::DecreaseAllowance { spender: spender.to_string(), amount: amt(1_000), expires: None }),
    )
    .unwrap();

    f.exec(
        &spender,
        ours(&Cw20ExecuteMsg::TransferFrom {
            owner: alice.to_string(),
            recipient: bob.to_string(),
            amount: amt(1_500),
        }),
    )
    .unwrap();
    let pool = f.addr("pool");
    let res = f
        .exec(
            &spender,
            ours(&Cw20ExecuteMsg::SendFrom {
                owner: alice.to_string(),
                contract: pool.to_string(),
                amount: amt(500),
                msg: Binary::default(),
            }),
        )
        .unwrap();
    assert_eq!(res.messages.len(), 1);
    assert_eq!((f.balance(&bob), f.balance(&pool), f.balance(&alice)), (1_500, 500, 498_000));

    let all: AllAllowancesResponse =
        cw20_query(&f, Cw20QueryMsg::AllAllowances { owner: alice.to_string(), start_after: None, limit: None });
    assert_eq!(all.allowances.len(), 1);
    assert_eq!(all.allowances[0].allowance, amt(2_000));
    // AllSpenderAllowances is cw20-base's extension (not in cw20::Cw20QueryMsg); same shape
    let by_spender: AllSpenderAllowancesResponse =
        f.query(QueryMsg::AllSpenderAllowances { spender: spender.to_string(), start_after: None, limit: None });
    assert_eq!(by_spender.allowances[0].owner, alice.to_string());

    // more than the allowance: typed error, nothing changes (the move is checked before spending)
    let over = ours(&Cw20ExecuteMsg::TransferFrom {
        owner: alice.to_string(),
        recipient: bob.to_string(),
        amount: amt(2_001),
    });
    f.assert_rejected(
        &spender,
        over,
        ContractError::Cw20(Cw20SupportError::InsufficientAllowance { allowance: amt(2_000), needed: amt(2_001) }),
    );
    // expired allowance
    f.env.block.height += 101;
    let expired =
        ours(&Cw20ExecuteMsg::TransferFrom { owner: alice.to_string(), recipient: bob.to_string(), amount: amt(1) });
    f.assert_rejected(&spender, expired, ContractError::Cw20(Cw20SupportError::AllowanceExpired {}));
    // own account
    let own = ours(&Cw20ExecuteMsg::IncreaseAllowance { spender: alice.to_string(), amount: amt(1), expires: None });
    f.assert_rejected(&alice, own, ContractError::Cw20(Cw20SupportError::CannotSetOwnAccount {}));
}

#[test]
fn token_info_minter_accounts_and_pagination() {
    let mut f = Fixture::new();
    let info: TokenInfoResponse = cw20_query(&f, Cw20QueryMsg::TokenInfo {});
    assert_eq!(
        info,
        TokenInfoResponse {
            name: "Harbour HKD".into(),
            symbol: "HKDH".into(),
            decimals: 6,
            total_supply: amt(500_000)
        }
    );
    // the CW20 "minter" is the master minter; its cap is what supply may reach now
    let m: Option<MinterResponse> = cw20_query(&f, Cw20QueryMsg::Minter {});
    assert_eq!(m, Some(MinterResponse { minter: f.master_minter.to_string(), cap: Some(amt(1_000_000)) }));

    let mut names: Vec<String> = (0..25).map(|i| f.addr(&format!("holder-{i:02}")).to_string()).collect();
    for n in &names {
        let to = cosmwasm_std::Addr::unchecked(n);
        f.mint(&to, 1).unwrap();
    }
    names.push(f.alice.to_string());
    names.sort();
    // walk the pages: every account exactly once, in order, no repeated start key
    let mut seen = vec![];
    let mut start_after = None;
    loop {
        let page: AllAccountsResponse = cw20_query(&f, Cw20QueryMsg::AllAccounts { start_after, limit: Some(7) });
        if page.accounts.is_empty() {
            break;
        }
        assert!(page.accounts.len() <= 7);
        start_after = page.accounts.last().cloned();
        seen.extend(page.accounts);
    }
    assert_eq!(seen, names);
    let capped: AllAccountsResponse = cw20_query(&f, Cw20QueryMsg::AllAccounts { start_after: None, limit: Some(500) });
    assert_eq!(capped.accounts.len(), 26);
}

#[test]
fn marketing_and_logo() {
    let mut f = Fixture::new();
    let owner = f.owner.clone();
    let marketer = f.addr("marketing-desk");
    f.exec(
        &owner,
        ours(&Cw20ExecuteMsg::UpdateMarketing {
            project: Some("Harbour HKD".into()),
            description: Some("HKD stablecoin backed 1:1 by attested reserves".into()),
            marketing: Some(marketer.to_string()),
        }),
    )
    .unwrap();
    // the marketing address may now update too; strangers may not
    let svg = Logo::Embedded(EmbeddedLogo::Svg(Binary::from(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec())));
    f.exec(&marketer, ours(&Cw20ExecuteMsg::UploadLogo(svg))).unwrap();
    let stranger = f.stranger.clone();
    f.assert_rejected(
        &stranger,
        ours(&Cw20ExecuteMsg::UploadLogo(Logo::Url("https://x".into()))),
        ContractError::Cw20(Cw20SupportError::NotMarketing { action: "upload_logo" }),
    );
    let info: MarketingInfoResponse = cw20_query(&f, Cw20QueryMsg::MarketingInfo {});
    assert_eq!(info.marketing, Some(marketer));
    assert_eq!(info.logo, Some(LogoInfo::Embedded));
    let logo: DownloadLogoResponse = cw20_query(&f, Cw20QueryMsg::DownloadLogo {});
    assert_eq!(logo.mime_type, "image/svg+xml");
    let bad_png = Logo::Embedded(EmbeddedLogo::Png(Binary::from(b"GIF89a".to_vec())));
    f.assert_rejected(
        &owner,
        ours(&Cw20ExecuteMsg::UploadLogo(bad_png)),
        ContractError::Cw20(Cw20SupportError::InvalidLogo { kind: "png", reason: "missing PNG signature" }),
    );
}

#[test]
fn mint_and_burn_shapes_are_cw20() {
    let mut f = Fixture::new();
    let (minter, bob) = (f.minter.clone(), f.bob.clone());
    f.exec(&minter, ours(&Cw20ExecuteMsg::Mint { recipient: minter.to_string(), amount: amt(1_000) })).unwrap();
    f.exec(&minter, ours(&Cw20ExecuteMsg::Burn { amount: amt(400) })).unwrap();
    assert_eq!(f.balance(&minter), 600);
    // BurnFrom: a minter burns within the holder's allowance
    f.mint(&bob, 1_000).unwrap();
    f.exec(
        &bob,
        ours(&Cw20ExecuteMsg::IncreaseAllowance { spender: minter.to_string(), amount: amt(300), expires: None }),
    )
    .unwrap();
    f.exec(&minter, ours(&Cw20ExecuteMsg::BurnFrom { owner: bob.to_string(), amount: amt(300) })).unwrap();
    assert_eq!(f.balance(&bob), 700);
    assert_eq!(f.supply(), 500_000 + 600 + 700);
    // holders cannot burn: the error names the redemption message, as the fund token's does
    f.assert_rejected(&bob, ours(&Cw20ExecuteMsg::Burn { amount: amt(1) }), ContractError::RedeemWithRequest {});
    f.assert_rejected(
        &bob,
        ours(&Cw20ExecuteMsg::BurnFrom { owner: f.alice.to_string(), amount: amt(1) }),
        ContractError::RedeemWithRequest {},
    );
}

#[test]
fn funds_are_refused() {
    let mut f = Fixture::new();
    let info = cosmwasm_std::testing::message_info(&f.alice, &[cosmwasm_std::coin(5, "uhkd")]);
    let err = crate::contract::execute(
        f.deps.as_mut(),
        f.env.clone(),
        info,
        ExecuteMsg::Transfer { recipient: f.bob.to_string(), amount: amt(1) },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Payment(_)));
}

#[test]
fn send_hook_message_is_the_cw20_receive_shape() {
    let mut f = Fixture::new();
    let (alice, pool) = (f.alice.clone(), f.addr("pool"));
    let res = f
        .exec(
            &alice,
            ExecuteMsg::Send { contract: pool.to_string(), amount: amt(7), msg: to_json_binary(&1u8).unwrap() },
        )
        .unwrap();
    match &res.messages[0].msg {
        CosmosMsg::Wasm(WasmMsg::Execute { contract_addr, msg, funds }) => {
            assert_eq!(contract_addr, pool.as_str());
            assert!(funds.is_empty());
            #[derive(serde::Deserialize)]
            #[serde(rename_all = "snake_case")]
            enum Wrapper {
                Receive(Cw20ReceiveMsg),
            }
            let Wrapper::Receive(r) = from_json(msg).unwrap();
            assert_eq!((r.sender.as_str(), r.amount), (alice.as_str(), amt(7)));
        }
        other => panic!("unexpected message {other:?}"),
    }
}
