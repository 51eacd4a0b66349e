//! Output: the console table, `bench/results.json`, `bench/REPORT.md`, and `--trace` listings.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::bench::{Bench, Measurement, Trace};
use crate::budgets::{BudgetResult, Status};
use crate::gas;
use crate::meter::TraceKind;

/// `12345` → `12,345`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn short(key: &str) -> &str {
    key.split_once('.').map_or(key, |(_, op)| op)
}

/// `"1.27× transfer"` when the measurement names an equivalent that was measured.
pub fn ratio_cell(bench: &Bench, m: &Measurement, pinned: bool) -> String {
    let Some(eq) = m.equivalent.as_deref().and_then(|k| bench.measurement(k)) else {
        return String::new();
    };
    let d = eq.total(pinned);
    if d == 0 {
        return String::new();
    }
    format!("{:.2}× {}", m.total(pinned) as f64 / d as f64, short(&eq.key))
}

const HEADER: [&str; 17] = [
    "operation",
    "key",
    "unpinned",
    "pinned",
    "vs cw20-base (unpinned)",
    "instance",
    "vm",
    "deser",
    "storage",
    "events",
    "loads",
    "reads",
    "writes",
    "dels",
    "iter",
    "queries s/r",
    "sub/reply",
];

fn rows(bench: &Bench) -> Vec<(String, Vec<String>)> {
    bench
        .measurements()
        .iter()
        .map(|m| {
            let u = &m.usage;
            (
                m.scenario.clone(),
                vec![
                    m.label.clone(),
                    m.key.clone(),
                    thousands(m.total(false)),
                    thousands(m.total(true)),
                    ratio_cell(bench, m, false),
                    thousands(u.instance_gas(false)),
                    thousands(u.vm),
                    thousands(u.deserialization),
                    thousands(u.storage),
                    thousands(u.events),
                    format!("{}+{}r", u.instances, u.replies),
                    u.reads.to_string(),
                    u.writes.to_string(),
                    u.deletes.to_string(),
                    u.iter_steps.to_string(),
                    format!("{}/{}", u.smart_queries, u.raw_queries),
                    format!("{}/{}", u.submessages, u.replies),
                ],
            )
        })
        .collect()
}

/// The console table of every measurement, grouped by scenario.
pub fn table(bench: &Bench) -> String {
    let rows = rows(bench);
    let mut widths: Vec<usize> = HEADER.iter().map(|h| h.chars().count()).collect();
    for (_, r) in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = w.saturating_sub(c.chars().count());
            if i < 2 || i == 4 {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            }
            s.push_str("  ");
        }
        s.trim_end().to_string()
    };
    let mut out = String::new();
    let header: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
    let _ = writeln!(out, "{}", line(&header));
    let total: usize = widths.iter().sum::<usize>() + 2 * widths.len();
    let _ = writeln!(out, "{}", "-".repeat(total.saturating_sub(2)));
    let mut current = String::new();
    for (scenario, r) in &rows {
        if *scenario != current {
            let _ = writeln!(out, "[{scenario}]");
            current.clone_from(scenario);
        }
        let _ = writeln!(out, "{}", line(r));
    }
    out
}

/// Artifact sizes next to cw20-base's.
pub fn sizes(bench: &Bench) -> Vec<(String, u64, String)> {
    let reference = bench.artifacts.iter().find(|a| a.name == "cw20_base").map(|a| a.bytes);
    bench
        .artifacts
        .iter()
        .map(|a| {
            let vs =
                reference.filter(|r| *r > 0).map_or(String::new(), |r| format!("{:.2}×", a.bytes as f64 / r as f64));
            let name = if a.reference { format!("reference/{}.wasm", a.name) } else { format!("{}.wasm", a.name) };
            (name, a.bytes, vs)
        })
        .collect()
}

pub fn sizes_table(bench: &Bench) -> String {
    let mut out = String::new();
    let _ =
        writeln!(out, "{:<36} {:>10} {:>9} {:>14}", "artifact (after wasm-opt -Oz)", "bytes", "KiB", "vs cw20-base");
    for (name, bytes, vs) in sizes(bench) {
        let _ = writeln!(out, "{:<36} {:>10} {:>9.1} {:>14}", name, thousands(bytes), bytes as f64 / 1024.0, vs);
    }
    out
}

pub fn budgets_table(results: &[BudgetResult]) -> String {
    let mut out = String::new();
    for r in results {
        let _ = writeln!(out, "[{}] {}\n        {}", r.status.as_str(), r.name, r.detail);
    }
    out
}

