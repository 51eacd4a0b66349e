//! An in-process router over cosmwasm-vm: several contracts by address, each with its own store;
//! instantiate, execute, query and reply; contract-to-contract smart, raw and contract-info
//! queries routed to the right instance; sub-messages dispatched depth-first in wasmd's order with
//! `ReplyOn` semantics; atomic rollback through the [`World`] journal.
//!
//! The gas model is wasmd's (see [`crate::gas`]): the [`Meter`] is fed by the router (instances,
//! VM gas, result sizes, events) and by the storage backend (every KV access with wasmd's key
//! prefix). The VM itself is given `GasInfo::free()` for storage and queries so nothing is counted
//! twice; its own gas report is the Wasm and host-function part.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;
use std::rc::Rc;

use anyhow::{anyhow, bail, Context};
use cosmwasm_std::{
    from_json, to_json_binary, to_json_vec, Addr, Binary, BlockInfo, Checksum, ContractInfo, ContractInfoResponse,
    ContractResult, CosmosMsg, Empty, Env, Event, MessageInfo, MsgResponse, Order, QueryRequest, Record, Reply,
    ReplyOn, Response, SubMsg, SubMsgResponse, SubMsgResult, SystemError, SystemResult, Timestamp, TransactionInfo,
    WasmMsg, WasmQuery,
};
use cosmwasm_vm::{
    call_execute_raw, call_instantiate_raw, call_query_raw, call_reply_raw, capabilities_from_csv, Backend,
    BackendError, BackendResult, Cache, CacheOptions, GasInfo, InstanceOptions, Querier, Size, Storage, VmError,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::api::{self, BenchApi};
use crate::gas::{self, GasUsage};
use crate::meter::{Meter, TraceEntry, TraceKind};
use crate::world::{StoreId, World};

/// The capabilities of a CosmWasm 2.x chain (as `scripts/check-wasm.sh`).
pub const CAPABILITIES: &str =
    "iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1,cosmwasm_2_2";
/// VM gas limit of every call: far above anything a transaction may use (7·10⁹ SDK gas).
pub const GAS_LIMIT: u64 = 1_000_000_000_000_000;
/// 2026-01-05 00:00:00 UTC, the test harness's genesis.
pub const GENESIS_SECONDS: u64 = 1_767_571_200;
pub const CHAIN_ID: &str = "harbour-bench-1";
/// Seconds per block when time advances.
const BLOCK_SECONDS: u64 = 5;

pub type CodeId = u64;

/// Uploaded code.
#[derive(Debug, Clone)]
pub struct Code {
    pub name: String,
    pub checksum: Checksum,
    pub size: usize,
}

/// The VM: compiled modules in a cosmwasm-vm [`Cache`] (one temp dir per run), shared by chains.
pub struct Vm {
    cache: Cache<BenchApi, BenchStorage, BenchQuerier>,
    codes: RefCell<Vec<Code>>,
    api: BenchApi,
    multiplier: u64,
    _dir: Option<tempfile::TempDir>,
}

impl Vm {
    /// A VM for the benchmark: `cosmwasm` addresses, compiled modules in a temporary directory.
    pub fn new(multiplier: u64) -> anyhow::Result<Rc<Vm>> {
        Vm::with_options(multiplier, api::BECH32_PREFIX, None)
    }

    /// A VM with another bech32 prefix and, optionally, a persistent module cache directory
    /// (compiled modules survive restarts; only this process may write it while it runs).
    pub fn with_options(multiplier: u64, prefix: &str, cache_dir: Option<PathBuf>) -> anyhow::Result<Rc<Vm>> {
        if multiplier == 0 {
            bail!("the gas multiplier must be positive");
        }
        let hrp = api::hrp(prefix).map_err(|e| anyhow!(e))?;
        let (path, dir) = match cache_dir {
            Some(path) => {
                std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
                (path, None)
            }
            None => {
                let dir = tempfile::Builder::new()
                    .prefix("harbour-chain-engine-")
                    .tempdir()
                    .context("creating the VM cache dir")?;
                (dir.path().to_path_buf(), Some(dir))
            }
        };
        let options = CacheOptions::new(path, capabilities_from_csv(CAPABILITIES), Size::mebi(512), Size::mebi(64));
        // SAFETY: the file system cache lives in a directory that only this process writes (a fresh
        // temporary directory, or the embedded chain's state directory, which it locks): the only way
        // the cached modules could be corrupt.
        let cache = unsafe { Cache::new(options) }.map_err(|e| anyhow!("creating the VM cache: {e}"))?;
        let api = BenchApi::with_hrp(multiplier, hrp);
        Ok(Rc::new(Vm { cache, codes: RefCell::new(vec![]), api, multiplier, _dir: dir }))
    }

    /// The bech32 prefix of every address on chains of this VM.
    pub fn hrp(&self) -> bech32::Hrp {
        self.api.hrp()
    }

    pub fn multiplier(&self) -> u64 {
        self.multiplier
    }

    /// Checks (as a chain would on upload), compiles and stores `wasm`; the module is pinned in
    /// memory, which only saves time: pinned gas is computed from the same run.
    pub fn store_code(&self, name: &str, wasm: &[u8]) -> anyhow::Result<CodeId> {
        let checksum = self.cache.store_code(wasm, true, true).map_err(|e| anyhow!("storing {name}: {e}"))?;
        self.cache.pin(&checksum).map_err(|e| anyhow!("pinning {name}: {e}"))?;
        let mut codes = self.codes.borrow_mut();
        codes.push(Code { name: name.to_string(), checksum, size: wasm.len() });
        Ok(codes.len() as CodeId)
    }

    /// Registers code this VM's persistent cache already holds (a restart of the embedded chain):
    /// the compiled module is loaded from the cache; without it, `wasm` is checked and compiled as
    /// [`Vm::store_code`] does.
    pub fn restore_code(&self, name: &str, wasm: &[u8]) -> anyhow::Result<CodeId> {
        let checksum = Checksum::generate(wasm);
        if self.cache.pin(&checksum).is_err() {
            return self.store_code(name, wasm);
        }
        let mut codes = self.codes.borrow_mut();
        codes.push(Code { name: name.to_string(), checksum, size: wasm.len() });
        Ok(codes.len() as CodeId)
    }

    pub fn code(&self, id: CodeId) -> Option<Code> {
        let idx = usize::try_from(id).ok()?.checked_sub(1)?;
        self.codes.borrow().get(idx).cloned()
    }

    pub fn code_id(&self, name: &str) -> Option<CodeId> {
        self.codes.borrow().iter().position(|c| c.name == name).map(|i| i as CodeId + 1)
    }

    pub fn codes(&self) -> Vec<Code> {
        self.codes.borrow().clone()
    }

    /// Forgets the codes stored after the first `len` (a transaction that stored code failed).
    pub fn truncate_codes(&self, len: usize) {
        self.codes.borrow_mut().truncate(len);
    }

    /// Exported entry points of a stored code (`instantiate`, `execute`, `query`, ...).
    pub fn entry_points(&self, id: CodeId) -> anyhow::Result<BTreeSet<String>> {
        let code = self.code(id).ok_or_else(|| anyhow!("unknown code {id}"))?;
        let report = self.cache.analyze(&code.checksum).map_err(|e| anyhow!("analyzing {}: {e}", code.name))?;
        Ok(report.entrypoints.iter().map(|e| e.to_string()).collect())
    }
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError {
    /// The contract's `entry` point (`instantiate`, `execute`, `reply`, `query`) returned an error.
    Contract { entry: &'static str, error: String },
    /// The VM failed (trap, out of gas, bad result).
    Vm(String),
    /// The router refused (unknown contract, unsupported message).
    Router(String),
    /// A sub-message failed and no reply caught it: the contract that sent it fails with it.
    Submessage(Box<CallError>),
}

impl CallError {
    /// The error's text as wasmd reports it to a client: the contract's own text wrapped in
    /// wasmd's suffix (`…: execute wasm contract failed`), sub-message failures prefixed with
    /// `dispatch: submessages: ` as often as they were nested.
    pub fn wasmd_text(&self) -> String {
        match self {
            CallError::Contract { entry, error } => {
                let entry = if *entry == "reply" { "execute" } else { entry };
                format!("{error}: {entry} wasm contract failed")
            }
            CallError::Vm(e) => format!("Error calling the VM: {e}: wasm vm error"),
            CallError::Router(e) => e.clone(),
            CallError::Submessage(inner) => format!("dispatch: submessages: {}", inner.wasmd_text()),
        }
    }

    /// The innermost contract error text, if a contract's own error caused the failure.
    pub fn contract_error(&self) -> Option<&str> {
        match self {
            CallError::Contract { error, .. } => Some(error),
            CallError::Submessage(inner) => inner.contract_error(),
            _ => None,
        }
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Contract { error, .. } => write!(f, "contract error: {error}"),
            CallError::Vm(e) => write!(f, "vm error: {e}"),
            CallError::Router(e) => write!(f, "router error: {e}"),
            CallError::Submessage(inner) => write!(f, "sub-message failed: {inner}"),
        }
    }
}

impl std::error::Error for CallError {}

impl From<VmError> for CallError {
    fn from(e: VmError) -> Self {
        CallError::Vm(e.to_string())
    }
}

/// What a successful execution produced: the SDK-style events (`execute`, `wasm`, `wasm-<type>`,
/// with `_contract_address`) of the call and everything it dispatched, and its data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Executed {
    pub events: Vec<Event>,
    pub data: Option<Binary>,
}

impl Executed {
    /// The first value of attribute `key` in any event.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.events.iter().flat_map(|e| &e.attributes).find(|a| a.key == key).map(|a| a.value.as_str())
    }
}

