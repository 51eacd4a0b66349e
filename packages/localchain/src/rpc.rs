//! CometBFT 0.38 JSON-RPC over HTTP on 127.0.0.1: the methods CosmJS's `Comet38Client` calls
//! (`status`, `abci_query`, `broadcast_tx_sync`, `tx`, `tx_search`, `block`, `abci_info`), plus two
//! development extensions of the embedded chain (`harbour_advance_time`, `harbour_fund`).
//!
//! One request per connection (`Connection: close`), served in order on one thread: the node is a
//! single state machine, and a transaction is delivered in its own block as soon as it is broadcast.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use cosmwasm_std::{Event, Timestamp};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::node::{Node, TxRecord};
use crate::store::Home;

/// CometBFT version reported by `status` (wasmd 0.5x runs CometBFT 0.38).
pub const COMET_VERSION: &str = "0.38.12";
/// Largest request body accepted (a gzipped 800 KiB upload in base64 fits easily).
const MAX_BODY: usize = 8 * 1024 * 1024;

pub struct Rpc {
    pub node: Node,
    pub home: Home,
}

#[derive(Debug)]
pub struct RpcError {
    code: i64,
    message: &'static str,
    data: String,
}

fn invalid_params(data: impl Into<String>) -> RpcError {
    RpcError { code: -32602, message: "Invalid params", data: data.into() }
}

fn internal(data: impl Into<String>) -> RpcError {
    RpcError { code: -32603, message: "Internal error", data: data.into() }
}

impl Rpc {
    /// One JSON-RPC request (a parsed body) to its response body.
    pub fn handle(&mut self, request: &Value) -> Value {
        let id = request.get("id").cloned().unwrap_or(Value::from(-1));
        let method = request.get("method").and_then(Value::as_str).unwrap_or_default();
        let params = request.get("params").cloned().unwrap_or(json!({}));
        let result = match method {
            "status" => Ok(self.status()),
            "health" => Ok(json!({})),
            "abci_info" => Ok(self.abci_info()),
            "abci_query" => self.abci_query(&params),
            "broadcast_tx_sync" | "broadcast_tx_async" => self.broadcast(&params),
            "tx" => self.tx(&params),
            "tx_search" => self.tx_search(&params),
            "block" => self.block(&params),
            "harbour_advance_time" => self.advance_time(&params),
            "harbour_fund" => self.fund(&params),
            other => Err(RpcError {
                code: -32601,
                message: "Method not found",
                data: format!("method {other:?} is not served by the embedded chain"),
            }),
        };
        match result {
            Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
            Err(e) => {
                json!({ "jsonrpc": "2.0", "id": id, "error": { "code": e.code, "message": e.message, "data": e.data } })
            }
        }
    }

    fn persist(&self) -> Result<(), RpcError> {
        self.home.save(&self.node).map_err(|e| internal(format!("saving the state: {e:#}")))
    }

    fn status(&self) -> Value {
        let b = self.node.block();
        let g = &self.node.genesis;
        json!({
            "node_info": {
                "protocol_version": { "p2p": "8", "block": "11", "app": "0" },
                "id": hex::encode(&Sha256::digest(g.chain_id.as_bytes())[..20]),
                "listen_addr": "tcp://127.0.0.1:0",
                "network": g.chain_id,
                "version": COMET_VERSION,
                "channels": "",
                "moniker": "harbour-localchain",
                "other": { "tx_index": "on", "rpc_address": "tcp://127.0.0.1" }
            },
            "sync_info": {
                "latest_block_hash": block_hash(&g.chain_id, b.height),
                "latest_app_hash": app_hash(b.height),
                "latest_block_height": b.height.to_string(),
                "latest_block_time": rfc3339(b.time),
                "earliest_block_hash": block_hash(&g.chain_id, 1),
                "earliest_app_hash": app_hash(1),
                "earliest_block_height": "1",
                "earliest_block_time": rfc3339(Timestamp::from_seconds(crate::node::GENESIS_SECONDS)),
                "catching_up": false
            },
            "validator_info": validator(),
        })
    }

    fn abci_info(&self) -> Value {
        let b = self.node.block();
        json!({ "response": {
            "data": "harbour-localchain", "version": env!("CARGO_PKG_VERSION"),
            "last_block_height": b.height.to_string(), "last_block_app_hash": B64.encode(hex::decode(app_hash(b.height)).unwrap_or_default())
        }})
    }

    fn abci_query(&mut self, params: &Value) -> Result<Value, RpcError> {
        let path = str_param(params, "path")?;
        let data = match params.get("data").and_then(Value::as_str) {
            Some(h) => hex::decode(h).map_err(|e| invalid_params(format!("data is not hex: {e}")))?,
            None => vec![],
        };
        let height = self.node.block().height.to_string();
        let response = match self.node.abci_query(&path, &data) {
            Ok(value) => {
                json!({ "code": 0, "log": "", "info": "", "index": "0", "value": B64.encode(value), "height": height, "codespace": "" })
            }
            Err((code, log)) => {
                json!({ "code": code, "log": log, "info": "", "index": "0", "height": height, "codespace": "sdk" })
            }
        };
        Ok(json!({ "response": response }))
    }

