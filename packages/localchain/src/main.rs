//! `localchain`: serve, reset or inspect the embedded chain. `localchain --help` for the options.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use localchain::node::Genesis;
use localchain::rpc::{self, Rpc};
use localchain::store::Home;

const HELP: &str = "localchain — Harbour's embedded chain (cosmwasm-vm 2.2) as a CometBFT JSON-RPC node

usage:
  localchain serve [--home DIR] [--port N] [--chain-id ID] [--prefix P] [--denom D] [--exit-on-stdin-close]
      serves http://127.0.0.1:PORT (port 0: any free port); prints `listening on http://127.0.0.1:PORT`
  localchain advance-time SECONDS [--home DIR]   moves the stopped chain's time ahead (one new block)
  localchain status [--home DIR]                 height, time, codes, contracts, accounts of the saved state
  localchain reset [--home DIR]                  deletes the saved state, codes and module cache

defaults: --home .harbour/localchain  --port 26657  --chain-id harbour-local-1  --prefix harbour  --denom uhbr";

struct Args {
    command: String,
    positional: Vec<String>,
    home: PathBuf,
    port: u16,
    genesis: Genesis,
    exit_on_stdin_close: bool,
}

fn parse() -> anyhow::Result<Args> {
    let mut it = std::env::args().skip(1);
    let mut a = Args {
        command: String::new(),
        positional: vec![],
        home: PathBuf::from(".harbour/localchain"),
        port: 26657,
        genesis: Genesis::default(),
        exit_on_stdin_close: false,
    };
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().with_context(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--home" => a.home = PathBuf::from(value("--home")?),
            "--port" => a.port = value("--port")?.parse().context("--port")?,
            "--chain-id" => a.genesis.chain_id = value("--chain-id")?,
            "--prefix" => a.genesis.prefix = value("--prefix")?,
            "--denom" => a.genesis.denom = value("--denom")?,
            "--exit-on-stdin-close" => a.exit_on_stdin_close = true,
            "-h" | "--help" | "help" => a.command = "help".into(),
            flag if flag.starts_with('-') => bail!("unknown option {flag}\n\n{HELP}"),
            word if a.command.is_empty() => a.command = word.to_string(),
            word => a.positional.push(word.to_string()),
        }
    }
    Ok(a)
}

fn run() -> anyhow::Result<()> {
    let args = parse()?;
    match args.command.as_str() {
        "serve" => {
            let mut home = Home::new(&args.home);
            home.lock()?;
            let node = home.open(args.genesis.clone())?;
            home.save(&node)?;
            let listener = TcpListener::bind(("127.0.0.1", args.port))
                .with_context(|| format!("binding 127.0.0.1:{}", args.port))?;
            let port = listener.local_addr()?.port();
            println!(
                "listening on http://127.0.0.1:{port} (chain {}, height {}, home {})",
                args.genesis.chain_id,
                node.block().height,
                args.home.display()
            );
            if args.exit_on_stdin_close {
                // the CLI that spawned this node holds stdin: when it goes, so does the node
                let dir = args.home.clone();
                std::thread::spawn(move || {
                    let mut sink = Vec::new();
                    let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut sink);
                    let _ = std::fs::remove_file(dir.join("node.lock"));
                    std::process::exit(0);
                });
            }
            let mut rpc = Rpc { node, home };
            rpc::serve(&mut rpc, listener)
        }
        "advance-time" => {
            let seconds: u64 =
                args.positional.first().context("advance-time needs SECONDS")?.parse().context("SECONDS")?;
            let mut home = Home::new(&args.home);
            home.lock()?;
            let mut node = home.open(args.genesis)?;
            let b = node.advance_time(seconds);
            home.save(&node)?;
            println!("height {} time {}", b.height, rpc::rfc3339(b.time));
            Ok(())
        }
        "status" => {
            let home = Home::new(&args.home);
            if !home.state_path().exists() {
                println!("no state in {} (genesis on first `serve`)", args.home.display());
                return Ok(());
            }
            let text = std::fs::read_to_string(home.state_path())?;
            let state: localchain::node::StateFile = serde_json::from_str(&text)?;
            println!(
                "chain {} height {} time {} codes {} contracts {} accounts {} txs {}{}",
                state.genesis.chain_id,
                state.chain.block.height,
                rpc::rfc3339(state.chain.block.time),
                state.codes.len(),
                state.chain.contracts.len(),
                state.accounts.len(),
                state.txs.len(),
                home.holder().map(|p| format!(" (served by pid {p})")).unwrap_or_default()
            );
            Ok(())
        }
        "reset" => {
            Home::new(&args.home).reset()?;
            println!("reset {}", args.home.display());
            Ok(())
        }
        "help" | "" => {
            println!("{HELP}");
            Ok(())
        }
        other => bail!("unknown command {other:?}\n\n{HELP}"),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("localchain: {e:#}");
            ExitCode::FAILURE
        }
    }
}
