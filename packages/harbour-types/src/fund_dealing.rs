//! Messages of fund dealing (`contracts/fund-dealing`), one contract per fund: the NAV and its
//! guards, subscriptions, instant and queued redemptions, the liquidity buffer and the dealing
//! gate. The fund token keeps the register; it lets this contract mint to subscribers
//! (`DealingMint`) and burn units held for it (`BurnHeld`), nothing else.
//!
//! How an investor deals:
//! - **subscribe**: a cash-token `Send` to this contract with [`CashHookMsg::Subscribe`];
//! - **redeem**: a fund-token `PlaceHold { venue: <this contract>, amount, msg }` with a
//!   [`HoldOrderMsg`] as `msg`: `redeem_instant` (paid from the buffer in the same transaction)
//!   or `request_redemption` (queued; the shares stay in the wallet, held, until the dealing
//!   agent pays). The fund token returns this contract's response data from `PlaceHold`, so a
//!   contract redeeming through a sub-message reads [`InstantRedemptionResponse`] in its reply.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Decimal, Timestamp, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

use crate::compliance::Denial;
use crate::holds::HoldHookMsg;

/// Most pending redemption requests per owner wallet.
pub const MAX_PENDING_PER_OWNER: u32 = 10;
/// Most pending redemption requests of an owner on the dealing contract's venue list (the
/// vault's remediation redemptions).
pub const MAX_PENDING_PER_VENUE: u32 = 64;
/// Most addresses on the venue list.
pub const MAX_DEALING_VENUES: usize = 8;
/// Most holders of each dealing role.
pub const MAX_ROLE_MEMBERS: u32 = 16;
/// Highest subscription or redemption fee (10%).
pub const MAX_FEE_BPS: u16 = 1_000;

/// NAV guard parameters (owner-managed).
#[cw_serde]
pub struct NavGuards {
    /// Largest move per `SetNav`, in basis points of the previous NAV (an emergency markdown may
    /// lower the NAV by more).
    pub max_move_bps: u16,
    /// Minimum seconds between two `SetNav`.
    pub min_interval: u64,
    /// A NAV older than this many seconds is stale: dealing (and consumers such as the vault)
    /// refuse it.
    pub staleness: u64,
}

/// Dealing parameters (owner-managed).
#[cw_serde]
pub struct DealingConfig {
    /// CW20 cash token (the HKD stablecoin) that subscriptions and redemptions settle in.
    pub cash_token: String,
    /// Where subscription cash goes (the fund's custodian).
    pub custody: String,
    /// Where fees go.
    pub fee_collector: String,
    /// Subscription fee in basis points of the cash paid (rounded up).
    pub subscription_fee_bps: u16,
    /// Redemption fee in basis points of the gross cash value (rounded up).
    pub redemption_fee_bps: u16,
    /// Shares minted by a subscription are locked for this many seconds (0 = no lock-up).
    pub lockup_seconds: u64,
    /// Most cash (gross) paid by instant redemptions per UTC day (0 = instant redemption off).
    pub instant_daily_limit: Uint128,
    /// Minimum cash of one subscription.
    pub min_subscription: Uint128,
    /// Contracts (the vault) whose pending-request cap is [`MAX_PENDING_PER_VENUE`] instead of
    /// [`MAX_PENDING_PER_OWNER`].
    #[serde(default)]
    pub venues: Vec<String>,
}

#[cw_serde]
pub struct InstantiateMsg {
    /// Owner (a cw3 multisig in production; two-step transfer).
    pub owner: String,
    /// The fund token this contract deals in.
    pub fund_token: String,
    /// Initial NAV (cash units per share unit), NAV sequence 0.
    pub initial_nav: Decimal,
    pub nav_guards: NavGuards,
    pub config: DealingConfig,
    #[serde(default)]
    pub nav_oracles: Vec<String>,
    #[serde(default)]
    pub dealing_agents: Vec<String>,
    #[serde(default)]
    pub pausers: Vec<String>,
    /// Holders of the emergency markdown path (never also NAV oracles).
    #[serde(default)]
    pub markdown_agents: Vec<String>,
}

