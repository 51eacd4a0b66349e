//! Messages of the HKD-reserve stablecoin (`contracts/hkd-stablecoin`).
//!
//! The CW20 variants have exactly the JSON shapes of the `cw20` crate's `Cw20ExecuteMsg` and
//! `Cw20QueryMsg` and answer with its response types, so wallets, the vault, settlement and the DEX
//! use the stablecoin as a plain CW20. Everything else is an additional variant. The reserve formula
//! lives in [`crate::reserves`].

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Binary, HexBinary, Timestamp, Uint128};
// The cw20 response types are named only in `#[returns]` attributes, which the QueryResponses
// derive drops on wasm.
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use cw20::{
    AllAccountsResponse, AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceResponse, BalanceResponse,
    DownloadLogoResponse, Expiration, Logo, MarketingInfoResponse, MinterResponse, TokenInfoResponse,
};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use crate::holds::{ExecuteHoldMsg, HoldInfo, HoldsResponse, PlaceHoldMsg, ReleaseHoldMsg, VenuesResponse};
use crate::identity_registry::IdentityHookMsg;
use crate::reserves::{BucketAmount, FxRate, ReserveBreakdown, ReservePolicy};

/// Most minters.
pub const MAX_MINTERS: u32 = 32;
/// Most holders of each multi-holder role (attestors, redemption operators).
pub const MAX_ROLE_MEMBERS: u32 = 8;
/// Most addresses in one blacklist batch.
pub const MAX_BATCH: usize = 50;
/// Longest free-text field (reasons, references, report URI).
pub const MAX_TEXT_LEN: usize = 256;
/// Longest redemption service-level agreement: 31 days.
pub const MAX_SLA_SECONDS: u64 = 31 * 86_400;
/// Mints close together are recorded as one entry while it is younger than `window / RATE_SLOTS`
/// (the limit holds over every rolling window, conservatively: see the contract README).
pub const RATE_SLOTS: u64 = 6;
/// Longest rate-limit window (31 days); shortest 60 seconds.
pub const MAX_RATE_WINDOW: u64 = 31 * 86_400;

/// Who may hold the token.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum HolderMode {
    /// Anyone may hold; the blacklist applies.
    Open,
    /// Holders need a DID with a valid KYC credential in the identity registry (cached from the
    /// registry's pushes); the blacklist applies too. Redemption requests stay open to everyone
    /// holding tokens (the exit is never blocked by a lapsed credential).
    RegistryGated,
}

/// The privileged roles. No address holds two of them (nor is it the owner).
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord, Hash)]
pub enum StableRole {
    /// Configures minters and their allowances (one holder).
    MasterMinter,
    /// Mints within its allowance (managed by the master minter, up to `MAX_MINTERS`).
    Minter,
    /// Pauses and unpauses (one holder).
    Pauser,
    /// Blacklists and un-blacklists addresses (one holder).
    Blacklister,
    /// Recovers tokens sent to the contract by mistake (one holder).
    Rescuer,
    /// Burns the balance of a blacklisted address by legal order (one holder).
    AssetProtector,
    /// Publishes reserve attestations (the custodian, the auditor; up to `MAX_ROLE_MEMBERS`).
    Attestor,
    /// Marks redemption requests paid or rejects them (the issuer's treasury; up to `MAX_ROLE_MEMBERS`).
    RedemptionOperator,
}

impl StableRole {
    pub const fn as_str(&self) -> &'static str {
        match self {
            StableRole::MasterMinter => "master_minter",
            StableRole::Minter => "minter",
            StableRole::Pauser => "pauser",
            StableRole::Blacklister => "blacklister",
            StableRole::Rescuer => "rescuer",
            StableRole::AssetProtector => "asset_protector",
            StableRole::Attestor => "attestor",
            StableRole::RedemptionOperator => "redemption_operator",
        }
    }

    /// Roles held by exactly one address at a time.
    pub const fn single_holder(&self) -> bool {
        matches!(
            self,
            StableRole::MasterMinter
                | StableRole::Pauser
                | StableRole::Blacklister
                | StableRole::Rescuer
                | StableRole::AssetProtector
        )
    }
}

