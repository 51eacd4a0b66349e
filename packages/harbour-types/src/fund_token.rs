//! Messages of the DID-gated fund token (`contracts/fund-token`).
//!
//! The CW20 variants have exactly the JSON shapes of the `cw20` crate's `Cw20ExecuteMsg` and
//! `Cw20QueryMsg` and answer with its response types, so wallets and explorers work unchanged.
//! Everything else is an additional variant.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Decimal, Timestamp, Uint128};
// The cw20 response types are named only in `#[returns]` attributes, which the QueryResponses
// derive drops on wasm.
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use cw20::{
    AllAccountsResponse, AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceResponse, BalanceResponse,
    Cw20ReceiveMsg, DownloadLogoResponse, Expiration, Logo, MarketingInfoResponse, MinterResponse, TokenInfoResponse,
};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

use crate::compliance::Denial;
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use crate::holds::{ExecuteHoldMsg, HoldInfo, HoldsResponse, PlaceHoldMsg, ReleaseHoldMsg, VenuesResponse};
use crate::identity::{ClaimType, InvestorCategory};
use crate::identity_registry::IdentityHookMsg;

/// Most items in a batch message.
pub const MAX_BATCH: usize = 50;
/// Most lock-up lots tracked per account (further lots merge into the latest, conservatively).
pub const MAX_LOCK_LOTS: usize = 4;
/// Most entries in each policy list.
pub const MAX_POLICY_ITEMS: usize = 64;
/// Most wallets listed in one register row (`more_wallets` says when a DID has more; page them
/// with `HolderWallets`).
pub const MAX_ROW_WALLETS: usize = 16;
/// Most holders of each privileged role.
pub const MAX_ROLE_MEMBERS: u32 = 32;

/// Income treatment, fixed at instantiate.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum IncomeMode {
    /// Income raises NAV; nothing is paid out.
    Accumulating,
    /// NAV stays stable; income is deposited as cash and claimed per holder through a cumulative
    /// per-share index.
    Distributing,
}

/// The fund's investor policy (owner-managed).
#[cw_serde]
pub struct FundPolicy {
    /// Claims every investor must hold (valid, unrevoked) to receive or send.
    pub required_claims: Vec<ClaimType>,
    /// If non-empty, investors' jurisdictions must be in it.
    pub allowed_jurisdictions: Vec<String>,
    pub blocked_jurisdictions: Vec<String>,
    /// If non-empty, investors' categories must be in it (`venue` is handled by the venue list).
    pub allowed_categories: Vec<InvestorCategory>,
    /// Maximum number of DIDs holding shares (venues not counted); `None` = no cap.
    pub max_holders: Option<u32>,
    /// Minimum holding per DID after any movement (0 or at least this); zero = none.
    pub min_holding: Uint128,
    /// Maximum holding per DID; `None` = none.
    pub max_holding: Option<Uint128>,
    /// Investors may not transfer to each other, only to/from approved venues and the fund.
    pub primary_only: bool,
}

#[cw_serde]
pub struct InstantiateMsg {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    /// Owner (a cw3 multisig in production).
    pub owner: String,
    /// The identity registry this token subscribes to (the registry owner must add the token with
    /// `AddSubscriber`).
    pub registry: String,
    pub policy: FundPolicy,
    pub income_mode: IncomeMode,
    /// The CW20 token income is deposited and claimed in (distributing funds); changed with
    /// `UpdateIncomeToken`.
    pub income_token: String,
    /// The fund's custodian: where swept income carry goes.
    pub custody: String,
    #[serde(default)]
    pub agents: Vec<String>,
    #[serde(default)]
    pub pausers: Vec<String>,
    #[serde(default)]
    pub compliance_officers: Vec<String>,
    pub marketing: Option<MarketingInfoResponse>,
}

#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum FundRole {
    /// Transfer agent: issuance, cancellation, forced transfers, recovery, court-order releases, income.
    Agent,
    Pauser,
    ComplianceOfficer,
}

/// `GrantRole` / `RevokeRole` arguments: `{"grant_role":{"role":"pauser","address":"…"}}`.
#[cw_serde]
pub struct RoleArgs {
    pub role: FundRole,
    pub address: String,
}

