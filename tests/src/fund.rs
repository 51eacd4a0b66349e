//! Fund-token helpers for the Suite: the HKD stablecoin as cash token, the fund token subscribed to the registry,
//! the fund's role holders, and typed helpers for every fund message.

use anyhow::{anyhow, Result};
use cosmwasm_std::{to_json_binary, Addr, Decimal, Uint128};
use cw20::{BalanceResponse, Cw20ExecuteMsg, Cw20QueryMsg};
use cw_multi_test::{AppResponse, Executor};
use harbour_types::fund_token::{
    self as ft, AccountResponse, CashHookMsg, DealingConfig, FundPolicy, IncomeMode, NavGuards,
};
use harbour_types::identity::ClaimType;
use harbour_types::identity_registry as reg;

use crate::contracts;
use crate::suite::Suite;

/// The fund's actors, for authorization matrices: its roles (the suite's named holders), an
/// investor (alice), a stranger, and the venues the hold tests deploy under these names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Role {
    Owner,
    Agent,
    Oracle,
    Pauser,
    Officer,
    Investor,
    Stranger,
    /// "vault"
    Venue,
    /// "settlement"
    OtherVenue,
    /// "dealing" (a venue with the burn permission)
    Dealing,
}

impl Role {
    /// The fund's privileged roles and the unprivileged parties.
    pub const FUND: [Role; 7] =
        [Role::Owner, Role::Agent, Role::Oracle, Role::Pauser, Role::Officer, Role::Investor, Role::Stranger];
    /// [`Role::FUND`] and the venues.
    pub const WITH_VENUES: [Role; 10] = [
        Role::Owner,
        Role::Agent,
        Role::Oracle,
        Role::Pauser,
        Role::Officer,
        Role::Investor,
        Role::Stranger,
        Role::Venue,
        Role::OtherVenue,
        Role::Dealing,
    ];
}

/// What to deploy; `Default` is a professional-investor money-market fund in HKD.
#[derive(Clone, Debug)]
pub struct FundSetup {
    pub policy: FundPolicy,
    pub income_mode: IncomeMode,
    pub initial_nav: Decimal,
    pub nav_guards: NavGuards,
    pub subscription_fee_bps: u16,
    pub redemption_fee_bps: u16,
    pub lockup_seconds: u64,
    pub instant_daily_limit: Uint128,
    /// Named actors to approve as venues (each must have been onboarded `with_venue`).
    pub venues: Vec<String>,
}

impl Default for FundSetup {
    fn default() -> Self {
        FundSetup {
            policy: FundPolicy {
                required_claims: vec![ClaimType::Kyc, ClaimType::ProfessionalInvestor],
                allowed_jurisdictions: vec![],
                blocked_jurisdictions: vec!["KP".into(), "IR".into()],
                allowed_categories: vec![],
                max_holders: None,
                min_holding: Uint128::zero(),
                max_holding: None,
                min_subscription: Uint128::new(1_000),
                primary_only: false,
            },
            income_mode: IncomeMode::Distributing,
            initial_nav: Decimal::one(),
            nav_guards: NavGuards { max_move_bps: 200, min_interval: 3_600, staleness: 2 * 86_400 },
            subscription_fee_bps: 0,
            redemption_fee_bps: 0,
            lockup_seconds: 0,
            instant_daily_limit: Uint128::new(1_000_000_000),
            venues: vec![],
        }
    }
}

impl Suite {
    /// The address acting as `role` in this suite.
    pub fn fund_actor(&mut self, role: Role) -> Addr {
        match role {
            Role::Owner => self.owner.clone(),
            Role::Agent => self.agent.clone(),
            Role::Oracle => self.addr("nav-oracle"),
            Role::Pauser => self.addr("pauser"),
            Role::Officer => self.addr("compliance"),
            Role::Investor => self.addr("alice"),
            Role::Stranger => self.addr("stranger"),
            Role::Venue => self.addr("vault"),
            Role::OtherVenue => self.addr("settlement"),
            Role::Dealing => self.addr("dealing"),
        }
    }

    /// Alice's two spare wallets (`alice-2`, `alice-3`, which recovery moves her second binding
    /// between): (the one bound in the registry now, the other).
    pub fn alice_spares(&self) -> (&'static str, &'static str) {
        let r: reg::WalletResponse = self
            .registry_query(&reg::QueryMsg::Wallet { address: self.addr_ref("alice-2").to_string() })
            .expect("wallet query");
        if r.did.is_some() {
            ("alice-2", "alice-3")
        } else {
            ("alice-3", "alice-2")
        }
    }

