# Harbour — the single entry point. `make test` is what CI runs (.ci/run).
SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo
export CARGO_TERM_COLOR ?= never
# rustup's default location, so a toolchain `make setup` just installed is found by every recipe
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: help setup build check-wasm bench schema schema-check lint fmt unit test lock

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

setup:
	@./scripts/setup.sh

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

test: setup lint unit build check-wasm bench schema-check
	@echo "make test: all gates passed"
