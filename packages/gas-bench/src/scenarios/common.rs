//! Deployment helpers shared by the scenarios: the registry with its roles and attestor keys, a
//! cw20-base token, the fund token wired as `tests/src/fund.rs` wires it, venues, batch
//! onboarding, and the HKD stablecoin with every role held by its own address. Keys are derived
//! from fixed seeds so every run is identical.

use anyhow::{anyhow, Context};
use cosmwasm_std::{to_json_binary, Addr, Binary, Decimal, Empty, HexBinary, Uint128};
use cw20::{Cw20Coin, Cw20ExecuteMsg, MinterResponse};
use harbour_types::fund_dealing::{self as fd, CashHookMsg, DealingConfig, HoldOrderMsg, NavGuards};
use harbour_types::fund_token::{self as ft, FundPolicy, IncomeHookMsg, IncomeMode, MintItem, MAX_BATCH};
use harbour_types::hkd_stablecoin::{self as hs, AttestationInput, HolderMode, RedemptionConfig};
use harbour_types::identity::{ClaimType, InvestorCategory, IssuerPublicKey};
use harbour_types::identity_registry::{
    self as reg, AttestationFields, CredentialGrant, IssuerConfig, NewIdentity, SignedAttestation,
};
use harbour_types::reserves::{BucketAmount, BucketPolicy, FxBand, FxRate, ReserveBucket, ReservePolicy};
use k256::ecdsa::signature::hazmat::PrehashSigner;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::bench::{Bench, Op};
use crate::chain::{Chain, CHAIN_ID};

pub const DAY: u64 = 86_400;
/// Credentials issued at setup are valid for a year.
pub const VALIDITY: u64 = 365 * DAY;
/// The holding every scenario starts its main investor with (10⁶ tokens of 6 decimals).
pub const INITIAL_BALANCE: u128 = 1_000_000_000_000;
/// The amount of every measured movement (1 token of 6 decimals).
pub const AMOUNT: u128 = 1_000_000;
pub const KYC_PI: &[ClaimType] = &[ClaimType::Kyc, ClaimType::ProfessionalInvestor];

pub fn amount(n: u128) -> Uint128 {
    Uint128::new(n)
}

/// cw20-base's `InstantiateMsg` (same JSON shape; the bench does not link cw20-base).
#[derive(Serialize)]
pub struct Cw20InstantiateMsg {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub initial_balances: Vec<Cw20Coin>,
    pub mint: Option<MinterResponse>,
    pub marketing: Option<Empty>,
}

/// Instantiates cw20-base with `initial` balances and `minter`.
pub fn deploy_cw20(
    bench: &Bench,
    chain: &Chain,
    symbol: &str,
    minter: &Addr,
    initial: &[(&Addr, u128)],
) -> anyhow::Result<Addr> {
    let msg = Cw20InstantiateMsg {
        name: format!("{symbol} Test Coin"),
        symbol: symbol.to_string(),
        decimals: 6,
        initial_balances: initial
            .iter()
            .map(|(a, n)| Cw20Coin { address: a.to_string(), amount: amount(*n) })
            .collect(),
        mint: Some(MinterResponse { minter: minter.to_string(), cap: None }),
        marketing: None,
    };
    chain.instantiate(bench.code("cw20_base")?, minter, &msg, &format!("cw20-base {symbol}"), None)
}

/// The bench receiver (a CW20 receiver doing nothing).
pub fn deploy_receiver(bench: &Bench, chain: &Chain, label: &str) -> anyhow::Result<Addr> {
    let deployer = chain.wallet("deployer");
    chain.instantiate(bench.code("bench_receiver")?, &deployer, &Empty {}, label, None)
}

/// The hold venue (`packages/hold-venue`) without logging: a hook costs one books write, as a
/// real venue's booking would.
pub fn deploy_hold_venue(bench: &Bench, chain: &Chain, label: &str) -> anyhow::Result<Addr> {
    let deployer = chain.wallet("deployer");
    chain.instantiate(bench.code("hold_venue")?, &deployer, &HoldVenueInit { record: false }, label, None)
}

