//! wasmd-equivalent gas: the constants of wasmd's `x/wasm/types/gas_register.go` and `keeper/api.go`,
//! wasmvm's response deserialization charge, and the Cosmos SDK `KVGasConfig` as its gas KV store
//! charges it, plus the [`GasUsage`] record one operation accumulates.
//!
//! Every function here is pure arithmetic, unit-tested below without any wasm.

use cosmwasm_std::{Attribute, Event};
use serde::Serialize;

/// CosmWasm gas per Cosmos SDK gas unit: wasmd's `DefaultGasMultiplier` since CosmWasm 2.0
/// (`140_000`; it was `140_000_000` for CosmWasm 1.x, whose VM charged 1000× more per operation).
/// cosmwasm-vm 2.2 meters in 2.x units (115 per Wasm operation), so 2.x's multiplier applies.
pub const DEFAULT_GAS_MULTIPLIER: u64 = 140_000;
/// SDK gas per contract instance loaded (`DefaultInstanceCost`).
pub const INSTANCE_COST: u64 = 60_000;
/// SDK gas per instance when the code is pinned, and for every reply (`DefaultInstanceCostDiscount`;
/// wasmd charges replies with the discount: "always consider this pinned").
pub const INSTANCE_COST_DISCOUNT: u64 = 2_000;
/// Bytes wasmd prepends to every key of a contract's store: `0x03 || contract address (32 bytes)`.
pub const CONTRACT_KEY_PREFIX_LEN: usize = 33;

/// Cosmos SDK `KVGasConfig()`.
pub mod kv {
    pub const HAS: u64 = 1_000;
    pub const DELETE: u64 = 1_000;
    pub const READ_FLAT: u64 = 1_000;
    pub const READ_PER_BYTE: u64 = 3;
    pub const WRITE_FLAT: u64 = 2_000;
    pub const WRITE_PER_BYTE: u64 = 30;
    pub const ITER_NEXT_FLAT: u64 = 30;
}

/// wasmd event pricing (`DefaultPerAttributeCost`, `DefaultEventAttributeDataCost`,
/// `DefaultEventAttributeDataFreeTier`, `DefaultPerCustomEventCost`).
pub mod events {
    pub const PER_ATTRIBUTE: u64 = 10;
    pub const PER_BYTE: u64 = 1;
    pub const FREE_TIER_BYTES: u64 = 100;
    pub const PER_CUSTOM_EVENT: u64 = 20;
}

/// SDK gas wasmd's Go API charges for address conversions (`keeper/api.go`); `addr_validate` is
/// canonicalize + humanize. The VM receives them multiplied by the gas multiplier.
pub mod api {
    pub const HUMANIZE: u64 = 5;
    pub const CANONICALIZE: u64 = 4;
    pub const VALIDATE: u64 = HUMANIZE + CANONICALIZE;
}

/// SDK gas per byte of a contract's JSON result that wasmvm charges for deserializing it
/// (`DefaultDeserializationCostPerByte`, added to the call's VM gas).
pub const DESERIALIZATION_PER_BYTE: u64 = 1;

/// The full key the SDK store sees for a contract key.
pub const fn prefixed(key_len: usize) -> u64 {
    (key_len + CONTRACT_KEY_PREFIX_LEN) as u64
}

/// `Get`: flat + per byte of key and value (an absent value has length 0).
pub const fn read_cost(sdk_key_len: u64, value_len: u64) -> u64 {
    kv::READ_FLAT + kv::READ_PER_BYTE * (sdk_key_len + value_len)
}

/// `Set`: flat + per byte of key and value.
pub const fn write_cost(sdk_key_len: u64, value_len: u64) -> u64 {
    kv::WRITE_FLAT + kv::WRITE_PER_BYTE * (sdk_key_len + value_len)
}

/// `Delete`: flat.
pub const fn delete_cost() -> u64 {
    kv::DELETE
}

/// `Has`: flat (CosmWasm has no `has` import: `Storage::has` is a read).
pub const fn has_cost() -> u64 {
    kv::HAS
}

/// One iterator step (the seek at creation, and every `Next`): flat, plus per byte of the current
/// item's key and value when the iterator is valid (`None` once it is exhausted).
pub const fn iter_step_cost(item: Option<(u64, u64)>) -> u64 {
    match item {
        Some((k, v)) => kv::ITER_NEXT_FLAT + kv::READ_PER_BYTE * (k + v),
        None => kv::ITER_NEXT_FLAT,
    }
}

