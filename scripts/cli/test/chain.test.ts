// The CLI and the SDK against the embedded chain running the real wasm, through the stock CosmJS
// client: deploy and its rerun, every subcommand with a failure path whose typed error is parsed,
// the RPC path (a localchain served as a node, reached with --rpc) and the spawned default, real
// keys from a mnemonic and from an encrypted wallet, and a scan of everything written for secrets.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { explain, HarbourError, parseContractError } from "@harbour/sdk";
import { Context, DEV_MNEMONIC, type Manifest } from "../src/context";
import { REPO_ROOT, startLocalchain, type LocalNode } from "../src/localchain";

const tmp = mkdtempSync(join(tmpdir(), "harbour-cli-"));
const deployments = join(tmp, "deployments");
let node: LocalNode;
let G: string[];
/** Everything any command printed, for the secret scan. */
const printed: string[] = [];

function cli(args: string[], env: Record<string, string> = {}): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(REPO_ROOT, "scripts/cli/src/main.ts"), ...args], {
    cwd: join(REPO_ROOT, "scripts"),
    env: { ...process.env, HARBOUR_MNEMONIC: "", HARBOUR_WALLET_PASSWORD: "", ...env },
    encoding: "utf8",
  });
  printed.push(r.stdout, r.stderr);
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Runs a command that must succeed. */
function ok(...args: string[]): string {
  const r = cli([...G, ...args]);
  assert.equal(r.code, 0, `harbour ${args.join(" ")}\n${r.out}\n${r.err}`);
  return r.out;
}

/** Runs a command that the contract must refuse: exit 1, the contract's typed error in words. */
function refused(contract: string, code: RegExp, ...args: string[]): string {
  const r = cli([...G, ...args]);
  assert.equal(r.code, 1, `harbour ${args.join(" ")} should fail\n${r.out}\n${r.err}`);
  assert.match(r.err, new RegExp(`^error: ${contract} refused: `), r.err);
  assert.match(r.err, /\n {2}code: /);
  assert.match(r.err.split("\n")[1], code, r.err);
  return r.err;
}

before(async () => {
  node = await startLocalchain(join(tmp, "node"));
  G = ["--rpc", node.rpc, "--chain-id", "harbour-local-1", "--prefix", "harbour", "--gas-price", "0uhbr", "--dev-keys", "--deployments", deployments];
});

after(async () => {
  await node.stop();
  rmSync(tmp, { recursive: true, force: true });
});