impl std::fmt::Display for StableRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A minter's optional rate limit: at most `amount` minted in any rolling `window_seconds`.
#[cw_serde]
pub struct RateLimit {
    pub amount: Uint128,
    pub window_seconds: u64,
}

/// Redemption terms (owner-managed).
#[cw_serde]
pub struct RedemptionConfig {
    /// Smallest amount of one request.
    pub min_amount: Uint128,
    /// Largest amount of one request (`None` = no maximum).
    pub max_amount: Option<Uint128>,
    /// Service-level deadline to pay a request, in seconds (default one business day: 86,400).
    pub sla_seconds: u64,
    /// Count the SLA only over Monday–Friday in Hong Kong time (the clock stops at weekends).
    pub business_days_only: bool,
}

impl Default for RedemptionConfig {
    fn default() -> Self {
        RedemptionConfig { min_amount: Uint128::one(), max_amount: None, sla_seconds: 86_400, business_days_only: true }
    }
}

#[cw_serde]
pub struct InstantiateMsg {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    /// Owner (a cw3 multisig in production), transferable in two steps.
    pub owner: String,
    pub master_minter: Option<String>,
    pub pauser: Option<String>,
    pub blacklister: Option<String>,
    pub rescuer: Option<String>,
    pub asset_protector: Option<String>,
    #[serde(default)]
    pub attestors: Vec<String>,
    #[serde(default)]
    pub redemption_operators: Vec<String>,
    pub holder_mode: HolderMode,
    /// The identity registry whose pushes feed the KYC cache (required when registry-gated).
    pub registry: Option<String>,
    pub reserve_policy: ReservePolicy,
    pub redemption: RedemptionConfig,
    pub marketing: Option<MarketingInfoResponse>,
}

/// A reserve attestation as an attestor publishes it. With a quorum of M, it counts once M
/// distinct attestors published the same `sequence`, `as_of`, buckets, FX rates and
/// `report_hash` (the URI may differ; the record keeps the one of the submission completing it).
#[cw_serde]
pub struct AttestationInput {
    /// Exactly one more than the latest counting attestation's (the first is 1): the reserve
    /// reports form one consecutive stream, so no sequence can block later ones.
    pub sequence: u64,
    /// When the reserves were measured: not in the future, not before the `as_of` of the
    /// attestation in force, and not older than the policy's `max_attestation_age`.
    pub as_of: Timestamp,
    /// Amounts per bucket (each at most once; a missing bucket is zero), in the bucket currency's
    /// smallest unit with the token's decimals.
    pub buckets: Vec<BucketAmount>,
    /// HKD per unit for every foreign bucket with a non-zero amount.
    pub fx_rates: Vec<FxRate>,
    /// SHA-256 of the attestation report (32 bytes); a report counts at most once.
    pub report_hash: HexBinary,
    /// Where the report is published (at most 256 bytes).
    pub report_uri: String,
}

