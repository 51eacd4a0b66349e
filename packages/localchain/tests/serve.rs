//! The binary as the CLI uses it: `serve` on a free port answers CometBFT JSON-RPC, keeps its state
//! across restarts, refuses a second node on the same home, and `reset` clears it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

fn serve(home: &std::path::Path) -> (Child, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_localchain"))
        .args(["serve", "--port", "0", "--exit-on-stdin-close", "--home"])
        .arg(home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn localchain");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("banner");
    let port = line.split("127.0.0.1:").nth(1).and_then(|r| r.split_whitespace().next()).and_then(|p| p.parse().ok());
    (child, port.unwrap_or_else(|| panic!("no port in {line:?}")))
}

fn call(port: u16, body: &str) -> serde_json::Value {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        s,
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    let json = out.split("\r\n\r\n").nth(1).expect("body");
    serde_json::from_str(json).expect("json")
}

fn stop(mut child: Child) {
    drop(child.stdin.take());
    let _ = child.wait();
}

#[test]
fn serves_status_keeps_state_and_resets() {
    let dir = std::env::temp_dir().join(format!("localchain-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (child, port) = serve(&dir);
    let status = call(port, r#"{"jsonrpc":"2.0","id":1,"method":"status","params":{}}"#);
    assert_eq!(status["result"]["node_info"]["network"], "harbour-local-1");
    assert_eq!(status["result"]["sync_info"]["latest_block_height"], "1");
    assert_eq!(status["result"]["sync_info"]["latest_block_time"], "2026-01-05T00:00:00.000000000Z");
    let moved = call(port, r#"{"jsonrpc":"2.0","id":2,"method":"harbour_advance_time","params":{"seconds":"3600"}}"#);
    assert_eq!(moved["result"]["time"], "2026-01-05T01:00:00.000000000Z");
    let unknown = call(port, r#"{"jsonrpc":"2.0","id":3,"method":"nope","params":{}}"#);
    assert_eq!(unknown["error"]["code"], -32601);
    // a second node on the same home is refused while the first runs
    let second = Command::new(env!("CARGO_BIN_EXE_localchain"))
        .args(["serve", "--port", "0", "--home"])
        .arg(&dir)
        .output()
        .expect("run");
    assert!(!second.status.success());
    assert!(String::from_utf8_lossy(&second.stderr).contains("in use"), "{}", String::from_utf8_lossy(&second.stderr));
    stop(child);
    // restarted: the time jump is still there
    let (child, port) = serve(&dir);
    let status = call(port, r#"{"jsonrpc":"2.0","id":1,"method":"status","params":{}}"#);
    assert_eq!(status["result"]["sync_info"]["latest_block_time"], "2026-01-05T01:00:00.000000000Z");
    stop(child);
    let reset =
        Command::new(env!("CARGO_BIN_EXE_localchain")).args(["reset", "--home"]).arg(&dir).output().expect("reset");
    assert!(reset.status.success());
    assert!(!dir.join("state.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
