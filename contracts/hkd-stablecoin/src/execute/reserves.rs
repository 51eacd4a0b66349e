//! Reserve attestations (quorum, consecutive sequence, void) and the reserve policy. The
//! eligible-reserves formula and the mint budget live in `harbour_types::reserves` (shared with
//! clients and property-tested there); this file keeps their state.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Order, Response, StdError, StdResult, Storage, Timestamp};
use harbour_types::hkd_stablecoin::{AttestationInput, AttestationRecord, StableRole, MAX_ROLE_MEMBERS};
use harbour_types::reserves::{
    eligible_reserves, BucketAmount, FxRate, MintBudget, ReserveBreakdown, ReserveBucket, ReserveInputs, ReservePolicy,
};

use crate::error::ContractError;
use crate::helpers::{assert_owner, assert_role, check_text, role_holders};
use crate::state::{ReserveState, ATTESTATIONS, PENDING, REPORTS, RESERVE, RESERVE_POLICY, SUPPLY};

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

/// Two submissions report the same thing: everything but the URI.
pub fn same_report(a: &AttestationInput, b: &AttestationInput) -> bool {
    a.sequence == b.sequence
        && a.as_of == b.as_of
        && a.buckets == b.buckets
        && a.fx_rates == b.fx_rates
        && a.report_hash == b.report_hash
}

/// Every pending submission (bounded: one per attestor, at most `MAX_ROLE_MEMBERS`).
pub fn pending(storage: &dyn Storage) -> StdResult<Vec<(Addr, AttestationInput)>> {
    PENDING.range(storage, None, None, Order::Ascending).take(MAX_ROLE_MEMBERS as usize).collect()
}

/// A quorum of `quorum` must be reachable by `attestors` attestors (a quorum of 1 also allows
/// none yet: the owner grants them). Attestations can never be bricked by the quorum.
pub fn check_quorum_reachable(quorum: u32, attestors: usize) -> Result<(), ContractError> {
    if quorum > 1 && attestors < quorum as usize {
        return Err(ContractError::QuorumUnreachable { quorum, attestors: attestors as u32 });
    }
    Ok(())
}

/// `PublishAttestation`, checked in this order: attestor; sequence = latest + 1; `as_of` not in
/// the future, not before the floor, not older than the maximum age; report hash (32 bytes, never
/// published); URI; buckets and FX rates; FX bands; the formula. Then the quorum: the submission
/// waits until `quorum` distinct attestors submitted the same report, and the one completing it
/// makes it count: a new mint budget opens and every pending submission is cleared.
pub fn publish_attestation(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    input: AttestationInput,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, &info.sender, StableRole::Attestor, "publish_attestation")?;
    let state = RESERVE.load(deps.storage)?;
    let policy = RESERVE_POLICY.load(deps.storage)?;
    let expected = state.seq.checked_add(1).ok_or_else(|| StdError::generic_err("sequence overflow"))?;
    if input.sequence != expected {
        return Err(ContractError::SequenceNotNext { expected, got: input.sequence });
    }
    let now = env.block.time;
    if input.as_of > now {
        return Err(ContractError::AsOfInFuture { as_of: input.as_of, now });
    }
    if input.as_of.seconds() < state.as_of_floor() {
        return Err(ContractError::AsOfBeforeLatest {
            as_of: input.as_of,
            latest: Timestamp::from_seconds(state.as_of_floor()),
        });
    }
    if now.seconds().saturating_sub(input.as_of.seconds()) > policy.max_attestation_age {
        return Err(ContractError::AttestationTooOld { as_of: input.as_of, max_age: policy.max_attestation_age });
    }
    if input.report_hash.len() != 32 {
        return Err(ContractError::InvalidReportHash { len: input.report_hash.len() });
    }
    if let Some(sequence) = REPORTS.may_load(deps.storage, input.report_hash.as_slice())? {
        return Err(ContractError::ReportAlreadyPublished { sequence });
    }
    check_text("report_uri", &input.report_uri)?;
    let inputs = ReserveInputs::from_lists(&input.buckets, &input.fx_rates)?;
    policy.check_fx_bands(&inputs)?;
    let breakdown = compute(&policy, &inputs)?;
    let (buckets, fx_rates) = normalised(&inputs);
    let submission = AttestationInput { buckets, fx_rates, ..input };

    // the quorum: this submission and every other attestor's matching one
    let others = pending(deps.storage)?;
    let matching: Vec<&Addr> = others
        .iter()
        .filter(|(who, p)| *who != info.sender && same_report(p, &submission))
        .map(|(who, _)| who)
        .collect();
    let confirmations = matching.len() as u32 + 1;
    let res = Response::new()
        .add_attribute("action", "publish_attestation")
        .add_attribute("sequence", submission.sequence.to_string())
        .add_attribute("attestor", &info.sender)
        .add_attribute("confirmations", confirmations.to_string())
        .add_attribute("quorum", policy.attestation_quorum.to_string())
        .add_attribute("report_hash", submission.report_hash.to_hex());
    if confirmations < policy.attestation_quorum {
        PENDING.save(deps.storage, &info.sender, &submission)?;
        return Ok(res.add_attribute("status", "pending"));
    }
    let mut attestors: Vec<Addr> = matching.into_iter().cloned().collect();
    attestors.push(info.sender.clone());
    for (who, _) in &others {
        PENDING.remove(deps.storage, who);
    }

    let supply = SUPPLY.load(deps.storage)?;
    let budget = MintBudget::open(breakdown.eligible, supply);
    let covering = !budget.under_reserved();
    let as_of = submission.as_of.seconds();
    RESERVE.save(
        deps.storage,
        &ReserveState {
            seq: submission.sequence,
            as_of,
            stale_after: as_of.saturating_add(policy.max_attestation_age),
            eligible: budget.eligible,
            issued: budget.issued,
            voided: false,
            prev_as_of: state.as_of_floor(),
        },
    )?;
    REPORTS.save(deps.storage, submission.report_hash.as_slice(), &submission.sequence)?;
    ATTESTATIONS.save(
        deps.storage,
        submission.sequence,
        &AttestationRecord {
            sequence: submission.sequence,
            as_of: submission.as_of,
            published_at: now,
            attestors: attestors.clone(),
            buckets: submission.buckets,
            fx_rates: submission.fx_rates,
            report_hash: submission.report_hash,
            report_uri: submission.report_uri,
            eligible_reserves: breakdown.eligible,
            supply,
            mint_budget: budget.remaining(),
            covering,
            voided_at: None,
            void_reason: None,
        },
    )?;
    Ok(res
        .add_attribute("status", "counted")
        .add_attribute("attestors", attestors.iter().map(Addr::as_str).collect::<Vec<_>>().join(","))
        .add_attribute("as_of", as_of.to_string())
        .add_attribute("attested_total", breakdown.attested_total)
        .add_attribute("eligible_reserves", breakdown.eligible)
        .add_attribute("total_supply", supply)
        .add_attribute("mint_budget", budget.remaining())
        .add_attribute("covering", covering.to_string())
        .add_attribute("minting_halted", (!covering).to_string()))
}