#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    // ---------------- CW20 (identical shapes to cw20::Cw20ExecuteMsg)
    Transfer {
        recipient: String,
        amount: Uint128,
    },
    /// Minter only: burn from the minter's own balance. A holder's `Burn` is refused
    /// (`RedeemWithRequest`): holders exit with `RequestRedemption`, as in the fund token.
    Burn {
        amount: Uint128,
    },
    Send {
        contract: String,
        amount: Uint128,
        msg: Binary,
    },
    IncreaseAllowance {
        spender: String,
        amount: Uint128,
        expires: Option<Expiration>,
    },
    DecreaseAllowance {
        spender: String,
        amount: Uint128,
        expires: Option<Expiration>,
    },
    TransferFrom {
        owner: String,
        recipient: String,
        amount: Uint128,
    },
    SendFrom {
        owner: String,
        contract: String,
        amount: Uint128,
        msg: Binary,
    },
    /// Minter only: burn from `owner` using the minter's allowance (refused like `Burn` otherwise).
    BurnFrom {
        owner: String,
        amount: Uint128,
    },
    /// Minter: mint within its allowance, rate limit and the mint budget (cw20 shape plus an
    /// optional field).
    Mint {
        recipient: String,
        amount: Uint128,
        /// Reference of the bank receipt for the fiat received (≤ 256 bytes, no personal data),
        /// emitted as `bank_receipt`: the audit trail from fiat in to token out.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        bank_receipt: Option<String>,
    },
    /// Owner or the marketing address (cw20 shape).
    UpdateMarketing {
        project: Option<String>,
        description: Option<String>,
        marketing: Option<String>,
    },
    /// Owner or the marketing address (cw20 shape; embedded logos up to 5 KiB).
    UploadLogo(Logo),

    // ---------------- minters (master minter)
    /// Create a minter or reset its allowance and rate limit.
    ConfigureMinter {
        minter: String,
        allowance: Uint128,
        rate_limit: Option<RateLimit>,
    },
    IncreaseMinterAllowance {
        minter: String,
        amount: Uint128,
    },
    DecreaseMinterAllowance {
        minter: String,
        amount: Uint128,
    },
    RemoveMinter {
        minter: String,
    },

    // ---------------- incident controls
    /// Pauser: stop holder and minter balance changes (transfers, sends, their `_from` forms,
    /// mint, burn, burn_from, redemption requests, rescue of this token). Wipes by legal order
    /// and the settlement of filed redemptions continue (see the contract README, "Pause").
    Pause(crate::NoArgs),
    Unpause(crate::NoArgs),
    /// Blacklister.
    Blacklist {
        address: String,
        reason: String,
    },
    BatchBlacklist {
        addresses: Vec<String>,
        reason: String,
    },
    Unblacklist {
        address: String,
        reason: String,
    },
    /// Asset protector: burn the whole balance of a blacklisted address by legal order.
    WipeBlacklisted {
        address: String,
        reason: String,
    },
    /// Rescuer: recover a CW20 sent to this contract by mistake (this token included: its
    /// balance held at the contract's own address).
    RescueCw20 {
        token: String,
        recipient: String,
        amount: Uint128,
    },
    /// Rescuer: recover native coins sent to this contract by mistake.
    RescueNative {
        denom: String,
        recipient: String,
        amount: Uint128,
    },

    // ---------------- holds (see `harbour_types::holds`)
    /// Holder: commit `amount` of the free balance to an approved venue, in place; the venue's
    /// `hold_hook` is called in the same transaction.
    PlaceHold(PlaceHoldMsg),
    /// The venue (any time) or anyone (after expiry): return held tokens to the owner's free balance.
    ReleaseHold(ReleaseHoldMsg),
    /// The venue: move held tokens to up to 8 recipients (not blacklisted; KYC when gated).
    ExecuteHold(ExecuteHoldMsg),
    /// Asset protector, by legal order with a reason: release any venue's hold; the venue is
    /// notified in the same transaction.
    CourtReleaseHold(ReleaseHoldMsg),
    /// Owner: approve a venue contract (vault, settlement) to receive holds.
    AddVenue(crate::AddressArgs),
    /// Owner: refused while the venue holds tokens or has a balance.
    RemoveVenue(crate::AddressArgs),

    // ---------------- reserves
    /// Attestor: publish (or, under a quorum, confirm) a reserve attestation.
    PublishAttestation(AttestationInput),
    /// Owner: haircuts, caps, approved foreign buckets, FX bands, maximum attestation age,
    /// quorum. A tightening applies to the attestation in force at once (its eligible reserves,
    /// mint budget and staleness deadline can only fall); a relaxation counts from the next
    /// attestation.
    UpdateReservePolicy(ReservePolicy),
    /// Owner: void a counting attestation found to be wrong. If it is the one in force, minting
    /// stops until the next sequence counts (its mint budget is closed; the `as_of` floor returns
    /// to the previous attestation's). The record is kept, marked void with the reason.
    VoidAttestation {
        sequence: u64,
        reason: String,
    },

    // ---------------- redemption at par
    /// Holder: file a redemption request; `amount` stays in the holder's balance, held for the
    /// redemption queue (the stablecoin's own address) until paid (burned) or rejected (released).
    RequestRedemption {
        amount: Uint128,
        /// Off-chain payout reference (an opaque id of the registered bank account; no personal data).
        payout_reference: String,
    },
    /// Redemption operator: the fiat was paid; the held tokens are burned.
    MarkRedemptionPaid {
        id: u64,
        payment_reference: String,
    },
    /// Redemption operator: refuse the request; the hold is released.
    RejectRedemption {
        id: u64,
        reason: String,
    },
    /// Owner.
    UpdateRedemptionConfig(RedemptionConfig),

    // ---------------- owner
    GrantRole {
        role: StableRole,
        address: String,
    },
    RevokeRole {
        role: StableRole,
        address: String,
    },
    SetHolderMode {
        mode: HolderMode,
    },
    /// The registry whose pushes feed the KYC cache (`None` only while open).
    SetRegistry {
        registry: Option<String>,
    },

    // ---------------- identity cache
    /// From the configured identity registry only.
    RegistryHook(IdentityHookMsg),
}