/// `hold-venue`'s `InstantiateMsg` (same JSON; the bench does not link the test venue).
#[derive(Serialize)]
pub struct HoldVenueInit {
    pub record: bool,
}

/// The hold messages both tokens accept (the JSON of their `ExecuteMsg` variants), for the
/// operations measured on either token.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldMsg {
    PlaceHold(harbour_types::holds::PlaceHoldMsg),
    ReleaseHold(harbour_types::holds::ReleaseHoldMsg),
    ExecuteHold(harbour_types::holds::ExecuteHoldMsg),
    CourtReleaseHold(harbour_types::holds::ReleaseHoldMsg),
}

/// The parties of the hold measurements on one token.
pub struct HoldParties<'a> {
    pub token: &'a Addr,
    /// Places the hold; also the sender of `transfer`.
    pub owner: &'a Addr,
    pub venue: &'a Addr,
    pub buyer: &'a Addr,
    pub fee_to: &'a Addr,
    /// The token's legal-order role.
    pub court: &'a Addr,
    pub reason: &'static str,
}

/// Measures the hold operations of one token under `<prefix>.<operation>` keys: placing with the
/// venue's hook, a transfer with a hold outstanding (`transfer`, the token's repeat transfer),
/// the venue's release, execution to one and to two recipients, the court-order release. The
/// venue's messages are sent from its address: the token's part of the venue's transaction.
pub fn measure_holds<M: Serialize>(
    bench: &mut Bench,
    chain: &Chain,
    prefix: &str,
    unit: &str,
    p: HoldParties,
    transfer: &M,
) -> anyhow::Result<()> {
    let key = |op: &str| format!("{prefix}.{op}");
    let (owner, venue) = (p.owner, p.venue);
    bench.tx(
        chain,
        Op::new(key("place_hold"), "place a hold (+ venue hook)").vs("cw20_base.send").note(format!(
            "commits 10 {unit} to the venue, with a message; the venue books it in the same transaction"
        )),
        owner,
        p.token,
        &HoldMsg::place(venue, 10 * AMOUNT),
    )?;
    bench.tx(
        chain,
        Op::new(key("transfer_held"), "transfer with a hold outstanding")
            .vs("cw20_base.transfer")
            .note("the owner, holding for the venue, transfers: the held total is in the account record (budget)"),
        owner,
        p.token,
        transfer,
    )?;
    bench.tx(
        chain,
        Op::new(key("release_hold"), "release part of a hold (venue)")
            .note(format!("the venue returns 1 {unit} to the owner's free balance")),
        venue,
        p.token,
        &HoldMsg::ReleaseHold(HoldMsg::release(owner, venue, AMOUNT, None)),
    )?;
    bench.tx(
        chain,
        Op::new(key("execute_hold"), "execute a hold to one recipient (venue)")
            .vs("cw20_base.transfer")
            .note(format!("the venue delivers 1 held {unit} to a buyer (recipient rule checked)")),
        venue,
        p.token,
        &HoldMsg::execute(owner, &[(p.buyer, AMOUNT)]),
    )?;
    bench.tx(
        chain,
        Op::new(key("execute_hold_2"), "execute a hold to a buyer and a fee address (venue)")
            .vs("cw20_base.transfer")
            .note(format!("one call: 1 {unit} to the buyer, 0.01 to the fee address")),
        venue,
        p.token,
        &HoldMsg::execute(owner, &[(p.buyer, AMOUNT), (p.fee_to, AMOUNT / 100)]),
    )?;
    bench.tx(
        chain,
        Op::new(key("court_release_hold"), "court-order release (+ venue hook)").note(format!(
            "the legal-order role releases 1 {unit} with a reason; the venue is notified in the same transaction"
        )),
        p.court,
        p.token,
        &HoldMsg::CourtReleaseHold(HoldMsg::release(owner, venue, AMOUNT, Some(p.reason))),
    )?;
    Ok(())
}

