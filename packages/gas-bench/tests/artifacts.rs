//! Checks on the real wasm, run when the artifacts exist (`make build`, scripts/build-reference.sh);
//! skipped otherwise, so `cargo test` never needs them.

use std::path::{Path, PathBuf};

use gas_bench::bench::Bench;
use gas_bench::gas::DEFAULT_GAS_MULTIPLIER;
use gas_bench::{scenarios, selftest};

fn artifacts(needed: &[&str]) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../artifacts");
    let missing: Vec<&&str> = needed.iter().filter(|f| !dir.join(f).exists()).collect();
    if missing.is_empty() {
        Some(dir)
    } else {
        eprintln!("skipped: {missing:?} not built (run scripts/build-reference.sh)");
        None
    }
}

#[test]
fn router_follows_wasmd_semantics_on_real_wasm() {
    let Some(dir) = artifacts(&["reference/bench_receiver.wasm"]) else { return };
    let bench = Bench::load(&dir, DEFAULT_GAS_MULTIPLIER, 10).expect("load artifacts");
    assert_eq!(selftest::run(&bench).expect("router self-test"), 6);
}

#[test]
fn cw20_base_transfer_costs_what_wasmd_charges() {
    let Some(dir) = artifacts(&["reference/cw20_base.wasm", "reference/bench_receiver.wasm"]) else { return };
    let mut bench = Bench::load(&dir, DEFAULT_GAS_MULTIPLIER, 10).expect("load artifacts");
    bench.begin_scenario("cw20_base");
    (scenarios::cw20_base::SCENARIO.run)(&mut bench).expect("cw20-base scenario");
    let t = bench.measurement(scenarios::cw20_base::TRANSFER).expect("transfer measured");
    let u = &t.usage;
    // one instance, two reads and two writes of 89-byte keys, four attributes
    assert_eq!((u.instances, u.reads, u.writes, u.deletes, u.iter_steps), (1, 2, 2, 0, 0));
    assert_eq!(u.instance_gas(false), 60_000);
    assert!((12_000..13_000).contains(&u.storage), "storage {}", u.storage);
    assert!(u.events < 100 && u.vm < 400 && u.deserialization < 400, "{u:?}");
    assert!((72_000..74_000).contains(&t.total(false)), "total {}", t.total(false));
    assert_eq!(t.total(false) - t.total(true), 58_000);
}
