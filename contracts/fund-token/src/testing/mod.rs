//! Unit tests next to the code: pure ledger math, validation, instantiate and the identity hook on
//! mock dependencies. Cross-contract flows are tested in the `tests/` harness.

mod test_handlers;
mod test_ledger;