impl HoldMsg {
    pub fn place(venue: &Addr, n: u128) -> HoldMsg {
        HoldMsg::PlaceHold(harbour_types::holds::PlaceHoldMsg {
            venue: venue.to_string(),
            amount: amount(n),
            expires: None,
            msg: Some(Binary::from(b"{\"trade\":42}".to_vec())),
        })
    }

    pub fn release(owner: &Addr, venue: &Addr, n: u128, reason: Option<&str>) -> harbour_types::holds::ReleaseHoldMsg {
        harbour_types::holds::ReleaseHoldMsg {
            owner: owner.to_string(),
            venue: venue.to_string(),
            amount: Some(amount(n)),
            reason: reason.map(String::from),
        }
    }

    pub fn execute(owner: &Addr, to: &[(&Addr, u128)]) -> HoldMsg {
        HoldMsg::ExecuteHold(harbour_types::holds::ExecuteHoldMsg {
            owner: owner.to_string(),
            transfers: to
                .iter()
                .map(|(r, n)| harbour_types::holds::HoldTransfer { recipient: r.to_string(), amount: amount(*n) })
                .collect(),
        })
    }
}

fn seed(name: &str) -> [u8; 32] {
    Sha256::digest(format!("harbour-bench/key/{name}").as_bytes()).into()
}

/// The identity registry and its actors.
pub struct Registry {
    pub addr: Addr,
    pub owner: Addr,
    pub agent: Addr,
    /// Issues every claim directly.
    pub kyc_issuer: Addr,
    pub secp_attestor: Addr,
    pub secp_key: k256::ecdsa::SigningKey,
    pub ed_attestor: Addr,
    pub ed_key: ed25519_zebra::SigningKey,
}

impl Registry {
    pub fn deploy(bench: &Bench, chain: &Chain) -> anyhow::Result<Registry> {
        let (owner, agent, kyc_issuer) = (chain.wallet("owner"), chain.wallet("agent"), chain.wallet("kyc-issuer"));
        let (secp_attestor, ed_attestor) = (chain.wallet("secp-attestor"), chain.wallet("ed-attestor"));
        let secp_key = k256::ecdsa::SigningKey::from_slice(&seed("secp256k1")).map_err(|e| anyhow!("secp key: {e}"))?;
        let ed_key = ed25519_zebra::SigningKey::from(seed("ed25519"));
        let secp_pub = secp_key.verifying_key().to_encoded_point(true).as_bytes().to_vec();
        let ed_pub = <[u8; 32]>::from(ed25519_zebra::VerificationKey::from(&ed_key)).to_vec();
        let all_claims = vec![
            ClaimType::Kyc,
            ClaimType::ProfessionalInvestor,
            ClaimType::Accredited,
            ClaimType::Institutional,
            ClaimType::AmlScreening,
        ];
        let msg = reg::InstantiateMsg {
            owner: owner.to_string(),
            agents: vec![agent.to_string()],
            issuers: vec![
                IssuerConfig {
                    address: kyc_issuer.to_string(),
                    name: "Harbour Transfer Agent - KYC desk".into(),
                    claims: all_claims.clone(),
                    public_key: None,
                },
                IssuerConfig {
                    address: secp_attestor.to_string(),
                    name: "secp256k1 attestor".into(),
                    claims: all_claims.clone(),
                    public_key: Some(IssuerPublicKey::Secp256k1(HexBinary::from(secp_pub))),
                },
                IssuerConfig {
                    address: ed_attestor.to_string(),
                    name: "ed25519 attestor".into(),
                    claims: all_claims,
                    public_key: Some(IssuerPublicKey::Ed25519(HexBinary::from(ed_pub))),
                },
            ],
        };
        let deployer = chain.wallet("deployer");
        let addr =
            chain.instantiate(bench.code("identity_registry")?, &deployer, &msg, "identity-registry", Some(&owner))?;
        Ok(Registry { addr, owner, agent, kyc_issuer, secp_attestor, secp_key, ed_attestor, ed_key })
    }

