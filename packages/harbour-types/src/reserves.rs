//! Reserve arithmetic of the HKD stablecoin: the eligible-reserves formula (FX conversion and FX
//! bands, approval of foreign-currency buckets, concentration caps, haircuts), the **mint budget**
//! (the reserve rule between two attestations), the reserve ratio and the redemption
//! service-level deadline. Pure functions, so contracts, clients and property tests compute the
//! same numbers. Every rounding goes down: the protocol never counts more reserves than it holds.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, Timestamp, Uint128, Uint256};

use crate::hkd_stablecoin::MAX_ROLE_MEMBERS;
use crate::math::{apply_bps, mul_decimal, MathError, Rounding, BPS_DENOMINATOR};

/// A class of reserve assets, as a licensed issuer reports them (HKMA stablecoin guideline:
/// high-quality, highly liquid assets).
#[cw_serde]
#[derive(Copy, Eq, Hash, PartialOrd, Ord)]
pub enum ReserveBucket {
    /// HKD cash at licensed banks.
    HkdCash,
    /// HKD deposits with remaining term of at most three months.
    HkdDeposits,
    /// Government and central-bank bills with at most one year to maturity.
    GovernmentBills,
    /// Overnight reverse repurchase agreements.
    ReverseRepo,
    /// USD-denominated reserve assets (a foreign-currency bucket).
    UsdAssets,
    /// Offshore RMB (CNH) reserve assets (a foreign-currency bucket).
    CnhAssets,
    /// Tokenized forms of the eligible assets above (HKD value).
    TokenizedAssets,
}

impl ReserveBucket {
    pub const ALL: [ReserveBucket; 7] = [
        ReserveBucket::HkdCash,
        ReserveBucket::HkdDeposits,
        ReserveBucket::GovernmentBills,
        ReserveBucket::ReverseRepo,
        ReserveBucket::UsdAssets,
        ReserveBucket::CnhAssets,
        ReserveBucket::TokenizedAssets,
    ];

    /// Position in [`ReserveBucket::ALL`] (also the compact storage index).
    pub const fn index(&self) -> usize {
        match self {
            ReserveBucket::HkdCash => 0,
            ReserveBucket::HkdDeposits => 1,
            ReserveBucket::GovernmentBills => 2,
            ReserveBucket::ReverseRepo => 3,
            ReserveBucket::UsdAssets => 4,
            ReserveBucket::CnhAssets => 5,
            ReserveBucket::TokenizedAssets => 6,
        }
    }

    /// Amounts of a foreign-currency bucket are attested in that currency and converted to HKD
    /// with the attestation's FX rate; they count only when the policy approves the bucket.
    pub const fn is_foreign(&self) -> bool {
        matches!(self, ReserveBucket::UsdAssets | ReserveBucket::CnhAssets)
    }

    pub const fn as_str(&self) -> &'static str {
        match self {
            ReserveBucket::HkdCash => "hkd_cash",
            ReserveBucket::HkdDeposits => "hkd_deposits",
            ReserveBucket::GovernmentBills => "government_bills",
            ReserveBucket::ReverseRepo => "reverse_repo",
            ReserveBucket::UsdAssets => "usd_assets",
            ReserveBucket::CnhAssets => "cnh_assets",
            ReserveBucket::TokenizedAssets => "tokenized_assets",
        }
    }
}

impl std::fmt::Display for ReserveBucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An attested amount, in the smallest unit of the bucket's currency with the token's decimals
/// (HKD for domestic buckets, USD or CNH for foreign ones).
#[cw_serde]
pub struct BucketAmount {
    pub bucket: ReserveBucket,
    pub amount: Uint128,
}

/// HKD per one unit of a foreign bucket's currency (e.g. `7.8` for USD).
#[cw_serde]
pub struct FxRate {
    pub bucket: ReserveBucket,
    pub rate: Decimal,
}

/// Risk treatment of one bucket.
#[cw_serde]
pub struct BucketPolicy {
    pub bucket: ReserveBucket,
    /// Over-collateralisation for market risk: the bucket counts `(10000 - haircut_bps) / 10000`
    /// of its (capped) HKD value.
    pub haircut_bps: u16,
    /// Concentration cap: at most `cap_bps / 10000` of the total HKD value of the counted buckets
    /// may come from this bucket (10000 = no cap).
    pub cap_bps: u16,
    /// Foreign buckets only, and required for an approved one: an attestation whose FX rate for
    /// this bucket lies outside the band is refused.
    pub fx_band: Option<FxBand>,
}

/// The accepted range of a foreign bucket's attested FX rate (HKD per unit), bounds included:
/// e.g. USD 7.75–7.85 (the Linked Exchange Rate System's convertibility band).
#[cw_serde]
pub struct FxBand {
    pub min: Decimal,
    pub max: Decimal,
}

/// The owner's reserve policy.
#[cw_serde]
pub struct ReservePolicy {
    /// Exactly one entry per bucket.
    pub buckets: Vec<BucketPolicy>,
    /// Foreign-currency buckets whose assets count (others are excluded entirely); each needs an
    /// FX band.
    pub approved_foreign: Vec<ReserveBucket>,
    /// An attestation older than this (block time − `as_of`) is stale: minting stops. An
    /// attestation already older than this when published is refused.
    pub max_attestation_age: u64,
    /// M of the M-of-N attestor quorum: a report counts once M distinct attestors published the
    /// same one (1..=`MAX_ROLE_MEMBERS`; at most the number of attestors when above 1).
    pub attestation_quorum: u32,
}