/// A metered operation: its gas, its trace (when tracing) and its result.
#[derive(Debug, Clone)]
pub struct Outcome<T> {
    pub usage: GasUsage,
    pub trace: Vec<TraceEntry>,
    pub result: Result<T, CallError>,
}

impl<T> Outcome<T> {
    pub fn into_result(self) -> anyhow::Result<T> {
        self.result.map_err(anyhow::Error::from)
    }
}

#[derive(Debug, Clone)]
struct ContractMeta {
    code: CodeId,
    store: StoreId,
    label: String,
    creator: Addr,
    admin: Option<Addr>,
}

/// What wasmd's `ContractInfo` knows of a contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractView {
    pub address: Addr,
    pub code_id: CodeId,
    pub label: String,
    pub creator: Addr,
    pub admin: Option<Addr>,
}

/// A chain's whole state, to save and restore it (codes are the VM's: restore them first, in order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainSnapshot {
    pub block: BlockInfo,
    /// Instantiations so far (wasmd's instance sequence: the next contract is number + 1).
    pub instances: u64,
    pub contracts: Vec<ContractSnapshot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractSnapshot {
    pub info: ContractView,
    /// Every storage entry, in key order.
    pub storage: Vec<(Binary, Binary)>,
}

/// Whether a transaction's changes are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxMode {
    /// Committed when it succeeds, rolled back when it fails.
    Deliver,
    /// Always rolled back (gas estimation).
    Simulate,
}

struct State {
    world: World,
    contracts: BTreeMap<Addr, ContractMeta>,
    /// Display names of addresses (wallets and contracts) for traces.
    names: BTreeMap<String, String>,
    block: BlockInfo,
    meter: Meter,
    contract_seq: u64,
}

pub(crate) struct ChainInner {
    vm: Rc<Vm>,
    state: RefCell<State>,
}

/// One chain: its world state, block, contracts and meter. Cheap to create; all chains of a run
/// share the [`Vm`]'s compiled modules.
#[derive(Clone)]
pub struct Chain {
    inner: Rc<ChainInner>,
}

