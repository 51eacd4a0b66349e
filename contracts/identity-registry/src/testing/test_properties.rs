//! Property tests over random operation sequences, checked against a simple model:
//! - a wallet is bound to at most one DID, and the wallet→DID map and the DID→wallets index agree;
//! - the identity count matches the number of registered DIDs;
//! - `Verify` is exactly "bound, credential present, not revoked, block time < valid_until";
//! - every rejected operation leaves storage byte-for-byte unchanged, and the model agrees it
//!   had to be rejected.

use std::collections::{BTreeMap, BTreeSet};

use cosmwasm_std::{Addr, Timestamp};
use harbour_types::compliance::Requirement;
use harbour_types::identity::ClaimType;
use harbour_types::identity_registry::{
    ConfigResponse, ExecuteMsg, QueryMsg, Revocation, WalletResponse, WalletsResponse, MAX_WALLETS_PER_DID,
};
use proptest::prelude::*;

use super::Fixture;

const DIDS: usize = 4;
const WALLETS: usize = 8;

#[derive(Debug, Clone)]
enum Op {
    Register { did: usize, wallet: usize },
    Bind { did: usize, wallet: usize },
    Unbind { did: usize, wallet: usize },
    Recover { did: usize, lost: usize, new: usize },
    Remove { did: usize },
    Issue { did: usize, valid_for: u64 },
    Revoke { did: usize },
    Advance { seconds: u64 },
}

fn op() -> impl Strategy<Value = Op> {
    let d = 0..DIDS;
    let w = 0..WALLETS;
    prop_oneof![
        (d.clone(), w.clone()).prop_map(|(did, wallet)| Op::Register { did, wallet }),
        (d.clone(), w.clone()).prop_map(|(did, wallet)| Op::Bind { did, wallet }),
        (d.clone(), w.clone()).prop_map(|(did, wallet)| Op::Unbind { did, wallet }),
        (d.clone(), w.clone(), w).prop_map(|(did, lost, new)| Op::Recover { did, lost, new }),
        d.clone().prop_map(|did| Op::Remove { did }),
        (d.clone(), 1u64..500).prop_map(|(did, valid_for)| Op::Issue { did, valid_for }),
        d.prop_map(|did| Op::Revoke { did }),
        (0u64..300).prop_map(|seconds| Op::Advance { seconds }),
    ]
}

#[derive(Default)]
struct Model {
    identities: BTreeMap<usize, BTreeSet<usize>>,
    wallet_did: BTreeMap<usize, usize>,
    /// did -> (valid_until, revoked)
    kyc: BTreeMap<usize, (Timestamp, bool)>,
}

fn did(i: usize) -> String {
    format!("did:hk:p{i}")
}

impl Model {
    /// Applies `op` to the model; returns whether it must succeed.
    fn apply(&mut self, op: &Op, now: Timestamp) -> bool {
        match *op {
            Op::Register { did, wallet } => {
                if self.identities.contains_key(&did) || self.wallet_did.contains_key(&wallet) {
                    return false;
                }
                self.identities.insert(did, BTreeSet::from([wallet]));
                self.wallet_did.insert(wallet, did);
                true
            }
            Op::Bind { did, wallet } => {
                let Some(ws) = self.identities.get_mut(&did) else { return false };
                if self.wallet_did.contains_key(&wallet) || ws.len() >= MAX_WALLETS_PER_DID as usize {
                    return false;
                }
                ws.insert(wallet);
                self.wallet_did.insert(wallet, did);
                true
            }
            Op::Unbind { did, wallet } => {
                if self.wallet_did.get(&wallet) != Some(&did) {
                    return false;
                }
                self.wallet_did.remove(&wallet);
                self.identities.get_mut(&did).map(|ws| ws.remove(&wallet));
                true
            }
            Op::Recover { did, lost, new } => {
                if lost == new || self.wallet_did.get(&lost) != Some(&did) || self.wallet_did.contains_key(&new) {
                    return false;
                }
                self.wallet_did.remove(&lost);
                self.wallet_did.insert(new, did);
                if let Some(ws) = self.identities.get_mut(&did) {
                    ws.remove(&lost);
                    ws.insert(new);
                }
                true
            }
            Op::Remove { did } => {
                let Some(ws) = self.identities.remove(&did) else { return false };
                for w in ws {
                    self.wallet_did.remove(&w);
                }
                self.kyc.remove(&did);
                true
            }
            Op::Issue { did, valid_for } => {
                if !self.identities.contains_key(&did) {
                    return false;
                }
                self.kyc.insert(did, (now.plus_seconds(valid_for), false));
                true
            }
            Op::Revoke { did } => match self.kyc.get_mut(&did) {
                Some((_, revoked)) if !*revoked => {
                    *revoked = true;
                    true
                }
                _ => false,
            },
            Op::Advance { .. } => true,
        }
    }

