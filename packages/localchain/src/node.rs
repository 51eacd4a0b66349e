//! The node: the chain engine plus what a Cosmos SDK app adds around wasmd for a client — accounts
//! with numbers, sequences and public keys, a minimal bank, signed-transaction checking (CheckTx)
//! and delivery (one block per transaction), simulation, and the ABCI queries CosmJS sends.
//!
//! Blocks: genesis is block 1 at [`GENESIS_SECONDS`]; every delivered transaction opens the next
//! block, [`BLOCK_SECONDS`] later; [`Node::advance_time`] jumps ahead explicitly. Nothing reads the
//! wall clock, so the same transactions always give the same chain.

use std::collections::BTreeMap;
use std::rc::Rc;

use anyhow::{anyhow, bail, Context};
use chain_engine::api;
use chain_engine::chain::{CallError, Chain, ChainSnapshot, Executed, Tx, TxMode, Vm};
use chain_engine::gas::DEFAULT_GAS_MULTIPLIER;
use cosmwasm_std::{Addr, Binary, BlockInfo, Event, Timestamp};
use k256::ecdsa::signature::Verifier;
use prost::Message;
use ripemd::Ripemd160;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::proto::{self, Any};

/// 2026-01-05 00:00:00 UTC, as the test harness and the benchmark.
pub const GENESIS_SECONDS: u64 = chain_engine::chain::GENESIS_SECONDS;
/// Seconds between the block of one transaction and the next.
pub const BLOCK_SECONDS: u64 = 5;
/// Version of the state file format (see the README).
pub const STATE_FORMAT: u32 = 1;

/// SDK gas of the ante handler, as Cosmos SDK 0.50 charges it: `TxSizeCostPerByte` per byte of the
/// transaction, `SigVerifyCostSecp256k1` per signature, and reading and writing the signer's
/// account (an approximation: two reads and one write of an ~80-byte account record).
pub mod ante {
    pub const TX_SIZE_PER_BYTE: u64 = 10;
    pub const SIG_VERIFY_SECP256K1: u64 = 1_000;
    pub const ACCOUNT_ACCESS: u64 = 2 * (1_000 + 3 * 100) + (2_000 + 30 * 100);
}
/// wasmd's `DefaultCompileCost`: SDK gas per byte of uploaded (uncompressed) wasm.
pub const COMPILE_COST_PER_BYTE: u64 = 3;
/// SDK gas of a bank send (two balance reads and writes) and of an admin change (a read and a write).
pub const BANK_SEND_GAS: u64 = 2 * (1_000 + 3 * 60) + 2 * (2_000 + 30 * 60);
pub const ADMIN_CHANGE_GAS: u64 = (1_000 + 3 * 200) + (2_000 + 30 * 200);
/// Largest gzip-decompressed upload (wasmd's `MaxWasmSize`, 800 KiB).
pub const MAX_WASM_SIZE: usize = 819_200;
/// Longest memo (the SDK's `MaxMemoCharacters`).
pub const MAX_MEMO: usize = 256;

/// How the node is set up (fixed at genesis, kept in the state file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Genesis {
    pub chain_id: String,
    pub prefix: String,
    /// The bank's fee and staking denomination.
    pub denom: String,
}

