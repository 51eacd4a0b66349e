//! Fund helpers for the Suite: the HKD stablecoin as cash (and income) token, the fund token
//! subscribed to the registry, its dealing contract (a registered venue identity with the
//! `burn_held` permission, named in the token's config), the role holders of both, and typed
//! helpers for every fund and dealing message.

use anyhow::{anyhow, Result};
use cosmwasm_std::{to_json_binary, Addr, Binary, Decimal, Uint128};
use cw20::{BalanceResponse, Cw20ExecuteMsg, Cw20QueryMsg};
use cw_multi_test::{AppResponse, Executor};
use harbour_types::fund_dealing::{self as fd, CashHookMsg, DealingConfig, HoldOrderMsg, NavGuards};
use harbour_types::fund_token::{self as ft, AccountResponse, FundPolicy, IncomeHookMsg, IncomeMode};
use harbour_types::holds::PlaceHoldMsg;
use harbour_types::identity::ClaimType;
use harbour_types::identity_registry as reg;

use crate::contracts;
use crate::suite::Suite;

/// The fund's actors, for authorization matrices: its roles (the suite's named holders), an
/// investor (alice), a stranger, and the venues the hold tests deploy under these names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Role {
    Owner,
    /// The fund's transfer agent, also the dealing agent.
    Agent,
    /// NAV oracle (dealing).
    Oracle,
    /// Pauser of both contracts.
    Pauser,
    Officer,
    /// Emergency markdown (dealing).
    Markdown,
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
    /// The fund's and dealing's privileged roles and the unprivileged parties.
    pub const FUND: [Role; 8] = [
        Role::Owner,
        Role::Agent,
        Role::Oracle,
        Role::Pauser,
        Role::Officer,
        Role::Markdown,
        Role::Investor,
        Role::Stranger,
    ];
    /// [`Role::FUND`] and the venues.
    pub const WITH_VENUES: [Role; 11] = [
        Role::Owner,
        Role::Agent,
        Role::Oracle,
        Role::Pauser,
        Role::Officer,
        Role::Markdown,
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
    pub min_subscription: Uint128,
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
                primary_only: false,
            },
            income_mode: IncomeMode::Distributing,
            initial_nav: Decimal::one(),
            nav_guards: NavGuards { max_move_bps: 200, min_interval: 3_600, staleness: 2 * 86_400 },
            subscription_fee_bps: 0,
            redemption_fee_bps: 0,
            lockup_seconds: 0,
            instant_daily_limit: Uint128::new(1_000_000_000),
            min_subscription: Uint128::new(1_000),
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
            Role::Markdown => self.addr("markdown"),
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

    pub fn dealing_addr(&self) -> Addr {
        self.dealing.clone().expect("fund dealing not deployed")
    }

    /// Deploys the fund token (and a cash token if none, the fund's income token too), subscribes
    /// it to the registry, seeds its identity cache with every identity onboarded so far, then
    /// deploys its dealing contract, registers it as a venue identity (`did:hk:harbour-dealing`),
    /// approves it with `burn_held` and names it in the fund's config.
    pub fn deploy_fund(&mut self, setup: FundSetup) -> Result<Addr> {
        let cash = match &self.cash {
            Some(c) => c.clone(),
            None => self.deploy_cash_token()?,
        };
        let (custody, fees) = (self.addr("custodian"), self.addr("fee-collector"));
        let (oracle, pauser, officer, markdown) =
            (self.addr("nav-oracle"), self.addr("pauser"), self.addr("compliance"), self.addr("markdown"));
        let code = self.app.store_code(contracts::fund_token());
        let venues: Vec<String> = setup.venues.iter().map(|v| self.addr(v).to_string()).collect();
        let owner = self.owner.clone();
        let deployer = self.deployer.clone();
        let agent = self.agent.clone();
        let fund = self.app.instantiate_contract(
            code,
            deployer.clone(),
            &ft::InstantiateMsg {
                name: "Harbour HKD Money Market Fund".into(),
                symbol: "HHMMF".into(),
                decimals: 6,
                owner: owner.to_string(),
                registry: self.registry_addr().to_string(),
                policy: setup.policy,
                income_mode: setup.income_mode,
                income_token: cash.to_string(),
                custody: custody.to_string(),
                agents: vec![agent.to_string()],
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
        let dealing_code = self.app.store_code(contracts::fund_dealing());
        let dealing = self.app.instantiate_contract(
            dealing_code,
            deployer,
            &fd::InstantiateMsg {
                owner: owner.to_string(),
                fund_token: fund.to_string(),
                initial_nav: setup.initial_nav,
                nav_guards: setup.nav_guards,
                config: DealingConfig {
                    cash_token: cash.to_string(),
                    custody: custody.to_string(),
                    fee_collector: fees.to_string(),
                    subscription_fee_bps: setup.subscription_fee_bps,
                    redemption_fee_bps: setup.redemption_fee_bps,
                    lockup_seconds: setup.lockup_seconds,
                    instant_daily_limit: setup.instant_daily_limit,
                    min_subscription: setup.min_subscription,
                    venues: vec![],
                },
                nav_oracles: vec![oracle.to_string()],
                dealing_agents: vec![agent.to_string()],
                pausers: vec![pauser.to_string()],
                markdown_agents: vec![markdown.to_string()],
            },
            &[],
            "harbour-fund-dealing",
            Some(owner.to_string()),
        )?;
        self.dealing = Some(dealing.clone());
        self.actors.insert("fund-dealing".to_string(), dealing.clone());
        self.registry_execute(
            &agent,
            &reg::ExecuteMsg::RegisterIdentity(reg::NewIdentity {
                did: "did:hk:harbour-dealing".into(),
                wallets: vec![dealing.to_string()],
                jurisdiction: "HK".into(),
                category: harbour_types::identity::InvestorCategory::Venue,
            }),
        )?;
        self.issue_credential("did:hk:harbour-dealing", ClaimType::Kyc, 365 * 86_400)?;
        self.execute_as_owner(
            &fund,
            &ft::ExecuteMsg::AddVenue(ft::VenueArgs { address: dealing.to_string(), burn_held: true }),
        )?;
        self.execute_as_owner(
            &fund,
            &ft::ExecuteMsg::SetDealing(harbour_types::AddressArgs { address: dealing.to_string() }),
        )?;
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

    pub fn dealing_execute(&mut self, sender: &Addr, msg: &fd::ExecuteMsg) -> Result<AppResponse> {
        let dealing = self.dealing_addr();
        self.execute(sender, &dealing, msg)
    }

    pub fn dealing_query<R: serde::de::DeserializeOwned>(&self, msg: &fd::QueryMsg) -> Result<R> {
        self.query(&self.dealing_addr(), msg)
    }

    pub fn dealing_state(&self) -> fd::DealingStateResponse {
        self.dealing_query(&fd::QueryMsg::State(harbour_types::NoArgs {})).expect("dealing state")
    }

    /// `from` sends `amount` cash to the dealing contract with a hook message.
    pub fn send_cash(&mut self, from: &Addr, amount: u128, hook: &CashHookMsg) -> Result<AppResponse> {
        let (cash, dealing) = (self.cash_addr(), self.dealing_addr());
        self.execute(
            from,
            &cash,
            &Cw20ExecuteMsg::Send {
                contract: dealing.to_string(),
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

    /// `owner` places a hold of `shares` for the dealing contract carrying `order`.
    pub fn place_order(&mut self, owner: &Addr, shares: u128, order: &HoldOrderMsg) -> Result<AppResponse> {
        let dealing = self.dealing_addr();
        self.fund_execute(
            owner,
            &ft::ExecuteMsg::PlaceHold(PlaceHoldMsg {
                venue: dealing.to_string(),
                amount: Uint128::new(shares),
                expires: None,
                msg: Some(to_json_binary(order)?),
            }),
        )
    }

    /// Instant redemption (a hold for the dealing contract with `redeem_instant`).
    pub fn redeem_instant(&mut self, owner: &Addr, shares: u128) -> Result<AppResponse> {
        self.place_order(owner, shares, &HoldOrderMsg::RedeemInstant {})
    }

    /// A queued redemption request (a hold for the dealing contract with `request_redemption`).
    pub fn request_redemption(&mut self, owner: &Addr, shares: u128) -> Result<AppResponse> {
        self.place_order(owner, shares, &HoldOrderMsg::RequestRedemption {})
    }

    pub fn cancel_redemption(&mut self, sender: &Addr, request_id: u64) -> Result<AppResponse> {
        self.dealing_execute(sender, &fd::ExecuteMsg::CancelRedemption { request_id })
    }

    /// The dealing agent pays request `id` with `amount` fresh cash.
    pub fn settle_redemption(&mut self, request_id: u64, amount: u128) -> Result<AppResponse> {
        let agent = self.agent.clone();
        self.mint_cash(&agent, amount)?;
        self.send_cash(&agent, amount, &CashHookMsg::SettleRedemption { request_id })
    }

    /// The gross cash due for request `id` at the current NAV (what `settle_redemption` must send).
    pub fn settlement_due(&self, request_id: u64) -> Result<u128> {
        let req: fd::RedemptionRequest = self.dealing_query(&fd::QueryMsg::RedemptionRequest { id: request_id })?;
        let check: fd::DealingCheckResponse = self.dealing_query(&fd::QueryMsg::CanRedeem {
            owner: req.owner.to_string(),
            shares: req.shares,
            mode: fd::RedeemMode::Instant,
        })?;
        Ok(check.gross.u128())
    }

    /// The response data of a transaction (multi-test wraps execute data in
    /// `MsgExecuteContractResponse`).
    pub fn response_data<R: serde::de::DeserializeOwned>(res: &AppResponse) -> Result<R> {
        let data: Binary = res.data.clone().ok_or_else(|| anyhow!("no response data"))?;
        let inner = cw_utils::parse_execute_response_data(data.as_slice()).ok().and_then(|r| r.data).unwrap_or(data);
        Ok(cosmwasm_std::from_json(inner)?)
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
        self.dealing_execute(&oracle, &fd::ExecuteMsg::SetNav { nav })
    }

    /// The agent tops up the instant-redemption buffer with fresh cash.
    pub fn top_up_liquidity(&mut self, amount: u128) -> Result<AppResponse> {
        let agent = self.agent.clone();
        self.mint_cash(&agent, amount)?;
        self.send_cash(&agent, amount, &CashHookMsg::TopUpBuffer {})
    }

    /// The agent deposits income (distributing funds) in the fund's income token (the suite's
    /// cash token unless changed).
    pub fn deposit_income(&mut self, amount: u128) -> Result<AppResponse> {
        let agent = self.agent.clone();
        self.mint_cash(&agent, amount)?;
        let cfg: ft::FundConfigResponse = self.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {}))?;
        let fund = self.fund_addr();
        self.execute(
            &agent,
            &cfg.income_token,
            &Cw20ExecuteMsg::Send {
                contract: fund.to_string(),
                amount: Uint128::new(amount),
                msg: to_json_binary(&IncomeHookMsg::DepositIncome {})?,
            },
        )
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
