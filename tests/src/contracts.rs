//! The contracts the harness can deploy, wrapped for cw-multi-test.

use cosmwasm_std::Empty;
use cw_multi_test::{Contract, ContractWrapper};

pub fn identity_registry() -> Box<dyn Contract<Empty>> {
    use identity_registry::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

pub fn cw3_fixed_multisig() -> Box<dyn Contract<Empty>> {
    use cw3_fixed_multisig::contract::{execute, instantiate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query))
}