    /// Deploys a venue contract (vault/settlement stand-in, `packages/hold-venue` recording every
    /// hook), names it, and registers it in the registry as a `venue` identity with KYC.
    pub fn deploy_venue(&mut self, name: &str, did: &str) -> Result<Addr> {
        let code = self.app.store_code(contracts::hold_venue());
        let deployer = self.deployer.clone();
        let venue = self.app.instantiate_contract(
            code,
            deployer,
            &hold_venue::InstantiateMsg { record: true },
            &[],
            name,
            None,
        )?;
        self.actors.insert(name.to_string(), venue.clone());
        let agent = self.agent.clone();
        self.registry_execute(
            &agent,
            &reg::ExecuteMsg::RegisterIdentity(reg::NewIdentity {
                did: did.into(),
                wallets: vec![venue.to_string()],
                jurisdiction: "HK".into(),
                category: harbour_types::identity::InvestorCategory::Venue,
            }),
        )?;
        self.issue_credential(did, ClaimType::Kyc, 365 * 86_400)?;
        Ok(venue)
    }

    pub fn fund_addr(&self) -> Addr {
        self.fund.clone().expect("fund not deployed")
    }

    pub fn cash_addr(&self) -> Addr {
        self.cash.clone().expect("cash token not deployed")
    }

    /// The HKD stablecoin as the cash token (open holder mode).
    pub fn deploy_cash_token(&mut self) -> Result<Addr> {
        self.deploy_stablecoin(crate::stablecoin::StablecoinSetup::default())
    }

    /// Deploys the fund (and a cash token if none), subscribes it to the registry and seeds its
    /// identity cache with every identity onboarded so far.
    pub fn deploy_fund(&mut self, setup: FundSetup) -> Result<Addr> {
        let cash = match &self.cash {
            Some(c) => c.clone(),
            None => self.deploy_cash_token()?,
        };
        let (custody, fees) = (self.addr("custodian"), self.addr("fee-collector"));
        let (oracle, pauser, officer) = (self.addr("nav-oracle"), self.addr("pauser"), self.addr("compliance"));
        let code = self.app.store_code(contracts::fund_token());
        let venues: Vec<String> = setup.venues.iter().map(|v| self.addr(v).to_string()).collect();
        let owner = self.owner.clone();
        let deployer = self.deployer.clone();
        let agent = self.agent.clone();
        let fund = self.app.instantiate_contract(
            code,
            deployer,
            &ft::InstantiateMsg {
                name: "Harbour HKD Money Market Fund".into(),
                symbol: "HHMMF".into(),
                decimals: 6,
                owner: owner.to_string(),
                registry: self.registry_addr().to_string(),
                policy: setup.policy,
                income_mode: setup.income_mode,
                initial_nav: setup.initial_nav,
                nav_guards: setup.nav_guards,
                dealing: DealingConfig {
                    cash_token: cash.to_string(),
                    custody: custody.to_string(),
                    fee_collector: fees.to_string(),
                    subscription_fee_bps: setup.subscription_fee_bps,
                    redemption_fee_bps: setup.redemption_fee_bps,
                    lockup_seconds: setup.lockup_seconds,
                    instant_daily_limit: setup.instant_daily_limit,
                },
                agents: vec![agent.to_string()],
                nav_oracles: vec![oracle.to_string()],
                pausers: vec![pauser.to_string()],
                compliance_officers: vec![officer.to_string()],
                marketing: None,
            },
            &[],
            "harbour-fund",
            Some(owner.to_string()),
        )?;
        self.fund = Some(fund.clone());
        let registry = self.registry_addr();
        self.execute_as_owner(&registry, &reg::ExecuteMsg::AddSubscriber { address: fund.to_string() })?;
        self.push_all_identities()?;
        for v in venues {
            self.execute_as_owner(&fund, &ft::ExecuteMsg::AddVenue(ft::VenueArgs { address: v, burn_held: false }))?;
        }
        Ok(fund)
    }

    /// Re-sends every registered identity to the subscribers (paged, 50 at a time).
    pub fn push_all_identities(&mut self) -> Result<()> {
        let mut start_after = None;
        loop {
            let page: reg::IdentitiesResponse =
                self.registry_query(&reg::QueryMsg::Identities { start_after: start_after.clone(), limit: Some(50) })?;
            if page.identities.is_empty() {
                return Ok(());
            }
            start_after = page.identities.last().map(|i| i.did.clone());
            let dids = page.identities.into_iter().map(|i| i.did).collect();
            let anyone = self.deployer.clone();
            self.registry_execute(&anyone, &reg::ExecuteMsg::PushIdentities { dids })?;
        }
    }

