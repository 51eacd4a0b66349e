//! HKD-stablecoin helpers for the Suite: deploys the stablecoin with every role held by a named
//! actor, subscribes it to the registry (its KYC cache), publishes reserve attestations, and
//! mints cash the way the issuer does (a fresh covering attestation first when needed). The
//! stablecoin is the fund token's cash token.

use anyhow::Result;
use cosmwasm_std::{Addr, HexBinary, Uint128};
use cw_multi_test::{AppResponse, Executor};
use harbour_types::hkd_stablecoin::{
    self as hs, AttestationInput, HolderMode, RedemptionConfig, ReserveStatusResponse,
};
use harbour_types::identity_registry as reg;
use harbour_types::reserves::{BucketAmount, BucketPolicy, FxBand, ReserveBucket, ReservePolicy};

use crate::contracts;
use crate::suite::Suite;

/// Named actors holding the stablecoin's roles.
pub const MASTER_MINTER: &str = "stable-master-minter";
pub const CASH_MINTER: &str = "cash-minter";
pub const STABLE_PAUSER: &str = "stable-pauser";
pub const BLACKLISTER: &str = "stable-blacklister";
pub const RESCUER: &str = "stable-rescuer";
pub const ASSET_PROTECTOR: &str = "stable-asset-protector";
pub const CUSTODIAN: &str = "reserve-custodian";
pub const TREASURY: &str = "stable-treasury";

/// What to deploy; `Default` is an open HKD stablecoin whose reserves are HKD cash and bills (USD
/// approved within the 7.75–7.85 band), attestations valid for two days and counting with one
/// attestor, one-day redemption SLA.
#[derive(Clone, Debug)]
pub struct StablecoinSetup {
    pub holder_mode: HolderMode,
    pub reserve_policy: ReservePolicy,
    pub redemption: RedemptionConfig,
}

impl Default for StablecoinSetup {
    fn default() -> Self {
        StablecoinSetup {
            holder_mode: HolderMode::Open,
            reserve_policy: ReservePolicy {
                buckets: ReserveBucket::ALL
                    .iter()
                    .map(|b| BucketPolicy {
                        bucket: *b,
                        haircut_bps: if *b == ReserveBucket::GovernmentBills { 50 } else { 0 },
                        cap_bps: 10_000,
                        fx_band: (*b == ReserveBucket::UsdAssets).then(|| FxBand {
                            min: cosmwasm_std::Decimal::permille(7_750),
                            max: cosmwasm_std::Decimal::permille(7_850),
                        }),
                    })
                    .collect(),
                approved_foreign: vec![ReserveBucket::UsdAssets],
                max_attestation_age: 2 * 86_400,
                attestation_quorum: 1,
            },
            redemption: RedemptionConfig::default(),
        }
    }
}

impl Suite {
    pub fn stablecoin_addr(&self) -> Addr {
        self.cash_addr()
    }

    /// Deploys the stablecoin as the suite's cash token, owned by the suite owner, and subscribes
    /// it to the registry so its KYC cache is fed (needed in registry-gated mode).
    pub fn deploy_stablecoin(&mut self, setup: StablecoinSetup) -> Result<Addr> {
        let code = self.app.store_code(contracts::hkd_stablecoin());
        let a = |s: &mut Suite, n: &str| s.addr(n).to_string();
        let msg = hs::InstantiateMsg {
            name: "Harbour HKD".into(),
            symbol: "HKDH".into(),
            decimals: 6,
            owner: self.owner.to_string(),
            master_minter: Some(a(self, MASTER_MINTER)),
            pauser: Some(a(self, STABLE_PAUSER)),
            blacklister: Some(a(self, BLACKLISTER)),
            rescuer: Some(a(self, RESCUER)),
            asset_protector: Some(a(self, ASSET_PROTECTOR)),
            attestors: vec![a(self, CUSTODIAN)],
            redemption_operators: vec![a(self, TREASURY)],
            holder_mode: setup.holder_mode,
            registry: Some(self.registry_addr().to_string()),
            reserve_policy: setup.reserve_policy,
            redemption: setup.redemption,
            marketing: None,
        };
        let (deployer, owner) = (self.deployer.clone(), self.owner.clone());
        let coin = self.app.instantiate_contract(code, deployer, &msg, &[], "harbour-hkd", Some(owner.to_string()))?;
        self.cash = Some(coin.clone());
        let registry = self.registry_addr();
        self.execute_as_owner(&registry, &reg::ExecuteMsg::AddSubscriber { address: coin.to_string() })?;
        self.push_all_identities()?;
        let (mm, minter) = (self.addr(MASTER_MINTER), self.addr(CASH_MINTER));
        self.execute(
            &mm,
            &coin,
            &hs::ExecuteMsg::ConfigureMinter {
                minter: minter.to_string(),
                allowance: Uint128::new(u128::MAX / 4),
                rate_limit: None,
            },
        )?;
        Ok(coin)
    }

    pub fn stable_execute(&mut self, sender: &Addr, msg: &hs::ExecuteMsg) -> Result<AppResponse> {
        let coin = self.stablecoin_addr();
        self.execute(sender, &coin, msg)
    }

    pub fn stable_query<R: serde::de::DeserializeOwned>(&self, msg: &hs::QueryMsg) -> Result<R> {
        self.query(&self.stablecoin_addr(), msg)
    }

    pub fn reserve_status(&self) -> Result<ReserveStatusResponse> {
        self.stable_query(&hs::QueryMsg::ReserveStatus(harbour_types::NoArgs {}))
    }

    /// The custodian's attestation of `cash` HKD at banks as of now, with the next sequence and a
    /// report hash of its own (each report counts once).
    pub fn attestation_input(&self, cash: u128) -> Result<AttestationInput> {
        let sequence = self.reserve_status()?.latest_sequence.unwrap_or(0) + 1;
        let mut report_hash = vec![0x42; 32];
        report_hash[..8].copy_from_slice(&sequence.to_be_bytes());
        Ok(AttestationInput {
            sequence,
            as_of: self.now(),
            buckets: vec![BucketAmount { bucket: ReserveBucket::HkdCash, amount: Uint128::new(cash) }],
            fx_rates: vec![],
            report_hash: HexBinary::from(report_hash),
            report_uri: format!("https://reserves.harbour.example/daily/{sequence}"),
        })
    }

    /// The custodian publishes an attestation of `cash` HKD at banks as of now.
    pub fn attest_reserves(&mut self, cash: u128) -> Result<AppResponse> {
        let input = self.attestation_input(cash)?;
        let custodian = self.addr(CUSTODIAN);
        self.stable_execute(&custodian, &hs::ExecuteMsg::PublishAttestation(input))
    }

    /// Mints cash as the issuer does: when the latest attestation is stale, voided, or its mint
    /// budget would not cover the mint, the custodian first attests reserves covering supply +
    /// amount (+ a buffer). The mint carries the bank receipt of the fiat received.
    pub fn mint_cash(&mut self, to: &Addr, amount: u128) -> Result<AppResponse> {
        let status = self.reserve_status()?;
        if !status.mint_allowed || status.mint_budget.u128() < amount {
            let cover = status.total_supply.u128().saturating_add(amount).saturating_add(1_000_000_000_000);
            self.attest_reserves(cover)?;
        }
        let minter = self.addr(CASH_MINTER);
        let msg = hs::ExecuteMsg::Mint {
            recipient: to.to_string(),
            amount: Uint128::new(amount),
            bank_receipt: Some(format!("bank-receipt-{}-{amount}", self.now().seconds())),
        };
        self.stable_execute(&minter, &msg)
    }
}