fn attribute_costs(attrs: &[Attribute], free_tier: u64) -> (u64, u64) {
    if attrs.is_empty() {
        return (0, free_tier);
    }
    let bytes: u64 = attrs.iter().map(|a| (a.key.len() + a.value.len()) as u64).sum();
    let (charged, remaining) = if bytes <= free_tier { (0, free_tier - bytes) } else { (bytes - free_tier, 0) };
    (events::PER_BYTE * charged + events::PER_ATTRIBUTE * attrs.len() as u64, remaining)
}

/// wasmd `EventCosts(attrs, events)`: the response's attributes are one list; each custom event costs
/// a flat fee plus its type's bytes, and its attributes; the 100 free bytes are shared, in order.
pub fn event_costs(attrs: &[Attribute], custom: &[Event]) -> u64 {
    let (mut gas, mut free) = attribute_costs(attrs, events::FREE_TIER_BYTES);
    for e in custom {
        gas += events::PER_CUSTOM_EVENT + events::PER_BYTE * e.ty.len() as u64;
        let (g, f) = attribute_costs(&e.attributes, free);
        gas += g;
        free = f;
    }
    gas
}

/// The event part of wasmd `ReplyCosts`: the sub-message result's events' type bytes, and all their
/// attributes as one list (the discounted instance cost is counted separately).
pub fn reply_event_costs(result_events: &[Event]) -> u64 {
    let type_bytes: u64 = result_events.iter().map(|e| e.ty.len() as u64).sum();
    let attrs: Vec<Attribute> = result_events.iter().flat_map(|e| e.attributes.iter().cloned()).collect();
    events::PER_BYTE * type_bytes + event_costs(&attrs, &[])
}

/// What one operation (a transaction, or a query as another contract would pay for it) cost.
/// Gas fields are SDK gas; the instance part depends on pinning and is derived by
/// [`GasUsage::instance_gas`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GasUsage {
    /// Contract instances loaded: the top-level call, every sub-message execution or instantiation,
    /// every contract-to-contract smart query.
    pub instances: u64,
    /// `reply` calls (charged the discounted instance cost, pinned or not).
    pub replies: u64,
    /// Raw CosmWasm gas of all calls (Wasm operations and host functions).
    pub vm_raw: u64,
    /// SDK gas from `vm_raw`, converted per call and rounded down as wasmd's `FromWasmVMGas`.
    pub vm: u64,
    /// SDK gas wasmvm charges for deserializing every call's JSON result (1 per byte).
    pub deserialization: u64,
    /// SDK gas of KV store access (reads, writes, deletes, iterator steps), prefixed keys.
    pub storage: u64,
    /// SDK gas of events (response attributes and custom events; reply result events).
    pub events: u64,
    pub reads: u64,
    pub writes: u64,
    pub deletes: u64,
    pub iter_steps: u64,
    /// Bytes (key + value, keys prefixed) read, including iterator steps.
    pub read_bytes: u64,
    /// Bytes (key + value, keys prefixed) written.
    pub write_bytes: u64,
    /// Contract-to-contract smart queries.
    pub smart_queries: u64,
    /// Contract-to-contract raw queries (a read on the target, no instance).
    pub raw_queries: u64,
    /// Contract-info queries.
    pub info_queries: u64,
    /// Sub-messages dispatched (wasm execute / instantiate).
    pub submessages: u64,
}

impl GasUsage {
    /// SDK gas for loading instances: full or discounted cost per instance, discounted per reply.
    pub fn instance_gas(&self, pinned: bool) -> u64 {
        let per_instance = if pinned { INSTANCE_COST_DISCOUNT } else { INSTANCE_COST };
        self.instances * per_instance + self.replies * INSTANCE_COST_DISCOUNT
    }

    /// Everything but instance loading.
    pub fn execution_gas(&self) -> u64 {
        self.vm + self.deserialization + self.storage + self.events
    }

    /// Total SDK gas of the operation.
    pub fn total(&self, pinned: bool) -> u64 {
        self.instance_gas(pinned) + self.execution_gas()
    }

    pub fn add(&mut self, other: &GasUsage) {
        self.instances += other.instances;
        self.replies += other.replies;
        self.vm_raw += other.vm_raw;
        self.vm += other.vm;
        self.deserialization += other.deserialization;
        self.storage += other.storage;
        self.events += other.events;
        self.reads += other.reads;
        self.writes += other.writes;
        self.deletes += other.deletes;
        self.iter_steps += other.iter_steps;
        self.read_bytes += other.read_bytes;
        self.write_bytes += other.write_bytes;
        self.smart_queries += other.smart_queries;
        self.raw_queries += other.raw_queries;
        self.info_queries += other.info_queries;
        self.submessages += other.submessages;
    }
}