    pub fn fund_execute(&mut self, sender: &Addr, msg: &ft::ExecuteMsg) -> Result<AppResponse> {
        let fund = self.fund_addr();
        self.execute(sender, &fund, msg)
    }

    /// Sends a CW20-crate message to the fund (conformance: the fund must accept cw20's own types).
    pub fn fund_cw20(&mut self, sender: &Addr, msg: &Cw20ExecuteMsg) -> Result<AppResponse> {
        let fund = self.fund_addr();
        self.execute(sender, &fund, msg)
    }

    pub fn fund_query<R: serde::de::DeserializeOwned>(&self, msg: &ft::QueryMsg) -> Result<R> {
        self.query(&self.fund_addr(), msg)
    }

    pub fn fund_balance(&self, who: &Addr) -> Uint128 {
        let r: BalanceResponse = self
            .query(&self.fund_addr(), &Cw20QueryMsg::Balance { address: who.to_string() })
            .unwrap_or(BalanceResponse { balance: Uint128::zero() });
        r.balance
    }

    pub fn fund_account(&self, who: &Addr) -> AccountResponse {
        self.fund_query(&ft::QueryMsg::Account(harbour_types::AddressArgs { address: who.to_string() }))
            .expect("account query")
    }

    pub fn cash_balance(&self, who: &Addr) -> Uint128 {
        let r: BalanceResponse = self
            .query(&self.cash_addr(), &Cw20QueryMsg::Balance { address: who.to_string() })
            .unwrap_or(BalanceResponse { balance: Uint128::zero() });
        r.balance
    }

    /// `from` sends `amount` cash to the fund with a hook message.
    pub fn send_cash(&mut self, from: &Addr, amount: u128, hook: &CashHookMsg) -> Result<AppResponse> {
        let (cash, fund) = (self.cash_addr(), self.fund_addr());
        self.execute(
            from,
            &cash,
            &Cw20ExecuteMsg::Send {
                contract: fund.to_string(),
                amount: Uint128::new(amount),
                msg: to_json_binary(hook)?,
            },
        )
    }

    /// Mints `amount` cash to `investor` and subscribes with it.
    pub fn subscribe(&mut self, investor: &Addr, amount: u128) -> Result<AppResponse> {
        self.mint_cash(investor, amount)?;
        self.send_cash(investor, amount, &CashHookMsg::Subscribe {})
    }

    /// Agent issuance of shares.
    pub fn fund_mint(&mut self, to: &Addr, amount: u128) -> Result<AppResponse> {
        let agent = self.agent.clone();
        self.fund_execute(&agent, &ft::ExecuteMsg::Mint { recipient: to.to_string(), amount: Uint128::new(amount) })
    }

    pub fn fund_transfer(&mut self, from: &Addr, to: &Addr, amount: u128) -> Result<AppResponse> {
        self.fund_execute(from, &ft::ExecuteMsg::Transfer { recipient: to.to_string(), amount: Uint128::new(amount) })
    }

    pub fn set_nav(&mut self, nav: Decimal) -> Result<AppResponse> {
        let oracle = self.addr("nav-oracle");
        self.fund_execute(&oracle, &ft::ExecuteMsg::SetNav { nav })
    }

    /// The agent tops up the instant-redemption buffer with fresh cash.
    pub fn top_up_liquidity(&mut self, amount: u128) -> Result<AppResponse> {
        let agent = self.agent.clone();
        self.mint_cash(&agent, amount)?;
        self.send_cash(&agent, amount, &CashHookMsg::TopUpLiquidity {})
    }

    /// The agent deposits income (distributing funds).
    pub fn deposit_income(&mut self, amount: u128) -> Result<AppResponse> {
        let agent = self.agent.clone();
        self.mint_cash(&agent, amount)?;
        self.send_cash(&agent, amount, &CashHookMsg::DepositIncome {})
    }

    pub fn holder_count(&self) -> u32 {
        let cfg: ft::FundConfigResponse =
            self.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {})).expect("config");
        cfg.holder_count
    }

    /// Raw storage of a contract, to prove a rejected message changed nothing.
    pub fn raw_state(&self, contract: &Addr) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.app.dump_wasm_raw(contract)
    }

    /// The request id from a redemption response.
    pub fn request_id(res: &AppResponse) -> Result<u64> {
        res.events
            .iter()
            .flat_map(|e| &e.attributes)
            .find(|a| a.key == "request_id")
            .ok_or_else(|| anyhow!("no request_id"))?
            .value
            .parse()
            .map_err(|e| anyhow!("bad request id: {e}"))
    }
}
