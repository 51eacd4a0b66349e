// harbour: the issuer admin CLI. `harbour --help`, `harbour <command> --help`.
import { Command, Option } from "commander";
import { describeReason, formatUnits } from "@harbour/sdk";
import { printError } from "./print";
import { CONTRACT_NAMES, Context, type ContractName, type GlobalOptions } from "./context";
import { deploy, devRoles, rolesFromFile } from "./deploy";
import { advanceTime, DEFAULT_HOME, faucet, localchainBinary, REPO_ROOT } from "./localchain";
import { onboardCsv } from "./csv";
import * as ops from "./ops";
import { status, statusText } from "./status";
import { parseDuration, parseUnits, utc } from "./units";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { existsSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { multisigInit } from "./multisig";
import { onContract } from "./context";

const DECIMALS = 6;

function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/** Runs a command body with a context; a failure prints its words and exits 1. */
function run<A extends unknown[]>(body: (ctx: Context, ...args: A) => Promise<void>) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    let ctx: Context | undefined;
    try {
      ctx = await Context.open(globals(cmd));
      await body(ctx, ...(args.slice(0, -1) as A));
    } catch (e) {
      printError(e);
      process.exitCode = 1;
    } finally {
      await ctx?.close();
    }
  };
}

const amount = (s: string) => parseUnits(s, DECIMALS);
const line = (what: string, d: ops.Done) => {
  if (d.proposal) {
    console.log(`✔ proposed to the multisig as #${d.proposal.id} (${d.proposal.status}): ${what} once approved and executed (tx ${d.tx.slice(0, 16)}…)`);
    console.log(`  next: harbour --via <multisig> multisig approve ${d.proposal.id} (other members), then multisig execute ${d.proposal.id}`);
  } else console.log(`✔ ${what} (tx ${d.tx.slice(0, 16)}…, height ${d.height}, gas ${d.gas})`);
};

/** The payments `stablecoin mark-paid` records: explicit ids paired with references, or a CSV. */
export function paymentsOf(o: { id: string[]; paymentReference: string[]; file?: string }): ops.Payment[] {
  const id = (v: string, where: string) => {
    if (!/^\d+$/.test(v.trim())) throw new Error(`${where}: "${v}" is not a request id`);
    return Number(v.trim());
  };
  if (o.file) {
    if (o.id.length || o.paymentReference.length) throw new Error("give either --file or --id/--payment-reference, not both");
    const lines = readFileSync(o.file, "utf8").split(/\r?\n/);
    const header = lines[0]?.split(",").map((x) => x.trim());
    if (header?.[0] !== "id" || header?.[1] !== "payment_reference" || header.length !== 2) throw new Error(`${o.file}:1: the header must be id,payment_reference`);
    const out: ops.Payment[] = [];
    lines.slice(1).forEach((l, i) => {
      if (!l.trim()) return;
      const cells = l.split(",");
      if (cells.length !== 2 || !cells[1].trim()) throw new Error(`${o.file}:${i + 2}: expected id,payment_reference`);
      out.push({ id: id(cells[0], `${o.file}:${i + 2}`), paymentReference: cells[1].trim() });
    });
    if (!out.length) throw new Error(`${o.file}: no payments`);
    return out;
  }
  if (!o.id.length) throw new Error("name the redemptions paid: --id N --payment-reference REF (or --file)");
  if (o.id.length !== o.paymentReference.length)
    throw new Error(`${o.id.length} --id but ${o.paymentReference.length} --payment-reference: each paid request needs the bank's reference for its wire`);
  return o.id.map((v, i) => ({ id: id(v, "--id"), paymentReference: o.paymentReference[i] }));
}

