//! The gas meter of one operation: accumulates a [`GasUsage`] as the router and the storage backend
//! report what happens, and optionally records a trace of every step (storage op with its key and
//! sizes, contract load, VM gas, events) for `--trace`.

use serde::Serialize;

use crate::gas::{self, GasUsage};

/// What a trace line records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TraceKind {
    /// A contract instance loaded for an entry point (`execute`, `instantiate`, `query`).
    Call,
    /// A `reply` (discounted instance).
    Reply,
    Read,
    Write,
    Delete,
    /// Iterator creation (seek to the first item).
    IterSeek,
    IterNext,
    /// A raw query on another contract's store.
    RawQuery,
    /// A contract-info query.
    InfoQuery,
    /// VM gas of one call (Wasm operations, host functions) and its result deserialization.
    Vm,
    Events,
}

/// One step of a traced operation.
#[derive(Debug, Clone, Serialize)]
pub struct TraceEntry {
    /// Call depth (0 = the transaction's contract).
    pub depth: usize,
    /// Label of the contract whose store or instance this is.
    pub contract: String,
    pub kind: TraceKind,
    /// The contract-level key (without wasmd's 33-byte prefix), for storage steps.
    #[serde(serialize_with = "hex_bytes")]
    pub key: Vec<u8>,
    /// Value bytes (read/written/iterated); `None` for an absent value.
    pub value_len: Option<usize>,
    /// SDK gas charged for this step (unpinned for calls).
    pub gas: u64,
    /// Free text: entry point and sender, VM gas, event counts.
    pub note: String,
}

fn hex_bytes<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&hex::encode(bytes))
}

#[derive(Debug, Clone)]
pub struct Meter {
    usage: GasUsage,
    multiplier: u64,
    trace: Option<Vec<TraceEntry>>,
    stack: Vec<String>,
}

impl Meter {
    pub fn new(multiplier: u64) -> Self {
        Meter { usage: GasUsage::default(), multiplier, trace: None, stack: vec![] }
    }

    pub fn multiplier(&self) -> u64 {
        self.multiplier
    }

    /// Starts a new operation (optionally traced).
    pub fn reset(&mut self, trace: bool) {
        self.usage = GasUsage::default();
        self.trace = trace.then(Vec::new);
        self.stack.clear();
    }

    pub fn usage(&self) -> &GasUsage {
        &self.usage
    }

    /// Ends the operation: its usage and trace (empty when not traced).
    pub fn finish(&mut self) -> (GasUsage, Vec<TraceEntry>) {
        self.stack.clear();
        (std::mem::take(&mut self.usage), self.trace.take().unwrap_or_default())
    }

    fn depth(&self) -> usize {
        self.stack.len().saturating_sub(1)
    }

    fn current(&self) -> String {
        self.stack.last().cloned().unwrap_or_default()
    }

    fn record(
        &mut self,
        contract: Option<&str>,
        kind: TraceKind,
        key: &[u8],
        value_len: Option<usize>,
        gas: u64,
        note: String,
    ) {
        if self.trace.is_none() {
            return;
        }
        let entry = TraceEntry {
            depth: self.depth(),
            contract: contract.map_or_else(|| self.current(), str::to_string),
            kind,
            key: key.to_vec(),
            value_len,
            gas,
            note,
        };
        if let Some(t) = self.trace.as_mut() {
            t.push(entry);
        }
    }

    /// A contract call begins: charges one instance (or a reply's discounted instance and the
    /// events of the sub-message result it receives).
    pub fn enter(&mut self, contract: &str, kind: TraceKind, note: String, reply_event_gas: u64) {
        self.stack.push(contract.to_string());
        let gas = match kind {
            TraceKind::Reply => {
                self.usage.replies += 1;
                self.usage.events += reply_event_gas;
                gas::INSTANCE_COST_DISCOUNT + reply_event_gas
            }
            _ => {
                self.usage.instances += 1;
                gas::INSTANCE_COST
            }
        };
        self.record(None, kind, &[], None, gas, note);
    }

    /// The call's VM gas and the length of its JSON result (0 when the call failed in the VM).
    pub fn vm(&mut self, vm_gas: u64, result_len: usize) {
        let sdk = gas::vm_to_sdk(vm_gas, self.multiplier);
        let deser = gas::DESERIALIZATION_PER_BYTE * result_len as u64;
        self.usage.vm_raw += vm_gas;
        self.usage.vm += sdk;
        self.usage.deserialization += deser;
        self.record(
            None,
            TraceKind::Vm,
            &[],
            None,
            sdk + deser,
            format!("vm {vm_gas} ({sdk} sdk) + result {result_len} B"),
        );
    }

    pub fn leave(&mut self) {
        self.stack.pop();
    }

    /// Attributes the following records to `contract` (without charging), until [`Meter::leave`].
    pub fn scope(&mut self, contract: &str) {
        self.stack.push(contract.to_string());
    }

    pub fn read(&mut self, key: &[u8], value_len: Option<usize>) {
        let sdk_key = gas::prefixed(key.len());
        let v = value_len.unwrap_or(0) as u64;
        let cost = gas::read_cost(sdk_key, v);
        self.usage.reads += 1;
        self.usage.read_bytes += sdk_key + v;
        self.usage.storage += cost;
        self.record(None, TraceKind::Read, key, value_len, cost, String::new());
    }

    pub fn write(&mut self, key: &[u8], value_len: usize) {
        let sdk_key = gas::prefixed(key.len());
        let cost = gas::write_cost(sdk_key, value_len as u64);
        self.usage.writes += 1;
        self.usage.write_bytes += sdk_key + value_len as u64;
        self.usage.storage += cost;
        self.record(None, TraceKind::Write, key, Some(value_len), cost, String::new());
    }