impl Default for Genesis {
    fn default() -> Self {
        Genesis { chain_id: "harbour-local-1".into(), prefix: "harbour".into(), denom: "uhbr".into() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub address: String,
    pub account_number: u64,
    pub sequence: u64,
    /// Compressed secp256k1 key, known once the account has signed.
    pub pub_key: Option<Binary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeRecord {
    pub code_id: u64,
    /// sha256 of the wasm, lower-case hex; the wasm is `codes/<checksum>.wasm` in the node's home.
    pub checksum: String,
    pub creator: String,
}

/// A delivered transaction and its result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TxRecord {
    /// sha256 of the transaction bytes, upper-case hex (CometBFT's tx hash).
    pub hash: String,
    pub height: u64,
    pub index: u32,
    pub tx: Binary,
    pub result: TxResult,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TxResult {
    pub code: u32,
    pub codespace: String,
    pub log: String,
    /// `TxMsgData` protobuf (the messages' responses).
    pub data: Binary,
    pub gas_wanted: u64,
    pub gas_used: u64,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockRecord {
    pub height: u64,
    /// Nanoseconds since the Unix epoch.
    pub time: Timestamp,
    /// Hashes of the block's transactions.
    pub txs: Vec<String>,
}

/// The state file: everything but the wasm blobs (see the README for the format).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateFile {
    pub format: u32,
    pub genesis: Genesis,
    pub codes: Vec<CodeRecord>,
    pub chain: ChainSnapshot,
    pub accounts: Vec<Account>,
    /// `(address, denom, amount)`, sorted.
    pub balances: Vec<(String, String, String)>,
    pub blocks: Vec<BlockRecord>,
    pub txs: Vec<TxRecord>,
}

/// A failed check or delivery: the SDK's (codespace, code, log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxFailure {
    pub codespace: &'static str,
    pub code: u32,
    pub log: String,
}

impl TxFailure {
    fn sdk(code: u32, log: impl Into<String>) -> TxFailure {
        TxFailure { codespace: "sdk", code, log: log.into() }
    }
}

/// Cosmos SDK error codes (`types/errors`) the node returns.
pub mod codes {
    pub const TX_DECODE: u32 = 2;
    pub const UNAUTHORIZED: u32 = 4;
    pub const INSUFFICIENT_FUNDS: u32 = 5;
    pub const UNKNOWN_REQUEST: u32 = 6;
    pub const INVALID_ADDRESS: u32 = 7;
    pub const UNKNOWN_ADDRESS: u32 = 9;
    pub const INVALID_COINS: u32 = 10;
    pub const OUT_OF_GAS: u32 = 11;
    pub const MEMO_TOO_LARGE: u32 = 12;
    pub const INSUFFICIENT_FEE: u32 = 13;
    pub const INVALID_REQUEST: u32 = 18;
    pub const KEY_NOT_FOUND: u32 = 22;
    pub const INVALID_PUBKEY: u32 = 8;
    pub const WRONG_SEQUENCE: u32 = 32;
    pub const NO_SIGNATURES: u32 = 15;
    pub const INVALID_GAS_LIMIT: u32 = 41;
    /// wasmd `x/wasm/types/errors.go`.
    pub const WASM_CREATE_FAILED: u32 = 2;
    pub const WASM_INSTANTIATE_FAILED: u32 = 4;
    pub const WASM_EXECUTE_FAILED: u32 = 5;
    pub const WASM_NOT_FOUND: u32 = 8;
    pub const WASM_INVALID: u32 = 21;
}

/// A decoded, supported message.
#[derive(Debug, Clone)]
enum Msg {
    StoreCode { sender: String, wasm: Vec<u8> },
    Instantiate { sender: String, admin: Option<String>, code_id: u64, label: String, msg: Vec<u8> },
    Execute { sender: String, contract: String, msg: Vec<u8> },
    UpdateAdmin { sender: String, contract: String, new_admin: Option<String> },
    Send { from: String, to: String, amount: Vec<(String, u128)> },
}

impl Msg {
    fn signer(&self) -> &str {
        match self {
            Msg::StoreCode { sender, .. }
            | Msg::Instantiate { sender, .. }
            | Msg::Execute { sender, .. }
            | Msg::UpdateAdmin { sender, .. } => sender,
            Msg::Send { from, .. } => from,
        }
    }
}

/// A checked transaction, ready to deliver or simulate.
struct CheckedTx {
    signer: String,
    pub_key: Vec<u8>,
    sequence: u64,
    fee: Vec<(String, u128)>,
    gas_limit: u64,
    msgs: Vec<(String, Msg)>,
    ante_gas: u64,
}

/// The embedded chain's node state.
pub struct Node {
    pub genesis: Genesis,
    home: Option<std::path::PathBuf>,
    vm: Rc<Vm>,
    chain: Chain,
    codes: Vec<CodeRecord>,
    /// The wasm of every code, by code id (also in `codes/` of the home directory).
    wasm: BTreeMap<u64, Vec<u8>>,
    accounts: BTreeMap<String, Account>,
    balances: BTreeMap<(String, String), u128>,
    blocks: Vec<BlockRecord>,
    txs: Vec<TxRecord>,
    tx_index: BTreeMap<String, usize>,
}

impl Node {
    /// A node at genesis (no accounts, no codes). `home`, when given, holds the compiled-module cache
    /// and the wasm blobs (see `store::Home::save`).
    pub fn new(genesis: Genesis, home: Option<&std::path::Path>) -> anyhow::Result<Node> {
        let vm = Vm::with_options(DEFAULT_GAS_MULTIPLIER, &genesis.prefix, home.map(|h| h.join("vm-cache")))?;
        let block =
            BlockInfo { height: 1, time: Timestamp::from_seconds(GENESIS_SECONDS), chain_id: genesis.chain_id.clone() };
        let chain = Chain::with_block(&vm, block.clone());
        Ok(Node {
            genesis,
            home: home.map(std::path::Path::to_path_buf),
            vm,
            chain,
            codes: vec![],
            wasm: BTreeMap::new(),
            accounts: BTreeMap::new(),
            balances: BTreeMap::new(),
            blocks: vec![BlockRecord { height: block.height, time: block.time, txs: vec![] }],
            txs: vec![],
            tx_index: BTreeMap::new(),
        })
    }

    /// Restores a node from its state file and wasm blobs.
    pub fn restore(state: StateFile, home: &std::path::Path) -> anyhow::Result<Node> {
        if state.format != STATE_FORMAT {
            bail!("state file format {} is not {STATE_FORMAT}: run `localchain reset`", state.format);
        }
        let mut node = Node::new(state.genesis, Some(home))?;
        for code in &state.codes {
            let path = home.join("codes").join(format!("{}.wasm", code.checksum));
            let wasm = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            if hex::encode(Sha256::digest(&wasm)) != code.checksum {
                bail!(
                    "{} does not hash to its name: the state directory is damaged (localchain reset)",
                    path.display()
                );
            }
            let id = node.vm.restore_code(&format!("code-{}", code.code_id), &wasm)?;
            if id != code.code_id {
                bail!("code {} restored as {id}", code.code_id);
            }
            node.wasm.insert(id, wasm);
        }
        node.codes = state.codes;
        node.chain = Chain::restore(&node.vm, &state.chain)?;
        node.accounts = state.accounts.into_iter().map(|a| (a.address.clone(), a)).collect();
        for (addr, denom, amount) in state.balances {
            let n: u128 = amount.parse().with_context(|| format!("balance of {addr}"))?;
            node.balances.insert((addr, denom), n);
        }
        node.blocks = state.blocks;
        node.tx_index = state.txs.iter().enumerate().map(|(i, t)| (t.hash.clone(), i)).collect();
        node.txs = state.txs;
        Ok(node)
    }

    /// The state file's content.
    pub fn state(&self) -> StateFile {
        StateFile {
            format: STATE_FORMAT,
            genesis: self.genesis.clone(),
            codes: self.codes.clone(),
            chain: self.chain.snapshot(),
            accounts: self.accounts.values().cloned().collect(),
            balances: self.balances.iter().map(|((a, d), n)| (a.clone(), d.clone(), n.to_string())).collect(),
            blocks: self.blocks.clone(),
            txs: self.txs.clone(),
        }
    }

    pub fn block(&self) -> BlockInfo {
        self.chain.block()
    }

    pub fn blocks(&self) -> &[BlockRecord] {
        &self.blocks
    }

    pub fn block_at(&self, height: u64) -> Option<&BlockRecord> {
        self.blocks.iter().rev().find(|b| b.height == height)
    }

    pub fn tx(&self, hash: &str) -> Option<&TxRecord> {
        self.tx_index.get(&hash.to_ascii_uppercase()).and_then(|i| self.txs.get(*i))
    }

    pub fn txs_at(&self, height: u64) -> Vec<&TxRecord> {
        self.txs.iter().filter(|t| t.height == height).collect()
    }

    pub fn account(&self, address: &str) -> Option<&Account> {
        self.accounts.get(address)
    }

    pub fn balance(&self, address: &str, denom: &str) -> u128 {
        self.balances.get(&(address.to_string(), denom.to_string())).copied().unwrap_or(0)
    }

    pub fn balances(&self, address: &str) -> Vec<(String, u128)> {
        self.balances.iter().filter(|((a, _), n)| a == address && **n > 0).map(|((_, d), n)| (d.clone(), *n)).collect()
    }

    /// Moves the chain `seconds` ahead in one new empty block (the credential-expiry step of a demo).
    pub fn advance_time(&mut self, seconds: u64) -> BlockInfo {
        self.chain.advance_seconds(seconds);
        let b = self.chain.block();
        self.blocks.push(BlockRecord { height: b.height, time: b.time, txs: vec![] });
        b
    }

    /// Credits `amount` of `denom` to `address`, creating its account (the embedded chain's faucet:
    /// a development extension, no real chain has it).
    pub fn fund(&mut self, address: &str, denom: &str, amount: u128) -> anyhow::Result<()> {
        self.validate_address(address).map_err(|f| anyhow!(f.log))?;
        if denom.is_empty() || !denom.chars().all(|c| c.is_ascii_alphanumeric() || "/:._-".contains(c)) {
            bail!("invalid denom {denom:?}");
        }
        self.ensure_account(address);
        let slot = self.balances.entry((address.to_string(), denom.to_string())).or_insert(0);
        *slot = slot.checked_add(amount).ok_or_else(|| anyhow!("balance overflow"))?;
        Ok(())
    }

    fn ensure_account(&mut self, address: &str) {
        if !self.accounts.contains_key(address) {
            let account_number = self.accounts.len() as u64;
            self.accounts.insert(
                address.to_string(),
                Account { address: address.to_string(), account_number, sequence: 0, pub_key: None },
            );
        }
    }

    fn validate_address(&self, address: &str) -> Result<Vec<u8>, TxFailure> {
        let bad = |why: String| TxFailure::sdk(codes::INVALID_ADDRESS, format!("invalid address {address:?}: {why}"));
        let (hrp, data) = bech32::decode(address).map_err(|e| bad(e.to_string()))?;
        if hrp.as_str() != self.genesis.prefix {
            return Err(bad(format!("expected prefix {}", self.genesis.prefix)));
        }
        if data.is_empty() || data.len() > 255 || address.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(bad("not a canonical address".into()));
        }
        Ok(data)
    }

    /// The account address of a compressed secp256k1 key: `ripemd160(sha256(key))`, bech32.
    pub fn address_of(&self, pub_key: &[u8]) -> String {
        let hash = Ripemd160::digest(Sha256::digest(pub_key));
        api::encode_with(self.vm.hrp(), &hash)
    }

    // ---------------------------------------------------------------- transactions

    /// `broadcast_tx_sync`: CheckTx, then delivery in the next block. Returns the hash and the CheckTx
    /// result (the delivery result is in the transaction record, as on a chain).
    pub fn broadcast(&mut self, tx_bytes: &[u8]) -> (String, Result<(), TxFailure>) {
        let hash = hex::encode_upper(Sha256::digest(tx_bytes));
        if self.tx_index.contains_key(&hash) {
            return (hash, Err(TxFailure::sdk(19, "tx already exists in cache")));
        }
        let checked = match self.check(tx_bytes, false) {
            Ok(c) => c,
            Err(f) => return (hash, Err(f)),
        };
        if let Err(f) = self.check_fee_funds(&checked) {
            return (hash, Err(f));
        }
        self.deliver(hash.clone(), tx_bytes, checked);
        (hash, Ok(()))
    }

    /// `Simulate`: the gas used and the result, nothing kept.
    pub fn simulate(&mut self, tx_bytes: &[u8]) -> Result<(u64, proto::AbciResult), TxFailure> {
        let checked = self.check(tx_bytes, true)?;
        let current = self.chain.block();
        self.chain.set_block(next_block(&current));
        let (gas_used, result) = self.execute(&checked, TxMode::Simulate, u64::MAX);
        self.chain.set_block(current);
        let executed = result.map_err(|f| TxFailure {
            log: format!("{} With gas wanted: '{}' and gas used: '{gas_used}' ", f.log, u64::MAX),
            ..f
        })?;
        let result = proto::AbciResult {
            log: String::new(),
            events: executed.events.iter().map(abci_event).collect(),
            msg_responses: executed.responses,
        };
        Ok((gas_used, result))
    }

    fn deliver(&mut self, hash: String, tx_bytes: &[u8], checked: CheckedTx) {
        let block = next_block(&self.chain.block());
        self.chain.set_block(block.clone());
        // the ante handler's effects are kept whatever the messages do
        if let Some(account) = self.accounts.get_mut(&checked.signer) {
            account.sequence += 1;
            account.pub_key = Some(Binary::from(checked.pub_key.clone()));
        }
        for (denom, amount) in &checked.fee {
            let slot = self.balances.entry((checked.signer.clone(), denom.clone())).or_insert(0);
            *slot = slot.saturating_sub(*amount);
        }
        let mut events = vec![
            Event::new("tx")
                .add_attribute("fee", format_coins(&checked.fee))
                .add_attribute("fee_payer", &checked.signer),
            Event::new("tx").add_attribute("acc_seq", format!("{}/{}", checked.signer, checked.sequence)),
        ];
        let (gas_used, result) = self.execute(&checked, TxMode::Deliver, checked.gas_limit);
        let result = match result {
            Ok(executed) => {
                events.extend(executed.events);
                TxResult {
                    code: 0,
                    codespace: String::new(),
                    log: String::new(),
                    data: Binary::from(proto::TxMsgData { msg_responses: executed.responses }.encode_to_vec()),
                    gas_wanted: checked.gas_limit,
                    gas_used,
                    events,
                }
            }
            Err(f) => TxResult {
                code: f.code,
                codespace: f.codespace.to_string(),
                log: f.log,
                data: Binary::default(),
                gas_wanted: checked.gas_limit,
                gas_used,
                events,
            },
        };
        self.blocks.push(BlockRecord { height: block.height, time: block.time, txs: vec![hash.clone()] });
        self.tx_index.insert(hash.clone(), self.txs.len());
        self.txs.push(TxRecord { hash, height: block.height, index: 0, tx: Binary::from(tx_bytes.to_vec()), result });
    }

    fn check_fee_funds(&self, checked: &CheckedTx) -> Result<(), TxFailure> {
        for (denom, amount) in &checked.fee {
            let have = self.balance(&checked.signer, denom);
            if have < *amount {
                return Err(TxFailure::sdk(
                    codes::INSUFFICIENT_FUNDS,
                    format!("{have}{denom} is smaller than {amount}{denom}: insufficient funds"),
                ));
            }
        }
        Ok(())
    }

    /// CheckTx: decoding, the signer's account and sequence, the signature (skipped when simulating,
    /// as the SDK does), fee and gas limit.
    fn check(&self, tx_bytes: &[u8], simulate: bool) -> Result<CheckedTx, TxFailure> {
        let decode_err = |what: &str, e: prost::DecodeError| {
            TxFailure::sdk(codes::TX_DECODE, format!("decoding {what}: {e}: tx parse error"))
        };
        let raw = proto::TxRaw::decode(tx_bytes).map_err(|e| decode_err("TxRaw", e))?;
        let body = proto::TxBody::decode(raw.body_bytes.as_slice()).map_err(|e| decode_err("TxBody", e))?;
        let auth = proto::AuthInfo::decode(raw.auth_info_bytes.as_slice()).map_err(|e| decode_err("AuthInfo", e))?;
        if body.messages.is_empty() {
            return Err(TxFailure::sdk(codes::INVALID_REQUEST, "must contain at least one message: invalid request"));
        }
        if body.memo.chars().count() > MAX_MEMO {
            return Err(TxFailure::sdk(
                codes::MEMO_TOO_LARGE,
                format!("maximum number of characters is {MAX_MEMO}: memo too large"),
            ));
        }
        let [signer_info] = auth.signer_infos.as_slice() else {
            return Err(TxFailure::sdk(
                codes::UNAUTHORIZED,
                format!("the embedded chain accepts exactly one signer, got {}: unauthorized", auth.signer_infos.len()),
            ));
        };
        let [signature] = raw.signatures.as_slice() else {
            return Err(TxFailure::sdk(codes::NO_SIGNATURES, "expected exactly one signature: no signatures supplied"));
        };
        let mode = signer_info.mode_info.as_ref().and_then(|m| m.single.as_ref()).map(|s| s.mode);
        // CosmJS simulates with SIGN_MODE_UNSPECIFIED (nothing is signed then)
        if mode != Some(proto::SIGN_MODE_DIRECT) && !(simulate && mode.unwrap_or(0) == 0) {
            return Err(TxFailure::sdk(
                codes::UNAUTHORIZED,
                "only SIGN_MODE_DIRECT is supported by the embedded chain: unauthorized",
            ));
        }
        let pub_key = match &signer_info.public_key {
            Some(any) if any.type_url == proto::SECP256K1_PUBKEY => {
                proto::PubKey::decode(any.value.as_slice()).map_err(|e| decode_err("PubKey", e))?.key
            }
            Some(any) => {
                return Err(TxFailure::sdk(
                    codes::INVALID_PUBKEY,
                    format!("unsupported key type {}: invalid pubkey", any.type_url),
                ))
            }
            None => return Err(TxFailure::sdk(codes::INVALID_PUBKEY, "missing public key: invalid pubkey")),
        };
        if pub_key.len() != 33 {
            return Err(TxFailure::sdk(codes::INVALID_PUBKEY, "expected a compressed secp256k1 key: invalid pubkey"));
        }
        let signer = self.address_of(&pub_key);
        let mut msgs = vec![];
        for any in &body.messages {
            let msg = self.decode_msg(any)?;
            if msg.signer() != signer {
                return Err(TxFailure::sdk(
                    codes::UNAUTHORIZED,
                    format!(
                        "pubkey does not match signer address {} with signer index: 0: invalid pubkey",
                        msg.signer()
                    ),
                ));
            }
            msgs.push((any.type_url.clone(), msg));
        }
        let account = self.accounts.get(&signer).ok_or_else(|| {
            TxFailure::sdk(codes::UNKNOWN_ADDRESS, format!("account {signer} not found: unknown address"))
        })?;
        if signer_info.sequence != account.sequence {
            return Err(TxFailure::sdk(
                codes::WRONG_SEQUENCE,
                format!(
                    "account sequence mismatch, expected {}, got {}: incorrect account sequence",
                    account.sequence, signer_info.sequence
                ),
            ));
        }
        if !simulate {
            let doc = proto::SignDoc {
                body_bytes: raw.body_bytes.clone(),
                auth_info_bytes: raw.auth_info_bytes.clone(),
                chain_id: self.genesis.chain_id.clone(),
                account_number: account.account_number,
            };
            let verified = k256::ecdsa::VerifyingKey::from_sec1_bytes(&pub_key)
                .ok()
                .zip(k256::ecdsa::Signature::from_slice(signature).ok());
            let valid = verified
                .map(|(key, sig)| sig.normalize_s().is_none() && key.verify(&doc.encode_to_vec(), &sig).is_ok())
                .unwrap_or(false);
            if !valid {
                return Err(TxFailure::sdk(
                    codes::UNAUTHORIZED,
                    format!(
                        "signature verification failed; please verify account number ({}) and chain-id ({}): unauthorized",
                        account.account_number, self.genesis.chain_id
                    ),
                ));
            }
        }
        let fee = auth.fee.unwrap_or_default();
        let mut fee_coins = vec![];
        for coin in &fee.amount {
            let amount: u128 = coin.amount.parse().map_err(|_| {
                TxFailure::sdk(codes::INVALID_COINS, format!("invalid fee amount {:?}: invalid coins", coin.amount))
            })?;
            if amount > 0 {
                fee_coins.push((coin.denom.clone(), amount));
            }
        }
        if !simulate && fee.gas_limit == 0 {
            return Err(TxFailure::sdk(codes::INVALID_GAS_LIMIT, "gas limit must be positive: invalid gas limit"));
        }
        let ante_gas =
            ante::TX_SIZE_PER_BYTE * tx_bytes.len() as u64 + ante::SIG_VERIFY_SECP256K1 + ante::ACCOUNT_ACCESS;
        Ok(CheckedTx {
            signer,
            pub_key,
            sequence: signer_info.sequence,
            fee: fee_coins,
            gas_limit: fee.gas_limit,
            msgs,
            ante_gas,
        })
    }

    fn decode_msg(&self, any: &Any) -> Result<Msg, TxFailure> {
        let bad = |e: prost::DecodeError| {
            TxFailure::sdk(codes::TX_DECODE, format!("decoding {}: {e}: tx parse error", any.type_url))
        };
        let v = any.value.as_slice();
        let msg = match any.type_url.as_str() {
            "/cosmwasm.wasm.v1.MsgStoreCode" => {
                let m = proto::MsgStoreCode::decode(v).map_err(bad)?;
                Msg::StoreCode { sender: m.sender, wasm: gunzip(&m.wasm_byte_code)? }
            }
            "/cosmwasm.wasm.v1.MsgInstantiateContract" => {
                let m = proto::MsgInstantiateContract::decode(v).map_err(bad)?;
                no_funds(&m.funds)?;
                Msg::Instantiate {
                    sender: m.sender,
                    admin: Some(m.admin).filter(|a| !a.is_empty()),
                    code_id: m.code_id,
                    label: m.label,
                    msg: m.msg,
                }
            }
            "/cosmwasm.wasm.v1.MsgExecuteContract" => {
                let m = proto::MsgExecuteContract::decode(v).map_err(bad)?;
                no_funds(&m.funds)?;
                Msg::Execute { sender: m.sender, contract: m.contract, msg: m.msg }
            }
            "/cosmwasm.wasm.v1.MsgUpdateAdmin" => {
                let m = proto::MsgUpdateAdmin::decode(v).map_err(bad)?;
                Msg::UpdateAdmin { sender: m.sender, contract: m.contract, new_admin: Some(m.new_admin) }
            }
            "/cosmwasm.wasm.v1.MsgClearAdmin" => {
                let m = proto::MsgClearAdmin::decode(v).map_err(bad)?;
                Msg::UpdateAdmin { sender: m.sender, contract: m.contract, new_admin: None }
            }
            "/cosmos.bank.v1beta1.MsgSend" => {
                let m = proto::MsgSend::decode(v).map_err(bad)?;
                let mut amount = vec![];
                for c in m.amount {
                    let n: u128 = c.amount.parse().map_err(|_| {
                        TxFailure::sdk(codes::INVALID_COINS, format!("invalid amount {:?}: invalid coins", c.amount))
                    })?;
                    amount.push((c.denom, n));
                }
                Msg::Send { from: m.from_address, to: m.to_address, amount }
            }
            other => {
                return Err(TxFailure::sdk(
                    codes::UNKNOWN_REQUEST,
                    format!("unrecognized message type {other} (the embedded chain supports wasm store/instantiate/execute/admin and bank send): unknown request"),
                ))
            }
        };
        Ok(msg)
    }

    /// Runs the messages as one transaction: every message's effects or none. The gas limit is
    /// checked after each message (the contract's work is metered by the engine in wasmd's units).
    fn execute(&mut self, checked: &CheckedTx, mode: TxMode, gas_limit: u64) -> (u64, Result<Delivered, TxFailure>) {
        let codes_before = self.vm.codes().len();
        let mut extra_gas = checked.ante_gas;
        let mut new_codes: Vec<(CodeRecord, Vec<u8>)> = vec![];
        let mut balances = self.balances.clone();
        let vm = self.vm.clone();
        let genesis = self.genesis.clone();
        let signer = checked.signer.clone();
        let (usage, result) = self.chain.run(mode, |tx: &Tx| -> Result<Delivered, TxFailure> {
            let mut out = Delivered::default();
            for (index, (type_url, msg)) in checked.msgs.iter().enumerate() {
                let msg_index = index.to_string();
                let fail = |code: u32, codespace: &'static str, text: String| TxFailure {
                    codespace,
                    code,
                    log: format!("failed to execute message; message index: {index}: {text}"),
                };
                let module = if type_url.starts_with("/cosmos.bank") { "bank" } else { "wasm" };
                let mut events = vec![Event::new("message")
                    .add_attribute("action", type_url)
                    .add_attribute("sender", &signer)
                    .add_attribute("module", module)];
                match msg {
                    Msg::StoreCode { sender, wasm } => {
                        extra_gas += COMPILE_COST_PER_BYTE * wasm.len() as u64;
                        let checksum = hex::encode(Sha256::digest(wasm));
                        let code_id = vm
                            .store_code(&format!("code-{}", codes_before + new_codes.len() + 1), wasm)
                            .map_err(|e| fail(codes::WASM_CREATE_FAILED, "wasm", format!("{e:#}: create wasm contract failed")))?;
                        events.push(
                            Event::new("store_code")
                                .add_attribute("code_checksum", &checksum)
                                .add_attribute("code_id", code_id.to_string()),
                        );
                        out.responses.push(Any::pack(
                            "/cosmwasm.wasm.v1.MsgStoreCodeResponse",
                            &proto::MsgStoreCodeResponse { code_id, checksum: Sha256::digest(wasm).to_vec() },
                        ));
                        new_codes.push((CodeRecord { code_id, checksum, creator: sender.clone() }, wasm.clone()));
                    }
                    Msg::Instantiate { sender, admin, code_id, label, msg } => {
                        if let Some(a) = admin {
                            check_address(&genesis.prefix, a).map_err(|e| fail(codes::INVALID_ADDRESS, "sdk", e))?;
                        }
                        if label.trim().is_empty() {
                            return Err(fail(codes::WASM_INVALID, "wasm", "label is required: invalid".into()));
                        }
                        let (addr, executed) = tx
                            .instantiate(*code_id, &Addr::unchecked(sender), msg, label, admin.as_ref().map(Addr::unchecked))
                            .map_err(|e| call_failure(&fail, &e))?;
                        let mut executed_events = executed.events;
                        if let Some(first) = executed_events.first_mut() {
                            first.attributes.push(cosmwasm_std::Attribute::new("code_id", code_id.to_string()));
                        }
                        events.extend(executed_events);
                        out.responses.push(Any::pack(
                            "/cosmwasm.wasm.v1.MsgInstantiateContractResponse",
                            &proto::MsgInstantiateContractResponse {
                                address: addr.to_string(),
                                data: executed.data.map(|d| d.to_vec()).unwrap_or_default(),
                            },
                        ));
                    }
                    Msg::Execute { sender, contract, msg } => {
                        let executed: Executed = tx
                            .execute(&Addr::unchecked(contract), &Addr::unchecked(sender), msg)
                            .map_err(|e| call_failure(&fail, &e))?;
                        events.extend(executed.events);
                        out.responses.push(Any::pack(
                            "/cosmwasm.wasm.v1.MsgExecuteContractResponse",
                            &proto::MsgExecuteContractResponse { data: executed.data.map(|d| d.to_vec()).unwrap_or_default() },
                        ));
                    }
                    Msg::UpdateAdmin { sender, contract, new_admin } => {
                        extra_gas += ADMIN_CHANGE_GAS;
                        if let Some(a) = new_admin {
                            check_address(&genesis.prefix, a).map_err(|e| fail(codes::INVALID_ADDRESS, "sdk", e))?;
                        }
                        tx.set_admin(&Addr::unchecked(contract), &Addr::unchecked(sender), new_admin.as_ref().map(Addr::unchecked))
                            .map_err(|e| fail(codes::UNAUTHORIZED, "sdk", e.wasmd_text()))?;
                        let (ty, response) = if new_admin.is_some() {
                            ("update_contract_admin", "/cosmwasm.wasm.v1.MsgUpdateAdminResponse")
                        } else {
                            ("clear_contract_admin", "/cosmwasm.wasm.v1.MsgClearAdminResponse")
                        };
                        let mut e = Event::new(ty).add_attribute("_contract_address", contract);
                        if let Some(a) = new_admin {
                            e = e.add_attribute("new_admin_address", a);
                        }
                        events.push(e);
                        out.responses.push(Any { type_url: response.into(), value: vec![] });
                    }
                    Msg::Send { from, to, amount } => {
                        extra_gas += BANK_SEND_GAS;
                        check_address(&genesis.prefix, to).map_err(|e| fail(codes::INVALID_ADDRESS, "sdk", e))?;
                        for (denom, n) in amount {
                            let have = balances.get(&(from.clone(), denom.clone())).copied().unwrap_or(0);
                            let left = have.checked_sub(*n).ok_or_else(|| {
                                fail(codes::INSUFFICIENT_FUNDS, "sdk", format!("spendable balance {have}{denom} is smaller than {n}{denom}: insufficient funds"))
                            })?;
                            balances.insert((from.clone(), denom.clone()), left);
                            let slot = balances.entry((to.clone(), denom.clone())).or_insert(0);
                            *slot = slot.checked_add(*n).ok_or_else(|| fail(codes::INVALID_COINS, "sdk", "balance overflow".into()))?;
                        }
                        events.push(
                            Event::new("transfer")
                                .add_attribute("recipient", to)
                                .add_attribute("sender", from)
                                .add_attribute("amount", format_coins(amount)),
                        );
                        out.responses.push(Any { type_url: "/cosmos.bank.v1beta1.MsgSendResponse".into(), value: vec![] });
                        out.new_accounts.push(to.clone());
                    }
                }
                for e in &mut events {
                    e.attributes.push(cosmwasm_std::Attribute::new("msg_index", &msg_index));
                }
                out.events.extend(events);
                let used = extra_gas.saturating_add(tx.usage().total(false));
                if used > gas_limit {
                    return Err(TxFailure::sdk(
                        codes::OUT_OF_GAS,
                        format!("out of gas in location: message {index}; gasWanted: {gas_limit}, gasUsed: {used}: out of gas"),
                    ));
                }
            }
            Ok(out)
        });
        let gas_used = extra_gas.saturating_add(usage.total(false));
        let result = match result {
            Ok(out) if mode == TxMode::Deliver => {
                self.balances = balances;
                for (record, wasm) in new_codes {
                    if let Some(home) = &self.home {
                        let dir = home.join("codes");
                        let written = std::fs::create_dir_all(&dir)
                            .and_then(|_| std::fs::write(dir.join(format!("{}.wasm", record.checksum)), &wasm));
                        if let Err(e) = written {
                            eprintln!("localchain: cannot write code {}: {e}", record.code_id);
                        }
                    }
                    self.wasm.insert(record.code_id, wasm);
                    self.codes.push(record);
                }
                for a in &out.new_accounts {
                    self.ensure_account(a);
                }
                Ok(out)
            }
            other => {
                self.vm.truncate_codes(codes_before);
                other
            }
        };
        (gas_used.min(gas_limit.max(checked.ante_gas)), result)
    }