export function program(): Command {
  const p = new Command("harbour")
    .description("Harbour issuer admin CLI: deploy and operate the identity registry, HKD stablecoin, fund token and fund dealing")
    .addOption(new Option("--rpc <url>", "CometBFT RPC of a real chain (default: the embedded chain)"))
    .addOption(new Option("--chain-id <id>", "chain id (required with --rpc)"))
    .addOption(new Option("--prefix <hrp>", "bech32 prefix of the chain's addresses (default harbour embedded, wasm otherwise)"))
    .addOption(new Option("--gas-price <price>", "gas price, e.g. 0.025uwasm or 0ustake (default 0uhbr on the embedded chain)"))
    .addOption(new Option("--gas-adjustment <x>", "gas limit = simulated gas × this").default("1.4"))
    .addOption(new Option("--wallet-file <path>", "CosmJS encrypted wallet (password in HARBOUR_WALLET_PASSWORD or at the prompt); else HARBOUR_MNEMONIC"))
    .addOption(new Option("--account-index <n>", "HD account of the mnemonic or wallet (m/44'/118'/0'/0/n)").default("0"))
    .addOption(new Option("--as <actor>", "embedded chain: sign as this development actor instead of the role's own"))
    .addOption(new Option("--via <multisig>", "send the command as a proposal of this cw3 multisig (the key in use is a member)"))
    .addOption(new Option("--dev-keys", "use the embedded chain's public development keys against --rpc (a localchain served as a node)"))
    .addOption(new Option("--home <dir>", "embedded chain state directory").default(DEFAULT_HOME))
    .addOption(new Option("--deployments <dir>", "where deployment manifests are written (<chain-id>.json)"))
    .showHelpAfterError();

  // ---------------------------------------------------------------- chain
  const chain = p.command("chain").description("the embedded chain: serve it as a node, move its time, reset it");
  chain
    .command("serve")
    .description("serve the embedded chain on 127.0.0.1 (CometBFT JSON-RPC) until interrupted")
    .option("--port <n>", "port", "26657")
    .action((o: { port: string }, cmd: Command) => {
      const g = globals(cmd);
      const r = spawnSync(localchainBinary(), ["serve", "--port", o.port, "--home", resolve(g.home ?? DEFAULT_HOME)], { stdio: "inherit" });
      process.exitCode = r.status ?? 1;
    });
  chain
    .command("reset")
    .description("delete the embedded chain's state and its deployment manifest")
    .action((_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const r = spawnSync(localchainBinary(), ["reset", "--home", resolve(g.home ?? DEFAULT_HOME)], { stdio: "inherit" });
      const manifest = resolve(g.deployments ?? resolve(DEFAULT_HOME, "..", "..", "deployments"), "harbour-local-1.json");
      if (r.status === 0 && existsSync(manifest)) rmSync(manifest);
      process.exitCode = r.status ?? 1;
    });
  chain
    .command("advance-time <duration>")
    .description("move the embedded chain's time ahead: 90s, 45m, 36h, 31d")
    .action(
      run(async (ctx, duration: string) => {
        if (!ctx.devKeys) throw new Error("only the embedded chain's time can be moved");
        const b = await advanceTime(ctx.config.rpc, parseDuration(duration));
        console.log(`✔ chain time is now ${b.time} (height ${b.height})`);
      }),
    );
  chain
    .command("fund <address>")
    .description("embedded chain faucet: open and fund an account")
    .option("--amount <n>", "base units of the native denom", "1000000000")
    .action(
      run(async (ctx, address: string, o: { amount: string }) => {
        if (!ctx.devKeys) throw new Error("a real chain has no faucet");
        await faucet(ctx.config.rpc, await ctx.address(address), BigInt(o.amount));
        console.log(`✔ funded ${address}`);
      }),
    );

  // ---------------------------------------------------------------- deploy and status
  p.command("deploy")
    .description("upload, instantiate and wire every contract; write deployments/<chain-id>.json (safe to rerun)")
    .option("--roles <file>", "JSON file of role holders (required on a real chain; see the README)")
    .option("--code-id <name=id...>", "use a code stored by governance, e.g. fund-token=12 (checksum verified)")
    .option("--artifacts <dir>", "artifacts directory (default artifacts/)")
    .action(
      run(async (ctx, o: { roles?: string; codeId?: string[]; artifacts?: string }) => {
        const roles = o.roles ? rolesFromFile(o.roles) : ctx.devKeys ? await devRoles(ctx) : undefined;
        if (!roles) throw new Error("a real chain needs --roles <file>: who owns and operates the contracts");
        const codeIds: Partial<Record<ContractName, number>> = {};
        for (const kv of o.codeId ?? []) {
          const [name, id] = kv.split("=");
          if (!(CONTRACT_NAMES as readonly string[]).includes(name) || !/^\d+$/.test(id ?? "")) throw new Error(`--code-id ${kv}: expected <contract>=<code id>`);
          codeIds[name as ContractName] = Number(id);
        }
        const m = await deploy(ctx, { roles, codeIds, artifacts: o.artifacts });
        const waiting = Object.keys(m.pending ?? {});
        console.log(`✔ deployed on ${m.chain_id}: ${m.steps.length} steps complete${waiting.length ? `, ${waiting.length} waiting for multisig proposals` : ""}; manifest ${ctx.manifestPath}`);
      }),
    );
  p.command("status")
    .description("supply vs eligible reserves and ratio, mint headroom, NAV and age, holders, overdue redemptions")
    .option("--json", "machine-readable (format 1, documented in the README)")
    .action(
      run(async (ctx, o: { json?: boolean }) => {
        const s = await status(ctx);
        if (o.json) console.log(JSON.stringify(s, null, 2));
        else for (const l of statusText(s)) console.log(l);
      }),
    );

  // ---------------------------------------------------------------- registry
  const reg = p.command("registry").description("identity registry: investors, credentials");
  reg
    .command("onboard")
    .description("register an investor's DID and wallets (agent) and issue credentials (trusted issuer)")
    .requiredOption("--did <did>", "W3C DID, e.g. did:hk:alice")
    .requiredOption("--wallet <address...>", "wallet address(es) (actor names on the embedded chain)")
    .requiredOption("--jurisdiction <code>", "ISO 3166-1 alpha-2, e.g. HK")
    .option("--category <c>", "individual | corporate | institutional | venue", "individual")
    .option("--claims <list>", "comma-separated claims", "kyc,professional_investor")
    .option("--valid-for <duration>", "credential validity", "365d")
    .option("--evidence <ref>", "KYC file reference (only its sha256 goes on chain)", "kyc-file")
    .action(
      run(async (ctx, o: { did: string; wallet: string[]; jurisdiction: string; category: string; claims: string; validFor: string; evidence: string }) => {
        const now = (await (await ctx.query()).getBlock()).header.time;
        const wallets = await Promise.all(o.wallet.map((w) => ctx.address(w)));
        const r = await ops.onboard(ctx, {
          did: o.did,
          wallets,
          jurisdiction: o.jurisdiction,
          category: ops.category(o.category),
          claims: o.claims ? o.claims.split(",").map(ops.claim) : [],
          validUntil: Math.floor(new Date(now).getTime() / 1000) + parseDuration(o.validFor),
          evidence: o.evidence,
        });
        if (r.registered) line(`registered ${o.did}`, r.registered);
        else console.log(`✔ ${o.did} already registered`);
        if (r.issued) line(`issued ${o.claims} to ${o.did}`, r.issued);
      }),
    );
  reg
    .command("onboard-csv <file>")
    .description("batch onboarding from a CSV file (did,wallets,jurisdiction,category,claims,valid_for,evidence); rerun to resume")
    .option("--batch <n>", "identities or credentials per transaction (at most 50)", "25")
    .option("--max-batches <n>", "stop after this many transactions (rerun to continue)")
    .action(
      run(async (ctx, file: string, o: { batch: string; maxBatches?: string }) => {
        const r = await onboardCsv(ctx, file, { batch: Number(o.batch), maxBatches: o.maxBatches === undefined ? undefined : Number(o.maxBatches) });
        console.log(
          `✔ ${r.rows} rows: ${r.registered} identities registered (${r.alreadyRegistered} already), ` +
            `${r.issued} credentials issued (${r.alreadyIssued} already valid) in ${r.batches} transactions` +
            (r.remaining ? `; ${r.remaining} left: run the same command again to continue` : ""),
        );
      }),
    );
  reg
    .command("issue-credential")
    .description("issue (or renew) one credential (trusted issuer)")
    .requiredOption("--did <did>")
    .requiredOption("--claim <claim>")
    .option("--valid-for <duration>", "validity", "365d")
    .option("--evidence <ref>", "KYC file reference", "kyc-file")
    .action(
      run(async (ctx, o: { did: string; claim: string; validFor: string; evidence: string }) => {
        const now = Math.floor(new Date((await (await ctx.query()).getBlock()).header.time).getTime() / 1000);
        line(`issued ${o.claim} to ${o.did}`, await ops.issueCredential(ctx, o.did, ops.claim(o.claim), now + parseDuration(o.validFor), o.evidence));
      }),
    );
  reg
    .command("revoke-credential")
    .description("revoke one credential (trusted issuer)")
    .requiredOption("--did <did>")
    .requiredOption("--claim <claim>")
    .requiredOption("--reason <text>")
    .action(run(async (ctx, o: { did: string; claim: string; reason: string }) => line(`revoked ${o.claim} of ${o.did}`, await ops.revokeCredential(ctx, o.did, ops.claim(o.claim), o.reason))));

  // ---------------------------------------------------------------- stablecoin
  const st = p.command("stablecoin").description("HKD stablecoin: reserves, minters, minting, redemption, pause");
  st.command("attest")
    .description("publish a reserve attestation (attestor); the next sequence, as of the chain's time")
    .requiredOption("--hkd-cash <amount>", "HKD cash at banks")
    .option("--government-bills <amount>", "HKD government bills")
    .option("--report <text>", "the report (its sha256 goes on chain; a report counts once)")
    .option("--report-uri <uri>", "where the report is published", "https://reserves.harbour.example/daily")
    .action(
      run(async (ctx, o: { hkdCash: string; governmentBills?: string; report?: string; reportUri: string }) => {
        const report = o.report ?? `reserves ${o.hkdCash} ${o.governmentBills ?? 0} ${(await (await ctx.query()).getBlock()).header.time}`;
        const r = await ops.publishAttestation(ctx, { hkdCash: amount(o.hkdCash), governmentBills: o.governmentBills ? amount(o.governmentBills) : undefined, report, reportUri: o.reportUri });
        line(`attestation #${r.sequence} published`, r);
      }),
    );
  st.command("configure-minter")
    .description("set a minter's allowance and rate limit (master minter)")
    .requiredOption("--minter <address>")
    .requiredOption("--allowance <amount>")
    .option("--rate <amount>", "at most this much per window")
    .option("--window <duration>", "rate-limit window", "1d")
    .action(
      run(async (ctx, o: { minter: string; allowance: string; rate?: string; window: string }) => {
        const rate = o.rate ? { amount: amount(o.rate), windowSeconds: parseDuration(o.window) } : undefined;
        line(`minter ${o.minter} configured`, await ops.configureMinter(ctx, await ctx.address(o.minter), amount(o.allowance), rate));
      }),
    );
  st.command("mint")
    .description("mint HKD under the reserve check (minter)")
    .requiredOption("--to <address>")
    .requiredOption("--amount <amount>")
    .option("--bank-receipt <ref>", "the bank receipt of the HKD received")
    .action(run(async (ctx, o: { to: string; amount: string; bankReceipt?: string }) => line(`minted ${o.amount} HKDH to ${o.to}`, await ops.mint(ctx, await ctx.address(o.to), amount(o.amount), o.bankReceipt))));
  st.command("request-redemption")
    .description("ask for HKD at par (a holder; --as on the embedded chain)")
    .requiredOption("--amount <amount>")
    .requiredOption("--payout-reference <ref>", "the bank account reference to pay")
    .action(
      run(async (ctx, o: { amount: string; payoutReference: string }) => {
        const r = await ops.requestStableRedemption(ctx, "holder", amount(o.amount), o.payoutReference);
        line(`redemption #${r.id} requested`, r);
      }),
    );
  st.command("redemptions")
    .description("open redemption requests (id, holder, amount, payout account, deadline)")
    .option("--overdue", "only those past their deadline")
    .action(
      run(async (ctx, o: { overdue?: boolean }) => {
        const open = await ops.openStableRedemptions(ctx, !!o.overdue);
        for (const r of open) console.log(`#${r.id} ${r.holder} ${formatUnits(BigInt(r.amount), DECIMALS)} HKDH to ${r.payout_reference}, due ${utc(Number(BigInt(r.deadline) / 1_000_000_000n))}`);
        if (!open.length) console.log(o.overdue ? "no overdue redemptions" : "no open redemptions");
      }),
    );
  st.command("mark-paid")
    .description("record redemptions wired to the holder (redemption operator): each request id with the bank's payment reference; the held HKD is burnt")
    .option("--id <id>", "request id (repeat, paired in order with --payment-reference)", (v: string, a: string[]) => [...a, v], [] as string[])
    .option("--payment-reference <ref>", "the bank's reference for the wire (repeat)", (v: string, a: string[]) => [...a, v], [] as string[])
    .option("--file <csv>", "a CSV of id,payment_reference (header line) instead")
    .action(
      run(async (ctx, o: { id: string[]; paymentReference: string[]; file?: string }) => {
        const payments = paymentsOf(o);
        await ops.markStableRedemptionsPaid(ctx, payments, (r) =>
          line(`redemption #${r.id} paid, reference ${r.paymentReference} (${formatUnits(BigInt(r.amount), DECIMALS)} HKDH burnt)`, r.done),
        );
      }),
    );
  st.command("pause").description("pause the stablecoin (pauser)").action(run(async (ctx) => line("stablecoin paused", await ops.setStablePaused(ctx, true))));
  st.command("unpause").description("unpause the stablecoin (pauser)").action(run(async (ctx) => line("stablecoin unpaused", await ops.setStablePaused(ctx, false))));

  // ---------------------------------------------------------------- fund
  const fd = p.command("fund").description("fund: NAV, subscriptions and redemptions (fund dealing); income, transfers, venues, pause (fund token)");
  fd.command("set-nav <nav>")
    .description("publish the NAV per unit on the dealing contract (NAV oracle), e.g. 1.0025")
    .action(run(async (ctx, nav: string) => line(`NAV ${nav} published`, await ops.setNav(ctx, nav))));
  fd.command("markdown <nav>")
    .description("emergency markdown: lower the NAV past the move guard (markdown role)")
    .requiredOption("--reason <text>", "why (recorded in the event)")
    .action(run(async (ctx, nav: string, o: { reason: string }) => line(`NAV marked down to ${nav}`, await ops.emergencyMarkdown(ctx, nav, o.reason))));
  fd.command("subscribe <amount>")
    .description("subscribe HKD at NAV through the dealing contract (an investor; --as on the embedded chain)")
    .action(
      run(async (ctx, cash: string) => {
        const r = await ops.subscribe(ctx, "holder", amount(cash));
        line(`subscribed ${cash} HKDH for ${formatUnits(r.shares, DECIMALS)} units (fee ${formatUnits(r.fee, DECIMALS)} HKDH)`, r);
      }),
    );
  fd.command("redeem <units>")
    .description("instant redemption from the dealing buffer: units burnt, HKD paid now (a holder; --as)")
    .action(
      run(async (ctx, units: string) => {
        const r = await ops.redeemInstant(ctx, "holder", amount(units));
        line(`redeemed ${units} units: ${formatUnits(r.gross, DECIMALS)} HKDH gross, fee ${formatUnits(r.fee, DECIMALS)}, paid ${formatUnits(r.paid, DECIMALS)}`, r);
      }),
    );
  fd.command("request-redemption <units>")
    .description("queue a redemption: the units stay in the wallet, held, until the dealing agent pays (a holder; --as)")
    .action(
      run(async (ctx, units: string) => {
        const r = await ops.requestRedemption(ctx, "holder", amount(units));
        line(`fund redemption request #${r.id} filed for ${units} units`, r);
      }),
    );
  fd.command("cancel-redemption <id>")
    .description("cancel a pending fund redemption request; the units are released (its owner, or the dealing agent with --as agent)")
    .action(run(async (ctx, id: string) => line(`fund redemption request #${id} cancelled`, await ops.cancelRedemption(ctx, "holder", Number(id)))));
  fd.command("redemption-due <id>")
    .description("the HKD due now for a pending request, as the dealing contract quotes it at the current NAV")
    .action(
      run(async (ctx, id: string) => {
        const d = await ops.redemptionDue(ctx, Number(id));
        console.log(`#${id}: ${formatUnits(d.shares, DECIMALS)} units of ${d.owner}, ${formatUnits(d.gross, DECIMALS)} HKDH due at NAV ${d.nav}`);
      }),
    );
  fd.command("settle-redemption <id>")
    .description("pay one pending request the amount the dealing contract says is due; its units burn (dealing agent)")
    .action(
      run(async (ctx, id: string) => {
        const r = await ops.settleRedemption(ctx, Number(id));
        line(`fund redemption #${id} paid: ${formatUnits(r.paid, DECIMALS)} HKDH to ${r.owner}, ${formatUnits(r.shares, DECIMALS)} units burnt at NAV ${r.nav}`, r);
      }),
    );
  fd.command("process-redemptions")
    .description("settle every pending fund redemption request, oldest first, at the contract's amount due (dealing agent)")
    .action(
      run(async (ctx) => {
        const paid = await ops.processFundRedemptions(ctx);
        for (const r of paid) line(`fund redemption #${r.id} paid: ${formatUnits(r.paid, DECIMALS)} HKDH to ${r.owner}`, r);
        if (!paid.length) console.log("✔ no pending fund redemption requests");
      }),
    );
  fd.command("top-up-buffer <amount>")
    .description("add HKD to the dealing contract's instant-redemption buffer (dealing agent or owner)")
    .action(run(async (ctx, cash: string) => line(`buffer topped up by ${cash} HKDH`, await ops.topUpBuffer(ctx, amount(cash)))));
  fd.command("sweep-fees")
    .description("send the dealing fees accrued to the fee collector (anyone)")
    .action(
      run(async (ctx) => {
        const r = await ops.sweepFees(ctx);
        line(`${formatUnits(r.amount, DECIMALS)} HKDH of fees swept to the fee collector`, r);
      }),
    );
  fd.command("transfer")
    .description("transfer fund units (a holder; --as on the embedded chain)")
    .requiredOption("--to <address>")
    .requiredOption("--amount <amount>")
    .action(run(async (ctx, o: { to: string; amount: string }) => line(`transferred ${o.amount} units to ${o.to}`, await ops.transferShares(ctx, "holder", await ctx.address(o.to), amount(o.amount)))));
  fd.command("can-transfer")
    .description("dry run: may FROM transfer AMOUNT to TO now? Every reason in words")
    .requiredOption("--from <address>")
    .requiredOption("--to <address>")
    .requiredOption("--amount <amount>")
    .action(
      run(async (ctx, o: { from: string; to: string; amount: string }) => {
        const e = await ops.eligibility(ctx, await ctx.address(o.from), await ctx.address(o.to), amount(o.amount));
        console.log(e.allowed ? "allowed" : "refused");
        for (const r of e.reasons) console.log(`  ${describeReason(r)}`);
        if (!e.allowed) process.exitCode = 2;
      }),
    );
  fd.command("distribute-income <amount>")
    .description("distribute income, in the fund's income token, to the current holders (agent)")
    .action(run(async (ctx, cash: string) => line(`income of ${cash} HKDH distributed`, await ops.depositIncome(ctx, amount(cash)))));
  fd.command("claim-income")
    .description("claim accrued income (a holder; --as on the embedded chain)")
    .action(
      run(async (ctx) => {
        const r = await ops.claimIncome(ctx, "holder");
        line(`claimed ${formatUnits(r.amount, DECIMALS)} HKDH of income`, r);
      }),
    );
  fd.command("list-venue <address>")
    .description("approve a venue (vault, settlement, DEX) to take holds (owner)")
    .option("--burn-held", "the venue may burn held units (redemption venues)")
    .action(run(async (ctx, venue: string, o: { burnHeld?: boolean }) => line(`venue ${venue} listed`, await ops.listVenue(ctx, await ctx.address(venue), o.burnHeld === true))));
  fd.command("pause").description("pause the fund (pauser)").action(run(async (ctx) => line("fund paused", await ops.setFundPaused(ctx, true))));
  fd.command("unpause").description("unpause the fund (pauser)").action(run(async (ctx) => line("fund unpaused", await ops.setFundPaused(ctx, false))));

  // ---------------------------------------------------------------- multisig
  const msig = p.command("multisig").description("cw3 multisig holding owner roles: create, approve and execute proposals (--via <multisig>)");
  const viaOf = (ctx: Context) => {
    if (!ctx.options.via) throw new Error("which multisig? pass --via <multisig>");
    return ctx.address(ctx.options.via);
  };
  msig
    .command("create")
    .description("instantiate a cw3-fixed-multisig (equal weights); uploads artifacts/reference/cw3_fixed_multisig.wasm unless --code-id")
    .requiredOption("--members <list>", "comma-separated member addresses (actor names on the embedded chain)")
    .requiredOption("--threshold <n>", "approvals needed")
    .option("--voting-period <duration>", "how long a proposal stays open", "7d")
    .option("--code-id <n>", "a cw3-fixed-multisig code already stored")
    .action(
      run(async (ctx, o: { members: string; threshold: string; votingPeriod: string; codeId?: string }) => {
        const { client, address } = await ctx.member("owner");
        let codeId = o.codeId ? Number(o.codeId) : undefined;
        if (codeId === undefined) {
          const wasm = readFileSync(resolve(REPO_ROOT, "artifacts/reference/cw3_fixed_multisig.wasm"));
          codeId = (await client.upload(address, wasm, ctx.fee)).codeId;
        }
        const members = await Promise.all(o.members.split(",").map((m) => ctx.address(m.trim())));
        const init = multisigInit(members, Number(o.threshold), parseDuration(o.votingPeriod));
        const res = await onContract("cw3-fixed-multisig", () => client.instantiate(address, codeId as number, init, "harbour owner multisig", ctx.fee));
        console.log(`✔ multisig ${res.contractAddress}: ${o.threshold} of ${members.length} (code ${codeId})`);
      }),
    );
  msig
    .command("approve <proposal>")
    .description("vote yes on a proposal (a member)")
    .action(
      run(async (ctx, id: string) => {
        const m = await viaOf(ctx);
        const { client, address } = await ctx.member("owner");
        const r = await onContract("cw3-fixed-multisig", () => client.execute(address, m, { vote: { proposal_id: Number(id), vote: "yes" } }, ctx.fee));
        const status = r.events.flatMap((e) => e.attributes).find((a) => a.key === "status")?.value ?? "?";
        console.log(`✔ approved #${id} (${status})`);
      }),
    );
  msig
    .command("execute <proposal>")
    .description("execute a passed proposal (anyone)")
    .action(
      run(async (ctx, id: string) => {
        const m = await viaOf(ctx);
        const { client, address } = await ctx.member("owner");
        await onContract("cw3-fixed-multisig", () => client.execute(address, m, { execute: { proposal_id: Number(id) } }, ctx.fee));
        console.log(`✔ executed #${id}`);
      }),
    );
  msig
    .command("show <proposal>")
    .description("a proposal: title, status, messages")
    .action(
      run(async (ctx, id: string) => {
        const m = await viaOf(ctx);
        const p = (await (await ctx.query()).queryContractSmart(m, { proposal: { proposal_id: Number(id) } })) as { title: string; status: string; msgs: unknown[] };
        console.log(`#${id} ${p.status}: ${p.title} (${p.msgs.length} message${p.msgs.length === 1 ? "" : "s"})`);
      }),
    );

  p.command("time").description("the chain's current time").action(run(async (ctx) => {
    const b = await (await ctx.query()).getBlock();
    console.log(`height ${b.header.height}, ${utc(Math.floor(new Date(b.header.time).getTime() / 1000))}`);
  }));
  return p;
}

/** Runs the CLI on a process's argv (the bin, bin/harbour.mjs, and `node --import tsx main.ts`). */
export async function main(argv: string[]): Promise<void> {
  await program().parseAsync(argv);
}

// run directly (`node --import tsx scripts/cli/src/main.ts …`), through any symlink
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv);
}