    pub fn new_identity(did: &str, wallets: &[&Addr], jurisdiction: &str, category: InvestorCategory) -> NewIdentity {
        NewIdentity {
            did: did.to_string(),
            wallets: wallets.iter().map(|w| w.to_string()).collect(),
            jurisdiction: jurisdiction.to_string(),
            category,
        }
    }

    pub fn grant(chain: &Chain, did: &str, claim: ClaimType) -> CredentialGrant {
        CredentialGrant {
            did: did.to_string(),
            claim,
            valid_until: chain.now().plus_seconds(VALIDITY),
            evidence_hash: HexBinary::from(vec![0xAB; 32]),
        }
    }

    /// Registers `did` for `wallet` and issues `claims` directly (setup, unmetered).
    pub fn onboard(
        &self,
        chain: &Chain,
        wallet: &Addr,
        did: &str,
        category: InvestorCategory,
        claims: &[ClaimType],
    ) -> anyhow::Result<()> {
        let new = Self::new_identity(did, &[wallet], "HK", category);
        chain.exec(&self.agent, &self.addr, &reg::ExecuteMsg::RegisterIdentity(new))?;
        for claim in claims {
            chain.exec(
                &self.kyc_issuer,
                &self.addr,
                &reg::ExecuteMsg::IssueCredential(Self::grant(chain, did, *claim)),
            )?;
        }
        Ok(())
    }

    /// Onboards `count` investors `h0..` (`did:hk:holder-<i>`, KYC + PI, HK) with the batch messages.
    pub fn onboard_batch(&self, chain: &Chain, count: u32) -> anyhow::Result<Vec<Addr>> {
        let wallets: Vec<Addr> = (0..count).map(|i| chain.wallet(&format!("h{i}"))).collect();
        let dids: Vec<String> = (0..count).map(holder_did).collect();
        for (ws, ds) in wallets.chunks(MAX_BATCH).zip(dids.chunks(MAX_BATCH)) {
            let identities = ws
                .iter()
                .zip(ds)
                .map(|(w, d)| Self::new_identity(d, &[w], "HK", InvestorCategory::Individual))
                .collect();
            chain.exec(&self.agent, &self.addr, &reg::ExecuteMsg::BatchRegisterIdentities { identities })?;
        }
        let grants: Vec<CredentialGrant> =
            dids.iter().flat_map(|d| KYC_PI.iter().map(|c| Self::grant(chain, d, *c))).collect();
        for chunk in grants.chunks(MAX_BATCH) {
            chain.exec(
                &self.kyc_issuer,
                &self.addr,
                &reg::ExecuteMsg::BatchIssueCredentials { grants: chunk.to_vec() },
            )?;
        }
        Ok(wallets)
    }

    /// A secp256k1 attestation for `did`/`wallet`, signed by the secp attestor.
    pub fn secp_attestation(
        &self,
        chain: &Chain,
        did: &str,
        wallet: &Addr,
        claim: ClaimType,
        nonce: u64,
    ) -> anyhow::Result<SignedAttestation> {
        let (mut att, digest) = self.unsigned(chain, did, wallet, claim, nonce, &self.secp_attestor);
        let sig: k256::ecdsa::Signature =
            self.secp_key.sign_prehash(&digest).map_err(|e| anyhow!("secp256k1 signing: {e}"))?;
        att.signature = Binary::from(sig.to_bytes().to_vec());
        Ok(att)
    }