#[cw_serde]
pub struct MintItem {
    pub recipient: String,
    pub amount: Uint128,
    /// Lock the minted shares until this time.
    pub lock_until: Option<Timestamp>,
}

#[cw_serde]
pub struct ForcedTransferItem {
    pub from: String,
    pub to: String,
    pub amount: Uint128,
    pub reason: String,
}

#[cw_serde]
pub struct FreezeItem {
    pub address: String,
    /// `None`: freeze the whole address (no sending or receiving). `Some(n)`: freeze `n` shares
    /// (at most the balance); the rest moves freely.
    pub amount: Option<Uint128>,
    pub reason: String,
}

/// Hook messages carried by an income-token `Send` to the fund (`Cw20ReceiveMsg.msg`).
#[cw_serde]
pub enum IncomeHookMsg {
    /// Agent (distributing funds): distribute the cash as income to current holders.
    DepositIncome {},
}

/// `DealingMint` arguments (sent by the fund's dealing contract only).
#[cw_serde]
pub struct DealingMintMsg {
    pub recipient: String,
    pub amount: Uint128,
    /// Lock the minted shares until this time (the dealing contract's lock-up).
    pub lock_until: Option<Timestamp>,
}

#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    // ---------------- CW20 (identical shapes to cw20::Cw20ExecuteMsg)
    Transfer {
        recipient: String,
        amount: Uint128,
    },
    /// Refused (`RedeemWithRequest`): a holder exits through the fund's dealing contract (a hold
    /// for it with a redemption order), so a burn never destroys shares without payment. The HKD
    /// stablecoin refuses a holder's `Burn` the same way.
    Burn {
        amount: Uint128,
    },
    Send {
        contract: String,
        amount: Uint128,
        msg: cosmwasm_std::Binary,
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
        msg: cosmwasm_std::Binary,
    },
    /// Refused like `Burn`.
    BurnFrom {
        owner: String,
        amount: Uint128,
    },
    /// Agent: issue shares to a verified investor.
    Mint {
        recipient: String,
        amount: Uint128,
    },
    /// Owner or the marketing address: update marketing info (cw20 shape).
    UpdateMarketing {
        project: Option<String>,
        description: Option<String>,
        marketing: Option<String>,
    },
    /// Owner or the marketing address: logo (cw20 shape; embedded SVG/PNG up to 5 KiB).
    UploadLogo(Logo),

    // ---------------- identity cache
    /// From the identity registry only: an identity changed.
    RegistryHook(IdentityHookMsg),

    // ---------------- dealing and income
    /// From the income token only: a `Send` of cash with an [`IncomeHookMsg`].
    Receive(Cw20ReceiveMsg),
    /// The fund's dealing contract (`Config.dealing`) only: issue shares to a subscriber under the
    /// subscription rule (verified, not frozen, holder cap, minimum and maximum holding).
    DealingMint(DealingMintMsg),
    /// Any holder (wallet or venue contract): claim accrued income (distributing funds).
    ClaimIncome(crate::NoArgs),

    // ---------------- holds (see `harbour_types::holds`)
    /// Owner: commit `amount` of the free balance to an approved venue, in place; the venue's
    /// `hold_hook` is called in the same transaction.
    PlaceHold(PlaceHoldMsg),
    /// The venue (any time) or anyone (after expiry): return held units to the owner's free balance.
    ReleaseHold(ReleaseHoldMsg),
    /// The venue: move held units to up to 8 recipients (each must pass the recipient rule).
    ExecuteHold(ExecuteHoldMsg),
    /// A venue approved with `burn_held` (the fund's dealing contract): burn units held for it
    /// (a redemption it pays in the same transaction). Refused for a paused fund, a frozen or
    /// unbound owner, and a partial burn leaving the DID below the minimum holding.
    BurnHeld(BurnHeldMsg),
    /// Agent, by court order with a reason: release any hold; the venue is notified in the same
    /// transaction.
    CourtReleaseHold(ReleaseHoldMsg),

    // ---------------- agent operations
    BatchMint {
        mints: Vec<MintItem>,
    },
    /// Agent: cancel shares (court order, error correction).
    AgentBurn {
        from: String,
        amount: Uint128,
        reason: String,
    },
    /// Agent: move shares regardless of investor-transfer rules; the recipient must be verified.
    ForcedTransfer(ForcedTransferItem),
    BatchForcedTransfer {
        transfers: Vec<ForcedTransferItem>,
    },
    /// Agent: after the registry re-bound the DID, move balance, frozen amount, locks and income
    /// from the lost wallet to the DID's new wallet.
    RecoverWallet {
        lost_wallet: String,
        new_wallet: String,
    },
    /// Compliance officer.
    Freeze(FreezeItem),
    BatchFreeze {
        items: Vec<FreezeItem>,
    },
    Unfreeze {
        address: String,
        reason: String,
    },
    /// Pauser: stop all investor movements, dealing mints and burns (agent operations still work).
    Pause(crate::NoArgs),
    Unpause(crate::NoArgs),

    // ---------------- owner
    UpdatePolicy(FundPolicy),
    /// Name the fund's dealing contract (an approved venue with `burn_held`): the only address
    /// that may `DealingMint`. Refused while the current one holds units.
    SetDealing(crate::AddressArgs),
    /// Switch the income token: the income cash the fund holds (owed to holders plus carry) is
    /// taken in the new token from the sender (a CW20 allowance) and the same amount of the old
    /// token goes to custody, in this transaction; entitlements carry over unit for unit, so no
    /// holder's unclaimed income can block the change.
    UpdateIncomeToken(crate::AddressArgs),
    GrantRole(RoleArgs),
    RevokeRole(RoleArgs),
    /// Approve a venue (a registered `venue` identity in the cache); `burn_held` grants the
    /// narrow permission to burn units held for it (the fund's dealing contract).
    AddVenue(VenueArgs),
    /// Refused while the venue holds units or has a balance.
    RemoveVenue(crate::AddressArgs),
    /// Owner: send the whole units of the income carry (undistributed remainders) to custody
    /// instead of adding them to the next distribution.
    SweepIncomeCarry(crate::NoArgs),
}

