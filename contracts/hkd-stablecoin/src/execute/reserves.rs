//! Reserve attestations and the reserve policy. The eligible-reserves formula itself lives in
//! `harbour_types::reserves` (shared with clients and property-tested there).

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Storage, Timestamp, Uint128};
use harbour_types::hkd_stablecoin::{AttestationInput, AttestationRecord, StableRole};
use harbour_types::reserves::{
    eligible_reserves, BucketAmount, FxRate, ReserveBreakdown, ReserveBucket, ReserveInputs, ReservePolicy,
};

use crate::error::ContractError;
use crate::helpers::{assert_owner, assert_role, check_text};
use crate::state::{ReserveState, ATTESTATIONS, RESERVE, RESERVE_POLICY, SUPPLY};

/// Eligible reserves of an attestation's amounts under `policy`.
pub fn compute(policy: &ReservePolicy, inputs: &ReserveInputs) -> Result<ReserveBreakdown, ContractError> {
    let compiled = policy.compile()?;
    Ok(eligible_reserves(inputs, &compiled, &policy.approved_foreign)?)
}

/// The inputs of a stored attestation.
pub fn inputs_of(record: &AttestationRecord) -> Result<ReserveInputs, ContractError> {
    Ok(ReserveInputs::from_lists(&record.buckets, &record.fx_rates)?)
}

/// Normalised, non-zero bucket list in bucket order (what the history stores).
fn normalised(inputs: &ReserveInputs) -> (Vec<BucketAmount>, Vec<FxRate>) {
    let buckets = ReserveBucket::ALL
        .iter()
        .filter(|b| !inputs.amounts[b.index()].is_zero())
        .map(|b| BucketAmount { bucket: *b, amount: inputs.amounts[b.index()] })
        .collect();
    let fx = ReserveBucket::ALL
        .iter()
        .filter_map(|b| inputs.fx[b.index()].map(|rate| FxRate { bucket: *b, rate }))
        .collect();
    (buckets, fx)
}

pub fn publish_attestation(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    input: AttestationInput,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, &info.sender, StableRole::Attestor, "publish_attestation")?;
    let mut state = RESERVE.load(deps.storage)?;
    if input.sequence <= state.seq {
        return Err(ContractError::SequenceNotIncreasing { latest: state.seq, got: input.sequence });
    }
    if input.as_of > env.block.time {
        return Err(ContractError::AsOfInFuture { as_of: input.as_of, now: env.block.time });
    }
    if state.seq > 0 && input.as_of.seconds() < state.as_of {
        return Err(ContractError::AsOfBeforeLatest {
            as_of: input.as_of,
            latest: Timestamp::from_seconds(state.as_of),
        });
    }
    if input.report_hash.len() != 32 {
        return Err(ContractError::InvalidReportHash { len: input.report_hash.len() });
    }
    check_text("report_uri", &input.report_uri)?;
    let inputs = ReserveInputs::from_lists(&input.buckets, &input.fx_rates)?;
    let policy = RESERVE_POLICY.load(deps.storage)?;
    let breakdown = compute(&policy, &inputs)?;
    let supply = SUPPLY.load(deps.storage)?;
    let covering = breakdown.eligible >= supply;
    state = ReserveState {
        seq: input.sequence,
        as_of: input.as_of.seconds(),
        eligible: breakdown.eligible,
        halted: !covering,
        max_age: policy.max_attestation_age,
    };
    RESERVE.save(deps.storage, &state)?;
    let (buckets, fx_rates) = normalised(&inputs);
    ATTESTATIONS.save(
        deps.storage,
        input.sequence,
        &AttestationRecord {
            sequence: input.sequence,
            as_of: input.as_of,
            published_at: env.block.time,
            attestor: info.sender.clone(),
            buckets,
            fx_rates,
            report_hash: input.report_hash.clone(),
            report_uri: input.report_uri.clone(),
            eligible_reserves: breakdown.eligible,
            supply,
            covering,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "publish_attestation")
        .add_attribute("sequence", input.sequence.to_string())
        .add_attribute("as_of", input.as_of.seconds().to_string())
        .add_attribute("attestor", info.sender)
        .add_attribute("attested_total", breakdown.attested_total)
        .add_attribute("eligible_reserves", breakdown.eligible)
        .add_attribute("total_supply", supply)
        .add_attribute("covering", covering.to_string())
        .add_attribute("minting_halted", state.halted.to_string())
        .add_attribute("report_hash", input.report_hash.to_hex()))
}

/// Re-evaluates the latest attestation under a new policy. A policy that leaves eligible reserves
/// below supply halts minting; a halt is only ever lifted by a covering attestation.
fn reevaluate(storage: &mut dyn Storage, policy: &ReservePolicy) -> Result<ReserveState, ContractError> {
    let mut state = RESERVE.load(storage)?;
    state.max_age = policy.max_attestation_age;
    if state.seq > 0 {
        let record = ATTESTATIONS
            .may_load(storage, state.seq)?
            .ok_or(ContractError::AttestationNotFound { sequence: state.seq })?;
        state.eligible = compute(policy, &inputs_of(&record)?)?.eligible;
        if state.eligible < SUPPLY.load(storage)? {
            state.halted = true;
        }
    }
    RESERVE.save(storage, &state)?;
    Ok(state)
}

pub fn update_reserve_policy(
    deps: DepsMut,
    info: MessageInfo,
    policy: ReservePolicy,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "update_reserve_policy")?;
    policy.compile()?;
    RESERVE_POLICY.save(deps.storage, &policy)?;
    let state = reevaluate(deps.storage, &policy)?;
    let approved = policy.approved_foreign.iter().map(ReserveBucket::as_str).collect::<Vec<_>>().join(",");
    Ok(Response::new()
        .add_attribute("action", "update_reserve_policy")
        .add_attribute("max_attestation_age", policy.max_attestation_age.to_string())
        .add_attribute("approved_foreign", approved)
        .add_attribute("eligible_reserves", state.eligible)
        .add_attribute("minting_halted", state.halted.to_string()))
}

/// `eligible − supply`, zero when under-reserved.
pub fn headroom(eligible: Uint128, supply: Uint128) -> Uint128 {
    eligible.saturating_sub(supply)
}