    /// An ed25519 attestation for `did`/`wallet`, signed by the ed25519 attestor.
    pub fn ed_attestation(
        &self,
        chain: &Chain,
        did: &str,
        wallet: &Addr,
        claim: ClaimType,
        nonce: u64,
    ) -> SignedAttestation {
        let (mut att, digest) = self.unsigned(chain, did, wallet, claim, nonce, &self.ed_attestor);
        att.signature = Binary::from(self.ed_key.sign(&digest).to_bytes().to_vec());
        att
    }

    fn unsigned(
        &self,
        chain: &Chain,
        did: &str,
        wallet: &Addr,
        claim: ClaimType,
        nonce: u64,
        issuer: &Addr,
    ) -> (SignedAttestation, [u8; 32]) {
        let issued_at = chain.now();
        let valid_until = issued_at.plus_seconds(VALIDITY);
        let evidence = [0xCD; 32];
        let digest = AttestationFields {
            chain_id: CHAIN_ID,
            registry: self.addr.as_str(),
            issuer: issuer.as_str(),
            did,
            wallet: wallet.as_str(),
            claim,
            issued_at,
            valid_until,
            evidence_hash: &evidence,
            nonce,
        }
        .digest();
        let att = SignedAttestation {
            did: did.to_string(),
            wallet: wallet.to_string(),
            claim,
            issuer: issuer.to_string(),
            issued_at,
            valid_until,
            evidence_hash: HexBinary::from(evidence.to_vec()),
            nonce,
            signature: Binary::default(),
        };
        (att, digest)
    }

    /// Re-sends every identity (paged by 50) to the subscribers, as the harness seeds a new fund.
    pub fn push_all(&self, chain: &Chain) -> anyhow::Result<()> {
        let mut start_after = None;
        loop {
            let page: reg::IdentitiesResponse =
                chain.query(&self.addr, &reg::QueryMsg::Identities { start_after, limit: Some(MAX_BATCH as u32) })?;
            let Some(last) = page.identities.last() else {
                return Ok(());
            };
            start_after = Some(last.did.clone());
            let dids = page.identities.into_iter().map(|i| i.did).collect();
            chain.exec(&chain.wallet("deployer"), &self.addr, &reg::ExecuteMsg::PushIdentities { dids })?;
        }
    }
}

pub fn holder_did(i: u32) -> String {
    format!("did:hk:holder-{i:05}")
}

/// The fund token (professional-investor HKD money-market fund, distributing) with a cw20-base
/// cash token (also its income token), subscribed to the registry, and its dealing contract (a
/// venue identity approved with `burn_held`, named in the fund's config), as
/// `FundSetup::default()` in the harness.
pub struct Fund {
    pub addr: Addr,
    pub dealing: Addr,
    pub cash: Addr,
    /// Mints cash.
    pub treasury: Addr,
    pub custody: Addr,
    pub oracle: Addr,
    pub markdown: Addr,
}

impl Fund {
    pub fn policy() -> FundPolicy {
        FundPolicy {
            required_claims: KYC_PI.to_vec(),
            allowed_jurisdictions: vec![],
            blocked_jurisdictions: vec!["KP".into(), "IR".into()],
            allowed_categories: vec![],
            max_holders: None,
            min_holding: Uint128::zero(),
            max_holding: None,
            primary_only: false,
        }
    }

