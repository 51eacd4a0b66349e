//! Unit-test fixture: a stablecoin instantiated on mock dependencies with every role held by a
//! named address, plus helpers that assert failures leave storage byte-for-byte unchanged.

mod test_auth;
mod test_blacklist_pause;
mod test_cw20;
mod test_instantiate_migrate;
mod test_integrity;
mod test_mint;
mod test_properties;
mod test_rate;
mod test_redemption;
mod test_reserves;
mod test_roles;

use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage};
use cosmwasm_std::{from_json, Addr, Binary, Decimal, Env, HexBinary, Order, OwnedDeps, Response, Storage, Uint128};
use harbour_types::hkd_stablecoin::{
    AttestationInput, ExecuteMsg, HolderMode, InstantiateMsg, QueryMsg, RedemptionConfig, ReserveStatusResponse,
};
use harbour_types::reserves::{BucketAmount, BucketPolicy, FxBand, FxRate, ReserveBucket, ReservePolicy};
use serde::de::DeserializeOwned;

use crate::contract::{execute, instantiate, query};
use crate::error::ContractError;

pub const DAY: u64 = 86_400;

pub fn amt(n: u128) -> Uint128 {
    Uint128::new(n)
}

/// `Mint` without a bank receipt (the cw20 shape).
pub fn mint_msg(to: &Addr, amount: u128) -> ExecuteMsg {
    ExecuteMsg::Mint { recipient: to.to_string(), amount: amt(amount), bank_receipt: None }
}

/// The Linked Exchange Rate System's band for USD: 7.75–7.85 HKD.
pub fn usd_band() -> FxBand {
    FxBand { min: Decimal::permille(7_750), max: Decimal::permille(7_850) }
}

/// Haircut 0 and no cap everywhere except: bills 50 bps haircut, USD 200 bps haircut and a 30% cap;
/// USD approved (band 7.75–7.85), CNH not (band 1.00–1.20); attestations go stale after 2 days;
/// one attestor suffices.
pub fn default_policy() -> ReservePolicy {
    ReservePolicy {
        buckets: ReserveBucket::ALL
            .iter()
            .map(|b| BucketPolicy {
                bucket: *b,
                haircut_bps: match b {
                    ReserveBucket::GovernmentBills => 50,
                    ReserveBucket::UsdAssets => 200,
                    _ => 0,
                },
                cap_bps: if *b == ReserveBucket::UsdAssets { 3_000 } else { 10_000 },
                fx_band: match b {
                    ReserveBucket::UsdAssets => Some(usd_band()),
                    ReserveBucket::CnhAssets => Some(FxBand { min: Decimal::one(), max: Decimal::percent(120) }),
                    _ => None,
                },
            })
            .collect(),
        approved_foreign: vec![ReserveBucket::UsdAssets],
        max_attestation_age: 2 * DAY,
        attestation_quorum: 1,
    }
}

/// A distinct report hash per sequence (a report counts once).
pub fn report_hash(sequence: u64) -> HexBinary {
    let mut h = vec![0x5A; 32];
    h[..8].copy_from_slice(&sequence.to_be_bytes());
    HexBinary::from(h)
}

/// Runs a property over `cases` random operation sequences from a fixed seed (so the coverage
/// the caller accumulates is reproducible) and returns that coverage; failures shrink as usual.
pub fn run_property<O: std::fmt::Debug, C: Default>(
    cases: u32,
    ops: impl proptest::strategy::Strategy<Value = Vec<O>>,
    property: impl Fn(Vec<O>, &mut C) -> Result<(), proptest::test_runner::TestCaseError>,
) -> C {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let coverage = std::cell::RefCell::new(C::default());
    runner.run(&ops, |o| property(o, &mut coverage.borrow_mut())).unwrap_or_else(|e| panic!("{e}"));
    coverage.into_inner()
}

/// Asserts two storage snapshots are equal, naming the keys that differ.
pub fn assert_unchanged(before: &[(Vec<u8>, Vec<u8>)], after: &[(Vec<u8>, Vec<u8>)], what: &str) {
    if before != after {
        let b: std::collections::BTreeMap<_, _> = before.iter().cloned().collect();
        let a: std::collections::BTreeMap<_, _> = after.iter().cloned().collect();
        let changed: Vec<String> = b
            .keys()
            .chain(a.keys())
            .filter(|k| b.get(*k) != a.get(*k))
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .collect();
        panic!("state changed by rejected {what}: keys {changed:?}");
    }
}