    fn broadcast(&mut self, params: &Value) -> Result<Value, RpcError> {
        let tx = B64.decode(str_param(params, "tx")?).map_err(|e| invalid_params(format!("tx is not base64: {e}")))?;
        let (hash, checked) = self.node.broadcast(&tx);
        let result = match checked {
            Ok(()) => {
                self.persist()?;
                json!({ "code": 0, "data": "", "log": "[]", "codespace": "", "hash": hash })
            }
            Err(f) => json!({ "code": f.code, "data": "", "log": f.log, "codespace": f.codespace, "hash": hash }),
        };
        Ok(result)
    }

    fn tx(&self, params: &Value) -> Result<Value, RpcError> {
        let hash =
            B64.decode(str_param(params, "hash")?).map_err(|e| invalid_params(format!("hash is not base64: {e}")))?;
        let hex_hash = hex::encode_upper(hash);
        self.node.tx(&hex_hash).map(tx_json).ok_or_else(|| internal(format!("tx ({hex_hash}) not found")))
    }

    /// `tx.hash='…'` or `tx.height=N` (what CosmJS's `getTx` and `searchTx` by height send).
    fn tx_search(&self, params: &Value) -> Result<Value, RpcError> {
        let query = str_param(params, "query")?;
        let (key, value) = query
            .split_once('=')
            .map(|(k, v)| (k.trim(), v.trim().trim_matches('\'').trim_matches('"')))
            .ok_or_else(|| invalid_params(format!("unsupported query {query:?}")))?;
        let txs: Vec<&TxRecord> = match key {
            "tx.hash" => self.node.tx(value).into_iter().collect(),
            "tx.height" => {
                let h: u64 = value.parse().map_err(|_| invalid_params(format!("bad height in {query:?}")))?;
                self.node.txs_at(h)
            }
            _ => {
                return Err(invalid_params(format!(
                    "the embedded chain searches by tx.hash or tx.height only, not {query:?}"
                )))
            }
        };
        Ok(json!({ "txs": txs.iter().map(|t| tx_json(t)).collect::<Vec<_>>(), "total_count": txs.len().to_string() }))
    }

    fn block(&self, params: &Value) -> Result<Value, RpcError> {
        let latest = self.node.block().height;
        let height = match params.get("height") {
            None | Some(Value::Null) => latest,
            Some(Value::String(s)) => s.parse().map_err(|_| invalid_params(format!("bad height {s:?}")))?,
            Some(Value::Number(n)) => n.as_u64().ok_or_else(|| invalid_params("bad height"))?,
            Some(_) => return Err(invalid_params("bad height")),
        };
        let record = self.node.block_at(height).ok_or_else(|| {
            internal(format!("height {height} is not available: the embedded chain has blocks with transactions and time jumps only (latest {latest})"))
        })?;
        let chain_id = &self.node.genesis.chain_id;
        let txs: Vec<String> =
            record.txs.iter().filter_map(|h| self.node.tx(h)).map(|t| B64.encode(t.tx.as_slice())).collect();
        let empty_id = json!({ "hash": "", "parts": { "total": 0, "hash": "" } });
        let last_block_id = if height > 1 {
            json!({ "hash": block_hash(chain_id, height - 1), "parts": { "total": 1, "hash": block_hash(chain_id, height - 1) } })
        } else {
            empty_id.clone()
        };
        let zero = hex::encode_upper([0u8; 32]);
        Ok(json!({
            "block_id": { "hash": block_hash(chain_id, height), "parts": { "total": 1, "hash": block_hash(chain_id, height) } },
            "block": {
                "header": {
                    "version": { "block": "11", "app": "0" },
                    "chain_id": chain_id,
                    "height": height.to_string(),
                    "time": rfc3339(record.time),
                    "last_block_id": last_block_id,
                    "last_commit_hash": zero, "data_hash": zero, "validators_hash": zero, "next_validators_hash": zero,
                    "consensus_hash": zero, "app_hash": app_hash(height), "last_results_hash": zero, "evidence_hash": zero,
                    "proposer_address": validator_address(),
                },
                "data": { "txs": txs },
                "evidence": { "evidence": [] },
                "last_commit": { "height": height.saturating_sub(1).to_string(), "round": 0, "block_id": empty_id, "signatures": [] }
            }
        }))
    }

    fn advance_time(&mut self, params: &Value) -> Result<Value, RpcError> {
        let seconds = u64_param(params, "seconds")?;
        if seconds == 0 {
            return Err(invalid_params("seconds must be positive"));
        }
        let b = self.node.advance_time(seconds);
        self.persist()?;
        Ok(json!({ "height": b.height.to_string(), "time": rfc3339(b.time) }))
    }

    fn fund(&mut self, params: &Value) -> Result<Value, RpcError> {
        let address = str_param(params, "address")?;
        let amount: u128 =
            str_param(params, "amount")?.parse().map_err(|_| invalid_params("amount must be an integer"))?;
        let denom = params
            .get("denom")
            .and_then(Value::as_str)
            .map(String::from)
            .unwrap_or_else(|| self.node.genesis.denom.clone());
        self.node.fund(&address, &denom, amount).map_err(|e| invalid_params(e.to_string()))?;
        self.persist()?;
        Ok(json!({ "address": address, "balance": format!("{}{denom}", self.node.balance(&address, &denom)) }))
    }
}