/// Renders a key: printable ASCII as is (known addresses as `{name}`), other bytes as `\xNN`.
pub fn pretty_key(key: &[u8], names: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut i = 0;
    'outer: while i < key.len() {
        if key[i] == b'c' {
            for (addr, name) in names {
                if key[i..].starts_with(addr.as_bytes()) {
                    let _ = write!(out, "{{{name}}}");
                    i += addr.len();
                    continue 'outer;
                }
            }
        }
        let b = key[i];
        if b.is_ascii_graphic() || b == b' ' {
            out.push(b as char);
        } else {
            let _ = write!(out, "\\x{b:02x}");
        }
        i += 1;
    }
    out
}

fn kind_name(k: &TraceKind) -> &'static str {
    match k {
        TraceKind::Call => "call",
        TraceKind::Reply => "reply",
        TraceKind::Read => "read",
        TraceKind::Write => "write",
        TraceKind::Delete => "delete",
        TraceKind::IterSeek => "iter-seek",
        TraceKind::IterNext => "iter-next",
        TraceKind::RawQuery => "raw-query",
        TraceKind::InfoQuery => "info-query",
        TraceKind::Vm => "vm",
        TraceKind::Events => "events",
    }
}

/// Every step of a traced operation, with keys (ASCII and hex) and sizes.
pub fn render_trace(bench: &Bench, t: &Trace) -> String {
    let mut out = String::new();
    if let Some(m) = bench.measurement(&t.key) {
        let _ = writeln!(
            out,
            "trace {}: {} SDK gas unpinned, {} pinned ({} steps)",
            t.key,
            thousands(m.total(false)),
            thousands(m.total(true)),
            t.entries.len()
        );
    }
    let _ = writeln!(
        out,
        "  {:>3} {:<5} {:<18} {:<10} {:>6} {:>6} {:>7}  key / note",
        "#", "depth", "contract", "op", "key B", "val B", "gas"
    );
    for (i, e) in t.entries.iter().enumerate() {
        let storage = matches!(
            e.kind,
            TraceKind::Read
                | TraceKind::Write
                | TraceKind::Delete
                | TraceKind::IterSeek
                | TraceKind::IterNext
                | TraceKind::RawQuery
        );
        let key_b = if storage { (e.key.len() + gas::CONTRACT_KEY_PREFIX_LEN).to_string() } else { String::new() };
        let val_b = match (storage, e.value_len) {
            (true, Some(v)) => v.to_string(),
            (true, None) => "-".to_string(),
            _ => e.value_len.map(|v| v.to_string()).unwrap_or_default(),
        };
        let what = if storage { pretty_key(&e.key, &t.names) } else { e.note.clone() };
        let _ = writeln!(
            out,
            "  {:>3} {:<5} {:<18} {:<10} {:>6} {:>6} {:>7}  {}",
            i + 1,
            e.depth,
            e.contract,
            kind_name(&e.kind),
            key_b,
            val_b,
            thousands(e.gas),
            what
        );
        if storage && !e.key.is_empty() {
            let _ = writeln!(out, "  {:>62}hex {}", "", hex::encode(&e.key));
        }
    }
    let storage: u64 = t
        .entries
        .iter()
        .filter(|e| !matches!(e.kind, TraceKind::Call | TraceKind::Reply | TraceKind::Vm | TraceKind::Events))
        .map(|e| e.gas)
        .sum();
    let _ = writeln!(out, "  storage total {} (key B includes wasmd's 33-byte prefix)", thousands(storage));
    out
}

/// Run metadata printed in the report and JSON.
pub struct Meta {
    pub command: String,
    pub multiplier: u64,
    pub holders: u32,
}