/// `UpdateReservePolicy`: a tightening lowers the eligible reserves (and so the mint budget) and
/// the staleness deadline of the attestation in force at once; a relaxation waits for the next
/// attestation. FX bands and the quorum apply to submissions from now on.
pub fn update_reserve_policy(
    deps: DepsMut,
    info: MessageInfo,
    policy: ReservePolicy,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "update_reserve_policy")?;
    policy.compile()?;
    let attestors = role_holders(deps.storage, StableRole::Attestor)?.len();
    check_quorum_reachable(policy.attestation_quorum, attestors)?;
    RESERVE_POLICY.save(deps.storage, &policy)?;
    let mut state = RESERVE.load(deps.storage)?;
    if let Some(mut budget) = state.in_force() {
        let record = ATTESTATIONS
            .may_load(deps.storage, state.seq)?
            .ok_or(ContractError::AttestationNotFound { sequence: state.seq })?;
        budget.tighten(compute(&policy, &inputs_of(&record)?)?.eligible);
        state.set_budget(budget);
        state.stale_after = state.stale_after.min(state.as_of.saturating_add(policy.max_attestation_age));
        RESERVE.save(deps.storage, &state)?;
    }
    let approved = policy.approved_foreign.iter().map(ReserveBucket::as_str).collect::<Vec<_>>().join(",");
    Ok(Response::new()
        .add_attribute("action", "update_reserve_policy")
        .add_attribute("max_attestation_age", policy.max_attestation_age.to_string())
        .add_attribute("approved_foreign", approved)
        .add_attribute("attestation_quorum", policy.attestation_quorum.to_string())
        .add_attribute("eligible_reserves", state.eligible)
        .add_attribute("mint_budget", state.budget().remaining())
        .add_attribute("minting_halted", state.budget().under_reserved().to_string()))
}

/// `VoidAttestation`: marks a counting attestation void. If it is the one in force, its mint
/// budget closes (minting stops until the next sequence counts) and the `as_of` floor returns to
/// the previous attestation's.
pub fn void_attestation(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    sequence: u64,
    reason: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "void_attestation")?;
    check_text("reason", &reason)?;
    let mut record =
        ATTESTATIONS.may_load(deps.storage, sequence)?.ok_or(ContractError::AttestationNotFound { sequence })?;
    if record.voided_at.is_some() {
        return Err(ContractError::AlreadyVoided { sequence });
    }
    (record.voided_at, record.void_reason) = (Some(env.block.time), Some(reason.clone()));
    ATTESTATIONS.save(deps.storage, sequence, &record)?;
    let mut state = RESERVE.load(deps.storage)?;
    let in_force = state.seq == sequence;
    let closed = if in_force { state.budget().remaining() } else { Default::default() };
    if in_force {
        state.voided = true;
        RESERVE.save(deps.storage, &state)?;
    }
    Ok(Response::new()
        .add_attribute("action", "void_attestation")
        .add_attribute("sequence", sequence.to_string())
        .add_attribute("in_force", in_force.to_string())
        .add_attribute("mint_budget_closed", closed)
        .add_attribute("reason", reason)
        .add_attribute("by", info.sender))
}