fn str_param(params: &Value, key: &str) -> Result<String, RpcError> {
    params
        .get(key)
        .and_then(Value::as_str)
        .map(String::from)
        .ok_or_else(|| invalid_params(format!("missing string parameter {key:?}")))
}

fn u64_param(params: &Value, key: &str) -> Result<u64, RpcError> {
    match params.get(key) {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    }
    .ok_or_else(|| invalid_params(format!("missing integer parameter {key:?}")))
}

fn tx_json(t: &TxRecord) -> Value {
    let r = &t.result;
    json!({
        "hash": t.hash,
        "height": t.height.to_string(),
        "index": t.index,
        "tx": B64.encode(t.tx.as_slice()),
        "tx_result": {
            "code": r.code,
            "codespace": r.codespace,
            "log": r.log,
            "info": "",
            "data": B64.encode(r.data.as_slice()),
            "gas_wanted": r.gas_wanted.to_string(),
            "gas_used": r.gas_used.to_string(),
            "events": r.events.iter().map(event_json).collect::<Vec<_>>(),
        }
    })
}

fn event_json(e: &Event) -> Value {
    json!({
        "type": e.ty,
        "attributes": e.attributes.iter().map(|a| json!({ "key": a.key, "value": a.value, "index": true })).collect::<Vec<_>>(),
    })
}

/// A stable pseudo hash of a block (the embedded chain has no consensus).
fn block_hash(chain_id: &str, height: u64) -> String {
    hex::encode_upper(Sha256::digest(format!("{chain_id}/{height}").as_bytes()))
}

fn app_hash(height: u64) -> String {
    hex::encode_upper(Sha256::digest(format!("app/{height}").as_bytes()))
}

fn validator_address() -> String {
    hex::encode_upper(&Sha256::digest(b"harbour-localchain-validator")[..20])
}

fn validator() -> Value {
    json!({
        "address": validator_address(),
        "pub_key": { "type": "tendermint/PubKeyEd25519", "value": B64.encode(Sha256::digest(b"harbour-localchain-validator-key")) },
        "voting_power": "10"
    })
}

/// RFC 3339 with nanoseconds, UTC (`2026-01-05T00:00:05.000000000Z`).
pub fn rfc3339(t: Timestamp) -> String {
    let secs = t.seconds() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:09}Z", rem / 3600, rem % 3600 / 60, rem % 60, t.subsec_nanos())
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Serves JSON-RPC on `listener` until the process is stopped.
pub fn serve(rpc: &mut Rpc, listener: TcpListener) -> anyhow::Result<()> {
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                if let Err(e) = serve_one(rpc, stream) {
                    eprintln!("localchain: request failed: {e:#}");
                }
            }
            Err(e) => eprintln!("localchain: accept failed: {e}"),
        }
    }
    Ok(())
}

fn serve_one(rpc: &mut Rpc, stream: TcpStream) -> anyhow::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or_default().to_string(), parts.next().unwrap_or("/").to_string());
    let mut length = 0usize;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
        if let Some((k, v)) = header.split_once(':') {
            if k.trim().eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let (status, body) = if length > MAX_BODY {
        ("413 Payload Too Large", json!({ "error": "request too large" }))
    } else if method == "POST" {
        let mut buf = vec![0u8; length];
        reader.read_exact(&mut buf)?;
        match serde_json::from_slice::<Value>(&buf) {
            Ok(Value::Array(batch)) => ("200 OK", Value::Array(batch.iter().map(|r| rpc.handle(r)).collect())),
            Ok(req) => ("200 OK", rpc.handle(&req)),
            Err(e) => (
                "200 OK",
                json!({ "jsonrpc": "2.0", "id": -1, "error": { "code": -32700, "message": "Parse error", "data": e.to_string() } }),
            ),
        }
    } else if method == "GET" {
        // URI form for a quick look (`curl http://127.0.0.1:PORT/status`): methods without parameters
        let name = target.trim_start_matches('/').split('?').next().unwrap_or_default();
        let name = if name.is_empty() { "status" } else { name };
        ("200 OK", rpc.handle(&json!({ "jsonrpc": "2.0", "id": -1, "method": name, "params": {} })))
    } else {
        ("405 Method Not Allowed", json!({ "error": "use POST (JSON-RPC) or GET" }))
    };
    let body = serde_json::to_vec(&body)?;
    let mut out = stream;
    write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    out.write_all(&body)?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_of_the_genesis_and_leap_days() {
        assert_eq!(rfc3339(Timestamp::from_seconds(crate::node::GENESIS_SECONDS)), "2026-01-05T00:00:00.000000000Z");
        assert_eq!(rfc3339(Timestamp::from_seconds(951_782_400)), "2000-02-29T00:00:00.000000000Z");
        assert_eq!(rfc3339(Timestamp::from_nanos(1_500_000_001)), "1970-01-01T00:00:01.500000001Z");
    }
}