pub struct Fixture {
    pub deps: OwnedDeps<MockStorage, MockApi, MockQuerier>,
    pub env: Env,
    pub owner: Addr,
    pub master_minter: Addr,
    pub minter: Addr,
    pub pauser: Addr,
    pub blacklister: Addr,
    pub rescuer: Addr,
    pub asset_protector: Addr,
    pub attestor: Addr,
    pub operator: Addr,
    pub registry: Addr,
    pub alice: Addr,
    pub bob: Addr,
    pub stranger: Addr,
    pub next_seq: u64,
}

impl Fixture {
    /// Instantiated, open mode, one minter ("minter", allowance 1,000,000,000, no rate limit), no
    /// attestation yet.
    pub fn bare() -> Self {
        let deps = mock_dependencies();
        let api = deps.api;
        let a = |n: &str| api.addr_make(n);
        let mut f = Fixture {
            owner: a("owner"),
            master_minter: a("master-minter"),
            minter: a("minter"),
            pauser: a("pauser"),
            blacklister: a("blacklister"),
            rescuer: a("rescuer"),
            asset_protector: a("asset-protector"),
            attestor: a("attestor"),
            operator: a("operator"),
            registry: a("registry"),
            alice: a("alice"),
            bob: a("bob"),
            stranger: a("stranger"),
            next_seq: 1,
            env: mock_env(),
            deps,
        };
        let msg = f.instantiate_msg();
        instantiate(f.deps.as_mut(), f.env.clone(), message_info(&f.owner, &[]), msg).unwrap();
        let mm = f.master_minter.clone();
        let minter = f.minter.to_string();
        f.exec(&mm, ExecuteMsg::ConfigureMinter { minter, allowance: amt(1_000_000_000), rate_limit: None }).unwrap();
        f
    }

    /// [`Fixture::bare`] plus a covering attestation of 1,000,000 HKD cash and 500,000 minted to
    /// alice.
    pub fn new() -> Self {
        let mut f = Self::bare();
        f.attest_cash(1_000_000);
        f.mint(&f.alice.clone(), 500_000).unwrap();
        f
    }

    pub fn instantiate_msg(&self) -> InstantiateMsg {
        InstantiateMsg {
            name: "Harbour HKD".into(),
            symbol: "HKDH".into(),
            decimals: 6,
            owner: self.owner.to_string(),
            master_minter: Some(self.master_minter.to_string()),
            pauser: Some(self.pauser.to_string()),
            blacklister: Some(self.blacklister.to_string()),
            rescuer: Some(self.rescuer.to_string()),
            asset_protector: Some(self.asset_protector.to_string()),
            attestors: vec![self.attestor.to_string()],
            redemption_operators: vec![self.operator.to_string()],
            holder_mode: HolderMode::Open,
            registry: Some(self.registry.to_string()),
            reserve_policy: default_policy(),
            redemption: RedemptionConfig {
                min_amount: amt(100),
                max_amount: Some(amt(10_000_000)),
                sla_seconds: DAY,
                business_days_only: false,
            },
            marketing: None,
        }
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.deps.api.addr_make(name)
    }

    pub fn advance(&mut self, seconds: u64) {
        self.env.block.time = self.env.block.time.plus_seconds(seconds);
        self.env.block.height += seconds / 5 + 1;
    }

    pub fn exec(&mut self, sender: &Addr, msg: ExecuteMsg) -> Result<Response, ContractError> {
        execute(self.deps.as_mut(), self.env.clone(), message_info(sender, &[]), msg)
    }

    pub fn try_query<T: DeserializeOwned>(&self, msg: QueryMsg) -> Result<T, ContractError> {
        let bin: Binary = query(self.deps.as_ref(), self.env.clone(), msg)?;
        Ok(from_json(bin)?)
    }

    pub fn query<T: DeserializeOwned>(&self, msg: QueryMsg) -> T {
        self.try_query(msg).unwrap()
    }

    /// Every key/value in storage, for before/after comparisons.
    pub fn snapshot(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.deps.storage.range(None, None, Order::Ascending).collect()
    }

    /// Executes `msg`, asserts it fails with exactly `expected`, and that storage is unchanged.
    pub fn assert_rejected(&mut self, sender: &Addr, msg: ExecuteMsg, expected: ContractError) {
        let before = self.snapshot();
        let err = self.exec(sender, msg.clone()).expect_err(&format!("expected {expected:?} for {msg:?}"));
        assert_eq!(err, expected, "wrong error for {msg:?}");
        assert_unchanged(&before, &self.snapshot(), &format!("{msg:?}"));
    }

    pub fn balance(&self, who: &Addr) -> u128 {
        let b: cw20::BalanceResponse =
            self.query(QueryMsg::Balance(harbour_types::AddressArgs { address: who.to_string() }));
        b.balance.u128()
    }