    /// Deploys cash and fund, subscribes the fund to `registry`, seeds its identity cache, then
    /// deploys the dealing contract and wires it (venue identity, `burn_held`, `SetDealing`).
    pub fn deploy(bench: &Bench, chain: &Chain, registry: &Registry) -> anyhow::Result<Fund> {
        let treasury = chain.wallet("treasury");
        let cash = deploy_cw20(bench, chain, "HKDT", &treasury, &[])?;
        let (custody, fees) = (chain.wallet("custodian"), chain.wallet("fee-collector"));
        let (oracle, pauser, officer, markdown) =
            (chain.wallet("nav-oracle"), chain.wallet("pauser"), chain.wallet("compliance"), chain.wallet("markdown"));
        let msg = ft::InstantiateMsg {
            name: "Harbour HKD Money Market Fund".into(),
            symbol: "HHMMF".into(),
            decimals: 6,
            owner: registry.owner.to_string(),
            registry: registry.addr.to_string(),
            policy: Self::policy(),
            income_mode: IncomeMode::Distributing,
            income_token: cash.to_string(),
            custody: custody.to_string(),
            agents: vec![registry.agent.to_string()],
            pausers: vec![pauser.to_string()],
            compliance_officers: vec![officer.to_string()],
            marketing: None,
        };
        let deployer = chain.wallet("deployer");
        let addr =
            chain.instantiate(bench.code("fund_token")?, &deployer, &msg, "fund-token", Some(&registry.owner))?;
        chain.exec(&registry.owner, &registry.addr, &reg::ExecuteMsg::AddSubscriber { address: addr.to_string() })?;
        registry.push_all(chain).context("seeding the fund's identity cache")?;
        let dealing_msg = fd::InstantiateMsg {
            owner: registry.owner.to_string(),
            fund_token: addr.to_string(),
            initial_nav: Decimal::one(),
            nav_guards: NavGuards { max_move_bps: 200, min_interval: 3_600, staleness: 2 * DAY },
            config: DealingConfig {
                cash_token: cash.to_string(),
                custody: custody.to_string(),
                fee_collector: fees.to_string(),
                subscription_fee_bps: 0,
                redemption_fee_bps: 0,
                lockup_seconds: 0,
                instant_daily_limit: amount(1_000_000_000_000),
                min_subscription: amount(1_000),
                venues: vec![],
            },
            nav_oracles: vec![oracle.to_string()],
            dealing_agents: vec![registry.agent.to_string()],
            pausers: vec![pauser.to_string()],
            markdown_agents: vec![markdown.to_string()],
        };
        let dealing = chain.instantiate(
            bench.code("fund_dealing")?,
            &deployer,
            &dealing_msg,
            "fund-dealing",
            Some(&registry.owner),
        )?;
        registry.onboard(chain, &dealing, "did:hk:harbour-dealing", InvestorCategory::Venue, &[ClaimType::Kyc])?;
        chain.exec(
            &registry.owner,
            &addr,
            &ft::ExecuteMsg::AddVenue(ft::VenueArgs { address: dealing.to_string(), burn_held: true }),
        )?;
        chain.exec(
            &registry.owner,
            &addr,
            &ft::ExecuteMsg::SetDealing(harbour_types::AddressArgs { address: dealing.to_string() }),
        )?;
        Ok(Fund { addr, dealing, cash, treasury, custody, oracle, markdown })
    }

    /// Registers a receiver contract as a venue identity (KYC) and approves it as a venue.
    pub fn add_venue(&self, bench: &Bench, chain: &Chain, registry: &Registry, did: &str) -> anyhow::Result<Addr> {
        let venue = deploy_receiver(bench, chain, "venue")?;
        self.approve_venue(chain, registry, &venue, did)?;
        Ok(venue)
    }

    /// Registers `venue` as a venue identity (KYC) and approves it.
    pub fn approve_venue(&self, chain: &Chain, registry: &Registry, venue: &Addr, did: &str) -> anyhow::Result<()> {
        registry.onboard(chain, venue, did, InvestorCategory::Venue, &[ClaimType::Kyc])?;
        chain.exec(
            &registry.owner,
            &self.addr,
            &ft::ExecuteMsg::AddVenue(ft::VenueArgs { address: venue.to_string(), burn_held: false }),
        )?;
        Ok(())
    }

    pub fn mint_cash(&self, chain: &Chain, to: &Addr, n: u128) -> anyhow::Result<()> {
        chain.exec(
            &self.treasury,
            &self.cash,
            &Cw20ExecuteMsg::Mint { recipient: to.to_string(), amount: amount(n) },
        )?;
        Ok(())
    }