    /// The wasm of a stored code.
    pub fn wasm_of(&self, code_id: u64) -> Option<&[u8]> {
        self.wasm.get(&code_id).map(Vec::as_slice)
    }

    // ---------------------------------------------------------------- queries

    /// An ABCI query by gRPC path with a protobuf request: the protobuf response, or (code, log).
    pub fn abci_query(&mut self, path: &str, data: &[u8]) -> Result<Vec<u8>, (u32, String)> {
        let decode = |e: prost::DecodeError| (codes::TX_DECODE, format!("decoding the request: {e}"));
        let unknown = |text: String| {
            (codes::UNKNOWN_REQUEST, format!("rpc error: code = Unknown desc = {text}: unknown request"))
        };
        let not_found =
            |text: String| (codes::KEY_NOT_FOUND, format!("rpc error: code = NotFound desc = {text}: key not found"));
        let invalid = |text: String| {
            (codes::INVALID_REQUEST, format!("rpc error: code = InvalidArgument desc = {text}: invalid request"))
        };
        match path {
            "/cosmos.auth.v1beta1.Query/Account" => {
                let req = proto::QueryAccountRequest::decode(data).map_err(decode)?;
                let account = self
                    .accounts
                    .get(&req.address)
                    .ok_or_else(|| not_found(format!("account {} not found", req.address)))?;
                let base = proto::BaseAccount {
                    address: account.address.clone(),
                    pub_key: account
                        .pub_key
                        .as_ref()
                        .map(|k| Any::pack(proto::SECP256K1_PUBKEY, &proto::PubKey { key: k.to_vec() })),
                    account_number: account.account_number,
                    sequence: account.sequence,
                };
                Ok(proto::QueryAccountResponse { account: Some(Any::pack("/cosmos.auth.v1beta1.BaseAccount", &base)) }
                    .encode_to_vec())
            }
            "/cosmos.tx.v1beta1.Service/Simulate" => {
                let req = proto::SimulateRequest::decode(data).map_err(decode)?;
                let (gas_used, result) = self.simulate(&req.tx_bytes).map_err(|f| unknown(f.log))?;
                Ok(proto::SimulateResponse {
                    gas_info: Some(proto::GasInfo { gas_wanted: u64::MAX, gas_used }),
                    result: Some(result),
                }
                .encode_to_vec())
            }
            "/cosmos.bank.v1beta1.Query/Balance" => {
                let req = proto::QueryBalanceRequest::decode(data).map_err(decode)?;
                self.validate_address(&req.address).map_err(|f| invalid(f.log))?;
                let amount = self.balance(&req.address, &req.denom);
                Ok(proto::QueryBalanceResponse {
                    balance: Some(proto::Coin { denom: req.denom, amount: amount.to_string() }),
                }
                .encode_to_vec())
            }
            "/cosmos.bank.v1beta1.Query/AllBalances" => {
                let req = proto::QueryAccountRequest::decode(data).map_err(decode)?;
                let balances = self
                    .balances(&req.address)
                    .into_iter()
                    .map(|(denom, n)| proto::Coin { denom, amount: n.to_string() })
                    .collect();
                Ok(proto::QueryAllBalancesResponse { balances }.encode_to_vec())
            }
            "/cosmwasm.wasm.v1.Query/SmartContractState" => {
                let req = proto::QueryContractStateRequest::decode(data).map_err(decode)?;
                let addr = self.contract(&req.address).map_err(not_found)?;
                match self.chain.query_bytes(&addr, &req.query_data) {
                    Ok(bin) => Ok(proto::QueryDataResponse { data: bin.to_vec() }.encode_to_vec()),
                    Err(CallError::Contract { error, .. }) => {
                        Err(unknown(format!("{error}: query wasm contract failed")))
                    }
                    Err(e) => Err(unknown(e.wasmd_text())),
                }
            }
            "/cosmwasm.wasm.v1.Query/RawContractState" => {
                let req = proto::QueryContractStateRequest::decode(data).map_err(decode)?;
                let addr = self.contract(&req.address).map_err(not_found)?;
                let value = self.chain.raw(&addr, &req.query_data).unwrap_or_default();
                Ok(proto::QueryDataResponse { data: value }.encode_to_vec())
            }
            "/cosmwasm.wasm.v1.Query/ContractInfo" => {
                let req = proto::QueryContractInfoRequest::decode(data).map_err(decode)?;
                let addr = self.contract(&req.address).map_err(not_found)?;
                let view = self
                    .chain
                    .contract_info(&addr)
                    .ok_or_else(|| not_found(format!("address {}: no such contract", req.address)))?;
                Ok(proto::QueryContractInfoResponse {
                    address: req.address,
                    contract_info: Some(proto::ContractInfo {
                        code_id: view.code_id,
                        creator: view.creator.to_string(),
                        admin: view.admin.map(|a| a.to_string()).unwrap_or_default(),
                        label: view.label,
                    }),
                }
                .encode_to_vec())
            }
            "/cosmwasm.wasm.v1.Query/Code" => {
                let req = proto::QueryCodeRequest::decode(data).map_err(decode)?;
                let info = self
                    .code_info(req.code_id)
                    .ok_or_else(|| not_found(format!("code {}: no such code", req.code_id)))?;
                let wasm = self
                    .wasm_of(req.code_id)
                    .ok_or_else(|| not_found(format!("code {}: wasm not stored", req.code_id)))?;
                Ok(proto::QueryCodeResponse { code_info: Some(info), data: wasm.to_vec() }.encode_to_vec())
            }
            "/cosmwasm.wasm.v1.Query/Codes" => {
                let code_infos = (1..=self.codes.len() as u64).filter_map(|id| self.code_info(id)).collect();
                Ok(proto::QueryCodesResponse { code_infos }.encode_to_vec())
            }
            "/cosmwasm.wasm.v1.Query/ContractsByCode" => {
                let req = proto::QueryCodeRequest::decode(data).map_err(decode)?;
                let contracts = self
                    .chain
                    .snapshot()
                    .contracts
                    .into_iter()
                    .filter(|c| c.info.code_id == req.code_id)
                    .map(|c| c.info.address.to_string())
                    .collect();
                Ok(proto::QueryContractsByCodeResponse { contracts }.encode_to_vec())
            }
            other => Err((
                codes::UNKNOWN_REQUEST,
                format!("no query handler for path {other} on the embedded chain: unknown request"),
            )),
        }
    }

