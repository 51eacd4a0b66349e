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
import { ChainError, explain, HarbourError, parseContractError } from "@harbour/sdk";
import { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { Context, DEV_MNEMONIC, type Manifest } from "../src/context";
import { devRoles } from "../src/deploy";
import { attribute } from "../src/ops";
import { REPO_ROOT, startLocalchain, type LocalNode } from "../src/localchain";
import { program } from "../src/main";

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

/**
 * The CLI in this process (the same program, parsing and printing; no Node start-up per command),
 * its console captured.
 */
async function cliIn(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => void out.push(a.join(" ") + "\n");
  console.error = (...a: unknown[]) => void err.push(a.join(" ") + "\n");
  process.exitCode = undefined;
  try {
    await program().exitOverride().parseAsync(["node", "harbour", ...args]);
  } finally {
    [console.log, console.error] = [log, error];
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  const r = { code, out: out.join(""), err: err.join("") };
  printed.push(r.out, r.err);
  return r;
}

/** Runs a command that must succeed. */
async function ok(...args: string[]): Promise<string> {
  const r = await cliIn([...G, ...args]);
  assert.equal(r.code, 0, `harbour ${args.join(" ")}\n${r.out}\n${r.err}`);
  return r.out;
}

/** Runs a command that the contract must refuse: exit 1, the contract's typed error in words. */
async function refused(contract: string, code: RegExp, ...args: string[]): Promise<string> {
  const r = await cliIn([...G, ...args]);
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

test("deploy through the node's RPC, then a rerun verifies and reuses everything", async () => {
  const first = await ok("deploy");
  assert.match(first, /deployed on harbour-local-1: 14 steps complete/);
  const manifest = JSON.parse(readFileSync(join(deployments, "harbour-local-1.json"), "utf8")) as Manifest;
  assert.deepEqual(Object.keys(manifest.codes).sort(), ["fund-dealing", "fund-token", "hkd-stablecoin", "identity-registry"]);
  assert.equal(manifest.steps.length, 14);
  // fund-dealing is wired: a venue that may burn held units, and the fund's dealing contract
  const q = await CosmWasmClient.connect(node.rpc);
  const [fundAddr, dealingAddr] = [manifest.contracts["fund-token"]!.address, manifest.contracts["fund-dealing"]!.address];
  const fundConfig = (await q.queryContractSmart(fundAddr, { config: {} })) as { dealing: string; income_token: string };
  assert.equal(fundConfig.dealing, dealingAddr);
  assert.equal(fundConfig.income_token, manifest.contracts["hkd-stablecoin"]!.address);
  const venues = (await q.queryContractSmart(fundAddr, { venues: {} })) as { venues: { address: string; burn_held: boolean }[] };
  assert.deepEqual(venues.venues, [{ address: dealingAddr, burn_held: true }]);
  const dealingConfig = (await q.queryContractSmart(dealingAddr, { config: {} })) as { fund_token: string; config: { cash_token: string } };
  assert.equal(dealingConfig.fund_token, fundAddr);
  assert.equal(dealingConfig.config.cash_token, manifest.contracts["hkd-stablecoin"]!.address);
  q.disconnect();
  for (const c of Object.values(manifest.contracts)) {
    assert.match(c!.address, /^harbour1[a-z0-9]{58}$/, "wasmd's 32-byte contract addresses");
    assert.match(c!.cw2.version, /^\d+\.\d+\.\d+/);
  }
  const second = await ok("deploy");
  assert.match(second, /code identity-registry: 1 \(verified/);
  assert.match(second, /fund-token: harbour1\w+ \(verified: code 3, admin, cw2/);
  assert.match(second, /fund-dealing: harbour1\w+ \(verified: code 4, admin, cw2/);
  assert.match(second, /fund-token dealing = fund-dealing: done \(verified\)/);
  assert.doesNotMatch(second, /stored as|instantiated at/);
  const again = JSON.parse(readFileSync(join(deployments, "harbour-local-1.json"), "utf8")) as Manifest;
  assert.deepEqual(again.contracts, manifest.contracts);
  // a code id given for a code that is not this artifact is refused (restricted-upload chains)
  const wrong = await cliIn([...G, "deploy", "--code-id", "fund-token=1"]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /code 1 on chain has checksum \w+, not fund-token's/);
});

test("every daily operation, and a refusal of each with the contract's typed error", async () => {
  await ok("registry", "onboard", "--did", "did:hk:alice", "--wallet", "alice", "--jurisdiction", "HK");
  await refused("identity-registry", /Unauthorized|NotAgent|Agent/, "--as", "alice", "registry", "onboard", "--did", "did:hk:mallory", "--wallet", "dave", "--jurisdiction", "HK");
  await ok("registry", "onboard", "--did", "did:hk:bob", "--wallet", "bob", "--jurisdiction", "HK", "--claims", "kyc");
  await ok("registry", "issue-credential", "--did", "did:hk:bob", "--claim", "professional_investor", "--valid-for", "30d");
  await refused("identity-registry", /IdentityNotFound/, "registry", "issue-credential", "--did", "did:hk:nobody", "--claim", "kyc");
  await ok("registry", "onboard", "--did", "did:hk:carol", "--wallet", "carol", "--jurisdiction", "HK");
  await ok("registry", "revoke-credential", "--did", "did:hk:carol", "--claim", "professional_investor", "--reason", "assessment withdrawn");
  await refused("identity-registry", /Credential|NotFound|Revoked/, "registry", "revoke-credential", "--did", "did:hk:carol", "--claim", "accredited", "--reason", "x");

  await ok("stablecoin", "attest", "--hkd-cash", "1000000");
  await refused("hkd-stablecoin", /Unauthorized/, "--as", "alice", "stablecoin", "attest", "--hkd-cash", "5");
  await ok("stablecoin", "configure-minter", "--minter", "minter", "--allowance", "500000", "--rate", "400000");
  await refused("hkd-stablecoin", /Unauthorized/, "--as", "owner", "stablecoin", "configure-minter", "--minter", "minter", "--allowance", "1");
  await ok("stablecoin", "mint", "--to", "alice", "--amount", "300000", "--bank-receipt", "r-1");
  await ok("stablecoin", "mint", "--to", "agent", "--amount", "1000");
  await refused("hkd-stablecoin", /^ {2}code: MinterAllowanceExceeded$/, "stablecoin", "mint", "--to", "alice", "--amount", "450000");

  await ok("chain", "advance-time", "1h");
  await ok("fund", "set-nav", "1.001");
  await refused("fund-dealing", /NavTooSoon/, "fund", "set-nav", "1.5");
  await refused("fund-dealing", /Unauthorized/, "--as", "alice", "fund", "set-nav", "1.001");
  await refused("fund-dealing", /MarkdownNotLower/, "fund", "markdown", "1.01", "--reason", "not a markdown");
  await refused("fund-dealing", /Unauthorized/, "--as", "nav-oracle", "fund", "markdown", "0.99", "--reason", "not the markdown role");
  const sub = await ok("--as", "alice", "fund", "subscribe", "1000");
  assert.match(sub, /subscribed 1000 HKDH for 999\.000999 units \(fee 0 HKDH\)/, "1000 / 1.001 rounded down");
  const small = await refused("fund-dealing", /Refused/, "--as", "alice", "fund", "subscribe", "0.5");
  assert.match(small, /below_minimum_subscription/);
  // a subscription without the HKD fails in the stablecoin's send (depth 0), not in dealing
  await refused("hkd-stablecoin", /^ {2}code: InsufficientBalance$/, "--as", "dave", "fund", "subscribe", "10");
  await ok("stablecoin", "mint", "--to", "dave", "--amount", "10");
  // with it, the fund token (depth 2: the dealing contract's DealingMint) refuses an unverified subscriber
  await refused("fund-token", /^ {2}code: Compliance$/, "--as", "dave", "fund", "subscribe", "10");
  await ok("--as", "alice", "fund", "transfer", "--to", "bob", "--amount", "10");
  const denied = await refused("fund-token", /Compliance/, "--as", "alice", "fund", "transfer", "--to", "carol", "--amount", "1");
  assert.match(denied, /movement denied: missing_claim\(professional_investor\)|claim_revoked/);
  const check = await cliIn([...G, "fund", "can-transfer", "--from", "alice", "--to", "carol", "--amount", "1"]);
  assert.equal(check.code, 2);
  assert.match(check.out, /^refused\n {2}(missing_claim|claim_revoked) \(\d+, professional_investor\): The /);
  assert.match(await ok("fund", "can-transfer", "--from", "alice", "--to", "bob", "--amount", "1"), /^allowed/);

  await ok("fund", "distribute-income", "1"); // closes the subscription period (record date): carried
  await ok("fund", "distribute-income", "10");
  await refused("fund-token", /Unauthorized/, "--as", "alice", "fund", "distribute-income", "1");
  assert.match(await ok("--as", "alice", "fund", "claim-income"), /claimed \d/);
  await refused("fund-token", /^ {2}code: NothingToClaim$/, "--as", "dave", "fund", "claim-income");
  // without --as nobody is assumed: the CLI asks whose income to claim
  const whose = await cliIn([...G, "fund", "claim-income"]);
  assert.equal(whose.code, 1);
  assert.match(whose.err, /sign as which holder\? pass --as/);

  // fund redemptions through fund-dealing: instant from the buffer, queued and settled at the due amount
  await ok("fund", "top-up-buffer", "100");
  await refused("fund-dealing", /Unauthorized/, "--as", "alice", "fund", "top-up-buffer", "1");
  assert.match(await ok("--as", "alice", "fund", "redeem", "50"), /redeemed 50 units: 50\.05 HKDH gross, fee 0, paid 50\.05/);
  const short = await refused("fund-dealing", /Refused/, "--as", "alice", "fund", "redeem", "500");
  assert.match(short, /buffer_short/);
  assert.match(await ok("--as", "alice", "fund", "request-redemption", "100"), /fund redemption request #1 filed for 100 units/);
  await refused("fund-token", /Compliance/, "--as", "bob", "fund", "request-redemption", "1000");
  assert.match(await ok("fund", "redemption-due", "1"), /^#1: 100 units of harbour1\w+, 100\.1 HKDH due at NAV 1\.001$/m);
  await refused("fund-dealing", /RequestNotFound/, "fund", "redemption-due", "99");
  assert.match(await ok("--as", "alice", "fund", "request-redemption", "10"), /request #2 filed/);
  await refused("fund-dealing", /Unauthorized/, "--as", "bob", "fund", "cancel-redemption", "2");
  await ok("--as", "alice", "fund", "cancel-redemption", "2");
  await refused("fund-dealing", /Unauthorized/, "--as", "alice", "fund", "settle-redemption", "1");
  assert.match(await ok("fund", "settle-redemption", "1"), /fund redemption #1 paid: 100\.1 HKDH to harbour1\w+, 100 units burnt at NAV 1\.001/);
  await refused("fund-dealing", /RequestNotFound/, "fund", "settle-redemption", "1");
  await ok("--as", "alice", "fund", "request-redemption", "20");
  await refused("fund-dealing", /Unauthorized/, "--as", "alice", "fund", "process-redemptions");
  assert.match(await ok("fund", "process-redemptions"), /fund redemption #3 paid: 20\.02 HKDH to harbour1/);
  assert.match(await ok("fund", "process-redemptions"), /no pending fund redemption requests/);
  await refused("fund-dealing", /ZeroAmount/, "fund", "sweep-fees");

  await ok("--as", "alice", "stablecoin", "request-redemption", "--amount", "5", "--payout-reference", "acct-1");
  await refused("hkd-stablecoin", /^ {2}code: BelowMinimumRedemption$/, "--as", "alice", "stablecoin", "request-redemption", "--amount", "0.5", "--payout-reference", "acct-1");
  await ok("--as", "alice", "stablecoin", "request-redemption", "--amount", "2", "--payout-reference", "acct-1");
  assert.match(await ok("stablecoin", "redemptions"), /^#1 harbour1\w+ 5 HKDH to acct-1, due .*\n#2 harbour1\w+ 2 HKDH to acct-1, due /);
  await refused("hkd-stablecoin", /^ {2}code: Unauthorized$/, "--as", "alice", "stablecoin", "mark-paid", "--id", "1", "--payment-reference", "CHATS-1");
  // no reference is ever invented: each paid id needs the bank's
  for (const args of [["mark-paid"], ["mark-paid", "--id", "1"], ["mark-paid", "--id", "1", "--id", "2", "--payment-reference", "CHATS-1"], ["mark-paid", "--id", "x", "--payment-reference", "CHATS-1"]]) {
    const r = await cliIn([...G, "stablecoin", ...args]);
    assert.equal(r.code, 1, args.join(" "));
    assert.match(r.err, /payment-reference|not a request id|name the redemptions/, r.err);
  }
  assert.match(await ok("stablecoin", "mark-paid", "--id", "1", "--payment-reference", "CHATS-1"), /^✔ redemption #1 paid, reference CHATS-1 \(5 HKDH burnt\)/);
  const paid = (await (await CosmWasmClient.connect(node.rpc)).queryContractSmart(
    JSON.parse(readFileSync(join(deployments, "harbour-local-1.json"), "utf8")).contracts["hkd-stablecoin"].address,
    { redemption_request: { id: 1 } },
  )) as { status: unknown };
  assert.match(JSON.stringify(paid.status), /CHATS-1/, "the bank's reference is what the contract recorded");
  // a CSV of payments; a request already paid is refused, after the ones before it are reported
  const csv = join(tmp, "payments.csv");
  writeFileSync(csv, "id,payment_reference\n2,CHATS-2\n1,CHATS-1-again\n");
  const partial = await cliIn([...G, "stablecoin", "mark-paid", "--file", csv]);
  assert.equal(partial.code, 1);
  assert.match(partial.out, /^✔ redemption #2 paid, reference CHATS-2 \(2 HKDH burnt\)/);
  assert.match(partial.err, /^error: hkd-stablecoin refused: /);
  assert.match(await ok("stablecoin", "redemptions"), /^no open redemptions$/m);

  await ok("registry", "onboard", "--did", "did:hk:venue-dex", "--wallet", "dave", "--jurisdiction", "HK", "--category", "venue", "--claims", "kyc");
  await ok("fund", "list-venue", "dave");
  await refused("fund-token", /Unauthorized|NotOwner/, "--as", "alice", "fund", "list-venue", "dave");
  await ok("fund", "pause");
  const paused = await refused("fund-token", /^ {2}code: Compliance$/, "--as", "alice", "fund", "transfer", "--to", "bob", "--amount", "1");
  assert.match(paused, /^ {2}reasons: paused$/m, "refused because the fund is paused");
  await ok("fund", "unpause");
  await refused("fund-token", /Unauthorized/, "--as", "alice", "fund", "pause");
  await ok("stablecoin", "pause");
  await ok("stablecoin", "unpause");
  await refused("hkd-stablecoin", /Unauthorized/, "--as", "alice", "stablecoin", "pause");

  await ok("fund", "markdown", "0.9995", "--reason", "issuer default in the portfolio");
  const s = JSON.parse(await ok("status", "--json"));
  assert.equal(s.format, 1);
  assert.equal(s.stablecoin.total_supply, (301_010_000_000n - 7_000_000n).toString());
  assert.equal(s.stablecoin.eligible_reserves, "1000000000000");
  assert.equal(s.stablecoin.redemptions.open, 0);
  assert.equal(s.fund.nav, "0.9995");
  assert.equal(s.fund.holders, 2);
  assert.equal(s.fund.income_deposited, "11000000");
  assert.equal(s.fund.total_supply, (999_000_999n - 170_000_000n).toString());
  assert.equal(s.dealing.buffer, "49950000");
  assert.equal(s.dealing.pending_redemptions, 0);
  const text = await ok("status");
  assert.match(text, /HKDH supply 301,003 HKDH vs eligible reserves 1,000,000 HKDH: reserve ratio 332\.22%/);
  assert.match(text, /HHMMF NAV 0\.9995 set .*, \d+ min old/);
  assert.match(text, /HHMMF dealing: 0 pending redemption requests \(0 units held\), buffer 49\.95 HKDH/);
});

test("CSV onboarding in batches, interrupted and resumed by querying what exists", async () => {
  const file = join(tmp, "investors.csv");
  const rows = ["did,wallets,jurisdiction,category,claims,valid_for,evidence"];
  const wallets = ["custody", "fee-collector", "auditor", "rescuer", "blacklister", "compliance", "pauser"];
  wallets.forEach((w, i) => rows.push(`did:hk:csv-${i},${w},HK,individual,kyc;professional_investor,365d,"kyc, file ${i}"`));
  writeFileSync(file, rows.join("\n") + "\n");
  const first = await ok("registry", "onboard-csv", file, "--batch", "3", "--max-batches", "2");
  assert.match(first, /7 rows: 6 identities registered \(0 already\), 0 credentials issued \(0 already valid\) in 2 transactions; 15 left/);
  const second = await ok("registry", "onboard-csv", file, "--batch", "3");
  assert.match(second, /7 rows: 1 identities registered \(6 already\), 14 credentials issued \(0 already valid\) in 6 transactions$/m);
  const third = await ok("registry", "onboard-csv", file, "--batch", "3");
  assert.match(third, /7 rows: 0 identities registered \(7 already\), 0 credentials issued \(14 already valid\) in 0 transactions$/m);
  const bad = await cliIn([...G, "registry", "onboard-csv", file.replace("investors", "missing")]);
  assert.equal(bad.code, 1);
  writeFileSync(join(tmp, "bad.csv"), "did,wallets,jurisdiction,category,claims,valid_for,evidence\nnot-a-did,alice,HK,individual,kyc,1d,x\n");
  const badLine = await cliIn([...G, "registry", "onboard-csv", join(tmp, "bad.csv")]);
  assert.equal(badLine.code, 1);
  assert.match(badLine.err, /bad\.csv:2: "not-a-did" is not a DID/);
});

test("owner commands through a cw3 multisig (--via): propose, approve, execute; deploy waits for it", async () => {
  const created = await ok("multisig", "create", "--members", "owner,rescuer", "--threshold", "2");
  const multisig = /multisig (harbour1\w+): 2 of 2/.exec(created)?.[1] as string;
  assert.ok(multisig, created);
  const ctx = await Context.open({ rpc: node.rpc, chainId: "harbour-local-1", prefix: "harbour", gasPrice: "0uhbr", devKeys: true, deployments });
  const roles = { ...(await devRoles(ctx)), owner: multisig };
  await ctx.close();
  const rolesFile = join(tmp, "roles.json");
  writeFileSync(rolesFile, JSON.stringify(roles));
  const D = join(tmp, "multisig-deployments");
  const V = [...G.map((x) => (x === deployments ? D : x)), "--via", multisig];
  const run = async (...args: string[]) => {
    const r = await cliIn([...V, ...args]);
    assert.equal(r.code, 0, `${args.join(" ")}\n${r.out}${r.err}`);
    return r.out;
  };
  // codes stored earlier (as governance would) are reused by id, checksums verified
  const codes = ["--code-id", "identity-registry=1", "--code-id", "hkd-stablecoin=2", "--code-id", "fund-token=3", "--code-id", "fund-dealing=4"];
  const first = await run("deploy", "--roles", rolesFile, ...codes);
  assert.match(first, /8 steps complete, 2 waiting for multisig proposals/);
  assert.match(first, /fund-dealing identity, venue and dealing: after the registry -> fund-token subscription/);
  const m = JSON.parse(readFileSync(join(D, "harbour-local-1.json"), "utf8")) as Manifest;
  const ids = Object.values(m.pending ?? {}).map((p) => p.proposal_id);
  assert.equal(ids.length, 2);
  assert.equal(m.codes["fund-token"]?.stored_by, "governance");
  // a rerun while the proposals are open proposes nothing new
  assert.match(await run("deploy", "--roles", rolesFile, ...codes), /waiting for proposal #\d+ of harbour1/);
  // executing before the second approval is refused by the multisig
  const early = await cliIn([...V, "multisig", "execute", String(ids[0])]);
  assert.equal(early.code, 1);
  assert.match(early.err, /^error: cw3-fixed-multisig refused: Proposal must have passed and not yet been executed\n {2}code: WrongExecuteStatus/);
  for (const id of ids) {
    assert.match(await run("--as", "rescuer", "multisig", "approve", String(id)), /approved #\d+ \(Passed\)/);
    assert.match(await run("multisig", "execute", String(id)), /executed/);
  }
  // then the dealing contract's identity (agent and issuer keys, not the multisig), its venue
  // approval and the fund's dealing contract, each proposed once the step before is done
  for (const [pending, steps] of [["venue:fund-dealing", 12], ["set-dealing", 13]] as const) {
    const next = await run("deploy", "--roles", rolesFile, ...codes);
    assert.match(next, new RegExp(`${steps} steps complete, 1 waiting for multisig proposals`));
    const proposal = (JSON.parse(readFileSync(join(D, "harbour-local-1.json"), "utf8")) as Manifest).pending?.[pending]?.proposal_id as number;
    assert.ok(proposal, next);
    await run("--as", "rescuer", "multisig", "approve", String(proposal));
    await run("multisig", "execute", String(proposal));
  }
  assert.match(await run("deploy", "--roles", rolesFile, ...codes), /14 steps complete; manifest/);
  // an owner command: proposed, approved, executed; the owner's own key no longer suffices
  const direct = [...G.map((x) => (x === deployments ? D : x))];
  const venue = await cliIn([...direct, "registry", "onboard", "--did", "did:hk:venue-otc", "--wallet", "dave", "--jurisdiction", "HK", "--category", "venue", "--claims", "kyc"]);
  assert.equal(venue.code, 0, venue.err);
  // the proposal of a venue the token does not know fails at execution with the token's error
  const unknown = await run("fund", "list-venue", "bob");
  const bad = /#(\d+)/.exec(unknown)?.[1] as string;
  await run("--as", "rescuer", "multisig", "approve", bad);
  const failed = await cliIn([...V, "multisig", "execute", bad]);
  assert.equal(failed.code, 1);
  assert.match(failed.err, /^error: fund-token refused: .*not a registered venue identity/);
  const proposed = await run("fund", "list-venue", "dave");
  const id = /proposed to the multisig as #(\d+) \(Open\)/.exec(proposed)?.[1] as string;
  assert.ok(id, proposed);
  assert.match(await run("multisig", "show", id), /^#\d+ open: add_venue on harbour1\w+ \(1 message\)/);
  await run("--as", "rescuer", "multisig", "approve", id);
  await run("multisig", "execute", id);
  const fund = JSON.parse(readFileSync(join(D, "harbour-local-1.json"), "utf8")).contracts["fund-token"].address as string;
  const q = await CosmWasmClient.connect(node.rpc);
  const venues = (await q.queryContractSmart(fund, { venues: {} })) as { venues: { address: string }[] };
  q.disconnect();
  assert.equal(venues.venues.length, 2, "fund-dealing and dave");
  const notOwner = await cliIn([...direct, "fund", "list-venue", "bob"]);
  assert.equal(notOwner.code, 1);
  assert.match(notOwner.err, /^error: fund-token refused: /);
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
    const before = await client.getSequence(address);
    const nativeBefore = (await client.getBalance(address, "uhbr")).amount;
    const cw20Before = await client.queryContractSmart(stable, { balance: { address } });
    const supplyBefore = await client.queryContractSmart(stable, { token_info: {} });
    const starved = await client.execute(address, stable, { transfer: { recipient: address, amount: "1" } }, { amount: [], gas: "30000" }).then(() => undefined, (e: unknown) => e);
    const e3 = explain(starved);
    assert.ok(e3 instanceof ChainError, String(starved));
    assert.equal(e3.code, 11, String(starved));
    assert.match(e3.words, /out of gas/);
    // nothing changed but the sequence (the fee's account is charged its nonce, as in wasmd)
    const after = await client.getSequence(address);
    assert.equal(after.sequence, before.sequence + 1, "the failed transaction used its sequence");
    assert.equal(await client.getBalance(address, "uhbr").then((c) => c.amount), nativeBefore);
    assert.deepEqual(await client.queryContractSmart(stable, { balance: { address } }), cw20Before);
    assert.deepEqual(await client.queryContractSmart(stable, { token_info: {} }), supplyBefore);
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
  assert.match(r.out, /chain time is now 2026-01-07T00:01:10\.000000000Z/, "14 deploy transactions, 5 s each, then 2 days");
  r = cli([...E, "status"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /chain harbour-local-1 at height \d+, 2026-01-07 00:01 UTC/);
  assert.ok(existsSync(join(home, "state.json")));
});

test("the harbour bin npm links runs the CLI from any directory", () => {
  const bin = join(REPO_ROOT, "scripts/node_modules/.bin/harbour");
  const R = ["--rpc", node.rpc, "--chain-id", "harbour-local-1", "--prefix", "harbour", "--gas-price", "0uhbr", "--deployments", deployments];
  for (const cwd of [tmp, join(REPO_ROOT, "scripts")]) {
    const help = spawnSync(bin, ["--help"], { cwd, encoding: "utf8" });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Usage: harbour \[options\] \[command\]/, `from ${cwd}: ${help.stderr}`);
    const time = spawnSync(bin, [...R, "time"], { cwd, encoding: "utf8" });
    printed.push(time.stdout, time.stderr);
    assert.equal(time.status, 0, time.stderr);
    assert.match(time.stdout, /^height \d+, 2026-\d\d-\d\d \d\d:\d\d UTC$/m);
  }
  // a failure through the bin exits non-zero with the typed error
  const bad = spawnSync(bin, [...R, "--dev-keys", "--as", "alice", "fund", "pause"], { cwd: tmp, encoding: "utf8" });
  printed.push(bad.stdout, bad.stderr);
  assert.equal(bad.status, 1, bad.stdout + bad.stderr);
  assert.match(bad.stderr, /^error: fund-token refused: .*\n {2}code: Unauthorized/);
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

test("an event attribute is read from the contract that emitted it, and a missing one is an error", () => {
  const ev = (contract: string, attrs: [string, string][]) => ({ type: "wasm", attributes: [["_contract_address", contract], ...attrs].map(([key, value]) => ({ key, value })) });
  const r = {
    transactionHash: "AB12",
    events: [ev("harbour1stable", [["amount", "7"]]), { type: "transfer", attributes: [{ key: "amount", value: "9" }] }, ev("harbour1fund", [["amount", "5"]])],
  } as unknown as Parameters<typeof attribute>[0];
  assert.equal(attribute(r, "harbour1fund", "amount"), "5");
  assert.equal(attribute(r, "harbour1stable", "amount"), "7");
  assert.throws(() => attribute(r, "harbour1fund", "shares"), /AB12: no "shares" attribute from harbour1fund/);
  assert.throws(() => attribute(r, "harbour1other", "amount"), /no "amount" attribute from harbour1other/);
});