    /// The cash `Send` carrying `hook` to the dealing contract.
    pub fn cash_send(&self, n: u128, hook: &CashHookMsg) -> anyhow::Result<Cw20ExecuteMsg> {
        Ok(Cw20ExecuteMsg::Send { contract: self.dealing.to_string(), amount: amount(n), msg: to_json_binary(hook)? })
    }

    /// The income-token `Send` depositing income into the fund.
    pub fn income_send(&self, n: u128) -> anyhow::Result<Cw20ExecuteMsg> {
        Ok(Cw20ExecuteMsg::Send {
            contract: self.addr.to_string(),
            amount: amount(n),
            msg: to_json_binary(&IncomeHookMsg::DepositIncome {})?,
        })
    }

    /// `PlaceHold` of `n` shares for the dealing contract carrying `order`.
    pub fn order(&self, n: u128, order: &HoldOrderMsg) -> anyhow::Result<ft::ExecuteMsg> {
        Ok(ft::ExecuteMsg::PlaceHold(harbour_types::holds::PlaceHoldMsg {
            venue: self.dealing.to_string(),
            amount: amount(n),
            expires: None,
            msg: Some(to_json_binary(order)?),
        }))
    }

    /// Agent issuance of `n` shares to each of `holders`, 50 per `BatchMint`.
    pub fn batch_mint(&self, chain: &Chain, agent: &Addr, holders: &[Addr], n: u128) -> anyhow::Result<()> {
        for chunk in holders.chunks(MAX_BATCH) {
            let mints = chunk
                .iter()
                .map(|h| MintItem { recipient: h.to_string(), amount: amount(n), lock_until: None })
                .collect();
            chain.exec(agent, &self.addr, &ft::ExecuteMsg::BatchMint { mints })?;
        }
        Ok(())
    }
}

/// The HKD stablecoin with each privileged role held by its own address (none of them the owner),
/// as `tests/src/stablecoin.rs` deploys it: one minter with a large allowance and a rate limit
/// (10⁹ tokens a day, far above what the scenario mints), two attestors (the reserve custodian
/// and an auditor; a quorum of one until the scenario raises it), one redemption operator (the
/// issuer's treasury).
pub struct Stablecoin {
    pub addr: Addr,
    pub owner: Addr,
    pub master_minter: Addr,
    pub minter: Addr,
    pub pauser: Addr,
    pub blacklister: Addr,
    pub rescuer: Addr,
    pub asset_protector: Addr,
    pub attestor: Addr,
    pub auditor: Addr,
    pub operator: Addr,
}

/// The minter's rate limit in the benchmark: 10⁹ tokens (6 decimals) per day.
pub const MINTER_RATE_LIMIT: u128 = 1_000_000_000 * 1_000_000;