pub fn json(bench: &Bench, budgets: &[BudgetResult], meta: &Meta) -> Value {
    let measurements: Vec<Value> = bench
        .measurements()
        .iter()
        .map(|m| {
            let ratio = |pinned: bool| {
                m.equivalent.as_deref().and_then(|k| bench.measurement(k)).and_then(|e| {
                    let d = e.total(pinned);
                    (d > 0).then(|| m.total(pinned) as f64 / d as f64)
                })
            };
            json!({
                "key": m.key,
                "scenario": m.scenario,
                "label": m.label,
                "note": m.note,
                "equivalent": m.equivalent,
                "sdk_gas_unpinned": m.total(false),
                "sdk_gas_pinned": m.total(true),
                "ratio_unpinned": ratio(false),
                "ratio_pinned": ratio(true),
                "breakdown": {
                    "instances_unpinned": m.usage.instance_gas(false),
                    "instances_pinned": m.usage.instance_gas(true),
                    "vm": m.usage.vm,
                    "deserialization": m.usage.deserialization,
                    "storage": m.usage.storage,
                    "events": m.usage.events,
                },
                "usage": m.usage,
            })
        })
        .collect();
    json!({
        "generated_by": meta.command,
        "gas_model": {
            "gas_multiplier": meta.multiplier,
            "instance_cost": gas::INSTANCE_COST,
            "instance_cost_pinned_and_reply": gas::INSTANCE_COST_DISCOUNT,
            "contract_key_prefix_bytes": gas::CONTRACT_KEY_PREFIX_LEN,
            "kv": {
                "read_flat": gas::kv::READ_FLAT, "read_per_byte": gas::kv::READ_PER_BYTE,
                "write_flat": gas::kv::WRITE_FLAT, "write_per_byte": gas::kv::WRITE_PER_BYTE,
                "delete": gas::kv::DELETE, "has": gas::kv::HAS, "iter_next_flat": gas::kv::ITER_NEXT_FLAT,
            },
            "events": {
                "per_attribute": gas::events::PER_ATTRIBUTE, "per_byte": gas::events::PER_BYTE,
                "free_tier_bytes": gas::events::FREE_TIER_BYTES, "per_custom_event": gas::events::PER_CUSTOM_EVENT,
            },
            "deserialization_per_byte": gas::DESERIALIZATION_PER_BYTE,
            "api": { "humanize": gas::api::HUMANIZE, "canonicalize": gas::api::CANONICALIZE },
        },
        "large_holders": meta.holders,
        "artifacts": bench.artifacts,
        "measurements": measurements,
        "budgets": budgets,
    })
}

/// Method notes of the report.
pub const METHOD: &str = "\
- **Real wasm in cosmwasm-vm 2.2.2.** The artifacts (`wasm-opt -Oz`, binaryen 132) and cw20-base 2.0.0 (built from
  crates.io by `scripts/build-reference.sh` with the same pinned toolchain, the workspace's release
  profile, the locked dependency versions and wasm-opt) run in cosmwasm-vm behind an in-process router: per-contract stores, contract-to-contract smart/raw/contract-info queries,
  sub-messages dispatched depth-first with `ReplyOn` and `reply`, atomic rollback through an undo
  journal (a failed sub-message rolls back its own and its descendants' writes; reply-on-error
  catches). A self-test on a tiny receiver contract checks these semantics before every run.