enum Entry<'a> {
    Instantiate { info: &'a MessageInfo, msg: &'a [u8] },
    Execute { info: &'a MessageInfo, msg: &'a [u8] },
    Reply(&'a Reply),
    Query(&'a [u8]),
}

impl Entry<'_> {
    fn name(&self) -> &'static str {
        match self {
            Entry::Instantiate { .. } => "instantiate",
            Entry::Execute { .. } => "execute",
            Entry::Reply(_) => "reply",
            Entry::Query(_) => "query",
        }
    }
}

impl Chain {
    pub fn new(vm: &Rc<Vm>) -> Chain {
        Chain::with_block(
            vm,
            BlockInfo { height: 1, time: Timestamp::from_seconds(GENESIS_SECONDS), chain_id: CHAIN_ID.to_string() },
        )
    }

    /// An empty chain at `block`.
    pub fn with_block(vm: &Rc<Vm>, block: BlockInfo) -> Chain {
        let state = State {
            world: World::new(),
            contracts: BTreeMap::new(),
            names: BTreeMap::new(),
            block,
            meter: Meter::new(vm.multiplier()),
            contract_seq: 0,
        };
        Chain { inner: Rc::new(ChainInner { vm: vm.clone(), state: RefCell::new(state) }) }
    }

    /// Restores a chain saved by [`Chain::snapshot`] on a VM that holds the same codes.
    pub fn restore(vm: &Rc<Vm>, snapshot: &ChainSnapshot) -> anyhow::Result<Chain> {
        let chain = Chain::with_block(vm, snapshot.block.clone());
        {
            let mut st = chain.inner.state.borrow_mut();
            st.contract_seq = snapshot.instances;
            for c in &snapshot.contracts {
                if vm.code(c.info.code_id).is_none() {
                    bail!("contract {} refers to unknown code {}", c.info.address, c.info.code_id);
                }
                let store = st.world.create_store();
                for (k, v) in &c.storage {
                    st.world.set(store, k.as_slice(), v.as_slice());
                }
                let info = &c.info;
                let meta = ContractMeta {
                    code: info.code_id,
                    store,
                    label: info.label.clone(),
                    creator: info.creator.clone(),
                    admin: info.admin.clone(),
                };
                st.names.insert(info.address.to_string(), info.label.clone());
                st.contracts.insert(info.address.clone(), meta);
            }
            st.world.finalize();
        }
        Ok(chain)
    }

    /// The whole state (see [`Chain::restore`]).
    pub fn snapshot(&self) -> ChainSnapshot {
        let st = self.inner.state.borrow();
        let contracts = st
            .contracts
            .iter()
            .filter(|(_, m)| st.world.is_alive(m.store))
            .map(|(addr, m)| ContractSnapshot {
                info: view(addr, m),
                storage: st.world.dump(m.store).into_iter().map(|(k, v)| (Binary::from(k), Binary::from(v))).collect(),
            })
            .collect();
        ChainSnapshot { block: st.block.clone(), instances: st.contract_seq, contracts }
    }

    /// Sets the block the next transactions run in.
    pub fn set_block(&self, block: BlockInfo) {
        self.inner.state.borrow_mut().block = block;
    }

    /// What wasmd's `ContractInfo` query answers for `contract`.
    pub fn contract_info(&self, contract: &Addr) -> Option<ContractView> {
        self.inner.meta(contract).map(|m| view(contract, &m))
    }

    /// Every contract, by address.
    pub fn contracts(&self) -> Vec<ContractView> {
        let st = self.inner.state.borrow();
        st.contracts.iter().filter(|(_, m)| st.world.is_alive(m.store)).map(|(a, m)| view(a, m)).collect()
    }

    /// One raw storage entry of a contract (`None` for an unknown contract or an absent key).
    pub fn raw(&self, contract: &Addr, key: &[u8]) -> Option<Vec<u8>> {
        let st = self.inner.state.borrow();
        let meta = st.contracts.get(contract).filter(|m| st.world.is_alive(m.store))?;
        st.world.get(meta.store, key).map(<[u8]>::to_vec)
    }

    /// A client smart query with a JSON message as bytes (not metered).
    pub fn query_bytes(&self, contract: &Addr, msg: &[u8]) -> Result<Binary, CallError> {
        let scratch = Meter::new(self.inner.vm.multiplier());
        let saved = std::mem::replace(&mut self.inner.state.borrow_mut().meter, scratch);
        let result = self.inner.query_contract(contract, msg);
        self.inner.state.borrow_mut().meter = saved;
        result
    }

    /// Runs `f` as one atomic, metered transaction of any number of messages (see [`Tx`]): in
    /// [`TxMode::Deliver`] its changes are kept when it succeeds; in [`TxMode::Simulate`] never.
    pub fn run<T, E>(&self, mode: TxMode, f: impl FnOnce(&Tx) -> Result<T, E>) -> (GasUsage, Result<T, E>) {
        let (usage, _, result) = self.transaction_mode(false, mode, |inner| f(&Tx { inner }));
        (usage, result)
    }

    pub fn vm(&self) -> &Rc<Vm> {
        &self.inner.vm
    }

    /// The wallet address of a named actor (registered for trace display).
    pub fn wallet(&self, name: &str) -> Addr {
        let addr = api::wallet_with(self.inner.vm.hrp(), name);
        self.inner.state.borrow_mut().names.insert(addr.to_string(), name.to_string());
        addr
    }

    /// Display names of known addresses.
    pub fn names(&self) -> BTreeMap<String, String> {
        self.inner.state.borrow().names.clone()
    }

    pub fn block(&self) -> BlockInfo {
        self.inner.state.borrow().block.clone()
    }

    pub fn now(&self) -> Timestamp {
        self.inner.state.borrow().block.time
    }

    /// Moves time forward (one block per 5 seconds, at least one block).
    pub fn advance_seconds(&self, seconds: u64) {
        let mut st = self.inner.state.borrow_mut();
        st.block.time = st.block.time.plus_seconds(seconds);
        st.block.height += seconds.div_ceil(BLOCK_SECONDS).max(1);
    }