test("deploy through the node's RPC, then a rerun verifies and reuses everything", () => {
  const first = ok("deploy");
  assert.match(first, /deployed on harbour-local-1: 8 steps complete/);
  const manifest = JSON.parse(readFileSync(join(deployments, "harbour-local-1.json"), "utf8")) as Manifest;
  assert.deepEqual(Object.keys(manifest.codes).sort(), ["fund-token", "hkd-stablecoin", "identity-registry"]);
  assert.equal(manifest.steps.length, 8);
  for (const c of Object.values(manifest.contracts)) {
    assert.match(c!.address, /^harbour1[a-z0-9]{58}$/, "wasmd's 32-byte contract addresses");
    assert.match(c!.cw2.version, /^\d+\.\d+\.\d+/);
  }
  const second = ok("deploy");
  assert.match(second, /code identity-registry: 1 \(verified/);
  assert.match(second, /fund-token: harbour1\w+ \(verified: code 3, admin, cw2/);
  assert.doesNotMatch(second, /stored as|instantiated at/);
  const again = JSON.parse(readFileSync(join(deployments, "harbour-local-1.json"), "utf8")) as Manifest;
  assert.deepEqual(again.contracts, manifest.contracts);
  // a code id given for a code that is not this artifact is refused (restricted-upload chains)
  const wrong = cli([...G, "deploy", "--code-id", "fund-token=1"]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /code 1 on chain has checksum \w+, not fund-token's/);
});

test("every daily operation, and a refusal of each with the contract's typed error", () => {
  ok("registry", "onboard", "--did", "did:hk:alice", "--wallet", "alice", "--jurisdiction", "HK");
  refused("identity-registry", /Unauthorized|NotAgent|Agent/, "--as", "alice", "registry", "onboard", "--did", "did:hk:mallory", "--wallet", "dave", "--jurisdiction", "HK");
  ok("registry", "onboard", "--did", "did:hk:bob", "--wallet", "bob", "--jurisdiction", "HK", "--claims", "kyc");
  ok("registry", "issue-credential", "--did", "did:hk:bob", "--claim", "professional_investor", "--valid-for", "30d");
  refused("identity-registry", /IdentityNotFound/, "registry", "issue-credential", "--did", "did:hk:nobody", "--claim", "kyc");
  ok("registry", "onboard", "--did", "did:hk:carol", "--wallet", "carol", "--jurisdiction", "HK");
  ok("registry", "revoke-credential", "--did", "did:hk:carol", "--claim", "professional_investor", "--reason", "assessment withdrawn");
  refused("identity-registry", /Credential|NotFound|Revoked/, "registry", "revoke-credential", "--did", "did:hk:carol", "--claim", "accredited", "--reason", "x");

  ok("stablecoin", "attest", "--hkd-cash", "1000000");
  refused("hkd-stablecoin", /Unauthorized/, "--as", "alice", "stablecoin", "attest", "--hkd-cash", "5");
  ok("stablecoin", "configure-minter", "--minter", "minter", "--allowance", "500000", "--rate", "400000");
  refused("hkd-stablecoin", /Unauthorized/, "--as", "owner", "stablecoin", "configure-minter", "--minter", "minter", "--allowance", "1");
  ok("stablecoin", "mint", "--to", "alice", "--amount", "300000", "--bank-receipt", "r-1");
  ok("stablecoin", "mint", "--to", "agent", "--amount", "1000");
  refused("hkd-stablecoin", /./, "stablecoin", "mint", "--to", "alice", "--amount", "450000");

  ok("chain", "advance-time", "1h");
  ok("fund", "set-nav", "1.001");
  refused("fund-token", /Nav/, "fund", "set-nav", "1.5");
  const sub = ok("--as", "alice", "fund", "subscribe", "1000");
  assert.match(sub, /subscribed 1000 HKDH for 999\.000999 units/, "1000 / 1.001 rounded down");
  refused("fund-token", /./, "--as", "dave", "fund", "subscribe", "10");
  ok("--as", "alice", "fund", "transfer", "--to", "bob", "--amount", "10");
  const denied = refused("fund-token", /Compliance/, "--as", "alice", "fund", "transfer", "--to", "carol", "--amount", "1");
  assert.match(denied, /movement denied: missing_claim\(professional_investor\)|claim_revoked/);
  const check = cli([...G, "fund", "can-transfer", "--from", "alice", "--to", "carol", "--amount", "1"]);
  assert.equal(check.code, 2);
  assert.match(check.out, /^refused\n {2}(missing_claim|claim_revoked) \(\d+, professional_investor\): The /);
  assert.match(ok("fund", "can-transfer", "--from", "alice", "--to", "bob", "--amount", "1"), /^allowed/);

  ok("fund", "distribute-income", "1"); // closes the subscription period (record date): carried
  ok("fund", "distribute-income", "10");
  refused("fund-token", /Unauthorized/, "--as", "alice", "fund", "distribute-income", "1");
  assert.match(ok("--as", "alice", "fund", "claim-income"), /claimed \d/);
  refused("fund-token", /./, "--as", "dave", "fund", "claim-income");

  ok("--as", "alice", "stablecoin", "request-redemption", "--amount", "5", "--payout-reference", "acct-1");
  refused("hkd-stablecoin", /./, "--as", "alice", "stablecoin", "request-redemption", "--amount", "0.5", "--payout-reference", "acct-1");
  refused("hkd-stablecoin", /Unauthorized/, "--as", "alice", "stablecoin", "process-redemptions");
  assert.match(ok("stablecoin", "process-redemptions"), /redemption #1 paid \(5 HKDH burnt\)/);

  ok("registry", "onboard", "--did", "did:hk:venue-dex", "--wallet", "dave", "--jurisdiction", "HK", "--category", "venue", "--claims", "kyc");
  ok("fund", "list-venue", "dave");
  refused("fund-token", /Unauthorized|NotOwner/, "--as", "alice", "fund", "list-venue", "dave");
  ok("fund", "pause");
  refused("fund-token", /./, "--as", "alice", "fund", "transfer", "--to", "bob", "--amount", "1");
  ok("fund", "unpause");
  refused("fund-token", /Unauthorized/, "--as", "alice", "fund", "pause");
  ok("stablecoin", "pause");
  ok("stablecoin", "unpause");
  refused("hkd-stablecoin", /./, "stablecoin", "unpause");

  const s = JSON.parse(ok("status", "--json"));
  assert.equal(s.format, 1);
  assert.equal(s.stablecoin.total_supply, (301_000_000_000n - 5_000_000n).toString());
  assert.equal(s.stablecoin.eligible_reserves, "1000000000000");
  assert.equal(s.stablecoin.redemptions.open, 0);
  assert.equal(s.fund.nav, "1.001");
  assert.equal(s.fund.holders, 2);
  assert.equal(s.fund.income_deposited, "11000000");
  const text = ok("status");
  assert.match(text, /HKDH supply 300,995 HKDH vs eligible reserves 1,000,000 HKDH: reserve ratio 332\.23%/);
  assert.match(text, /HHMMF NAV 1\.001 set .*, \d+ min old/);
});

test("CSV onboarding in batches, interrupted and resumed by querying what exists", () => {
  const file = join(tmp, "investors.csv");
  const rows = ["did,wallets,jurisdiction,category,claims,valid_for,evidence"];
  const wallets = ["custody", "fee-collector", "auditor", "rescuer", "blacklister", "compliance", "pauser"];
  wallets.forEach((w, i) => rows.push(`did:hk:csv-${i},${w},HK,individual,kyc;professional_investor,365d,"kyc, file ${i}"`));
  writeFileSync(file, rows.join("\n") + "\n");
  const first = ok("registry", "onboard-csv", file, "--batch", "3", "--max-batches", "2");
  assert.match(first, /7 rows: 6 identities registered \(0 already\), 0 credentials issued \(0 already valid\) in 2 transactions; 15 left/);
  const second = ok("registry", "onboard-csv", file, "--batch", "3");
  assert.match(second, /7 rows: 1 identities registered \(6 already\), 14 credentials issued \(0 already valid\) in 6 transactions$/m);
  const third = ok("registry", "onboard-csv", file, "--batch", "3");
  assert.match(third, /7 rows: 0 identities registered \(7 already\), 0 credentials issued \(14 already valid\) in 0 transactions$/m);
  const bad = cli([...G, "registry", "onboard-csv", file.replace("investors", "missing")]);
  assert.equal(bad.code, 1);
  writeFileSync(join(tmp, "bad.csv"), "did,wallets,jurisdiction,category,claims,valid_for,evidence\nnot-a-did,alice,HK,individual,kyc,1d,x\n");
  const badLine = cli([...G, "registry", "onboard-csv", join(tmp, "bad.csv")]);
  assert.equal(badLine.code, 1);
  assert.match(badLine.err, /bad\.csv:2: "not-a-did" is not a DID/);
});

test("the catalogue parses the real VM's text, from simulation and from delivery", async () => {
  const ctx = await Context.open({ rpc: node.rpc, chainId: "harbour-local-1", prefix: "harbour", gasPrice: "0uhbr", devKeys: true, deployments });
  try {
    const { client, address } = await ctx.sender("alice");
    const stable = ctx.contract("hkd-stablecoin");
    const msg = { mint: { recipient: address, amount: "1" } };
    // "auto" fee: the simulation fails first
    const simulated = await client.execute(address, stable, msg, "auto").then(() => undefined, (e: unknown) => e);
    const e1 = parseContractError(simulated, "hkd-stablecoin");
    assert.ok(e1 instanceof HarbourError, String(simulated));
    assert.equal(e1.code, "Unauthorized");
    assert.deepEqual(e1.fields, { action: "mint", role: "minter" });
    assert.match((simulated as Error).message, /^Query failed with \(6\): rpc error: code = Unknown desc = failed to execute message; message index: 0: unauthorized: mint requires the minter role: execute wasm contract failed/);
    // a fixed fee: the transaction is delivered and fails in its block
    const delivered = await client.execute(address, stable, msg, { amount: [], gas: "500000" }).then(() => undefined, (e: unknown) => e);
    assert.match((delivered as Error).message, /Code: 5; Raw log: failed to execute message; message index: 0: unauthorized: mint requires the minter role: execute wasm contract failed$/);
    assert.equal(parseContractError(delivered, "hkd-stablecoin")?.code, "Unauthorized");
    // too little gas: out of gas, a chain error, and nothing changed
    const starved = await client.execute(address, stable, { transfer: { recipient: address, amount: "1" } }, { amount: [], gas: "30000" }).then(() => undefined, (e: unknown) => e);
    const e3 = explain(starved);
    assert.equal((e3 as { code?: number }).code, 11, String(starved));
    // without a catalogue hint, every contract's is searched
    assert.equal(parseContractError(delivered)?.code, "Unauthorized");
  } finally {
    await ctx.close();
  }
});

test("the default backend spawns the embedded chain and keeps its state between commands", () => {
  const home = join(tmp, "embedded");
  const E = ["--home", home, "--deployments", join(tmp, "embedded-deployments")];
  let r = cli([...E, "deploy"]);
  assert.equal(r.code, 0, r.err);
  r = cli([...E, "chain", "advance-time", "2d"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /chain time is now 2026-01-07T00:01:05/);
  r = cli([...E, "status"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /chain harbour-local-1 at height \d+, 2026-01-07 00:01 UTC/);
  assert.ok(existsSync(join(home, "state.json")));
});

test("real keys: a mnemonic from the environment or an encrypted wallet, never printed", async () => {
  const wallet = await DirectSecp256k1HdWallet.generate(24, { prefix: "harbour" });
  const R = ["--rpc", node.rpc, "--chain-id", "harbour-local-1", "--prefix", "harbour", "--gas-price", "0uhbr", "--deployments", deployments];
  // a status needs no key; a transaction from an account the chain does not know fails in words
  let r = cli([...R, "status"], { HARBOUR_MNEMONIC: wallet.mnemonic });
  assert.equal(r.code, 0, r.err);
  r = cli([...R, "fund", "set-nav", "1.002"], { HARBOUR_MNEMONIC: wallet.mnemonic });
  assert.equal(r.code, 1);
  assert.match(r.err, /^error: .*(does not exist on chain|not found)/);
  r = cli([...R, "fund", "set-nav", "1.002"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /no key: set HARBOUR_MNEMONIC/);
  const password = "correct horse battery staple 7";
  const file = join(tmp, "wallet.json");
  writeFileSync(file, await wallet.serialize(password));
  r = cli([...R, "--wallet-file", file, "fund", "set-nav", "1.002"], { HARBOUR_WALLET_PASSWORD: password });
  assert.equal(r.code, 1);
  assert.match(r.err, /does not exist on chain|not found/);
  r = cli([...R, "--wallet-file", file, "fund", "set-nav", "1.002"], { HARBOUR_WALLET_PASSWORD: "wrong" });
  assert.equal(r.code, 1);
  assert.match(r.err, /cannot decrypt the wallet file/);
  const secrets = [wallet.mnemonic, password, DEV_MNEMONIC];
  scan(secrets);
});

/** No secret in anything printed, in any manifest, or in the demo report. */
function scan(secrets: string[]): void {
  const written = [
    ...readdirSync(deployments).map((f) => readFileSync(join(deployments, f), "utf8")),
    ...(existsSync(join(REPO_ROOT, "demo/report.md")) ? [readFileSync(join(REPO_ROOT, "demo/report.md"), "utf8")] : []),
  ];
  for (const text of [...printed, ...written]) {
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), "a secret was printed or written");
      // nor any four consecutive words of a mnemonic
      const words = secret.split(" ");
      for (let i = 0; i + 4 <= words.length && words.length >= 12; i++) {
        assert.ok(!text.includes(words.slice(i, i + 4).join(" ")), "part of a mnemonic was printed or written");
      }
    }
  }
}