- **SDK gas as wasmd charges it** (`x/wasm/types/gas_register.go`, `keeper/api.go`, Cosmos SDK
  `KVGasConfig` through the gas KV store):
  - instance: 60,000 per contract loaded (top-level call, every sub-message, every
    contract-to-contract smart query), 2,000 when pinned; a reply is always charged 2,000 plus the
    events of the result it receives (wasmd: \"always consider this pinned\");
  - VM: each call's CosmWasm gas (Wasm operations and host functions, incl. wasmd's address-API
    costs: humanize 5, canonicalize 4, validate 9 SDK gas) ÷ 140,000, rounded down per call —
    140,000 is wasmd's `DefaultGasMultiplier` since CosmWasm 2.0 (140,000,000 was CosmWasm 1.x,
    whose VM charged 1000× more per operation; cosmwasm-vm 2.2 meters in 2.x units);
  - deserialization: wasmvm adds 1 SDK gas per byte of every call's JSON result;
  - storage: every key carries wasmd's 33-byte contract prefix; read 1,000 + 3/byte of key and value,
    write 2,000 + 30/byte, delete 1,000, iterator 30 + 3/byte of the current item at creation and at
    every step; a raw query is a read on the target; a contract-info query is a read of a record the
    size of its response;
  - events: wasmd `EventCosts` per response (10 per attribute, 1 per byte over 100 free bytes shared
    by the response's attributes and its custom events, 20 + type bytes per custom event).
- **Not counted** (the same for every token, so ratios are conservative): the transaction itself
  (signature verification, tx bytes), wasmd's contract-info and code-info lookups on each call
  (~2-3k per instance), and its bookkeeping on instantiate.
- **Queries** (Verify, VerifyPair) are measured as a smart query from another contract pays them:
  instance + VM + reads.
- **Addresses** are wasmd-shaped: wallets 20 bytes (47 characters), contracts 32 bytes (67).
- **Scenarios.** Balances start at 10⁶ tokens; every measured movement moves 1 token. cw20-base's
  `Send` goes to the bench receiver (a contract whose `Receive` does nothing), which is also the fund's
  approved venue, so both sends measure the token plus one receiver instance. The registry scenario has
  no subscriber; the fund scenario measures the registry's push to one subscribed fund. Income is
  measured on two fresh chains, 10 and 10,000 holders (batch-onboarded, 50 per message, cache seeded
  with `PushIdentities`), after one transfer at that size. The fund's cash token is a cw20-base.
  The stablecoin holds every role at its own address; its mint runs under a fresh covering
  attestation (one minter, allowance, no rate limit) and its budgets are measured in open holder
  mode; the registry-gated transfer (KYC cached from the registry's pushes) is reported.
- Gas is deterministic: same artifacts, same numbers.";

pub fn markdown(bench: &Bench, budgets: &[BudgetResult], meta: &Meta) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Harbour gas and size benchmark\n");
    let _ = writeln!(
        out,
        "Generated by `{}` (issue 5). SDK gas per operation, wasmd-equivalent, measured on the real wasm \
         artifacts next to stock cw20-base 2.0. Ratios are unpinned totals over the cw20-base equivalent.\n",
        meta.command
    );
    let _ = writeln!(out, "## Budgets\n");
    let _ = writeln!(out, "| budget | status | unpinned | pinned | detail |\n|---|---|---|---|---|");
    for r in budgets {
        let (value, pinned) = match r.pinned {
            Some(p) => (format!("{:.3}×", r.value), format!("{p:.3}×")),
            None => (thousands(r.value as u64), String::new()),
        };
        let status = if r.status == Status::Fail { "**FAIL**" } else { r.status.as_str() };
        let _ = writeln!(out, "| {} | {status} | {value} | {pinned} | {} |", r.name, r.detail.replace('|', "/"));
    }
    let _ = writeln!(out, "\n## Operations\n");
    let mut header = String::from("|");
    let mut sep = String::from("|");
    for h in HEADER {
        let _ = write!(header, " {h} |");
        sep.push_str("---|");
    }
    let mut current = String::new();
    for (scenario, r) in rows(bench) {
        if scenario != current {
            let _ = writeln!(out, "\n### {scenario}\n\n{header}\n{sep}");
            current = scenario;
        }
        let _ = writeln!(out, "| {} |", r.join(" | "));
    }
    let _ = writeln!(
        out,
        "\nColumns: instance = contract loads (60,000 each unpinned, 2,000 pinned; replies 2,000), vm = Wasm + \
         host functions, deser = result deserialization, storage = KV gas; loads = instances + replies, \
         queries = contract-to-contract smart/raw queries.\n"
    );
    let notes: Vec<&Measurement> = bench.measurements().iter().filter(|m| m.note.is_some()).collect();
    if !notes.is_empty() {
        let _ = writeln!(out, "What each operation is:\n");
        for m in notes {
            let _ = writeln!(out, "- `{}`: {}", m.key, m.note.as_deref().unwrap_or_default());
        }
    }
    let _ = writeln!(
        out,
        "\n## Code size\n\n| artifact (after wasm-opt -Oz) | bytes | KiB | vs cw20-base |\n|---|---|---|---|"
    );
    for (name, bytes, vs) in sizes(bench) {
        let _ = writeln!(out, "| {name} | {} | {:.1} | {vs} |", thousands(bytes), bytes as f64 / 1024.0);
    }
    let _ = writeln!(out, "\n## Method\n\n{METHOD}\n");
    let _ = writeln!(
        out,
        "Trace any operation's storage accesses (keys in ASCII and hex, sizes, gas) with \
         `cargo run -p gas-bench -- --trace <key>` (e.g. `--trace fund_token.transfer`)."
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(72_400), "72,400");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn keys_render_names_and_escapes() {
        let mut names = BTreeMap::new();
        names.insert("cosmwasm1abc".to_string(), "alice".to_string());
        let mut key = vec![0u8, 7];
        key.extend_from_slice(b"balancecosmwasm1abc");
        assert_eq!(pretty_key(&key, &names), "\\x00\\x07balance{alice}");
        assert_eq!(pretty_key(b"h", &names), "h");
    }
}