    /// Instantiates `code` (top level, unmetered) and names the contract `label`.
    pub fn instantiate<M: Serialize>(
        &self,
        code: CodeId,
        sender: &Addr,
        msg: &M,
        label: &str,
        admin: Option<&Addr>,
    ) -> anyhow::Result<Addr> {
        let msg = to_json_vec(msg)?;
        let outcome = self.transaction(false, |inner| {
            inner.instantiate_contract(code, sender, &msg, label, admin.cloned()).map(|(addr, _)| addr)
        });
        outcome.into_result().with_context(|| format!("instantiating {label}"))
    }

    /// Executes `msg` on `contract` as a transaction from `sender`, metered.
    pub fn execute<M: Serialize>(&self, sender: &Addr, contract: &Addr, msg: &M) -> anyhow::Result<Outcome<Executed>> {
        self.execute_traced(sender, contract, msg, false)
    }

    /// As [`Chain::execute`], recording a trace when `trace` is set.
    pub fn execute_traced<M: Serialize>(
        &self,
        sender: &Addr,
        contract: &Addr,
        msg: &M,
        trace: bool,
    ) -> anyhow::Result<Outcome<Executed>> {
        let msg = to_json_vec(msg)?;
        Ok(self.transaction(trace, |inner| inner.execute_contract(contract, sender, &msg)))
    }

    /// Executes and fails on a contract error (setup steps).
    pub fn exec<M: Serialize>(&self, sender: &Addr, contract: &Addr, msg: &M) -> anyhow::Result<Executed> {
        let label = self.label(contract);
        self.execute(sender, contract, msg)?.into_result().with_context(|| format!("executing on {label}"))
    }

    /// A smart query as another contract would pay for it (one instance, VM, reads), metered.
    pub fn query_metered<M: Serialize>(
        &self,
        contract: &Addr,
        msg: &M,
        trace: bool,
    ) -> anyhow::Result<Outcome<Binary>> {
        let msg = to_json_vec(msg)?;
        Ok(self.transaction(trace, |inner| {
            inner.with_meter(Meter::smart_query);
            inner.query_contract(contract, &msg)
        }))
    }

    /// A client query (not metered, not part of any operation).
    pub fn query<M: Serialize, R: DeserializeOwned>(&self, contract: &Addr, msg: &M) -> anyhow::Result<R> {
        let msg = to_json_vec(msg)?;
        let scratch = Meter::new(self.inner.vm.multiplier());
        let saved = std::mem::replace(&mut self.inner.state.borrow_mut().meter, scratch);
        let result = self.inner.query_contract(contract, &msg);
        self.inner.state.borrow_mut().meter = saved;
        let bin = result.with_context(|| format!("querying {}", self.label(contract)))?;
        Ok(from_json(&bin)?)
    }

    /// Raw storage of a contract.
    pub fn dump(&self, contract: &Addr) -> Vec<(Vec<u8>, Vec<u8>)> {
        let st = self.inner.state.borrow();
        st.contracts.get(contract).map(|m| st.world.dump(m.store)).unwrap_or_default()
    }

    /// The label a contract was instantiated with (or the address).
    pub fn label(&self, contract: &Addr) -> String {
        self.inner.state.borrow().contracts.get(contract).map_or_else(|| contract.to_string(), |m| m.label.clone())
    }

    /// Runs `f` as one atomic, metered operation.
    fn transaction<T>(&self, trace: bool, f: impl FnOnce(&Rc<ChainInner>) -> Result<T, CallError>) -> Outcome<T> {
        let (usage, trace, result) = self.transaction_mode(trace, TxMode::Deliver, f);
        Outcome { usage, trace, result }
    }

    fn transaction_mode<T, E>(
        &self,
        trace: bool,
        mode: TxMode,
        f: impl FnOnce(&Rc<ChainInner>) -> Result<T, E>,
    ) -> (GasUsage, Vec<TraceEntry>, Result<T, E>) {
        let (cp, contracts, seq) = {
            let mut st = self.inner.state.borrow_mut();
            st.meter.reset(trace);
            (st.world.checkpoint(), st.contracts.clone(), st.contract_seq)
        };
        let result = f(&self.inner);
        let mut st = self.inner.state.borrow_mut();
        if result.is_ok() && mode == TxMode::Deliver {
            st.world.finalize();
        } else {
            st.world.rollback(cp);
            st.contracts = contracts;
            st.contract_seq = seq;
        }
        let (usage, trace) = st.meter.finish();
        (usage, trace, result)
    }
}

fn view(addr: &Addr, m: &ContractMeta) -> ContractView {
    ContractView {
        address: addr.clone(),
        code_id: m.code,
        label: m.label.clone(),
        creator: m.creator.clone(),
        admin: m.admin.clone(),
    }
}

/// The messages of one transaction (see [`Chain::run`]): each runs as a top-level message would,
/// in order; the first failure fails (and rolls back) the whole transaction.
pub struct Tx<'a> {
    inner: &'a Rc<ChainInner>,
}

impl Tx<'_> {
    /// `MsgInstantiateContract`: the new contract's address and the events.
    pub fn instantiate(
        &self,
        code: CodeId,
        sender: &Addr,
        msg: &[u8],
        label: &str,
        admin: Option<Addr>,
    ) -> Result<(Addr, Executed), CallError> {
        self.inner.instantiate_contract(code, sender, msg, label, admin)
    }

    /// `MsgExecuteContract`.
    pub fn execute(&self, contract: &Addr, sender: &Addr, msg: &[u8]) -> Result<Executed, CallError> {
        self.inner.execute_contract(contract, sender, msg)
    }

    /// `MsgUpdateAdmin` / `MsgClearAdmin` (`None`): only the current admin may change it.
    pub fn set_admin(&self, contract: &Addr, sender: &Addr, admin: Option<Addr>) -> Result<(), CallError> {
        let mut st = self.inner.state.borrow_mut();
        let meta = st
            .contracts
            .get_mut(contract)
            .ok_or_else(|| CallError::Router(format!("no such contract: {contract}: not found")))?;
        if meta.admin.as_ref() != Some(sender) {
            return Err(CallError::Router("caller is not the admin: unauthorized".to_string()));
        }
        meta.admin = admin;
        Ok(())
    }

    /// Gas used so far by this transaction.
    pub fn usage(&self) -> GasUsage {
        self.inner.state.borrow().meter.usage().clone()
    }
}

