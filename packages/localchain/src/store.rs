//! The node's home directory (default `.harbour/localchain/`, gitignored):
//!
//! | file | what |
//! |---|---|
//! | `state.json` | [`StateFile`]: genesis parameters, codes, every contract's storage, accounts, balances, blocks and delivered transactions; rewritten atomically after every change |
//! | `codes/<sha256>.wasm` | the wasm of each stored code |
//! | `vm-cache/` | cosmwasm-vm's compiled modules (a cache: safe to delete) |
//! | `node.lock` | the pid of the node serving this home (one node per home) |

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::node::{Genesis, Node, StateFile};

pub struct Home {
    pub dir: PathBuf,
    locked: bool,
}

impl Home {
    pub fn new(dir: &Path) -> Home {
        Home { dir: dir.to_path_buf(), locked: false }
    }

    pub fn state_path(&self) -> PathBuf {
        self.dir.join("state.json")
    }

    fn lock_path(&self) -> PathBuf {
        self.dir.join("node.lock")
    }

    /// The pid of a live node holding this home, if any.
    pub fn holder(&self) -> Option<u32> {
        let pid: u32 = std::fs::read_to_string(self.lock_path()).ok()?.trim().parse().ok()?;
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
        (pid != std::process::id() && String::from_utf8_lossy(&cmdline).contains("localchain")).then_some(pid)
    }

    /// Takes the home for this process (a stale lock of a dead node is taken over).
    pub fn lock(&mut self) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.dir).with_context(|| format!("creating {}", self.dir.display()))?;
        if let Some(pid) = self.holder() {
            bail!("{} is in use by the localchain node with pid {pid}: stop it first", self.dir.display());
        }
        std::fs::write(self.lock_path(), std::process::id().to_string())?;
        self.locked = true;
        Ok(())
    }

    /// The node saved here, or a new one at genesis.
    pub fn open(&self, genesis: Genesis) -> anyhow::Result<Node> {
        let path = self.state_path();
        if !path.exists() {
            return Node::new(genesis, Some(&self.dir));
        }
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let state: StateFile = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a localchain state file (run `localchain reset`)", path.display()))?;
        if state.genesis != genesis {
            bail!(
                "{} holds chain {} (prefix {}, denom {}); asked for {} ({}, {}): run `localchain reset` or use another --home",
                path.display(), state.genesis.chain_id, state.genesis.prefix, state.genesis.denom,
                genesis.chain_id, genesis.prefix, genesis.denom
            );
        }
        Node::restore(state, &self.dir)
    }

    /// Writes the state file atomically (a temporary file renamed over it).
    pub fn save(&self, node: &Node) -> anyhow::Result<()> {
        let tmp = self.dir.join("state.json.tmp");
        let text = serde_json::to_vec(&node.state())?;
        std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, self.state_path())?;
        Ok(())
    }

    /// Deletes the state, the codes and the module cache.
    pub fn reset(&self) -> anyhow::Result<()> {
        if let Some(pid) = self.holder() {
            bail!("{} is in use by the localchain node with pid {pid}: stop it first", self.dir.display());
        }
        for name in ["state.json", "state.json.tmp", "node.lock"] {
            let p = self.dir.join(name);
            if p.exists() {
                std::fs::remove_file(&p).with_context(|| format!("removing {}", p.display()))?;
            }
        }
        for name in ["codes", "vm-cache"] {
            let p = self.dir.join(name);
            if p.exists() {
                std::fs::remove_dir_all(&p).with_context(|| format!("removing {}", p.display()))?;
            }
        }
        Ok(())
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        if self.locked {
            let _ = std::fs::remove_file(self.lock_path());
        }
    }
}