/// Why a reserve policy or attestation is malformed.
#[derive(thiserror::Error, Debug, PartialEq, Eq, Clone)]
pub enum ReserveError {
    #[error("math: {0}")]
    Math(#[from] MathError),
    #[error("bucket {bucket} is listed more than once")]
    DuplicateBucket { bucket: ReserveBucket },
    #[error("bucket {bucket} has no policy entry (the policy must list every bucket once)")]
    MissingBucketPolicy { bucket: ReserveBucket },
    #[error("bucket {bucket}: {field} of {bps} bps exceeds 10000")]
    BpsOutOfRange { bucket: ReserveBucket, field: &'static str, bps: u16 },
    #[error("bucket {bucket} is not a foreign-currency bucket")]
    NotForeign { bucket: ReserveBucket },
    #[error("foreign bucket {bucket} has a non-zero amount but no FX rate")]
    MissingFxRate { bucket: ReserveBucket },
    #[error("FX rate of {bucket} must be positive")]
    ZeroFxRate { bucket: ReserveBucket },
    #[error("max_attestation_age must be 1..={max} seconds")]
    InvalidMaxAge { max: u64 },
    #[error("approved foreign bucket {bucket} has no FX band")]
    MissingFxBand { bucket: ReserveBucket },
    #[error("FX band of {bucket}: min must be positive and at most max")]
    InvalidFxBand { bucket: ReserveBucket },
    #[error("FX rate {rate} of {bucket} is outside its band {min}..={max}")]
    FxRateOutOfBand { bucket: ReserveBucket, rate: Decimal, min: Decimal, max: Decimal },
    #[error("attestation_quorum must be 1..={max}")]
    InvalidQuorum { max: u32 },
    #[error("mint of {amount} exceeds the mint budget left by the latest attestation ({remaining})")]
    ExceedsMintBudget { remaining: Uint128, amount: Uint128 },
}

/// Longest allowed `max_attestation_age`: 31 days.
pub const MAX_ATTESTATION_AGE: u64 = 31 * 86_400;

impl ReservePolicy {
    /// Checks the policy and returns (haircut, cap) per bucket index.
    pub fn compile(&self) -> Result<[(u16, u16); 7], ReserveError> {
        let mut out: [Option<(u16, u16)>; 7] = [None; 7];
        for p in &self.buckets {
            if out[p.bucket.index()].is_some() {
                return Err(ReserveError::DuplicateBucket { bucket: p.bucket });
            }
            for (field, bps) in [("haircut_bps", p.haircut_bps), ("cap_bps", p.cap_bps)] {
                if bps > BPS_DENOMINATOR {
                    return Err(ReserveError::BpsOutOfRange { bucket: p.bucket, field, bps });
                }
            }
            if let Some(band) = &p.fx_band {
                if !p.bucket.is_foreign() {
                    return Err(ReserveError::NotForeign { bucket: p.bucket });
                }
                if band.min.is_zero() || band.min > band.max {
                    return Err(ReserveError::InvalidFxBand { bucket: p.bucket });
                }
            }
            out[p.bucket.index()] = Some((p.haircut_bps, p.cap_bps));
        }
        let mut seen = [false; 7];
        for b in &self.approved_foreign {
            if !b.is_foreign() {
                return Err(ReserveError::NotForeign { bucket: *b });
            }
            if seen[b.index()] {
                return Err(ReserveError::DuplicateBucket { bucket: *b });
            }
            seen[b.index()] = true;
        }
        if self.max_attestation_age == 0 || self.max_attestation_age > MAX_ATTESTATION_AGE {
            return Err(ReserveError::InvalidMaxAge { max: MAX_ATTESTATION_AGE });
        }
        if self.attestation_quorum == 0 || self.attestation_quorum > MAX_ROLE_MEMBERS {
            return Err(ReserveError::InvalidQuorum { max: MAX_ROLE_MEMBERS });
        }
        let banded = |b: &ReserveBucket| self.buckets.iter().any(|p| p.bucket == *b && p.fx_band.is_some());
        if let Some(b) = self.approved_foreign.iter().find(|b| !banded(b)) {
            return Err(ReserveError::MissingFxBand { bucket: *b });
        }
        let mut compiled = [(0u16, 0u16); 7];
        for b in ReserveBucket::ALL {
            compiled[b.index()] = out[b.index()].ok_or(ReserveError::MissingBucketPolicy { bucket: b })?;
        }
        Ok(compiled)
    }
}

impl ReservePolicy {
    /// Every FX rate of an attestation lies within its bucket's band (a rate of a bucket without
    /// a band, necessarily not approved, is accepted: that bucket counts zero).
    pub fn check_fx_bands(&self, inputs: &ReserveInputs) -> Result<(), ReserveError> {
        for p in &self.buckets {
            if let (Some(band), Some(rate)) = (&p.fx_band, inputs.fx[p.bucket.index()]) {
                if rate < band.min || rate > band.max {
                    let (min, max) = (band.min, band.max);
                    return Err(ReserveError::FxRateOutOfBand { bucket: p.bucket, rate, min, max });
                }
            }
        }
        Ok(())
    }
}

/// Attested amounts and FX rates, normalised to one slot per bucket.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReserveInputs {
    pub amounts: [Uint128; 7],
    pub fx: [Option<Decimal>; 7],
}

impl ReserveInputs {
    /// Validates an attestation's lists: each bucket at most once (missing = 0), FX rates only
    /// for foreign buckets, positive, and present for every foreign bucket with a non-zero amount.
    pub fn from_lists(buckets: &[BucketAmount], fx_rates: &[FxRate]) -> Result<Self, ReserveError> {
        let mut inputs = ReserveInputs::default();
        let mut seen = [false; 7];
        for b in buckets {
            let i = b.bucket.index();
            if seen[i] {
                return Err(ReserveError::DuplicateBucket { bucket: b.bucket });
            }
            seen[i] = true;
            inputs.amounts[i] = b.amount;
        }
        for r in fx_rates {
            if !r.bucket.is_foreign() {
                return Err(ReserveError::NotForeign { bucket: r.bucket });
            }
            if r.rate.is_zero() {
                return Err(ReserveError::ZeroFxRate { bucket: r.bucket });
            }
            let i = r.bucket.index();
            if inputs.fx[i].is_some() {
                return Err(ReserveError::DuplicateBucket { bucket: r.bucket });
            }
            inputs.fx[i] = Some(r.rate);
        }
        for b in ReserveBucket::ALL {
            if b.is_foreign() && !inputs.amounts[b.index()].is_zero() && inputs.fx[b.index()].is_none() {
                return Err(ReserveError::MissingFxRate { bucket: b });
            }
        }
        Ok(inputs)
    }
}

/// How one bucket contributed.
#[cw_serde]
pub struct BucketBreakdown {
    pub bucket: ReserveBucket,
    /// As attested, in the bucket's currency.
    pub attested: Uint128,
    /// HKD value (attested × FX rate for foreign buckets, rounded down).
    pub hkd_value: Uint128,
    /// False for a foreign bucket the policy does not approve (it counts zero).
    pub approved: bool,
    /// The concentration cap in HKD: `cap_bps` of `counted_total`, rounded down.
    pub cap_limit: Uint128,
    /// `min(hkd_value, cap_limit)` for approved buckets, else 0.
    pub capped: Uint128,
    /// `capped × (10000 − haircut_bps) / 10000`, rounded down.
    pub eligible: Uint128,
}

/// The eligible-reserves computation, bucket by bucket.
#[cw_serde]
pub struct ReserveBreakdown {
    /// HKD value of every attested bucket (approved or not).
    pub attested_total: Uint128,
    /// HKD value of the approved buckets: the base of the concentration caps.
    pub counted_total: Uint128,
    /// What supply may reach: the sum of the buckets' eligible amounts.
    pub eligible: Uint128,
    pub buckets: Vec<BucketBreakdown>,
}

/// Eligible reserves under a compiled policy (see [`ReservePolicy::compile`]):
///
/// ```text
/// hkd_b      = amount_b                      (domestic)   | floor(amount_b × fx_b)   (foreign)
/// approved_b = domestic, or foreign and in approved_foreign
/// T          = Σ hkd_b over approved buckets
/// capped_b   = approved_b ? min(hkd_b, floor(T × cap_b / 10000)) : 0
/// eligible_b = floor(capped_b × (10000 − haircut_b) / 10000)
/// eligible   = Σ eligible_b
/// ```
pub fn eligible_reserves(
    inputs: &ReserveInputs,
    policy: &[(u16, u16); 7],
    approved_foreign: &[ReserveBucket],
) -> Result<ReserveBreakdown, ReserveError> {
    let mut hkd = [Uint128::zero(); 7];
    let mut approved = [false; 7];
    let mut attested_total = Uint128::zero();
    let mut counted_total = Uint128::zero();
    for b in ReserveBucket::ALL {
        let i = b.index();
        let amount = inputs.amounts[i];
        hkd[i] = if b.is_foreign() {
            match inputs.fx[i] {
                Some(rate) => mul_decimal(amount, rate, Rounding::Down)?,
                None if amount.is_zero() => Uint128::zero(),
                None => return Err(ReserveError::MissingFxRate { bucket: b }),
            }
        } else {
            amount
        };
        approved[i] = !b.is_foreign() || approved_foreign.contains(&b);
        attested_total = attested_total.checked_add(hkd[i]).map_err(|_| MathError::Overflow)?;
        if approved[i] {
            counted_total = counted_total.checked_add(hkd[i]).map_err(|_| MathError::Overflow)?;
        }
    }
    let mut eligible = Uint128::zero();
    let mut buckets = Vec::with_capacity(7);
    for b in ReserveBucket::ALL {
        let i = b.index();
        let (haircut, cap) = policy[i];
        let cap_limit = apply_bps(counted_total, cap, Rounding::Down)?;
        let capped = if approved[i] { hkd[i].min(cap_limit) } else { Uint128::zero() };
        let e = apply_bps(capped, BPS_DENOMINATOR - haircut.min(BPS_DENOMINATOR), Rounding::Down)?;
        eligible = eligible.checked_add(e).map_err(|_| MathError::Overflow)?;
        buckets.push(BucketBreakdown {
            bucket: b,
            attested: inputs.amounts[i],
            hkd_value: hkd[i],
            approved: approved[i],
            cap_limit,
            capped,
            eligible: e,
        });
    }
    Ok(ReserveBreakdown { attested_total, counted_total, eligible, buckets })
}

/// The reserve rule between two attestations. A counting attestation opens a budget of
/// `eligible − supply` (its eligible reserves less the supply they already back); every mint
/// spends it; burns, redemption payouts and wipes never refill it (the fiat they correspond to
/// has left the reserve, or is no longer available to back new tokens); only the next counting
/// attestation opens a new one. A tighter policy lowers `eligible` at once; a looser one waits for
/// the next attestation. Kept as two figures, so the rule is one comparison:
///
/// ```text
/// open(E, S):   eligible = E, issued = S
/// mint(x):      allowed iff issued + x ≤ eligible; then issued += x
/// tighten(E'):  eligible = min(eligible, E')
/// remaining  =  eligible − issued   (0 when under-reserved: eligible < issued)
/// ```
///
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct MintBudget {
    /// Eligible reserves of the attestation in force, lowered by every tightening since.
    pub eligible: Uint128,
    /// Supply when the attestation counted, plus everything minted since (never lowered).
    pub issued: Uint128,
}

impl MintBudget {
    pub const fn open(eligible: Uint128, supply: Uint128) -> Self {
        MintBudget { eligible, issued: supply }
    }