impl ChainInner {
    fn with_meter<R>(&self, f: impl FnOnce(&mut Meter) -> R) -> R {
        f(&mut self.state.borrow_mut().meter)
    }

    fn meta(&self, contract: &Addr) -> Option<ContractMeta> {
        let st = self.state.borrow();
        st.contracts.get(contract).filter(|m| st.world.is_alive(m.store)).cloned()
    }

    fn env(&self, contract: &Addr) -> Env {
        Env {
            block: self.state.borrow().block.clone(),
            transaction: Some(TransactionInfo { index: 0 }),
            contract: ContractInfo { address: contract.clone() },
        }
    }

    /// Loads an instance of `contract`, calls `entry`, and charges the instance, VM gas and result
    /// deserialization. Returns the raw JSON result.
    fn call(self: &Rc<Self>, contract: &Addr, entry: Entry, reply_event_gas: u64) -> Result<Vec<u8>, CallError> {
        let meta = self.meta(contract).ok_or_else(|| CallError::Router(format!("no such contract: {contract}")))?;
        let code = self.vm.code(meta.code).ok_or_else(|| CallError::Router(format!("unknown code {}", meta.code)))?;
        let kind = if matches!(entry, Entry::Reply(_)) { TraceKind::Reply } else { TraceKind::Call };
        let note = match &entry {
            Entry::Instantiate { info, .. } | Entry::Execute { info, .. } => {
                format!("{} from {}", entry.name(), self.display(info.sender.as_str()))
            }
            Entry::Reply(r) => format!("reply id {}", r.id),
            Entry::Query(_) => "query".to_string(),
        };
        self.with_meter(|m| m.enter(&meta.label, kind, note, reply_event_gas));
        let result = self.run(contract, &meta, &code, &entry);
        self.with_meter(Meter::leave);
        result
    }

    fn run(
        self: &Rc<Self>,
        contract: &Addr,
        meta: &ContractMeta,
        code: &Code,
        entry: &Entry,
    ) -> Result<Vec<u8>, CallError> {
        let backend = Backend {
            api: self.vm.api,
            storage: BenchStorage { chain: self.clone(), store: meta.store, iterators: vec![] },
            querier: BenchQuerier { chain: self.clone() },
        };
        let mut instance =
            match self.vm.cache.get_instance(&code.checksum, backend, InstanceOptions { gas_limit: GAS_LIMIT }) {
                Ok(i) => i,
                Err(e) => {
                    self.with_meter(|m| m.vm(0, 0));
                    return Err(e.into());
                }
            };
        let env = to_json_vec(&self.env(contract)).map_err(|e| CallError::Router(e.to_string()))?;
        let raw = match entry {
            Entry::Instantiate { info, msg } => to_json_vec(info)
                .map_err(|e| CallError::Router(e.to_string()))
                .and_then(|info| Ok(call_instantiate_raw(&mut instance, &env, &info, msg)?)),
            Entry::Execute { info, msg } => to_json_vec(info)
                .map_err(|e| CallError::Router(e.to_string()))
                .and_then(|info| Ok(call_execute_raw(&mut instance, &env, &info, msg)?)),
            Entry::Reply(reply) => to_json_vec(reply)
                .map_err(|e| CallError::Router(e.to_string()))
                .and_then(|msg| Ok(call_reply_raw(&mut instance, &env, &msg)?)),
            Entry::Query(msg) => call_query_raw(&mut instance, &env, msg).map_err(CallError::from),
        };
        let report = instance.create_gas_report();
        let result_len = raw.as_ref().map_or(0, Vec::len);
        self.with_meter(|m| m.vm(report.used_internally, result_len));
        raw
    }

    fn response(raw: &[u8], entry: &'static str) -> Result<Response<Empty>, CallError> {
        let result: ContractResult<Response<Empty>> =
            from_json(raw).map_err(|e| CallError::Vm(format!("bad contract result: {e}")))?;
        result.into_result().map_err(|error| CallError::Contract { entry, error })
    }

    fn instantiate_contract(
        self: &Rc<Self>,
        code: CodeId,
        sender: &Addr,
        msg: &[u8],
        label: &str,
        admin: Option<Addr>,
    ) -> Result<(Addr, Executed), CallError> {
        if self.vm.code(code).is_none() {
            return Err(CallError::Router(format!("unknown code {code}")));
        }
        let addr = {
            let mut st = self.state.borrow_mut();
            st.contract_seq += 1;
            let addr = api::contract_address(self.vm.hrp(), code, st.contract_seq);
            // the store's creation is journaled: a failed instantiation leaves no contract behind
            let store = st.world.create_store();
            st.contracts.insert(
                addr.clone(),
                ContractMeta { code, store, label: label.to_string(), creator: sender.clone(), admin },
            );
            st.names.insert(addr.to_string(), label.to_string());
            addr
        };
        let info = MessageInfo { sender: sender.clone(), funds: vec![] };
        let raw = self.call(&addr, Entry::Instantiate { info: &info, msg }, 0)?;
        let res = Self::response(&raw, "instantiate")?;
        let executed = self.handle_response(&addr, res, "instantiate")?;
        Ok((addr, executed))
    }

    fn execute_contract(self: &Rc<Self>, contract: &Addr, sender: &Addr, msg: &[u8]) -> Result<Executed, CallError> {
        let info = MessageInfo { sender: sender.clone(), funds: vec![] };
        let raw = self.call(contract, Entry::Execute { info: &info, msg }, 0)?;
        let res = Self::response(&raw, "execute")?;
        self.handle_response(contract, res, "execute")
    }