    fn contract(&self, address: &str) -> Result<Addr, String> {
        check_address(&self.genesis.prefix, address)?;
        let addr = Addr::unchecked(address);
        if self.chain.contract_info(&addr).is_none() {
            return Err(format!("address {address}: no such contract"));
        }
        Ok(addr)
    }

    fn code_info(&self, code_id: u64) -> Option<proto::CodeInfoResponse> {
        let code = self.codes.get(usize::try_from(code_id).ok()?.checked_sub(1)?)?;
        Some(proto::CodeInfoResponse {
            code_id,
            creator: code.creator.clone(),
            data_hash: hex::decode(&code.checksum).ok()?,
            instantiate_permission: Some(proto::AccessConfig { permission: 3, addresses: vec![] }),
        })
    }

    pub fn code_records(&self) -> &[CodeRecord] {
        &self.codes
    }
}

#[derive(Default)]
struct Delivered {
    events: Vec<Event>,
    responses: Vec<Any>,
    new_accounts: Vec<String>,
}

fn next_block(b: &BlockInfo) -> BlockInfo {
    BlockInfo { height: b.height + 1, time: b.time.plus_seconds(BLOCK_SECONDS), chain_id: b.chain_id.clone() }
}

fn check_address(prefix: &str, address: &str) -> Result<(), String> {
    match bech32::decode(address) {
        Ok((hrp, data)) if hrp.as_str() == prefix && !data.is_empty() && address == address.to_lowercase() => Ok(()),
        Ok(_) => Err(format!("invalid address {address:?}: expected a {prefix} address")),
        Err(e) => Err(format!("invalid address {address:?}: {e}")),
    }
}