#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    // ---------------- CW20 (identical shapes to cw20::Cw20QueryMsg)
    #[returns(BalanceResponse)]
    Balance(crate::AddressArgs),
    #[returns(TokenInfoResponse)]
    TokenInfo(crate::NoArgs),
    /// The master minter, and as `cap` the most total supply may reach by minting right now:
    /// `total_supply + mint budget` (just `total_supply` while minting is blocked). It moves with
    /// every mint, burn and attestation: read it as cw20-base's cap at this instant, never as a
    /// fixed cap. Minter allowances and rate limits apply on top.
    #[returns(Option<MinterResponse>)]
    Minter(crate::NoArgs),
    #[returns(AllowanceResponse)]
    Allowance { owner: String, spender: String },
    #[returns(AllAllowancesResponse)]
    AllAllowances { owner: String, start_after: Option<String>, limit: Option<u32> },
    #[returns(AllSpenderAllowancesResponse)]
    AllSpenderAllowances { spender: String, start_after: Option<String>, limit: Option<u32> },
    #[returns(AllAccountsResponse)]
    AllAccounts { start_after: Option<String>, limit: Option<u32> },
    #[returns(MarketingInfoResponse)]
    MarketingInfo(crate::NoArgs),
    #[returns(DownloadLogoResponse)]
    DownloadLogo(crate::NoArgs),

    // ---------------- stablecoin
    #[returns(StableConfigResponse)]
    Config(crate::NoArgs),
    /// Balance, blacklist and KYC-cache status of one address.
    #[returns(StableAccountResponse)]
    Account(crate::AddressArgs),
    /// Holders of a role (single-holder roles return at most one).
    #[returns(RoleMembersResponse)]
    RoleMembers { role: StableRole, start_after: Option<String>, limit: Option<u32> },
    #[returns(MinterInfo)]
    MinterInfo(crate::AddressArgs),
    #[returns(MintersResponse)]
    Minters { start_after: Option<String>, limit: Option<u32> },
    #[returns(BlacklistEntry)]
    Blacklisted(crate::AddressArgs),
    #[returns(BlacklistResponse)]
    Blacklist { start_after: Option<String>, limit: Option<u32> },
    /// Supply against reserves: mint budget, backing and ratio, halt, void and staleness, quorum,
    /// bucket breakdown.
    #[returns(ReserveStatusResponse)]
    ReserveStatus(crate::NoArgs),
    /// Submissions waiting for the quorum, by attestor (at most one each).
    #[returns(PendingAttestationsResponse)]
    PendingAttestations { start_after: Option<String>, limit: Option<u32> },
    #[returns(AttestationRecord)]
    Attestation { sequence: u64 },
    /// Attestation history, newest first.
    #[returns(AttestationsResponse)]
    Attestations { start_before: Option<u64>, limit: Option<u32> },
    #[returns(RedemptionRequest)]
    RedemptionRequest { id: u64 },
    /// Every request (any status) by id; optionally one holder's.
    #[returns(RedemptionRequestsResponse)]
    RedemptionRequests { holder: Option<String>, start_after: Option<u64>, limit: Option<u32> },
    /// The open queue, earliest service-level deadline first (then by id); with `overdue_only`,
    /// only requests whose deadline has passed at the current block time. `payout_blocked` names
    /// the requests of the page that cannot be paid now.
    #[returns(RedemptionRequestsResponse)]
    OpenRedemptions { overdue_only: bool, start_after: Option<u64>, limit: Option<u32> },
    /// One hold (the redemption queue's holds have the stablecoin's own address as venue).
    #[returns(HoldInfo)]
    Hold { owner: String, venue: String },
    /// The holds of `owner` (paged by venue) or placed for `venue` (paged by owner): give exactly one.
    #[returns(HoldsResponse)]
    Holds { owner: Option<String>, venue: Option<String>, start_after: Option<String>, limit: Option<u32> },
    /// Approved venues.
    #[returns(VenuesResponse)]
    Venues { start_after: Option<String>, limit: Option<u32> },
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct StableConfigResponse {
    pub holder_mode: HolderMode,
    pub registry: Option<Addr>,
    pub paused: bool,
    pub reserve_policy: ReservePolicy,
    pub redemption: RedemptionConfig,
    pub minter_count: u32,
    pub blacklisted_count: u32,
}