#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum DealingRole {
    /// Publishes the NAV within the guards.
    NavOracle,
    /// Pays queued redemptions, tops up the buffer, opens and closes the dealing gate.
    DealingAgent,
    /// Stops and resumes all dealing.
    Pauser,
    /// Emergency markdown: lowers the NAV past the max-move guard, with a reason.
    Markdown,
}

/// `GrantRole` / `RevokeRole` arguments.
#[cw_serde]
pub struct RoleArgs {
    pub role: DealingRole,
    pub address: String,
}

/// Hook messages carried by a cash-token `Send` to this contract (`Cw20ReceiveMsg.msg`).
#[cw_serde]
pub enum CashHookMsg {
    /// Investor: subscribe with the cash sent; shares are minted to the sender.
    Subscribe {},
    /// Owner or dealing agent: add the cash to the instant-redemption buffer.
    TopUpBuffer {},
    /// Dealing agent: pay queued request `request_id` (exactly its gross value at the current
    /// NAV); the held shares burn in the same transaction.
    SettleRedemption { request_id: u64 },
}

/// The order a fund-token hold for this contract carries (`PlaceHold.msg`). A hold for this
/// contract must not expire.
#[cw_serde]
pub enum HoldOrderMsg {
    /// Redeem the held shares now from the buffer (`PlaceHold`'s response data:
    /// [`InstantRedemptionResponse`]).
    RedeemInstant {},
    /// Queue a redemption of the held shares (`PlaceHold`'s response data: [`RequestFiledResponse`]).
    RequestRedemption {},
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum RedeemMode {
    Instant,
    Queued,
}

#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// From the cash token only: a `Send` with a [`CashHookMsg`].
    Receive(Cw20ReceiveMsg),
    /// From the fund token only: a hold placed (with a [`HoldOrderMsg`]), released by court
    /// order, or moved by wallet recovery.
    HoldHook(HoldHookMsg),
    /// Request owner or dealing agent: cancel a pending request; its shares are released to the
    /// owner's free balance (they never left the wallet).
    CancelRedemption { request_id: u64 },
    /// NAV oracle: publish the NAV within the guards.
    SetNav { nav: Decimal },
    /// Markdown role: lower the NAV past the max-move guard (and the minimum interval), with a
    /// reason; increases are refused.
    EmergencyMarkdown { nav: Decimal, reason: String },
    /// Pauser: stop all dealing (subscriptions, redemptions, settlement).
    Pause(crate::NoArgs),
    /// Pauser or owner.
    Unpause(crate::NoArgs),
    /// Owner or dealing agent: the dealing gate; while suspended no subscription, instant
    /// redemption or new request is accepted (queued requests can still be paid or cancelled).
    SetSuspended { suspended: bool },
    /// Owner. The cash token cannot change while the buffer holds cash.
    UpdateConfig(DealingConfig),
    /// Owner.
    UpdateNavGuards(NavGuards),
    /// Owner.
    GrantRole(RoleArgs),
    /// Owner.
    RevokeRole(RoleArgs),
    /// Owner: move buffer cash back to custody.
    WithdrawBuffer(crate::AmountArgs),
    /// Anyone: pay the accrued fees to the configured fee collector.
    SweepFees(crate::NoArgs),
}