    fn query_contract(self: &Rc<Self>, contract: &Addr, msg: &[u8]) -> Result<Binary, CallError> {
        let raw = self.call(contract, Entry::Query(msg), 0)?;
        let result: ContractResult<Binary> =
            from_json(&raw).map_err(|e| CallError::Vm(format!("bad query result: {e}")))?;
        result.into_result().map_err(|error| CallError::Contract { entry: "query", error })
    }

    /// Charges the response's events (wasmd `EventCosts`), builds the SDK events, and dispatches
    /// its sub-messages in order.
    fn handle_response(
        self: &Rc<Self>,
        contract: &Addr,
        res: Response<Empty>,
        kind: &str,
    ) -> Result<Executed, CallError> {
        let event_gas = gas::event_costs(&res.attributes, &res.events);
        let label = self.display(contract.as_str());
        // the response's events, and its sub-messages one level deeper, belong to `contract`
        self.with_meter(|m| {
            m.scope(&label);
            m.events(event_gas, res.attributes.len(), res.events.len());
        });
        let result = self.finish_response(contract, res, kind);
        self.with_meter(Meter::leave);
        result
    }

    fn finish_response(
        self: &Rc<Self>,
        contract: &Addr,
        res: Response<Empty>,
        kind: &str,
    ) -> Result<Executed, CallError> {
        let mut events = vec![Event::new(kind).add_attribute("_contract_address", contract.as_str())];
        if !res.attributes.is_empty() {
            events.push(
                Event::new("wasm").add_attribute("_contract_address", contract.as_str()).add_attributes(res.attributes),
            );
        }
        for e in res.events {
            events.push(
                Event::new(format!("wasm-{}", e.ty))
                    .add_attribute("_contract_address", contract.as_str())
                    .add_attributes(e.attributes),
            );
        }
        let mut data = res.data;
        for sub in res.messages {
            let (sub_events, reply_data) = self.dispatch_submessage(contract, sub)?;
            events.extend(sub_events);
            if reply_data.is_some() {
                data = reply_data;
            }
        }
        Ok(Executed { events, data })
    }

    /// One sub-message in its own checkpoint: on failure its writes (and its descendants') are
    /// rolled back; the reply (per `reply_on`) runs in the parent's context and its errors propagate.
    fn dispatch_submessage(
        self: &Rc<Self>,
        contract: &Addr,
        sub: SubMsg<Empty>,
    ) -> Result<(Vec<Event>, Option<Binary>), CallError> {
        self.with_meter(Meter::submessage);
        let cp = self.state.borrow().world.checkpoint();
        let result = self.dispatch_message(contract, &sub.msg);
        let reply_result = match result {
            Ok(executed) => {
                self.state.borrow_mut().world.commit(cp);
                if !matches!(sub.reply_on, ReplyOn::Always | ReplyOn::Success) {
                    return Ok((executed.events, None));
                }
                let msg_responses = executed
                    .data
                    .iter()
                    .map(|d| MsgResponse {
                        type_url: "/cosmwasm.wasm.v1.MsgExecuteContractResponse".to_string(),
                        value: Binary::from(proto_bytes_field(1, d.as_slice())),
                    })
                    .collect();
                #[allow(deprecated)]
                let response = SubMsgResponse { events: executed.events.clone(), data: executed.data, msg_responses };
                (executed.events, SubMsgResult::Ok(response))
            }
            Err(e) => {
                self.state.borrow_mut().world.rollback(cp);
                if !matches!(sub.reply_on, ReplyOn::Always | ReplyOn::Error) {
                    return Err(CallError::Submessage(Box::new(e)));
                }
                // wasmd redacts the error for the contract (its text is not deterministic across nodes)
                (vec![], SubMsgResult::Err(format!("codespace: wasm, code: 5: {}", redacted(&e))))
            }
        };
        let (mut events, result) = reply_result;
        let reply_event_gas = match &result {
            SubMsgResult::Ok(r) => gas::reply_event_costs(&r.events),
            SubMsgResult::Err(_) => 0,
        };
        let reply = Reply { id: sub.id, payload: sub.payload, gas_used: 0, result };
        let raw = self.call(contract, Entry::Reply(&reply), reply_event_gas)?;
        let res = Self::response(&raw, "reply")?;
        let replied = self.handle_response(contract, res, "reply")?;
        events.extend(replied.events);
        Ok((events, replied.data))
    }

    fn dispatch_message(self: &Rc<Self>, sender: &Addr, msg: &CosmosMsg<Empty>) -> Result<Executed, CallError> {
        match msg {
            CosmosMsg::Wasm(WasmMsg::Execute { contract_addr, msg, funds }) => {
                if !funds.is_empty() {
                    return Err(CallError::Router("sending funds is not supported".into()));
                }
                self.execute_contract(&Addr::unchecked(contract_addr), sender, msg.as_slice())
            }
            CosmosMsg::Wasm(WasmMsg::Instantiate { admin, code_id, msg, funds, label }) => {
                if !funds.is_empty() {
                    return Err(CallError::Router("sending funds is not supported".into()));
                }
                let admin = admin.as_ref().map(Addr::unchecked);
                let (addr, mut executed) = self.instantiate_contract(*code_id, sender, msg.as_slice(), label, admin)?;
                let data = proto_bytes_field(1, addr.as_bytes());
                executed.data = Some(Binary::from(data));
                Ok(executed)
            }
            other => Err(CallError::Router(format!("unsupported message: {other:?}"))),
        }
    }