    fn verified(&self, wallet: usize, now: Timestamp) -> bool {
        self.wallet_did
            .get(&wallet)
            .and_then(|d| self.kyc.get(d))
            .is_some_and(|(until, revoked)| !revoked && now < *until)
    }
}

fn to_msg(op: &Op, f: &Fixture, w: &[Addr]) -> Option<ExecuteMsg> {
    Some(match *op {
        Op::Register { did: d, wallet } => ExecuteMsg::RegisterIdentity(Fixture::identity(&did(d), &[&w[wallet]])),
        Op::Bind { did: d, wallet } => ExecuteMsg::BindWallet { did: did(d), wallet: w[wallet].to_string() },
        Op::Unbind { did: d, wallet } => ExecuteMsg::UnbindWallet { did: did(d), wallet: w[wallet].to_string() },
        Op::Recover { did: d, lost, new } => {
            ExecuteMsg::RecoverWallet { did: did(d), lost_wallet: w[lost].to_string(), new_wallet: w[new].to_string() }
        }
        Op::Remove { did: d } => ExecuteMsg::RemoveIdentity { did: did(d) },
        Op::Issue { did: d, valid_for } => {
            ExecuteMsg::IssueCredential(Fixture::grant(&did(d), ClaimType::Kyc, f.now().plus_seconds(valid_for)))
        }
        Op::Revoke { did: d } => {
            ExecuteMsg::RevokeCredential(Revocation { did: did(d), claim: ClaimType::Kyc, reason: "test".into() })
        }
        Op::Advance { .. } => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn registry_matches_model(ops in prop::collection::vec(op(), 1..40)) {
        let mut f = Fixture::new();
        let w: Vec<Addr> = (0..WALLETS).map(|i| f.addr(&format!("pw{i}"))).collect();
        let mut model = Model::default();
        let (agent, issuer) = (f.agent.clone(), f.issuer.clone());
        for op in &ops {
            let expect_ok = model.apply(op, f.now());
            match to_msg(op, &f, &w) {
                None => {
                    if let Op::Advance { seconds } = op { f.advance(*seconds) }
                }
                Some(msg) => {
                    let sender = match op { Op::Issue { .. } | Op::Revoke { .. } => &issuer, _ => &agent };
                    let before = f.snapshot();
                    let res = f.exec(sender, msg);
                    prop_assert_eq!(res.is_ok(), expect_ok, "op {:?} -> {:?}", op, res);
                    if res.is_err() {
                        prop_assert_eq!(f.snapshot(), before);
                    }
                }
            }
            // invariants
            let now = f.now();
            for (i, wallet) in w.iter().enumerate() {
                let r: WalletResponse = f.query(QueryMsg::Wallet { address: wallet.to_string() });
                prop_assert_eq!(r.did, model.wallet_did.get(&i).map(|d| did(*d)));
                let v: harbour_types::compliance::Verdict = f.query(QueryMsg::Verify {
                    address: wallet.to_string(),
                    requirement: Requirement { claims: vec![ClaimType::Kyc], ..Default::default() },
                });
                prop_assert_eq!(v.verified, model.verified(i, now), "wallet {} after {:?}", i, op);
            }
            for (d, ws) in &model.identities {
                let r: WalletsResponse = f.query(QueryMsg::Wallets { did: did(*d), start_after: None, limit: Some(100) });
                let mut expected: Vec<Addr> = ws.iter().map(|i| w[*i].clone()).collect();
                expected.sort();
                prop_assert_eq!(r.wallets, expected);
            }
            let cfg: ConfigResponse = f.query(QueryMsg::Config {});
            prop_assert_eq!(cfg.identity_count, model.identities.len() as u64);
        }
    }
}