    /// What may still be minted under this attestation.
    pub fn remaining(&self) -> Uint128 {
        self.eligible.checked_sub(self.issued).unwrap_or_default()
    }

    /// The attestation (or a tighter policy since) showed eligible reserves below what it must back.
    pub fn under_reserved(&self) -> bool {
        self.eligible < self.issued
    }

    /// Spends `amount` of the budget, or refuses without changing it.
    pub fn spend(&mut self, amount: Uint128) -> Result<(), ReserveError> {
        let remaining = self.remaining();
        if amount > remaining {
            return Err(ReserveError::ExceedsMintBudget { remaining, amount });
        }
        self.issued = self.issued.checked_add(amount).map_err(|_| MathError::Overflow)?;
        Ok(())
    }

    /// Applies the eligible reserves recomputed under a new policy: a lower figure counts at
    /// once, a higher one not before the next attestation.
    pub fn tighten(&mut self, eligible: Uint128) {
        self.eligible = self.eligible.min(eligible);
    }

    /// Reserves known to back `supply` now: `eligible − (issued − supply)`, i.e. the attested
    /// eligible reserves less the par value of every token burned, paid out or wiped since (each is
    /// assumed to have taken its value out of the reserve). Zero when more left than was attested.
    pub fn backing(&self, supply: Uint128) -> Uint128 {
        let out = self.issued.checked_sub(supply).unwrap_or_default();
        self.eligible.checked_sub(out).unwrap_or_default()
    }
}

/// Reserve ratio in basis points: `floor(reserves × 10000 / supply)`, computed in 256 bits.
/// `None` only when supply is zero; a ratio beyond `Uint128::MAX` bps (reserves near `u128::MAX`
/// over a tiny supply) reads `Uint128::MAX`, meaning "at least that".
pub fn reserve_ratio_bps(reserves: Uint128, supply: Uint128) -> Option<Uint128> {
    if supply.is_zero() {
        return None;
    }
    let ratio = Uint256::from(reserves) * Uint256::from(BPS_DENOMINATOR) / Uint256::from(supply);
    Some(Uint128::try_from(ratio).unwrap_or(Uint128::MAX))
}

/// Hong Kong time (UTC+8, no daylight saving): business days are Monday to Friday there.
pub const HKT_OFFSET_SECONDS: u64 = 8 * 3600;
const DAY: u64 = 86_400;
/// The largest whole second a `Timestamp` (u64 nanoseconds) can hold.
const MAX_TIMESTAMP_SECONDS: u64 = u64::MAX / 1_000_000_000;

/// The redemption service-level deadline for a request made at `at`: `sla_seconds` later, or,
/// when `business_days_only`, after `sla_seconds` of Monday–Friday time in Hong Kong (the clock
/// stops over weekends; public holidays are not known on chain). Saturates at the end of time.
pub fn redemption_deadline(at: Timestamp, sla_seconds: u64, business_days_only: bool) -> Timestamp {
    if !business_days_only {
        return Timestamp::from_seconds(at.seconds().saturating_add(sla_seconds).min(MAX_TIMESTAMP_SECONDS));
    }
    let mut local = at.seconds().saturating_add(HKT_OFFSET_SECONDS);
    let mut remaining = sla_seconds;
    // Bounded: each pass consumes a whole day (or the rest of one); SLAs are capped at 31 days.
    loop {
        let day_number = local / DAY;
        // 1970-01-01 was a Thursday: weekday 0 = Monday
        let weekday = (day_number + 3) % 7;
        let next_midnight = (day_number + 1).saturating_mul(DAY);
        if weekday >= 5 {
            local = next_midnight;
            continue;
        }
        let left_today = next_midnight - local;
        if remaining <= left_today {
            local = local.saturating_add(remaining);
            break;
        }
        remaining -= left_today;
        local = next_midnight;
    }
    Timestamp::from_seconds(local.saturating_sub(HKT_OFFSET_SECONDS).min(MAX_TIMESTAMP_SECONDS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Wide FX bands (any rate the property tests draw); USD approved.
    fn policy(haircuts: [u16; 7], caps: [u16; 7]) -> ReservePolicy {
        let wide = FxBand { min: Decimal::from_ratio(1u64, 1_000_000u64), max: Decimal::percent(100_000) };
        ReservePolicy {
            buckets: ReserveBucket::ALL
                .iter()
                .map(|b| BucketPolicy {
                    bucket: *b,
                    haircut_bps: haircuts[b.index()],
                    cap_bps: caps[b.index()],
                    fx_band: b.is_foreign().then(|| wide.clone()),
                })
                .collect(),
            approved_foreign: vec![ReserveBucket::UsdAssets],
            max_attestation_age: 86_400,
            attestation_quorum: 1,
        }
    }

    fn eligible_of(
        p: &ReservePolicy,
        buckets: &[(ReserveBucket, u128)],
        fx: &[(ReserveBucket, Decimal)],
    ) -> ReserveBreakdown {
        let buckets: Vec<BucketAmount> =
            buckets.iter().map(|(bucket, n)| BucketAmount { bucket: *bucket, amount: Uint128::new(*n) }).collect();
        let fx: Vec<FxRate> = fx.iter().map(|(bucket, rate)| FxRate { bucket: *bucket, rate: *rate }).collect();
        let inputs = ReserveInputs::from_lists(&buckets, &fx).unwrap();
        eligible_reserves(&inputs, &p.compile().unwrap(), &p.approved_foreign).unwrap()
    }

    // Rounding: each case below leaves a non-zero remainder in exactly one step, and its expected
    // value comes from an independent derivation (schoolbook arithmetic in the comment, or a
    // u128-only identity for amounts near u128::MAX). If the FX conversion, the concentration cap or
    // the haircut rounded up instead of down, the result would be one unit higher and the test fails.

    #[test]
    fn fx_conversion_rounds_down() {
        let p = policy([0; 7], [10_000; 7]);
        // 1,000,001 USD × 7.8 = 7,800,007.8 → 7,800,007
        let r = eligible_of(
            &p,
            &[(ReserveBucket::UsdAssets, 1_000_001)],
            &[(ReserveBucket::UsdAssets, Decimal::permille(7_800))],
        );
        assert_eq!(r.buckets[ReserveBucket::UsdAssets.index()].hkd_value, Uint128::new(7_800_007));
        assert_eq!(r.eligible, Uint128::new(7_800_007));
        // near u128::MAX: a × 7.85 = 7a + 17a/20, computed without overflow as 7a + 17⌊a/20⌋ + ⌊17(a mod 20)/20⌋
        let a = u128::MAX / 8;
        let expected = 7 * a + 17 * (a / 20) + 17 * (a % 20) / 20;
        let r =
            eligible_of(&p, &[(ReserveBucket::UsdAssets, a)], &[(ReserveBucket::UsdAssets, Decimal::permille(7_850))]);
        assert_eq!(r.eligible, Uint128::new(expected));
        assert_eq!(expected, 333_902_072_541_170_867_273_436_333_542_422_557_483);
    }

    #[test]
    fn concentration_cap_rounds_down() {
        let mut caps = [10_000; 7];
        caps[ReserveBucket::TokenizedAssets.index()] = 3_333;
        let p = policy([0; 7], caps);
        // T = 2,000,003; cap 33.33% = 666,600.9999 → 666,600
        let r =
            eligible_of(&p, &[(ReserveBucket::HkdCash, 1_000_003), (ReserveBucket::TokenizedAssets, 1_000_000)], &[]);
        assert_eq!(r.buckets[ReserveBucket::TokenizedAssets.index()].cap_limit, Uint128::new(666_600));
        assert_eq!(r.eligible, Uint128::new(1_000_003 + 666_600));
        // near u128::MAX: T = MAX − 1, ⌊T × 3333 / 10000⌋ = 3333⌊T/10000⌋ + ⌊3333 (T mod 10000) / 10000⌋
        let half = u128::MAX / 2;
        let t = u128::MAX - 1;
        let cap = 3_333 * (t / 10_000) + 3_333 * (t % 10_000) / 10_000;
        let r = eligible_of(&p, &[(ReserveBucket::HkdCash, half), (ReserveBucket::TokenizedAssets, half)], &[]);
        assert_eq!(r.counted_total, Uint128::new(t));
        assert_eq!(r.buckets[ReserveBucket::TokenizedAssets.index()].eligible, Uint128::new(cap));
        assert_eq!(r.eligible, Uint128::new(half + cap));
    }

    #[test]
    fn haircut_rounds_down() {
        let mut haircuts = [0; 7];
        haircuts[ReserveBucket::GovernmentBills.index()] = 50;
        haircuts[ReserveBucket::HkdCash.index()] = 1;
        let p = policy(haircuts, [10_000; 7]);
        // 1,000,001 × 99.5% = 995,000.995 → 995,000
        let r = eligible_of(&p, &[(ReserveBucket::GovernmentBills, 1_000_001)], &[]);
        assert_eq!(r.eligible, Uint128::new(995_000));
        // near u128::MAX: ⌊MAX × 9999/10000⌋ = MAX − ⌈MAX/10000⌉ (MAX is not a multiple of 10000)
        assert_ne!(u128::MAX % 10_000, 0);
        let r = eligible_of(&p, &[(ReserveBucket::HkdCash, u128::MAX)], &[]);
        assert_eq!(r.eligible, Uint128::new(u128::MAX - (u128::MAX / 10_000 + 1)));
    }

    #[test]
    fn reserve_ratio_rounds_down_and_saturates_instead_of_overflowing() {
        assert_eq!(reserve_ratio_bps(Uint128::new(2), Uint128::new(3)), Some(Uint128::new(6_666)));
        assert_eq!(reserve_ratio_bps(Uint128::zero(), Uint128::new(3)), Some(Uint128::zero()));
        assert_eq!(reserve_ratio_bps(Uint128::new(5), Uint128::zero()), None);
        // MAX × 10000 / 10000 is exact; MAX × 10000 / 1 does not fit: "at least u128::MAX", never None
        assert_eq!(reserve_ratio_bps(Uint128::MAX, Uint128::new(10_000)), Some(Uint128::MAX));
        assert_eq!(reserve_ratio_bps(Uint128::MAX, Uint128::one()), Some(Uint128::MAX));
        assert_eq!(
            reserve_ratio_bps(Uint128::MAX, Uint128::new(10_001)),
            Some(Uint128::new(u128::MAX / 10_001 * 10_000 + (u128::MAX % 10_001) * 10_000 / 10_001))
        );
    }

    #[test]
    fn mint_budget_worked_example_from_the_readme() {
        // attest 1,000,000 eligible at supply 0, mint it all
        let mut b = MintBudget::open(Uint128::new(1_000_000), Uint128::zero());
        assert_eq!(b.remaining(), Uint128::new(1_000_000));
        assert_eq!(
            b.spend(Uint128::new(1_000_001)),
            Err(ReserveError::ExceedsMintBudget {
                remaining: Uint128::new(1_000_000),
                amount: Uint128::new(1_000_001)
            })
        );
        b.spend(Uint128::new(1_000_000)).unwrap();
        assert_eq!(b.remaining(), Uint128::zero());
        // redeem 500,000 and pay it: supply 500,000; the budget stays spent, the backing fell with it
        let supply = Uint128::new(500_000);
        assert_eq!(b.backing(supply), Uint128::new(500_000));
        assert_eq!(reserve_ratio_bps(b.backing(supply), supply), Some(Uint128::new(10_000)));
        // re-minting the 500,000 is refused and changes nothing
        let before = b;
        assert_eq!(
            b.spend(Uint128::new(500_000)),
            Err(ReserveError::ExceedsMintBudget { remaining: Uint128::zero(), amount: Uint128::new(500_000) })
        );
        assert_eq!(b, before);
        // a tighter policy (eligible 900,000) counts at once: under-reserved, ratio 80%
        b.tighten(Uint128::new(900_000));
        assert!(b.under_reserved());
        assert_eq!(reserve_ratio_bps(b.backing(supply), supply), Some(Uint128::new(8_000)));
        // relaxing again (1,200,000) waits for the next attestation
        b.tighten(Uint128::new(1_200_000));
        assert_eq!(b.eligible, Uint128::new(900_000));
        // the next attestation opens a new budget from the supply at that moment
        let b = MintBudget::open(Uint128::new(1_200_000), supply);
        assert_eq!(b.remaining(), Uint128::new(700_000));
    }

    #[test]
    fn fx_bands_and_quorum_are_validated() {
        let usd = |rate| FxRate { bucket: ReserveBucket::UsdAssets, rate };
        let (usd_i, cnh_i) = (ReserveBucket::UsdAssets.index(), ReserveBucket::CnhAssets.index());
        let mut p = policy([0; 7], [10_000; 7]);
        p.buckets[usd_i].fx_band = Some(FxBand { min: Decimal::permille(7_750), max: Decimal::permille(7_850) });
        p.buckets[cnh_i].fx_band = None;
        p.compile().unwrap();
        let check = |p: &ReservePolicy, rate| p.check_fx_bands(&ReserveInputs::from_lists(&[], &[usd(rate)]).unwrap());
        assert_eq!(check(&p, Decimal::permille(7_750)), Ok(()));
        assert_eq!(check(&p, Decimal::permille(7_850)), Ok(()));
        assert_eq!(
            check(&p, Decimal::permille(7_851)),
            Err(ReserveError::FxRateOutOfBand {
                bucket: ReserveBucket::UsdAssets,
                rate: Decimal::permille(7_851),
                min: Decimal::permille(7_750),
                max: Decimal::permille(7_850)
            })
        );
        assert!(check(&p, Decimal::permille(7_749)).is_err());
        assert!(check(&p, Decimal::permille(78_000)).is_err(), "a decimal-point typo is refused");
        // a rate for an unapproved bucket without a band is accepted (the bucket counts zero)
        let cnh = ReserveInputs::from_lists(&[], &[FxRate { bucket: ReserveBucket::CnhAssets, rate: Decimal::one() }])
            .unwrap();
        assert_eq!(p.check_fx_bands(&cnh), Ok(()));
        let mut q = p.clone();
        q.approved_foreign.push(ReserveBucket::CnhAssets);
        assert_eq!(q.compile(), Err(ReserveError::MissingFxBand { bucket: ReserveBucket::CnhAssets }));
        let mut q = p.clone();
        q.buckets[usd_i].fx_band = Some(FxBand { min: Decimal::permille(7_900), max: Decimal::permille(7_850) });
        assert_eq!(q.compile(), Err(ReserveError::InvalidFxBand { bucket: ReserveBucket::UsdAssets }));
        let mut q = p.clone();
        q.buckets[usd_i].fx_band = Some(FxBand { min: Decimal::zero(), max: Decimal::one() });
        assert_eq!(q.compile(), Err(ReserveError::InvalidFxBand { bucket: ReserveBucket::UsdAssets }));
        let mut q = p.clone();
        q.buckets[0].fx_band = Some(FxBand { min: Decimal::one(), max: Decimal::one() });
        assert_eq!(q.compile(), Err(ReserveError::NotForeign { bucket: ReserveBucket::HkdCash }));
        for quorum in [0, MAX_ROLE_MEMBERS + 1] {
            let mut q = p.clone();
            q.attestation_quorum = quorum;
            assert_eq!(q.compile(), Err(ReserveError::InvalidQuorum { max: MAX_ROLE_MEMBERS }));
        }
    }

    #[test]
    fn worked_example_from_the_readme() {
        // (amounts in base units) HKD 40m cash, 30m deposits, 20m bills, 0 repo, USD 2m at 7.8, CNH 5m (not approved) at
        // 1.08, 10m tokenized; haircuts 0/0/50/0/200/0/100 bps; USD capped at 10%, tokenized at 5%.
        let m = |n: u128| Uint128::new(n * 1_000_000);
        let p = policy([0, 0, 50, 0, 200, 0, 100], [10_000, 10_000, 10_000, 10_000, 1_000, 10_000, 500]);
        let inputs = ReserveInputs::from_lists(
            &[
                BucketAmount { bucket: ReserveBucket::HkdCash, amount: m(40) },
                BucketAmount { bucket: ReserveBucket::HkdDeposits, amount: m(30) },
                BucketAmount { bucket: ReserveBucket::GovernmentBills, amount: m(20) },
                BucketAmount { bucket: ReserveBucket::UsdAssets, amount: m(2) },
                BucketAmount { bucket: ReserveBucket::CnhAssets, amount: m(5) },
                BucketAmount { bucket: ReserveBucket::TokenizedAssets, amount: m(10) },
            ],
            &[
                FxRate { bucket: ReserveBucket::UsdAssets, rate: Decimal::permille(7_800) },
                FxRate { bucket: ReserveBucket::CnhAssets, rate: Decimal::permille(1_080) },
            ],
        )
        .unwrap();
        let r = eligible_reserves(&inputs, &p.compile().unwrap(), &p.approved_foreign).unwrap();
        // T = 40 + 30 + 20 + 15.6 + 10 = 115.6m; CNH 5.4m is attested but not counted
        assert_eq!(r.attested_total, Uint128::new(121_000_000));
        assert_eq!(r.counted_total, Uint128::new(115_600_000));
        let b = |x: ReserveBucket| r.buckets[x.index()].clone();
        // USD: cap 10% of 115.6m = 11.56m < 15.6m → capped 11.56m, haircut 2% → 11.3288m
        assert_eq!(b(ReserveBucket::UsdAssets).capped, Uint128::new(11_560_000));
        assert_eq!(b(ReserveBucket::UsdAssets).eligible, Uint128::new(11_328_800));
        // tokenized: cap 5% = 5.78m < 10m, haircut 1% → 5.7222m
        assert_eq!(b(ReserveBucket::TokenizedAssets).eligible, Uint128::new(5_722_200));
        // bills: 20m − 0.5% = 19.9m
        assert_eq!(b(ReserveBucket::GovernmentBills).eligible, Uint128::new(19_900_000));
        assert_eq!(b(ReserveBucket::CnhAssets).eligible, Uint128::zero());
        assert!(!b(ReserveBucket::CnhAssets).approved);
        // 40 + 30 + 19.9 + 11.3288 + 5.7222 = 106.951m
        assert_eq!(r.eligible, Uint128::new(106_951_000));
        assert_eq!(reserve_ratio_bps(r.eligible, Uint128::new(100_000_000)), Some(Uint128::new(10_695)));
    }

    #[test]
    fn malformed_inputs() {
        let amount = |bucket| BucketAmount { bucket, amount: Uint128::new(1) };
        assert_eq!(
            ReserveInputs::from_lists(&[amount(ReserveBucket::HkdCash), amount(ReserveBucket::HkdCash)], &[]),
            Err(ReserveError::DuplicateBucket { bucket: ReserveBucket::HkdCash })
        );
        assert_eq!(
            ReserveInputs::from_lists(&[amount(ReserveBucket::UsdAssets)], &[]),
            Err(ReserveError::MissingFxRate { bucket: ReserveBucket::UsdAssets })
        );
        assert_eq!(
            ReserveInputs::from_lists(&[], &[FxRate { bucket: ReserveBucket::HkdCash, rate: Decimal::one() }]),
            Err(ReserveError::NotForeign { bucket: ReserveBucket::HkdCash })
        );
        assert_eq!(
            ReserveInputs::from_lists(&[], &[FxRate { bucket: ReserveBucket::CnhAssets, rate: Decimal::zero() }]),
            Err(ReserveError::ZeroFxRate { bucket: ReserveBucket::CnhAssets })
        );
        let mut p = policy([0; 7], [10_000; 7]);
        p.buckets.pop();
        assert_eq!(p.compile(), Err(ReserveError::MissingBucketPolicy { bucket: ReserveBucket::TokenizedAssets }));
        let mut p = policy([0; 7], [10_000; 7]);
        p.buckets[0].cap_bps = 10_001;
        assert_eq!(
            p.compile(),
            Err(ReserveError::BpsOutOfRange { bucket: ReserveBucket::HkdCash, field: "cap_bps", bps: 10_001 })
        );
        let mut p = policy([0; 7], [10_000; 7]);
        p.approved_foreign = vec![ReserveBucket::HkdCash];
        assert_eq!(p.compile(), Err(ReserveError::NotForeign { bucket: ReserveBucket::HkdCash }));
        let mut p = policy([0; 7], [10_000; 7]);
        p.max_attestation_age = 0;
        assert_eq!(p.compile(), Err(ReserveError::InvalidMaxAge { max: MAX_ATTESTATION_AGE }));
    }

    #[test]
    fn business_day_deadlines() {
        // 2026-01-09 was a Friday. 17:00 HKT = 09:00 UTC.
        let friday_5pm = Timestamp::from_seconds(1_767_949_200);
        let monday_5pm = Timestamp::from_seconds(1_767_949_200 + 3 * DAY);
        assert_eq!(redemption_deadline(friday_5pm, DAY, true), monday_5pm);
        assert_eq!(redemption_deadline(friday_5pm, DAY, false), Timestamp::from_seconds(1_767_949_200 + DAY));
        // a request made on Saturday (20:00 HKT) starts counting on Monday 00:00 HKT
        let saturday_8pm = Timestamp::from_seconds(1_767_949_200 + DAY + 3 * 3600);
        let monday_midnight_hkt = Timestamp::from_seconds(1_767_949_200 + 3 * DAY - 17 * 3600);
        assert_eq!(redemption_deadline(saturday_8pm, 0, true), monday_midnight_hkt);
        assert_eq!(redemption_deadline(saturday_8pm, 3600, true), monday_midnight_hkt.plus_seconds(3600));
        // five business days = one calendar week
        assert_eq!(redemption_deadline(friday_5pm, 5 * DAY, true), friday_5pm.plus_seconds(7 * DAY));
        let end = Timestamp::from_seconds(MAX_TIMESTAMP_SECONDS - 10);
        assert_eq!(redemption_deadline(end, 100, false).seconds(), MAX_TIMESTAMP_SECONDS);
        assert_eq!(redemption_deadline(end, 100, true).seconds(), MAX_TIMESTAMP_SECONDS);
    }

    proptest! {
        #[test]
        fn eligible_never_exceeds_counted_value_or_caps(
            amounts in proptest::array::uniform7(0u64..10_000_000_000_000),
            haircuts in proptest::array::uniform7(0u16..=10_000),
            caps in proptest::array::uniform7(0u16..=10_000),
            usd in 1u64..20_000_000, cnh in 1u64..20_000_000, approve_cnh in any::<bool>(),
        ) {
            let mut p = policy(haircuts, caps);
            if approve_cnh { p.approved_foreign.push(ReserveBucket::CnhAssets); }
            let buckets: Vec<BucketAmount> = ReserveBucket::ALL.iter()
                .map(|b| BucketAmount { bucket: *b, amount: Uint128::from(amounts[b.index()]) }).collect();
            let fx = [
                FxRate { bucket: ReserveBucket::UsdAssets, rate: Decimal::from_ratio(usd, 1_000_000u64) },
                FxRate { bucket: ReserveBucket::CnhAssets, rate: Decimal::from_ratio(cnh, 1_000_000u64) },
            ];
            let inputs = ReserveInputs::from_lists(&buckets, &fx).unwrap();
            let r = eligible_reserves(&inputs, &p.compile().unwrap(), &p.approved_foreign).unwrap();
            prop_assert!(r.eligible <= r.counted_total);
            prop_assert!(r.counted_total <= r.attested_total);
            let mut sum = Uint128::zero();
            for b in &r.buckets {
                prop_assert!(b.capped <= b.hkd_value);
                prop_assert!(b.capped <= b.cap_limit);
                prop_assert!(b.eligible <= b.capped);
                // exact-rational check of the haircut: eligible × 10000 ≤ capped × (10000 − h)
                let h = haircuts[b.bucket.index()] as u128;
                prop_assert!(b.eligible.u128() * 10_000 <= b.capped.u128() * (10_000 - h));
                if !b.approved { prop_assert!(b.eligible.is_zero()); }
                sum += b.eligible;
            }
            prop_assert_eq!(sum, r.eligible);
            // tightening any haircut never raises eligible reserves
            let mut tighter = haircuts;
            tighter[0] = 10_000;
            let p2 = policy(tighter, caps);
            let r2 = eligible_reserves(&inputs, &p2.compile().unwrap(), &p.approved_foreign).unwrap();
            prop_assert!(r2.eligible <= r.eligible);
        }

        #[test]
        fn mint_budget_only_grows_by_opening(
            eligible in 0u64..2_000_000, supply in 0u64..2_000_000,
            steps in proptest::collection::vec((0u8..3, 0u64..1_000_000), 1..30),
        ) {
            // mints spend it, burns lower supply, tightenings lower eligible: the remaining budget
            // never grows, and everything minted fits in what the attestation opened
            let opened = (eligible as u128).saturating_sub(supply as u128);
            let mut b = MintBudget::open(Uint128::from(eligible), Uint128::from(supply));
            let mut supply = supply as u128;
            let mut minted = 0u128;
            for (kind, x) in steps {
                let before = b.remaining();
                match kind {
                    0 => if b.spend(Uint128::from(x)).is_ok() { supply += x as u128; minted += x as u128; },
                    1 => supply = supply.saturating_sub(x as u128),
                    _ => b.tighten(Uint128::from(x)),
                }
                prop_assert!(b.remaining() <= before);
                prop_assert!(minted <= opened);
                prop_assert!(b.backing(Uint128::new(supply)) <= b.eligible);
                prop_assert_eq!(b.under_reserved(), b.remaining().is_zero() && b.eligible != b.issued);
            }
        }

        #[test]
        fn deadlines_are_monotonic_and_at_least_the_sla(
            t in 1_700_000_000u64..1_900_000_000, dt in 0u64..(10 * DAY), sla in 0u64..(31 * DAY), business in any::<bool>()
        ) {
            let a = redemption_deadline(Timestamp::from_seconds(t), sla, business);
            let b = redemption_deadline(Timestamp::from_seconds(t + dt), sla, business);
            prop_assert!(a <= b);
            prop_assert!(a.seconds() >= t + sla);
            // never more than the SLA plus the weekends it spans (+ a starting weekend)
            prop_assert!(a.seconds() <= t + sla + (sla / (5 * DAY) + 1) * 2 * DAY + 2 * DAY);
        }
    }
}
