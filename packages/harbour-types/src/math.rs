//! Decimal and rounding helpers. Every protocol computation names its rounding direction, and the
//! direction is always the one that favours the protocol (never creates value for the caller).

use cosmwasm_std::{Decimal, Uint128, Uint256};
use thiserror::Error;

/// Basis points in one whole (100%).
pub const BPS_DENOMINATOR: u16 = 10_000;

#[derive(Error, Debug, PartialEq, Eq, Clone)]
pub enum MathError {
    #[error("division by zero")]
    DivideByZero,
    #[error("arithmetic overflow")]
    Overflow,
    #[error("basis points {bps} exceed 10000")]
    BpsOutOfRange { bps: u16 },
}

/// Which way a non-integral result is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// Towards zero (floor) — e.g. what the protocol pays out.
    Down,
    /// Away from zero (ceiling) — e.g. what the protocol charges.
    Up,
}

/// `amount * numerator / denominator` computed in 256 bits, rounded as asked.
pub fn mul_div(
    amount: Uint128,
    numerator: Uint128,
    denominator: Uint128,
    rounding: Rounding,
) -> Result<Uint128, MathError> {
    if denominator.is_zero() {
        return Err(MathError::DivideByZero);
    }
    let product = Uint256::from(amount).checked_mul(Uint256::from(numerator)).map_err(|_| MathError::Overflow)?;
    let den = Uint256::from(denominator);
    let quotient = product / den;
    let quotient = match rounding {
        Rounding::Up if !(product % den).is_zero() => quotient + Uint256::one(),
        _ => quotient,
    };
    Uint128::try_from(quotient).map_err(|_| MathError::Overflow)
}

/// `amount * bps / 10000`.
pub fn apply_bps(amount: Uint128, bps: u16, rounding: Rounding) -> Result<Uint128, MathError> {
    if bps > BPS_DENOMINATOR {
        return Err(MathError::BpsOutOfRange { bps });
    }
    mul_div(amount, Uint128::from(bps), Uint128::from(BPS_DENOMINATOR), rounding)
}

/// `amount * price`, where `price` is a `Decimal` (18 fractional digits).
pub fn mul_decimal(amount: Uint128, price: Decimal, rounding: Rounding) -> Result<Uint128, MathError> {
    mul_div(amount, price.atomics(), Uint128::from(10u128.pow(Decimal::DECIMAL_PLACES)), rounding)
}

/// `amount / price`, where `price` is a `Decimal`.
pub fn div_decimal(amount: Uint128, price: Decimal, rounding: Rounding) -> Result<Uint128, MathError> {
    mul_div(amount, Uint128::from(10u128.pow(Decimal::DECIMAL_PLACES)), price.atomics(), rounding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rounding_directions() {
        let (a, n, d) = (Uint128::new(10), Uint128::new(1), Uint128::new(3));
        assert_eq!(mul_div(a, n, d, Rounding::Down), Ok(Uint128::new(3)));
        assert_eq!(mul_div(a, n, d, Rounding::Up), Ok(Uint128::new(4)));
        assert_eq!(mul_div(Uint128::new(9), n, d, Rounding::Up), Ok(Uint128::new(3)));
        assert_eq!(mul_div(a, n, Uint128::zero(), Rounding::Up), Err(MathError::DivideByZero));
        assert_eq!(mul_div(Uint128::MAX, Uint128::new(2), Uint128::one(), Rounding::Down), Err(MathError::Overflow));
        assert_eq!(mul_div(Uint128::MAX, Uint128::new(2), Uint128::new(2), Rounding::Down), Ok(Uint128::MAX));
        assert_eq!(apply_bps(Uint128::new(1_000_001), 25, Rounding::Up), Ok(Uint128::new(2_501)));
        assert_eq!(apply_bps(Uint128::new(1_000_001), 25, Rounding::Down), Ok(Uint128::new(2_500)));
        assert_eq!(apply_bps(Uint128::new(1), 10_001, Rounding::Down), Err(MathError::BpsOutOfRange { bps: 10_001 }));
        let nav = Decimal::permille(1_003); // 1.003
        assert_eq!(mul_decimal(Uint128::new(1_000), nav, Rounding::Down), Ok(Uint128::new(1_003)));
        assert_eq!(div_decimal(Uint128::new(1_000), nav, Rounding::Down), Ok(Uint128::new(997)));
        assert_eq!(div_decimal(Uint128::new(1_000), nav, Rounding::Up), Ok(Uint128::new(998)));
        assert_eq!(div_decimal(Uint128::new(1), Decimal::zero(), Rounding::Up), Err(MathError::DivideByZero));
    }

    proptest! {
        #[test]
        fn down_le_exact_le_up(a in any::<u64>(), n in any::<u64>(), d in 1u64..) {
            let down = mul_div(a.into(), n.into(), d.into(), Rounding::Down).unwrap().u128();
            let up = mul_div(a.into(), n.into(), d.into(), Rounding::Up).unwrap().u128();
            let exact_num = a as u128 * n as u128;
            prop_assert!(down * d as u128 <= exact_num);
            prop_assert!(up * d as u128 >= exact_num);
            prop_assert!(up - down <= 1);
            prop_assert_eq!(up == down, exact_num % d as u128 == 0);
        }

        #[test]
        fn price_round_trip_never_creates_value(amount in 0u64.., price_permille in 1u64..10_000_000) {
            // Buying shares with cash (round down) and selling them back (round down) never returns
            // more cash than was paid.
            let price = Decimal::permille(price_permille);
            let shares = div_decimal(amount.into(), price, Rounding::Down).unwrap();
            let back = mul_decimal(shares, price, Rounding::Down).unwrap();
            prop_assert!(back.u128() <= amount as u128);
        }
    }
}