#[cw_serde]
pub struct StableAccountResponse {
    pub address: Addr,
    pub balance: Uint128,
    /// Tokens held for venues and the redemption queue (part of `balance`).
    pub held: Uint128,
    /// What the holder may move now: `balance − held` (0 when blacklisted).
    pub free: Uint128,
    pub blacklisted: bool,
    /// KYC validity cached from the registry (`None`: no valid KYC credential pushed).
    pub kyc_valid_until: Option<Timestamp>,
    /// May receive and send at the current block time under the holder mode (ignores pause).
    pub eligible_holder: bool,
}

#[cw_serde]
pub struct RoleMembersResponse {
    pub role: StableRole,
    pub members: Vec<Addr>,
}

#[cw_serde]
pub struct MinterInfo {
    pub address: Addr,
    pub allowance: Uint128,
    pub rate_limit: Option<RateLimit>,
    /// Minted within the current rolling window (as counted by the rate limit).
    pub minted_in_window: Uint128,
    /// Mintable now by the allowance and rate limit (the reserve rule applies on top).
    pub available: Uint128,
}

#[cw_serde]
pub struct MintersResponse {
    pub minters: Vec<MinterInfo>,
}

#[cw_serde]
pub struct BlacklistEntry {
    pub address: Addr,
    pub blacklisted: bool,
    pub reason: Option<String>,
    pub since: Option<Timestamp>,
}

#[cw_serde]
pub struct BlacklistResponse {
    pub entries: Vec<BlacklistEntry>,
}