/// `AddVenue` arguments: `{"add_venue":{"address":"…"}}` (`burn_held` defaults to false).
#[cw_serde]
pub struct VenueArgs {
    pub address: String,
    #[serde(default)]
    pub burn_held: bool,
}

/// `BurnHeld` arguments (sent by the venue the units are held for).
#[cw_serde]
pub struct BurnHeldMsg {
    pub owner: String,
    pub amount: Uint128,
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
    /// The first agent (all agents may mint); `null` when there is none.
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

    // ---------------- fund
    #[returns(FundConfigResponse)]
    Config(crate::NoArgs),
    /// Dry run of a transfer: allow/deny with every reason code.
    #[returns(CanTransferResponse)]
    CanTransfer { from: String, to: String, amount: Uint128 },
    /// Dry run of a dealing mint (subscription) of `amount` shares to `recipient`.
    #[returns(CanTransferResponse)]
    CanMint { recipient: String, amount: Uint128 },
    /// Dry run of a redemption by the dealing contract: `amount` more of `owner`'s free shares
    /// held for it (the hold rule) and then `amount + held` burned (the burn rule: not paused,
    /// bound, not frozen, the DID's remainder 0 or at least the minimum holding), where `held` is
    /// what is already held for redemptions.
    #[returns(CanTransferResponse)]
    CanRedeem { owner: String, amount: Uint128, held: Uint128 },
    /// Balance, holds, freezes, locks, accrued income and the token's cached identity of one wallet.
    #[returns(AccountResponse)]
    Account(crate::AddressArgs),
    /// The holder register: one row per DID with a balance, paginated by internal DID id; each
    /// row lists the DID's wallets with balance, held amount and bound status.
    #[returns(HoldersResponse)]
    Holders { start_after: Option<u32>, limit: Option<u32> },
    /// Every wallet of one DID in the register, paginated (rows list at most 16).
    #[returns(HolderWalletsResponse)]
    HolderWallets { did: String, start_after: Option<String>, limit: Option<u32> },
    /// One hold.
    #[returns(HoldInfo)]
    Hold { owner: String, venue: String },
    /// The holds of `owner` (paged by venue) or placed for `venue` (paged by owner): give exactly one.
    #[returns(HoldsResponse)]
    Holds { owner: Option<String>, venue: Option<String>, start_after: Option<String>, limit: Option<u32> },
    /// The income ledger (distributing funds).
    #[returns(IncomeStateResponse)]
    IncomeState(crate::NoArgs),
    #[returns(RoleMembersResponse)]
    RoleMembers { role: FundRole, start_after: Option<String>, limit: Option<u32> },
    #[returns(VenuesResponse)]
    Venues { start_after: Option<String>, limit: Option<u32> },
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct FundConfigResponse {
    pub registry: Addr,
    pub policy: FundPolicy,
    pub income_mode: IncomeMode,
    pub income_token: Addr,
    pub custody: Addr,
    /// The fund's dealing contract (NAV, subscriptions, redemptions), once set.
    pub dealing: Option<Addr>,
    pub paused: bool,
    pub holder_count: u32,
}

#[cw_serde]
pub struct CanTransferResponse {
    pub allowed: bool,
    pub reasons: Vec<Denial>,
}

#[cw_serde]
pub struct LockLot {
    pub amount: Uint128,
    pub until: Timestamp,
}

#[cw_serde]
pub struct AccountResponse {
    pub address: Addr,
    pub balance: Uint128,
    /// Units committed to venues (still in `balance`).
    pub held: Uint128,
    pub frozen_all: bool,
    pub frozen: Uint128,
    /// Lots still locked at the current block time.
    pub locks: Vec<LockLot>,
    /// What the owner may move now: balance − held − frozen − locked (0 when frozen_all or when
    /// freezes and locks cover the rest).
    pub transferable: Uint128,
    pub did: Option<String>,
    /// Income the holder can claim now (whole units of `income_entitlement`).
    pub accrued_income: Uint128,
    /// The holder's exact income entitlement (18 decimals), settled to the current index.
    pub income_entitlement: Decimal,
    /// Units issued to this wallet in the current income period: they earn from the next period
    /// (record-date rule).
    pub income_pending: Uint128,
    /// The token's identity cache for this wallet (pushed by the registry): whether the wallet is
    /// currently bound to `did`, the DID's jurisdiction, category, and each credential as
    /// (claim, valid_until, revoked).
    pub bound: bool,
    pub jurisdiction: Option<String>,
    pub category: Option<InvestorCategory>,
    pub claims: Vec<(ClaimType, Timestamp, bool)>,
}

/// One wallet of a register row.
#[cw_serde]
pub struct HolderWallet {
    pub address: Addr,
    pub balance: Uint128,
    /// Units committed to venues (part of `balance`).
    pub held: Uint128,
    /// Bound to the DID now (false: the registry unbound it; its units wait for recovery).
    pub bound: bool,
}

#[cw_serde]
pub struct HolderRow {
    pub did_id: u32,
    pub did: String,
    /// The DID's balance (sum of its wallets).
    pub balance: Uint128,
    pub venue: bool,
    /// The DID's wallets in this token (at most 16; see `more_wallets`).
    pub wallets: Vec<HolderWallet>,
    /// The DID has more wallets than listed: page them with `HolderWallets`.
    pub more_wallets: bool,
}

#[cw_serde]
pub struct HolderWalletsResponse {
    pub wallets: Vec<HolderWallet>,
}

#[cw_serde]
pub struct HoldersResponse {
    pub holders: Vec<HolderRow>,
}

#[cw_serde]
pub struct IncomeStateResponse {
    pub income_token: Addr,
    /// Cumulative income per entitled share (distributing funds).
    pub index: Decimal,
    /// Income periods closed so far (one per deposit).
    pub period: u32,
    /// Holders' exact income entitlement not yet claimed.
    pub owed: Decimal,
    /// Undistributed remainder (rounding of deposits, sub-unit rests of claims and exits), added
    /// to the next distribution or swept to custody by the owner.
    pub carry: Decimal,
    /// Units issued in the current period (not entitled to the next distribution).
    pub pending_units: Uint128,
    /// Totals: deposited = claimed + swept + owed + carry, exactly.
    pub deposited: Uint128,
    pub claimed: Uint128,
    pub swept: Uint128,
    /// The income cash the fund holds now (deposited − claimed − swept, whole units).
    pub cash_held: Uint128,
}

#[cw_serde]
pub struct RoleMembersResponse {
    pub role: FundRole,
    pub members: Vec<Addr>,
}