    fn handle_query(self: &Rc<Self>, request: &[u8]) -> SystemResult<ContractResult<Binary>> {
        let req: QueryRequest<Empty> = match from_json(request) {
            Ok(r) => r,
            Err(e) => {
                return SystemResult::Err(SystemError::InvalidRequest {
                    error: e.to_string(),
                    request: Binary::from(request),
                })
            }
        };
        let QueryRequest::Wasm(wasm) = req else {
            return SystemResult::Err(SystemError::UnsupportedRequest { kind: "non-wasm query".into() });
        };
        let (contract_addr, kind) = match &wasm {
            WasmQuery::Smart { contract_addr, .. } => (contract_addr, "smart"),
            WasmQuery::Raw { contract_addr, .. } => (contract_addr, "raw"),
            WasmQuery::ContractInfo { contract_addr } => (contract_addr, "contract_info"),
            _ => return SystemResult::Err(SystemError::UnsupportedRequest { kind: "wasm query".into() }),
        };
        let addr = Addr::unchecked(contract_addr);
        let Some(meta) = self.meta(&addr) else {
            return SystemResult::Err(SystemError::NoSuchContract { addr: contract_addr.clone() });
        };
        match (wasm, kind) {
            (WasmQuery::Smart { msg, .. }, _) => {
                self.with_meter(Meter::smart_query);
                match self.query_contract(&addr, msg.as_slice()) {
                    Ok(bin) => SystemResult::Ok(ContractResult::Ok(bin)),
                    Err(CallError::Contract { error, .. }) => SystemResult::Ok(ContractResult::Err(error)),
                    Err(e) => SystemResult::Ok(ContractResult::Err(e.to_string())),
                }
            }
            (WasmQuery::Raw { key, .. }, _) => {
                let mut st = self.state.borrow_mut();
                let value = st.world.get(meta.store, key.as_slice()).map(<[u8]>::to_vec);
                st.meter.raw_query(&meta.label, key.as_slice(), value.as_ref().map(Vec::len));
                SystemResult::Ok(ContractResult::Ok(Binary::from(value.unwrap_or_default())))
            }
            _ => {
                let info = ContractInfoResponse::new(meta.code, meta.creator.clone(), meta.admin.clone(), false, None);
                match to_json_binary(&info) {
                    Ok(bin) => {
                        // wasmd reads its contract-info record: approximated by the response's size
                        self.with_meter(|m| m.info_query(&meta.label, bin.len()));
                        SystemResult::Ok(ContractResult::Ok(bin))
                    }
                    Err(e) => SystemResult::Ok(ContractResult::Err(e.to_string())),
                }
            }
        }
    }

    fn display(&self, addr: &str) -> String {
        self.state.borrow().names.get(addr).cloned().unwrap_or_else(|| addr.to_string())
    }
}

/// The error text a reply-on-error contract receives (the kind only, as wasmd redacts details).
fn redacted(e: &CallError) -> &'static str {
    match e {
        CallError::Contract { .. } => "execute wasm contract failed",
        CallError::Vm(_) => "wasm vm error",
        CallError::Router(_) => "message dispatch failed",
        CallError::Submessage(inner) => redacted(inner),
    }
}