fn no_funds(funds: &[proto::Coin]) -> Result<(), TxFailure> {
    if funds.iter().any(|c| c.amount != "0") {
        return Err(TxFailure::sdk(
            codes::INVALID_COINS,
            "the embedded chain does not send native funds to contracts (Harbour contracts take none): invalid coins",
        ));
    }
    Ok(())
}

/// A contract call's failure as wasmd reports it: its text, wasm codespace, code by entry point.
fn call_failure(fail: &impl Fn(u32, &'static str, String) -> TxFailure, e: &CallError) -> TxFailure {
    let code = match innermost(e) {
        CallError::Contract { entry: "instantiate", .. } => codes::WASM_INSTANTIATE_FAILED,
        CallError::Router(r) if r.starts_with("no such contract") || r.starts_with("unknown code") => {
            codes::WASM_NOT_FOUND
        }
        _ => codes::WASM_EXECUTE_FAILED,
    };
    fail(code, "wasm", e.wasmd_text())
}

fn innermost(e: &CallError) -> &CallError {
    match e {
        CallError::Submessage(inner) => innermost(inner),
        other => other,
    }
}

/// `1000uhbr,5ufoo` (empty for no coins).
pub fn format_coins(coins: &[(String, u128)]) -> String {
    coins.iter().map(|(d, n)| format!("{n}{d}")).collect::<Vec<_>>().join(",")
}

fn abci_event(e: &Event) -> proto::AbciEvent {
    proto::AbciEvent {
        r#type: e.ty.clone(),
        attributes: e
            .attributes
            .iter()
            .map(|a| proto::AbciEventAttribute { key: a.key.clone(), value: a.value.clone(), index: true })
            .collect(),
    }
}

/// Decompresses a gzip upload (CosmJS gzips wasm); plain wasm passes through, as in wasmd.
fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, TxFailure> {
    use std::io::Read;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        if bytes.len() > MAX_WASM_SIZE {
            return Err(TxFailure {
                codespace: "wasm",
                code: codes::WASM_CREATE_FAILED,
                log: format!(
                    "wasm is {} bytes, more than the limit of {MAX_WASM_SIZE}: create wasm contract failed",
                    bytes.len()
                ),
            });
        }
        return Ok(bytes.to_vec());
    }
    let mut out = vec![];
    flate2::read::GzDecoder::new(bytes).take(MAX_WASM_SIZE as u64 + 1).read_to_end(&mut out).map_err(|e| {
        TxFailure {
            codespace: "wasm",
            code: codes::WASM_CREATE_FAILED,
            log: format!("uncompressing the wasm: {e}: create wasm contract failed"),
        }
    })?;
    if out.len() > MAX_WASM_SIZE {
        return Err(TxFailure {
            codespace: "wasm",
            code: codes::WASM_CREATE_FAILED,
            log: format!(
                "uncompressed wasm is larger than the limit of {MAX_WASM_SIZE} bytes: create wasm contract failed"
            ),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_ripemd160_of_sha256_of_the_key() {
        // CosmJS's test vector (pubkeyToAddress)
        let node = Node::new(Genesis { prefix: "cosmos".into(), ..Genesis::default() }, None).expect("node");
        let key = hex::decode("034f04181eeba35391b858633a765c4a0c189697b40d216354d50890d350c70290").expect("hex");
        assert_eq!(node.address_of(&key), "cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6");
    }

    #[test]
    fn gzip_uploads_are_decompressed_and_bounded() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(vec![], flate2::Compression::default());
        enc.write_all(b"\0asm\x01\0\0\0").expect("write");
        let gz = enc.finish().expect("finish");
        assert_eq!(gunzip(&gz).expect("gunzip"), b"\0asm\x01\0\0\0");
        assert_eq!(gunzip(b"\0asm").expect("plain"), b"\0asm");
        let mut enc = flate2::write::GzEncoder::new(vec![], flate2::Compression::default());
        enc.write_all(&vec![0u8; MAX_WASM_SIZE + 1]).expect("write");
        let bomb = enc.finish().expect("finish");
        assert_eq!(gunzip(&bomb).map_err(|f| f.code), Err(codes::WASM_CREATE_FAILED));
    }

    #[test]
    fn faucet_creates_numbered_accounts_and_blocks_advance_deterministically() {
        let mut node = Node::new(Genesis::default(), None).expect("node");
        let a = api::encode_with(node.vm.hrp(), &[1; 20]);
        let b = api::encode_with(node.vm.hrp(), &[2; 20]);
        node.fund(&a, "uhbr", 5).expect("fund a");
        node.fund(&b, "uhbr", 7).expect("fund b");
        node.fund(&a, "uhbr", 1).expect("fund a again");
        assert_eq!(node.account(&a).map(|x| x.account_number), Some(0));
        assert_eq!(node.account(&b).map(|x| x.account_number), Some(1));
        assert_eq!(node.balance(&a, "uhbr"), 6);
        assert!(node.fund("cosmos1xyz", "uhbr", 1).is_err());
        let before = node.block();
        let after = node.advance_time(86_400);
        assert_eq!(after.time.seconds(), before.time.seconds() + 86_400);
        assert_eq!(after.height, before.height + 86_400 / BLOCK_SECONDS);
        assert_eq!(before.time.seconds(), GENESIS_SECONDS);
    }

    #[test]
    fn garbage_and_unsigned_transactions_are_refused_with_sdk_codes() {
        let mut node = Node::new(Genesis::default(), None).expect("node");
        let (_, r) = node.broadcast(b"\xff\xff\xff");
        assert_eq!(r.map_err(|f| f.code), Err(codes::TX_DECODE));
        let body = proto::TxBody { messages: vec![], memo: String::new(), timeout_height: 0 };
        let raw = proto::TxRaw { body_bytes: body.encode_to_vec(), auth_info_bytes: vec![], signatures: vec![] };
        let (_, r) = node.broadcast(&raw.encode_to_vec());
        assert_eq!(r.map_err(|f| f.code), Err(codes::INVALID_REQUEST));
        assert!(node.txs.is_empty(), "nothing delivered");
    }
}
