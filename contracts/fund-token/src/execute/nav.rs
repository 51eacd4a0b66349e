//! NAV publication with guards: maximum move per update, minimum interval, staleness.

use cosmwasm_std::{Decimal, DepsMut, Env, MessageInfo, Response, Uint128};
use harbour_types::fund_token::{FundRole, NavRecord};

use crate::error::ContractError;
use crate::helpers::assert_role;
use crate::state::{NavState, CONFIG, NAV, NAV_HISTORY};

/// |new − previous| / previous in basis points, rounded up (so a move just over the guard is refused).
pub fn move_bps(previous: Decimal, new: Decimal) -> Result<u128, ContractError> {
    let diff = if new > previous { new - previous } else { previous - new };
    let bps = harbour_types::math::mul_div(
        diff.atomics(),
        Uint128::new(10_000),
        previous.atomics(),
        harbour_types::math::Rounding::Up,
    )?;
    Ok(bps.u128())
}

pub fn set_nav(deps: DepsMut, env: Env, info: MessageInfo, nav: Decimal) -> Result<Response, ContractError> {
    assert_role(deps.storage, FundRole::NavOracle, &info.sender, "set_nav")?;
    if nav.is_zero() {
        return Err(ContractError::ZeroNav {});
    }
    let cfg = CONFIG.load(deps.storage)?;
    let current = NAV.load(deps.storage)?;
    let next_allowed = current.updated_at.plus_seconds(cfg.nav_guards.min_interval);
    if env.block.time < next_allowed {
        return Err(ContractError::NavTooSoon { next_allowed });
    }
    let bps = move_bps(current.nav, nav)?;
    if bps > cfg.nav_guards.max_move_bps as u128 {
        return Err(ContractError::NavMoveTooLarge {
            previous: current.nav,
            new: nav,
            move_bps: bps,
            max_bps: cfg.nav_guards.max_move_bps,
        });
    }
    let seq = current.seq.checked_add(1).ok_or(ContractError::Overflow {})?;
    NAV.save(deps.storage, &NavState { nav, updated_at: env.block.time, seq })?;
    NAV_HISTORY.save(deps.storage, seq, &NavRecord { seq, nav, at: env.block.time, oracle: info.sender.clone() })?;
    Ok(Response::new()
        .add_attribute("action", "set_nav")
        .add_attribute("nav", nav.to_string())
        .add_attribute("previous_nav", current.nav.to_string())
        .add_attribute("move_bps", bps.to_string())
        .add_attribute("seq", seq.to_string())
        .add_attribute("oracle", info.sender))
}