    pub fn delete(&mut self, key: &[u8]) {
        let cost = gas::delete_cost();
        self.usage.deletes += 1;
        self.usage.storage += cost;
        self.record(None, TraceKind::Delete, key, None, cost, String::new());
    }

    /// An iterator step: `seek` for the creation, then one per item returned; `item` is the current
    /// item (key, value length) or `None` when the iterator is exhausted.
    /// `start` is the scan's start bound, shown when the range is empty.
    pub fn iter_step(&mut self, seek: bool, item: Option<(&[u8], usize)>, start: &[u8]) {
        let sized = item.map(|(k, v)| (gas::prefixed(k.len()), v as u64));
        let cost = gas::iter_step_cost(sized);
        self.usage.iter_steps += 1;
        self.usage.read_bytes += sized.map_or(0, |(k, v)| k + v);
        self.usage.storage += cost;
        let kind = if seek { TraceKind::IterSeek } else { TraceKind::IterNext };
        let (key, note) = match item {
            Some((k, _)) => (k, String::new()),
            None => (start, "empty range (from this key)".to_string()),
        };
        self.record(None, kind, key, item.map(|(_, v)| v), cost, note);
    }

    /// A raw query: one read of `key` in `target`'s store.
    pub fn raw_query(&mut self, target: &str, key: &[u8], value_len: Option<usize>) {
        let sdk_key = gas::prefixed(key.len());
        let v = value_len.unwrap_or(0) as u64;
        let cost = gas::read_cost(sdk_key, v);
        self.usage.raw_queries += 1;
        self.usage.reads += 1;
        self.usage.read_bytes += sdk_key + v;
        self.usage.storage += cost;
        self.record(Some(target), TraceKind::RawQuery, key, value_len, cost, String::new());
    }

    /// A contract-info query: one read of wasmd's contract-info record (33-byte key, `value_len`).
    pub fn info_query(&mut self, target: &str, value_len: usize) {
        let cost = gas::read_cost(gas::CONTRACT_KEY_PREFIX_LEN as u64, value_len as u64);
        self.usage.info_queries += 1;
        self.usage.reads += 1;
        self.usage.read_bytes += gas::CONTRACT_KEY_PREFIX_LEN as u64 + value_len as u64;
        self.usage.storage += cost;
        self.record(Some(target), TraceKind::InfoQuery, &[], Some(value_len), cost, String::new());
    }

    pub fn smart_query(&mut self) {
        self.usage.smart_queries += 1;
    }

    pub fn submessage(&mut self) {
        self.usage.submessages += 1;
    }

    /// Event gas of one contract response.
    pub fn events(&mut self, gas: u64, attributes: usize, custom_events: usize) {
        self.usage.events += gas;
        if gas > 0 || attributes > 0 || custom_events > 0 {
            self.record(
                None,
                TraceKind::Events,
                &[],
                None,
                gas,
                format!("{attributes} attributes, {custom_events} events"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_ops_are_charged_with_the_prefix() {
        let mut m = Meter::new(gas::DEFAULT_GAS_MULTIPLIER);
        m.reset(true);
        m.enter("token", TraceKind::Call, String::new(), 0);
        m.read(b"key", Some(10)); // 36-byte store key
        m.read(b"key", None);
        m.write(b"key", 10);
        m.delete(b"key");
        m.leave();
        let (u, trace) = m.finish();
        assert_eq!(u.reads, 2);
        assert_eq!(u.writes, 1);
        assert_eq!(u.deletes, 1);
        assert_eq!(u.storage, (1_000 + 3 * 46) + (1_000 + 3 * 36) + (2_000 + 30 * 46) + 1_000);
        assert_eq!(u.read_bytes, 46 + 36);
        assert_eq!(u.write_bytes, 46);
        assert_eq!(u.instances, 1);
        assert_eq!(trace.len(), 5);
        assert!(trace.iter().all(|t| t.contract == "token" && t.depth == 0));
    }

    #[test]
    fn iterator_steps_charge_the_current_item() {
        let mut m = Meter::new(gas::DEFAULT_GAS_MULTIPLIER);
        m.reset(false);
        m.iter_step(true, Some((b"k1", 5)), b"k");
        m.iter_step(false, Some((b"k1", 5)), b"k");
        m.iter_step(true, None, b"x");
        let (u, trace) = m.finish();
        assert!(trace.is_empty());
        assert_eq!(u.iter_steps, 3);
        assert_eq!(u.storage, 2 * (30 + 3 * (35 + 5)) + 30);
    }

    #[test]
    fn vm_gas_and_deserialization_are_per_call() {
        let mut m = Meter::new(gas::DEFAULT_GAS_MULTIPLIER);
        m.reset(false);
        m.vm(139_999, 250);
        m.vm(280_001, 0);
        let u = m.usage().clone();
        assert_eq!(u.vm, 2);
        assert_eq!(u.vm_raw, 420_000);
        assert_eq!(u.deserialization, 250);
    }

    #[test]
    fn replies_are_discounted_and_pay_result_events() {
        let mut m = Meter::new(gas::DEFAULT_GAS_MULTIPLIER);
        m.reset(false);
        m.enter("a", TraceKind::Call, String::new(), 0);
        m.enter("b", TraceKind::Call, String::new(), 0);
        m.leave();
        m.enter("a", TraceKind::Reply, String::new(), 77);
        m.leave();
        m.leave();
        let (u, _) = m.finish();
        assert_eq!((u.instances, u.replies, u.events), (2, 1, 77));
        assert_eq!(u.total(false), 120_000 + 2_000 + 77);
        assert_eq!(u.total(true), 4_000 + 2_000 + 77);
    }
}
