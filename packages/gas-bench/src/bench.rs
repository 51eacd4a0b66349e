//! The shared API of every scenario: a [`Bench`] holds the VM with the uploaded artifacts, creates
//! fresh [`Chain`]s, and records named [`Measurement`]s (and traces, for `--trace`).
//!
//! A scenario module exposes a [`Scenario`]; its `run` deploys what it needs on a fresh chain and
//! measures each operation with [`Bench::tx`] or [`Bench::query`]:
//!
//! ```text
//! bench.tx(&chain, Op::new("fund_token.transfer", "transfer (repeat)").vs("cw20_base.transfer"),
//!          &alice, &fund, &msg)?;
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use anyhow::{anyhow, bail, Context};
use cosmwasm_std::Binary;
use serde::Serialize;

use crate::chain::{Chain, CodeId, Executed, Outcome, Vm};
use crate::gas::GasUsage;
use crate::meter::TraceEntry;

/// A scenario: one module per contract (see `scenarios/`).
pub struct Scenario {
    /// Short name, also the prefix of its measurement keys (`fund_token` → `fund_token.transfer`).
    pub name: &'static str,
    /// Codes (artifact names) it needs.
    pub requires: &'static [&'static str],
    pub run: fn(&mut Bench) -> anyhow::Result<()>,
}

/// What an operation is called and what it compares with.
#[derive(Debug, Clone)]
pub struct Op {
    /// Stable key (`<scenario>.<operation>`), used by budgets, JSON and `--trace`.
    pub key: String,
    /// Human label for the table.
    pub label: String,
    /// Key of the cw20-base equivalent, for the ratio column.
    pub equivalent: Option<String>,
    /// A note shown in the report (what exactly is measured).
    pub note: Option<String>,
}

impl Op {
    pub fn new(key: impl Into<String>, label: impl Into<String>) -> Op {
        Op { key: key.into(), label: label.into(), equivalent: None, note: None }
    }

    /// Compare with this measurement (normally a cw20-base operation).
    pub fn vs(mut self, key: impl Into<String>) -> Op {
        self.equivalent = Some(key.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Op {
        self.note = Some(note.into());
        self
    }
}

/// One measured operation.
#[derive(Debug, Clone, Serialize)]
pub struct Measurement {
    pub key: String,
    pub scenario: String,
    pub label: String,
    pub equivalent: Option<String>,
    pub note: Option<String>,
    pub usage: GasUsage,
}

impl Measurement {
    pub fn total(&self, pinned: bool) -> u64 {
        self.usage.total(pinned)
    }
}

/// An artifact and its size after wasm-opt.
#[derive(Debug, Clone, Serialize)]
pub struct Artifact {
    /// Code name: the file stem (`fund_token`).
    pub name: String,
    pub path: PathBuf,
    pub bytes: u64,
    /// Built by `scripts/build-reference.sh` (cw20-base, bench helpers), not shipped.
    pub reference: bool,
}

/// A recorded trace.
#[derive(Debug, Clone)]
pub struct Trace {
    pub key: String,
    pub entries: Vec<TraceEntry>,
    /// Address → display name, for rendering keys.
    pub names: BTreeMap<String, String>,
}

pub struct Bench {
    pub vm: Rc<Vm>,
    pub artifacts: Vec<Artifact>,
    /// Holders of the large income scenario.
    pub holders: u32,
    measurements: Vec<Measurement>,
    trace_filters: Vec<String>,
    traces: Vec<Trace>,
    current: String,
}

impl Bench {
    /// Loads every `*.wasm` of `artifacts` and of `artifacts/reference` into a new VM.
    pub fn load(artifacts: &Path, multiplier: u64, holders: u32) -> anyhow::Result<Bench> {
        let vm = Vm::new(multiplier)?;
        let mut found = vec![];
        for (dir, reference) in [(artifacts.to_path_buf(), false), (artifacts.join("reference"), true)] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
                .collect();
            paths.sort();
            for path in paths {
                let name = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .ok_or_else(|| anyhow!("bad artifact name {}", path.display()))?
                    .to_string();
                let wasm = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
                vm.store_code(&name, &wasm).with_context(|| format!("loading {}", path.display()))?;
                found.push(Artifact { name, path, bytes: wasm.len() as u64, reference });
            }
        }
        if found.is_empty() {
            bail!("no artifacts in {}: run `make build` and scripts/build-reference.sh", artifacts.display());
        }
        Ok(Bench {
            vm,
            artifacts: found,
            holders,
            measurements: vec![],
            trace_filters: vec![],
            traces: vec![],
            current: String::new(),
        })
    }

    /// Record traces of the operations whose key contains one of `filters`.
    pub fn set_trace_filters(&mut self, filters: Vec<String>) {
        self.trace_filters = filters;
    }

    pub fn has_code(&self, name: &str) -> bool {
        self.vm.code_id(name).is_some()
    }

    /// The code id of an artifact (`"fund_token"`, `"cw20_base"`, ...).
    pub fn code(&self, name: &str) -> anyhow::Result<CodeId> {
        self.vm.code_id(name).ok_or_else(|| {
            anyhow!("artifact {name}.wasm not loaded: run `make build` (and scripts/build-reference.sh)")
        })
    }

    /// A fresh chain with every code available.
    pub fn chain(&self) -> Chain {
        Chain::new(&self.vm)
    }

    /// Measurements recorded from now on belong to scenario `name`.
    pub fn begin_scenario(&mut self, name: &str) {
        self.current = name.to_string();
    }

    fn traced(&self, key: &str) -> bool {
        self.trace_filters.iter().any(|f| key.contains(f.as_str()))
    }

    fn push<T>(&mut self, chain: &Chain, op: Op, outcome: &Outcome<T>) {
        if self.traced(&op.key) {
            self.traces.push(Trace { key: op.key.clone(), entries: outcome.trace.clone(), names: chain.names() });
        }
        if let Some(existing) = self.measurements.iter().position(|m| m.key == op.key) {
            self.measurements.remove(existing);
        }
        self.measurements.push(Measurement {
            key: op.key,
            scenario: self.current.clone(),
            label: op.label,
            equivalent: op.equivalent,
            note: op.note,
            usage: outcome.usage.clone(),
        });
    }

    /// Executes `msg` as a measured transaction; fails if the contract fails.
    pub fn tx<M: Serialize>(
        &mut self,
        chain: &Chain,
        op: Op,
        sender: &cosmwasm_std::Addr,
        contract: &cosmwasm_std::Addr,
        msg: &M,
    ) -> anyhow::Result<Executed> {
        let key = op.key.clone();
        let outcome = chain.execute_traced(sender, contract, msg, self.traced(&key))?;
        self.push(chain, op, &outcome);
        outcome.into_result().with_context(|| format!("measured operation {key}"))
    }

    /// A smart query measured as another contract would pay for it.
    pub fn query<M: Serialize>(
        &mut self,
        chain: &Chain,
        op: Op,
        contract: &cosmwasm_std::Addr,
        msg: &M,
    ) -> anyhow::Result<Binary> {
        let key = op.key.clone();
        let outcome = chain.query_metered(contract, msg, self.traced(&key))?;
        self.push(chain, op, &outcome);
        outcome.into_result().with_context(|| format!("measured query {key}"))
    }

    pub fn measurements(&self) -> &[Measurement] {
        &self.measurements
    }

    pub fn measurement(&self, key: &str) -> Option<&Measurement> {
        self.measurements.iter().find(|m| m.key == key)
    }

    pub fn traces(&self) -> &[Trace] {
        &self.traces
    }
}
