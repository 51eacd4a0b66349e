//! A cw3 fixed multisig holding an admin role, as issuers run them in production.

use anyhow::Result;
use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, Empty, WasmMsg};
use cw3::Vote;
use cw3_fixed_multisig::msg::{ExecuteMsg, InstantiateMsg, Voter};
use cw_multi_test::{App, AppResponse, Executor};
use cw_utils::{Duration, Threshold};
use serde::Serialize;

use crate::contracts::cw3_fixed_multisig;

pub struct Multisig {
    pub addr: Addr,
    pub signers: Vec<Addr>,
    pub threshold: u64,
}

impl Multisig {
    /// Deploys a multisig of `signers` (weight 1 each) needing `threshold` yes votes.
    pub fn deploy(app: &mut App, deployer: &Addr, signers: Vec<Addr>, threshold: u64) -> Result<Self> {
        let code_id = app.store_code(cw3_fixed_multisig());
        let msg = InstantiateMsg {
            voters: signers.iter().map(|s| Voter { addr: s.to_string(), weight: 1 }).collect(),
            threshold: Threshold::AbsoluteCount { weight: threshold },
            max_voting_period: Duration::Time(7 * 24 * 3600),
        };
        let addr = app.instantiate_contract(code_id, deployer.clone(), &msg, &[], "issuer-multisig", None)?;
        Ok(Multisig { addr, signers, threshold })
    }

    /// The first signer proposes `msgs`; signers vote yes until the threshold is met; then it is
    /// executed. Returns the execution's response (errors of the inner messages surface here).
    pub fn propose_and_execute(&self, app: &mut App, title: &str, msgs: Vec<CosmosMsg<Empty>>) -> Result<AppResponse> {
        let proposer = &self.signers[0];
        let res = app.execute_contract(
            proposer.clone(),
            self.addr.clone(),
            &ExecuteMsg::Propose { title: title.into(), description: title.into(), msgs, latest: None },
            &[],
        )?;
        let proposal_id: u64 = res
            .events
            .iter()
            .flat_map(|e| &e.attributes)
            .find(|a| a.key == "proposal_id")
            .ok_or_else(|| anyhow::anyhow!("no proposal_id attribute"))?
            .value
            .parse()?;
        // the proposer's weight counts as a yes vote
        for signer in self.signers.iter().skip(1).take(self.threshold.saturating_sub(1) as usize) {
            app.execute_contract(
                signer.clone(),
                self.addr.clone(),
                &ExecuteMsg::Vote { proposal_id, vote: Vote::Yes },
                &[],
            )?;
        }
        app.execute_contract(proposer.clone(), self.addr.clone(), &ExecuteMsg::Execute { proposal_id }, &[])
    }

    /// Convenience: one `WasmMsg::Execute` to `contract`, through a proposal.
    pub fn execute<M: Serialize>(&self, app: &mut App, contract: &Addr, msg: &M) -> Result<AppResponse> {
        let wasm = WasmMsg::Execute { contract_addr: contract.to_string(), msg: to_json_binary(msg)?, funds: vec![] };
        self.propose_and_execute(app, "harbour admin action", vec![wasm.into()])
    }
}