impl Stablecoin {
    /// The unit tests' default policy (`contracts/hkd-stablecoin/src/testing/mod.rs`): no haircut
    /// and no cap except government bills (50 bps haircut) and USD assets (200 bps haircut, 30%
    /// cap); USD approved within 7.75–7.85, CNH not; attestations go stale after two days; a
    /// quorum of one.
    pub fn policy() -> ReservePolicy {
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
                    fx_band: (*b == ReserveBucket::UsdAssets)
                        .then(|| FxBand { min: Decimal::permille(7_750), max: Decimal::permille(7_850) }),
                })
                .collect(),
            approved_foreign: vec![ReserveBucket::UsdAssets],
            max_attestation_age: 2 * DAY,
            attestation_quorum: 1,
        }
    }

    /// Deploys the stablecoin in `mode`, fed by `registry` (its pushes reach the KYC cache once the
    /// registry lists the stablecoin as a subscriber), and configures the minter.
    pub fn deploy(bench: &Bench, chain: &Chain, mode: HolderMode, registry: &Addr) -> anyhow::Result<Stablecoin> {
        let w = |n: &str| chain.wallet(n);
        let coin = Stablecoin {
            addr: Addr::unchecked(""),
            owner: w("stable-owner"),
            master_minter: w("master-minter"),
            minter: w("minter"),
            pauser: w("stable-pauser"),
            blacklister: w("blacklister"),
            rescuer: w("rescuer"),
            asset_protector: w("asset-protector"),
            attestor: w("custodian"),
            auditor: w("auditor"),
            operator: w("treasury"),
        };
        let holders = [
            &coin.owner,
            &coin.master_minter,
            &coin.minter,
            &coin.pauser,
            &coin.blacklister,
            &coin.rescuer,
            &coin.asset_protector,
            &coin.attestor,
            &coin.auditor,
            &coin.operator,
        ];
        let distinct: std::collections::BTreeSet<&Addr> = holders.iter().copied().collect();
        anyhow::ensure!(distinct.len() == holders.len(), "every stablecoin role needs its own address");
        let msg = hs::InstantiateMsg {
            name: "Harbour HKD".into(),
            symbol: "HKDH".into(),
            decimals: 6,
            owner: coin.owner.to_string(),
            master_minter: Some(coin.master_minter.to_string()),
            pauser: Some(coin.pauser.to_string()),
            blacklister: Some(coin.blacklister.to_string()),
            rescuer: Some(coin.rescuer.to_string()),
            asset_protector: Some(coin.asset_protector.to_string()),
            attestors: vec![coin.attestor.to_string(), coin.auditor.to_string()],
            redemption_operators: vec![coin.operator.to_string()],
            holder_mode: mode,
            registry: Some(registry.to_string()),
            reserve_policy: Self::policy(),
            redemption: RedemptionConfig::default(),
            marketing: None,
        };
        let deployer = chain.wallet("deployer");
        let addr =
            chain.instantiate(bench.code("hkd_stablecoin")?, &deployer, &msg, "hkd-stablecoin", Some(&coin.owner))?;
        let coin = Stablecoin { addr, ..coin };
        chain.exec(
            &coin.master_minter,
            &coin.addr,
            &hs::ExecuteMsg::ConfigureMinter {
                minter: coin.minter.to_string(),
                allowance: Uint128::new(u128::MAX / 4),
                rate_limit: Some(hs::RateLimit { amount: Uint128::new(MINTER_RATE_LIMIT), window_seconds: DAY }),
            },
        )?;
        Ok(coin)
    }

    /// An attestation as of now with the given sequence (a report hash of its own, fixed URI).
    pub fn attestation(
        chain: &Chain,
        sequence: u64,
        buckets: &[(ReserveBucket, u128)],
        fx_rates: &[(ReserveBucket, Decimal)],
    ) -> AttestationInput {
        AttestationInput {
            sequence,
            as_of: chain.now(),
            buckets: buckets.iter().map(|(bucket, n)| BucketAmount { bucket: *bucket, amount: amount(*n) }).collect(),
            fx_rates: fx_rates.iter().map(|(bucket, rate)| FxRate { bucket: *bucket, rate: *rate }).collect(),
            report_hash: HexBinary::from(Sha256::digest(format!("harbour-bench/report/{sequence}")).to_vec()),
            report_uri: "https://reserves.harbour.example/daily".into(),
        }
    }

    /// The custodian attests `cash` HKD at banks as of now (setup).
    pub fn attest_cash(&self, chain: &Chain, sequence: u64, cash: u128) -> anyhow::Result<()> {
        let input = Self::attestation(chain, sequence, &[(ReserveBucket::HkdCash, cash)], &[]);
        chain.exec(&self.attestor, &self.addr, &hs::ExecuteMsg::PublishAttestation(input))?;
        Ok(())
    }

    pub fn mint(&self, chain: &Chain, to: &Addr, n: u128) -> anyhow::Result<()> {
        let msg = hs::ExecuteMsg::Mint { recipient: to.to_string(), amount: amount(n), bank_receipt: None };
        chain.exec(&self.minter, &self.addr, &msg)?;
        Ok(())
    }
}