#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config(crate::NoArgs),
    /// The current NAV with its sequence number and staleness.
    #[returns(NavResponse)]
    Nav(crate::NoArgs),
    /// Published NAVs by sequence number (markdowns included), paginated.
    #[returns(NavHistoryResponse)]
    NavHistory { start_after: Option<u64>, limit: Option<u32> },
    /// Gate, buffer, today's instant usage and pending requests.
    #[returns(DealingStateResponse)]
    State(crate::NoArgs),
    #[returns(RedemptionRequest)]
    RedemptionRequest { id: u64 },
    /// Pending requests, all or one owner's, by id.
    #[returns(RedemptionRequestsResponse)]
    RedemptionRequests { owner: Option<String>, start_after: Option<u64>, limit: Option<u32> },
    /// Dry run of a subscription with `cash`: allow/deny with every reason code, and the quote.
    #[returns(DealingCheckResponse)]
    CanSubscribe { investor: String, cash: Uint128 },
    /// Dry run of redeeming `shares` in `mode`: allow/deny with every reason code, and the quote.
    #[returns(DealingCheckResponse)]
    CanRedeem { owner: String, shares: Uint128, mode: RedeemMode },
    #[returns(RoleMembersResponse)]
    RoleMembers { role: DealingRole, start_after: Option<String>, limit: Option<u32> },
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct ConfigResponse {
    pub fund_token: Addr,
    pub config: DealingConfig,
    pub nav_guards: NavGuards,
    pub paused: bool,
    pub suspended: bool,
}

#[cw_serde]
pub struct NavResponse {
    pub nav: Decimal,
    pub updated_at: Timestamp,
    /// Sequence number of this NAV (0 at instantiation, +1 per publication or markdown).
    pub seq: u64,
    pub stale: bool,
    pub stale_after: Timestamp,
}

#[cw_serde]
pub struct NavRecord {
    pub seq: u64,
    pub nav: Decimal,
    pub at: Timestamp,
    /// Who published it (oracle or markdown role).
    pub by: Addr,
    /// The emergency markdown's reason; `None` for a guarded publication.
    pub markdown_reason: Option<String>,
}

#[cw_serde]
pub struct NavHistoryResponse {
    pub records: Vec<NavRecord>,
}

#[cw_serde]
pub struct DealingStateResponse {
    pub paused: bool,
    pub suspended: bool,
    /// Cash held by this contract for instant redemptions.
    pub buffer: Uint128,
    /// Fees collected and not yet swept to the fee collector (this contract's cash balance is
    /// exactly `buffer + fees_accrued`).
    pub fees_accrued: Uint128,
    pub instant_used_today: Uint128,
    pub instant_daily_limit: Uint128,
    pub pending_requests: u64,
    /// Shares held for this contract by pending requests.
    pub pending_shares: Uint128,
}

#[cw_serde]
pub struct RedemptionRequest {
    pub id: u64,
    pub owner: Addr,
    pub shares: Uint128,
    pub requested_at: Timestamp,
    /// The NAV sequence current when it was filed.
    pub nav_seq: u64,
}

#[cw_serde]
pub struct RedemptionRequestsResponse {
    pub requests: Vec<RedemptionRequest>,
}

/// Response data of an instant redemption (and the event's attributes).
#[cw_serde]
pub struct InstantRedemptionResponse {
    pub shares: Uint128,
    /// ⌊shares × NAV⌋.
    pub gross: Uint128,
    /// ⌈gross × fee_bps / 10⁴⌉.
    pub fee: Uint128,
    /// gross − fee, paid to the owner.
    pub paid: Uint128,
    pub nav: Decimal,
    pub nav_seq: u64,
}

/// Response data of a filed request.
#[cw_serde]
pub struct RequestFiledResponse {
    pub request_id: u64,
    pub shares: Uint128,
    pub nav_seq: u64,
}

/// A dry run's answer: `allowed` exactly when `reasons` is empty; the quote at the NAV used
/// (shares for a subscription; gross, fee and cash for a redemption).
#[cw_serde]
pub struct DealingCheckResponse {
    pub allowed: bool,
    pub reasons: Vec<Denial>,
    pub nav: Decimal,
    pub nav_seq: u64,
    pub shares: Uint128,
    pub gross: Uint128,
    pub fee: Uint128,
    /// Subscription: cash to custody; redemption: cash to the owner.
    pub net: Uint128,
}

#[cw_serde]
pub struct RoleMembersResponse {
    pub role: DealingRole,
    pub members: Vec<Addr>,
}