/// Every figure is of the attestation in force (none before the first and after a void).
#[cw_serde]
pub struct ReserveStatusResponse {
    pub total_supply: Uint128,
    /// Tokens held by open redemption requests (in the holders' balances and in supply until paid).
    pub held_for_redemption: Uint128,
    /// Eligible reserves in force: the latest counting attestation's under the policy at its
    /// publication, lowered by every tighter policy since.
    pub eligible_reserves: Uint128,
    /// Supply when the attestation counted plus everything minted since (burns and payouts never
    /// lower it).
    pub issued: Uint128,
    /// What may still be minted under the attestation: `eligible_reserves − issued` (0 when
    /// under-reserved). Only the next counting attestation refills it.
    pub mint_budget: Uint128,
    /// Reserves known to back supply now: `eligible_reserves` less the par value of every token
    /// burned, paid out or wiped since the attestation.
    pub backing: Uint128,
    /// `floor(backing × 10000 / supply)`; `None` only while supply is zero; `Uint128::MAX` reads
    /// "at least" (the exact ratio does not fit).
    pub reserve_ratio_bps: Option<Uint128>,
    /// Under-reserved: the attestation (or a tighter policy since) showed eligible reserves below
    /// `issued`; minting stops until a covering attestation counts.
    pub halted: bool,
    /// The latest counting attestation was voided by the owner: minting stops until the next.
    pub voided: bool,
    /// The attestation in force is older than the maximum age (or there is none).
    pub stale: bool,
    /// Whether a mint of 1 unit could pass the reserve rule now, and if not why.
    pub mint_allowed: bool,
    pub mint_blocked_reason: Option<String>,
    pub latest_sequence: Option<u64>,
    pub as_of: Option<Timestamp>,
    pub stale_after: Option<Timestamp>,
    /// The policy's M and how many submissions wait for it.
    pub quorum: u32,
    pub pending_submissions: u32,
    /// The attestation in force under the current policy (a relaxation shows here before it
    /// counts, from the next attestation).
    pub breakdown: Option<ReserveBreakdown>,
}

/// A counting attestation.
#[cw_serde]
pub struct AttestationRecord {
    pub sequence: u64,
    pub as_of: Timestamp,
    /// When the quorum was reached.
    pub published_at: Timestamp,
    /// The attestors whose matching submissions made it count (the last one completed the quorum).
    pub attestors: Vec<Addr>,
    pub buckets: Vec<BucketAmount>,
    pub fx_rates: Vec<FxRate>,
    pub report_hash: HexBinary,
    pub report_uri: String,
    /// Eligible reserves under the policy in force when it counted.
    pub eligible_reserves: Uint128,
    /// Supply when it counted.
    pub supply: Uint128,
    /// The mint budget it opened: `eligible_reserves − supply` (0 when not covering).
    pub mint_budget: Uint128,
    /// `eligible_reserves ≥ supply` when it counted (false halts minting).
    pub covering: bool,
    /// When the owner voided it, and why (`None` while valid).
    pub voided_at: Option<Timestamp>,
    pub void_reason: Option<String>,
}

/// A submission waiting for the quorum.
#[cw_serde]
pub struct PendingAttestation {
    pub attestor: Addr,
    pub attestation: AttestationInput,
    /// Distinct attestors whose pending submissions match this one (itself included).
    pub confirmations: u32,
}

#[cw_serde]
pub struct PendingAttestationsResponse {
    pub quorum: u32,
    pub pending: Vec<PendingAttestation>,
}

#[cw_serde]
pub struct AttestationsResponse {
    pub attestations: Vec<AttestationRecord>,
}

#[cw_serde]
pub enum RedemptionStatus {
    Pending,
    Paid { at: Timestamp, operator: Addr, payment_reference: String },
    Rejected { at: Timestamp, operator: Addr, reason: String },
}

#[cw_serde]
pub struct RedemptionRequest {
    pub id: u64,
    pub holder: Addr,
    pub amount: Uint128,
    pub payout_reference: String,
    pub requested_at: Timestamp,
    /// Service-level deadline fixed when the request was filed.
    pub deadline: Timestamp,
    pub status: RedemptionStatus,
}

#[cw_serde]
pub struct RedemptionRequestsResponse {
    pub requests: Vec<RedemptionRequest>,
    /// Pending requests of this page that cannot be paid now (the holder is blacklisted: no
    /// payout to a blacklisted address); they stay open until unblacklisted or rejected.
    pub payout_blocked: Vec<u64>,
}