    pub fn supply(&self) -> u128 {
        let t: cw20::TokenInfoResponse = self.query(QueryMsg::TokenInfo(harbour_types::NoArgs {}));
        t.total_supply.u128()
    }

    pub fn status(&self) -> ReserveStatusResponse {
        self.query(QueryMsg::ReserveStatus(harbour_types::NoArgs {}))
    }

    /// An attestation with the next sequence, as of now, with its own report hash.
    pub fn attestation(&self, buckets: Vec<BucketAmount>, fx_rates: Vec<FxRate>) -> AttestationInput {
        AttestationInput {
            sequence: self.next_seq,
            as_of: self.env.block.time,
            buckets,
            fx_rates,
            report_hash: report_hash(self.next_seq),
            report_uri: "https://reserves.harbour.example/2026-01.pdf".into(),
        }
    }

    pub fn publish(&mut self, input: AttestationInput) -> Result<Response, ContractError> {
        let attestor = self.attestor.clone();
        let res = self.exec(&attestor, ExecuteMsg::PublishAttestation(input))?;
        self.next_seq += 1;
        Ok(res)
    }

    /// Attests `amount` of HKD cash (counted 1:1).
    pub fn attest_cash(&mut self, amount: u128) {
        let input =
            self.attestation(vec![BucketAmount { bucket: ReserveBucket::HkdCash, amount: amt(amount) }], vec![]);
        self.publish(input).unwrap();
    }

    pub fn usd_rate(rate_permille: u64) -> FxRate {
        FxRate { bucket: ReserveBucket::UsdAssets, rate: Decimal::permille(rate_permille) }
    }

    pub fn mint(&mut self, to: &Addr, amount: u128) -> Result<Response, ContractError> {
        let minter = self.minter.clone();
        self.exec(&minter, mint_msg(to, amount))
    }

    /// The budget the latest attestation left.
    pub fn budget(&self) -> u128 {
        self.status().mint_budget.u128()
    }

    pub fn transfer(&mut self, from: &Addr, to: &Addr, amount: u128) -> Result<Response, ContractError> {
        self.exec(from, ExecuteMsg::Transfer { recipient: to.to_string(), amount: amt(amount) })
    }

    pub fn blacklist(&mut self, who: &Addr) {
        let bl = self.blacklister.clone();
        self.exec(&bl, ExecuteMsg::Blacklist { address: who.to_string(), reason: "sanctions list 2026-01".into() })
            .unwrap();
    }

    /// The owner proposes `next` as owner (two-step transfer, pending until accepted).
    pub fn propose_owner(&mut self, next: &Addr) {
        let owner = self.owner.clone();
        let action = cw_ownable::Action::TransferOwnership { new_owner: next.to_string(), expiry: None };
        self.exec(&owner, ExecuteMsg::UpdateOwnership(action)).unwrap();
    }

    pub fn pause(&mut self) {
        let p = self.pauser.clone();
        self.exec(&p, ExecuteMsg::Pause(harbour_types::NoArgs {})).unwrap();
    }

    pub fn request_redemption(&mut self, who: &Addr, amount: u128) -> Result<u64, ContractError> {
        let res = self.exec(
            who,
            ExecuteMsg::RequestRedemption { amount: amt(amount), payout_reference: "acct-ref-7f3a".into() },
        )?;
        Ok(res.attributes.iter().find(|a| a.key == "request_id").map(|a| a.value.parse().unwrap()).unwrap())
    }

    /// Caches a KYC credential valid until `until` seconds for `who`, as a registry push would.
    pub fn push_kyc(&mut self, who: &Addr, until: u64) {
        use harbour_types::identity::ClaimType;
        use harbour_types::identity_registry::{CredentialStatus, IdentityHookMsg, IdentitySnapshot};
        let registry = self.registry.clone();
        let snap = IdentitySnapshot {
            did: format!("did:hk:{}", &who.as_str()[..16]),
            exists: true,
            jurisdiction: "HK".into(),
            category: harbour_types::identity::InvestorCategory::Individual,
            wallets: vec![who.clone()],
            unbound_wallets: vec![],
            credentials: vec![CredentialStatus {
                claim: ClaimType::Kyc,
                valid_until: cosmwasm_std::Timestamp::from_seconds(until),
                revoked: false,
            }],
        };
        self.exec(&registry, ExecuteMsg::RegistryHook(IdentityHookMsg::IdentityChanged(snap))).unwrap();
    }

    /// Raw storage read (for layout assertions).
    pub fn raw(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.deps.storage.get(key)
    }
}