/// A protobuf message with one length-delimited field (`MsgExecuteContractResponse { data }`,
/// `MsgInstantiateContractResponse { address }`).
fn proto_bytes_field(field: u8, bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![(field << 3) | 2];
    let mut len = bytes.len();
    loop {
        let byte = (len & 0x7f) as u8;
        len >>= 7;
        if len == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
    out.extend_from_slice(bytes);
    out
}

/// An open range scan of one contract's store.
struct IterState {
    start: Option<Vec<u8>>,
    end: Option<Vec<u8>>,
    order: Order,
    /// The item the iterator is positioned on (`None` once exhausted).
    current: Option<Record>,
}

/// The storage backend of one instance: the contract's store in the chain's world, metered.
pub struct BenchStorage {
    chain: Rc<ChainInner>,
    store: StoreId,
    iterators: Vec<IterState>,
}

impl BenchStorage {
    fn seek(&self, it: &IterState, after: Option<&[u8]>) -> Option<Record> {
        self.chain.state.borrow().world.next_in_range(
            self.store,
            it.start.as_deref(),
            it.end.as_deref(),
            it.order,
            after,
        )
    }
}

impl Storage for BenchStorage {
    fn get(&self, key: &[u8]) -> BackendResult<Option<Vec<u8>>> {
        let mut st = self.chain.state.borrow_mut();
        let value = st.world.get(self.store, key).map(<[u8]>::to_vec);
        st.meter.read(key, value.as_ref().map(Vec::len));
        (Ok(value), GasInfo::free())
    }

    fn scan(&mut self, start: Option<&[u8]>, end: Option<&[u8]>, order: Order) -> BackendResult<u32> {
        let mut it = IterState { start: start.map(<[u8]>::to_vec), end: end.map(<[u8]>::to_vec), order, current: None };
        it.current = self.seek(&it, None);
        // the SDK's gas iterator charges the seek to the first item at creation
        let first = it.current.as_ref().map(|(k, v)| (k.as_slice(), v.len()));
        self.chain.state.borrow_mut().meter.iter_step(true, first, start.unwrap_or_default());
        let Ok(id) = u32::try_from(self.iterators.len()) else {
            return (Err(BackendError::unknown("too many iterators")), GasInfo::free());
        };
        self.iterators.push(it);
        (Ok(id), GasInfo::free())
    }

    fn next(&mut self, iterator_id: u32) -> BackendResult<Option<Record>> {
        let Some(idx) = usize::try_from(iterator_id).ok().filter(|i| *i < self.iterators.len()) else {
            return (Err(BackendError::iterator_does_not_exist(iterator_id)), GasInfo::free());
        };
        let Some(current) = self.iterators[idx].current.take() else {
            // wasmvm returns without touching an exhausted iterator
            return (Ok(None), GasInfo::free());
        };
        // `Next` charges the item it leaves, then moves on
        self.chain.state.borrow_mut().meter.iter_step(false, Some((current.0.as_slice(), current.1.len())), &[]);
        let next = self.seek(&self.iterators[idx], Some(&current.0));
        self.iterators[idx].current = next;
        (Ok(Some(current)), GasInfo::free())
    }

    fn set(&mut self, key: &[u8], value: &[u8]) -> BackendResult<()> {
        let mut st = self.chain.state.borrow_mut();
        st.meter.write(key, value.len());
        if !st.world.set(self.store, key, value) {
            return (Err(BackendError::unknown("contract store does not exist")), GasInfo::free());
        }
        (Ok(()), GasInfo::free())
    }

    fn remove(&mut self, key: &[u8]) -> BackendResult<()> {
        let mut st = self.chain.state.borrow_mut();
        st.meter.delete(key);
        if !st.world.remove(self.store, key) {
            return (Err(BackendError::unknown("contract store does not exist")), GasInfo::free());
        }
        (Ok(()), GasInfo::free())
    }
}

/// The querier of one instance: routes wasm queries to the chain.
pub struct BenchQuerier {
    chain: Rc<ChainInner>,
}

impl Querier for BenchQuerier {
    fn query_raw(&self, request: &[u8], _gas_limit: u64) -> BackendResult<SystemResult<ContractResult<Binary>>> {
        (Ok(self.chain.handle_query(request)), GasInfo::free())
    }
}

/// Lets tests drive a contract store directly, without wasm.
#[cfg(test)]
impl Chain {
    fn test_store(&self) -> BenchStorage {
        let store = self.inner.state.borrow_mut().world.create_store();
        BenchStorage { chain: self.inner.clone(), store, iterators: vec![] }
    }

    fn test_usage(&self) -> GasUsage {
        self.inner.state.borrow().meter.usage().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain() -> Chain {
        let vm = Vm::new(gas::DEFAULT_GAS_MULTIPLIER).unwrap_or_else(|e| panic!("vm: {e}"));
        Chain::new(&vm)
    }

    #[test]
    fn storage_backend_charges_reads_writes_and_deletes() {
        let c = chain();
        let mut s = c.test_store();
        assert_eq!(s.get(b"k").0, Ok(None));
        assert!(s.set(b"k", b"value").0.is_ok());
        assert_eq!(s.get(b"k").0, Ok(Some(b"value".to_vec())));
        assert!(s.remove(b"k").0.is_ok());
        let u = c.test_usage();
        assert_eq!((u.reads, u.writes, u.deletes), (2, 1, 1));
        // key "k" is 34 bytes with the prefix
        assert_eq!(u.storage, (1_000 + 3 * 34) + (2_000 + 30 * 39) + (1_000 + 3 * 39) + 1_000);
    }

    #[test]
    fn iterators_charge_like_the_sdk_gas_iterator() {
        let c = chain();
        let mut s = c.test_store();
        for k in [b"a1", b"a2", b"b1"] {
            let _ = s.set(k, b"vv");
        }
        let before = c.test_usage().storage;
        let (id, _) = s.scan(Some(b"a"), Some(b"b"), Order::Ascending);
        let id = id.unwrap_or(u32::MAX);
        let mut keys = vec![];
        while let (Ok(Some((k, _))), _) = s.next(id) {
            keys.push(k);
        }
        assert_eq!(keys, vec![b"a1".to_vec(), b"a2".to_vec()]);
        let u = c.test_usage();
        // creation seek on a1, then Next on a1 and a2; the exhausted call is free
        let item = 30 + 3 * (35 + 2);
        assert_eq!(u.storage - before, 3 * item);
        assert_eq!(u.iter_steps, 3);
        // an empty range costs the flat seek only
        let (id, _) = s.scan(Some(b"x"), None, Order::Descending);
        assert_eq!(s.next(id.unwrap_or(u32::MAX)).0, Ok(None));
        assert_eq!(c.test_usage().storage - before, 3 * item + 30);
        assert!(s.next(99).0.is_err());
    }

    #[test]
    fn transactions_roll_back_on_error_and_commit_on_success() {
        let c = chain();
        let mut s = c.test_store();
        let _ = s.set(b"k", b"1");
        let failed: Outcome<()> = c.transaction(false, |inner| {
            let mut st = inner.state.borrow_mut();
            st.world.set(s.store, b"k", b"2");
            st.world.set(s.store, b"new", b"x");
            Err(CallError::Contract { entry: "execute", error: "boom".into() })
        });
        assert!(failed.result.is_err());
        assert_eq!(s.get(b"k").0, Ok(Some(b"1".to_vec())));
        assert_eq!(s.get(b"new").0, Ok(None));
        let ok: Outcome<()> = c.transaction(false, |inner| {
            inner.state.borrow_mut().world.set(s.store, b"k", b"3");
            Ok(())
        });
        assert!(ok.result.is_ok());
        assert_eq!(s.get(b"k").0, Ok(Some(b"3".to_vec())));
    }

    #[test]
    fn unknown_contracts_and_bad_queries_are_reported() {
        let c = chain();
        let missing = api::contract(1, 999);
        let out = c.execute(&c.wallet("alice"), &missing, &Empty {}).map(|o| o.result);
        assert!(matches!(out, Ok(Err(CallError::Router(_)))));
        let res = c.inner.handle_query(b"not json");
        assert!(matches!(res, SystemResult::Err(SystemError::InvalidRequest { .. })));
        let req = to_json_vec(&QueryRequest::<Empty>::Wasm(WasmQuery::Smart {
            contract_addr: missing.to_string(),
            msg: Binary::from(b"{}".to_vec()),
        }))
        .unwrap_or_default();
        assert!(matches!(c.inner.handle_query(&req), SystemResult::Err(SystemError::NoSuchContract { .. })));
    }

    #[test]
    fn proto_length_prefix() {
        assert_eq!(proto_bytes_field(1, b"ab"), vec![0x0a, 2, b'a', b'b']);
        let long = vec![0u8; 300];
        let enc = proto_bytes_field(1, &long);
        assert_eq!(&enc[..3], &[0x0a, 0xac, 0x02]);
        assert_eq!(enc.len(), 303);
    }
}
