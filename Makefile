# Harbour — the single entry point. `make test` is what CI runs (.ci/run).
SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo
export CARGO_TERM_COLOR ?= never
# rustup's default location, so a toolchain `make setup` just installed is found by every recipe
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: help setup setup-demo build check-wasm bench schema schema-check lint fmt unit test lock localchain demo demo-golden sdk-check

help:
	@echo "make test        setup + lint + unit/multi-contract tests + build + check-wasm + bench + schema drift check (CI)"
	@echo "make setup       install the pinned toolchain, cosmwasm-check and wasm-opt (idempotent)"
	@echo "make build       build every contract to artifacts/*.wasm (opt-level z, wasm-opt -Oz, sha256 checksums)"
	@echo "make check-wasm  cosmwasm-check 2.2 + size limit on every artifact"
	@echo "make bench       gas and size benchmark vs cw20-base 2.0 (wasmd gas, budgets); writes bench/"
	@echo "make schema      regenerate schema/ (commit the result)"
	@echo "make lint        cargo fmt --check + clippy -D warnings"
	@echo "make unit        unit and multi-contract tests only"
	@echo "make lock        re-resolve Cargo.lock MSRV-aware (needs a cargo >= 1.84 toolchain)"
	@echo "make demo        the life of the system on the embedded chain, step by step; writes demo/report.md"
	@echo "make demo-golden refresh the committed demo/report.md (after a deliberate change)"
	@echo "make sdk-check   TypeScript: tsc --strict, SDK/CLI tests on the embedded chain, demo golden test"

setup:
	@./scripts/setup.sh

# what `make demo` needs (not cosmwasm-check, which only `make test` uses)
setup-demo:
	@./scripts/setup.sh demo

build: setup
	./scripts/build-wasm.sh

check-wasm: setup
	./scripts/check-wasm.sh

# Gas and size benchmark (issue 5): the artifacts and cw20-base 2.0 (built here by
# build-reference.sh) run in cosmwasm-vm; prints wasmd-equivalent gas per operation, writes
# bench/results.json and bench/REPORT.md, fails when a budget is exceeded. It runs as an ignored test
# of the whole workspace so it reuses the test build (same features; `cargo run -p gas-bench` would
# rebuild the VM stack). Options: GAS_BENCH_ARGS="--trace fund_token.transfer". Gas is deterministic,
# so `make test` runs it.
bench: setup build
	./scripts/build-reference.sh
	GAS_BENCH_ARGS="$(GAS_BENCH_ARGS)" $(CARGO) test --locked --workspace --test bench -- --ignored --nocapture

schema: setup
	./scripts/schema.sh

schema-check: setup
	./scripts/schema.sh --check

lint: setup
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all

unit: setup
	$(CARGO) test --locked --workspace

# Re-resolve the lock file honouring rust-version (cargo's MSRV-aware resolver, stable since 1.84).
lock:
	./scripts/lock.sh

# The embedded chain's binary (target/debug/localchain). `make test` uses the one its test build
# made (`cargo test --workspace` builds it for packages/localchain/tests), so it compiles nothing more.
localchain: setup-demo
	$(CARGO) build --locked -p localchain

# The demo: artifacts built if missing, a fresh embedded chain, every step through the CLI's operations.
demo: setup-demo localchain
	@[ -f artifacts/checksums.txt ] || ./scripts/build-wasm.sh
	cd scripts && node --import tsx cli/src/demo.ts ../demo/report.md ../.harbour/demo

demo-golden: demo

# TypeScript gates: strict type check, the SDK and CLI tests against the embedded chain (real wasm,
# stock CosmJS; they include the secret scan), and the demo's report against demo/report.md.
sdk-check: setup
	cd scripts && npx tsc --noEmit --strict -p sdk && npx tsc --noEmit --strict -p cli
	cd scripts && node --import tsx --test --test-concurrency=1 sdk/test/*.test.ts cli/test/*.test.ts
	cd scripts && node --import tsx cli/src/demo.ts ../.harbour/golden/report.md ../.harbour/golden/run >/dev/null
	@if ! diff -u demo/report.md .harbour/golden/report.md; then \
	  echo "demo/report.md differs from this run (above): if the change is intended, run 'make demo-golden' and commit" >&2; exit 1; fi
	@echo "demo report matches demo/report.md"

test: setup lint unit build check-wasm bench schema-check sdk-check
	@echo "make test: all gates passed"