/// Converts CosmWasm gas of one call to SDK gas (wasmd `FromWasmVMGas`: integer division).
pub const fn vm_to_sdk(vm_gas: u64, multiplier: u64) -> u64 {
    vm_gas / multiplier
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kv_formulas_match_the_sdk() {
        // a 7-byte contract key is a 40-byte store key
        assert_eq!(prefixed(7), 40);
        assert_eq!(read_cost(40, 0), 1_120);
        assert_eq!(read_cost(40, 10), 1_150);
        assert_eq!(write_cost(40, 10), 2_000 + 30 * 50);
        assert_eq!(delete_cost(), 1_000);
        assert_eq!(has_cost(), 1_000);
        assert_eq!(iter_step_cost(None), 30);
        assert_eq!(iter_step_cost(Some((40, 10))), 30 + 150);
    }

    #[test]
    fn cw20_balance_access_costs() {
        // cw20-base `balance` key of a 47-char (20-byte) bech32 address: 2 + 7 + 47 = 56 bytes, 89 prefixed
        let key = prefixed(2 + 7 + 47);
        assert_eq!(key, 89);
        // "\"1000000\"" is 9 bytes
        assert_eq!(read_cost(key, 9), 1_294);
        assert_eq!(write_cost(key, 9), 4_940);
    }

    fn attr(k: &str, v: &str) -> Attribute {
        Attribute::new(k, v)
    }

    #[test]
    fn attributes_under_the_free_tier_cost_only_their_count() {
        let attrs = [attr("action", "transfer"), attr("amount", "10")];
        assert_eq!(event_costs(&attrs, &[]), 20);
        assert_eq!(event_costs(&[], &[]), 0);
    }

    #[test]
    fn attribute_bytes_over_the_free_tier_are_charged() {
        // 4 attributes, 124 bytes: 24 over the free tier
        let attrs = [
            attr("action", "transfer"),    // 14
            attr("from", &"a".repeat(47)), // 51
            attr("to", &"b".repeat(47)),   // 49
            attr("amount", "1234"),        // 10
        ];
        assert_eq!(event_costs(&attrs, &[]), 40 + 24);
    }

    #[test]
    fn custom_events_share_the_remaining_free_tier_and_pay_their_type() {
        let attrs = [attr("action", "mint")]; // 10 bytes, 90 free left
        let ev = Event::new("harbour_mint").add_attribute("to", "x".repeat(98)); // 100 bytes: 10 charged
        let gas = event_costs(&attrs, &[ev.clone()]);
        assert_eq!(gas, 10 + (20 + 12) + (10 + 10));
        // a second event finds no free tier left
        let ev2 = Event::new("e").add_attribute("k", "v");
        assert_eq!(event_costs(&attrs, &[ev, ev2]), 10 + 32 + 20 + (20 + 1) + (10 + 2));
    }

    #[test]
    fn reply_event_costs_flatten_attributes_and_charge_types() {
        let evs = [
            Event::new("execute").add_attribute("_contract_address", "c".repeat(67)),
            Event::new("wasm").add_attribute("_contract_address", "c".repeat(67)).add_attribute("action", "x"),
        ];
        // types: 7 + 4 = 11; attributes 3, bytes 84 + 84 + 7 = 175 → 75 over the free tier
        assert_eq!(reply_event_costs(&evs), 11 + 30 + 75);
        assert_eq!(reply_event_costs(&[]), 0);
    }

    #[test]
    fn pinned_and_unpinned_totals() {
        let u = GasUsage {
            instances: 2,
            replies: 1,
            vm: 100,
            deserialization: 300,
            storage: 12_000,
            events: 64,
            ..GasUsage::default()
        };
        assert_eq!(u.instance_gas(false), 2 * 60_000 + 2_000);
        assert_eq!(u.instance_gas(true), 2 * 2_000 + 2_000);
        assert_eq!(u.execution_gas(), 12_464);
        assert_eq!(u.total(false), 122_000 + 12_464);
        assert_eq!(u.total(true), 6_000 + 12_464);
        let mut sum = GasUsage::default();
        sum.add(&u);
        sum.add(&u);
        assert_eq!(sum.total(false), 2 * u.total(false));
    }

    #[test]
    fn vm_gas_is_floored_per_call() {
        assert_eq!(vm_to_sdk(139_999, DEFAULT_GAS_MULTIPLIER), 0);
        assert_eq!(vm_to_sdk(140_000, DEFAULT_GAS_MULTIPLIER), 1);
        assert_eq!(vm_to_sdk(1_260_000, DEFAULT_GAS_MULTIPLIER), api::VALIDATE);
        assert_eq!(vm_to_sdk(1_260_000_000, 140_000_000), 9);
    }
}
