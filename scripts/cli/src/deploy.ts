// `harbour deploy`: upload every artifact (sha256 checked against artifacts/checksums.txt and the
// chain's CodeInfo), instantiate and wire the contracts, and write deployments/<chain-id>.json.
// Rerunning is safe: each recorded step is verified on chain (code checksum, contract code id,
// admin, cw2 name) and skipped; a mismatch stops the run.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { toUtf8, fromUtf8 } from "@cosmjs/encoding";
import { chainTime, parseContractError, seconds } from "@harbour/sdk";
import type { ExecuteResult } from "@cosmjs/cosmwasm-stargate";
import { IdentityRegistryClient, type FundDealingTypes, type FundTokenTypes, type HkdStablecoinTypes, type IdentityRegistryTypes } from "@harbour/sdk";
import { CONTRACT_NAMES, onContract, type ContractName, type Context, type Manifest } from "./context";
import { REPO_ROOT } from "./localchain";
import { proposalOf } from "./multisig";
import { progress } from "./progress";

export const DAY = 86_400;

/** The addresses deploy puts in roles. */
export interface Roles {
  owner: string;
  agent: string;
  issuer: string;
  navOracle: string;
  /** Fund dealing: may only lower the NAV (emergency markdown); never the NAV oracle. */
  markdown: string;
  pauser: string;
  compliance: string;
  custody: string;
  feeCollector: string;
  masterMinter: string;
  stablePauser: string;
  blacklister: string;
  rescuer: string;
  assetProtector: string;
  attestors: string[];
  redemptionOperators: string[];
}

export const ROLE_KEYS: (keyof Roles)[] = [
  "owner", "agent", "issuer", "navOracle", "markdown", "pauser", "compliance", "custody", "feeCollector",
  "masterMinter", "stablePauser", "blacklister", "rescuer", "assetProtector", "attestors", "redemptionOperators",
];

/** The development actors in every role (the embedded chain). */
export async function devRoles(ctx: Context): Promise<Roles> {
  const a = await ctx.actors();
  return {
    owner: a.owner, agent: a.agent, issuer: a.issuer, navOracle: a["nav-oracle"], markdown: a.markdown, pauser: a.pauser,
    compliance: a.compliance, custody: a.custody, feeCollector: a["fee-collector"], masterMinter: a["master-minter"],
    stablePauser: a["stable-pauser"], blacklister: a.blacklister, rescuer: a.rescuer, assetProtector: a["asset-protector"],
    attestors: [a.custodian, a.auditor], redemptionOperators: [a.treasury],
  };
}

/** Roles from a JSON file with the keys of {@link Roles} (attestors and redemptionOperators are lists). */
export function rolesFromFile(path: string): Roles {
  const r = JSON.parse(readFileSync(path, "utf8")) as Partial<Roles>;
  const missing = ROLE_KEYS.filter((k) => r[k] === undefined);
  if (missing.length) throw new Error(`${path} lacks ${missing.join(", ")}`);
  return r as Roles;
}

const artifactFile = (name: ContractName) => `${name.replace(/-/g, "_")}.wasm`;

/** sha256 of every artifact as artifacts/checksums.txt lists it. */
function listedChecksums(dir: string): Map<string, string> {
  const file = join(dir, "checksums.txt");
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`make build\``);
  const map = new Map<string, string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^([0-9a-f]{64})\s+\*?(\S+)$/.exec(line.trim());
    if (m) map.set(m[2], m[1]);
  }
  return map;
}

export interface DeployOptions {
  roles: Roles;
  artifacts?: string;
  /** Codes stored by governance on chains with restricted upload: contract -> code id. */
  codeIds?: Partial<Record<ContractName, number>>;
  log?: (line: string) => void;
}

function instantiateMsgs(roles: Roles, addr: (c: ContractName) => string) {
  const registry: IdentityRegistryTypes.InstantiateMsg = {
    owner: roles.owner,
    agents: [roles.agent],
    issuers: [
      {
        address: roles.issuer,
        name: "Harbour Transfer Agent - KYC desk",
        claims: ["kyc", "professional_investor", "accredited", "institutional", "aml_screening"],
        public_key: null,
      },
    ],
  };
  const stablecoin = (): HkdStablecoinTypes.InstantiateMsg => ({
    name: "Harbour HKD",
    symbol: "HKDH",
    decimals: 6,
    owner: roles.owner,
    master_minter: roles.masterMinter,
    pauser: roles.stablePauser,
    blacklister: roles.blacklister,
    rescuer: roles.rescuer,
    asset_protector: roles.assetProtector,
    attestors: roles.attestors,
    redemption_operators: roles.redemptionOperators,
    holder_mode: "open",
    registry: addr("identity-registry"),
    reserve_policy: {
      buckets: (["hkd_cash", "hkd_deposits", "government_bills", "reverse_repo", "usd_assets", "cnh_assets", "tokenized_assets"] as const).map(
        (bucket) => ({
          bucket,
          haircut_bps: bucket === "government_bills" ? 50 : bucket === "usd_assets" ? 200 : 0,
          cap_bps: bucket === "usd_assets" ? 3_000 : 10_000,
          fx_band: bucket === "usd_assets" ? { min: "7.75", max: "7.85" } : null,
        }),
      ),
      approved_foreign: ["usd_assets"],
      max_attestation_age: 2 * DAY,
      attestation_quorum: 1,
    },
    redemption: { min_amount: "1000000", max_amount: null, sla_seconds: DAY, business_days_only: false },
    marketing: null,
  });
  const fund = (): FundTokenTypes.InstantiateMsg => ({
    name: "Harbour HKD Money Market Fund",
    symbol: "HHMMF",
    decimals: 6,
    owner: roles.owner,
    registry: addr("identity-registry"),
    policy: {
      required_claims: ["kyc", "professional_investor"],
      allowed_jurisdictions: [],
      blocked_jurisdictions: ["KP", "IR"],
      allowed_categories: [],
      max_holders: null,
      min_holding: "0",
      max_holding: null,
      primary_only: false,
    },
    income_mode: "distributing",
    income_token: addr("hkd-stablecoin"),
    custody: roles.custody,
    agents: [roles.agent],
    pausers: [roles.pauser],
    compliance_officers: [roles.compliance],
    marketing: null,
  });
  const dealing = (): FundDealingTypes.InstantiateMsg => ({
    owner: roles.owner,
    fund_token: addr("fund-token"),
    initial_nav: "1",
    nav_guards: { max_move_bps: 200, min_interval: 3_600, staleness: 2 * DAY },
    config: {
      cash_token: addr("hkd-stablecoin"),
      custody: roles.custody,
      fee_collector: roles.feeCollector,
      subscription_fee_bps: 0,
      redemption_fee_bps: 0,
      lockup_seconds: 0,
      instant_daily_limit: "1000000000000",
      min_subscription: "1000000",
      venues: [],
    },
    nav_oracles: [roles.navOracle],
    dealing_agents: [roles.agent],
    pausers: [roles.pauser],
    markdown_agents: [roles.markdown],
  });
  return { registry, stablecoin, fund, dealing };
}

const LABELS: Record<ContractName, string> = {
  "identity-registry": "harbour identity-registry",
  "hkd-stablecoin": "harbour hkd-stablecoin",
  "fund-token": "harbour fund-token HHMMF",
  "fund-dealing": "harbour fund-dealing HHMMF",
};

/** The dealing contract's identity in the registry (a venue: the fund checks every holder's). */
export const DEALING_DID = "did:hk:harbour-fund-dealing";

export async function deploy(ctx: Context, opts: DeployOptions): Promise<Manifest> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const dir = opts.artifacts ?? join(REPO_ROOT, "artifacts");
  const listed = listedChecksums(dir);
  const manifest: Manifest = ctx.hasManifest()
    ? ctx.manifest()
    : { chain_id: ctx.config.chainId, codes: {}, contracts: {}, roles: {}, steps: [] };
  if (manifest.chain_id !== ctx.config.chainId) throw new Error(`${ctx.manifestPath} is for chain ${manifest.chain_id}`);
  const rolesRecord = Object.fromEntries(ROLE_KEYS.map((k) => [k, ([] as string[]).concat(opts.roles[k]).join(",")]));
  if (manifest.steps.length && JSON.stringify(manifest.roles) !== JSON.stringify(rolesRecord)) {
    throw new Error(`${ctx.manifestPath} was deployed with other role holders: change roles with the contracts' role messages, not by redeploying`);
  }
  manifest.roles = rolesRecord;
  const { client, address: deployer } = await ctx.sender("owner");
  const step = (name: string) => {
    if (!manifest.steps.includes(name)) manifest.steps.push(name);
    ctx.saveManifest(manifest);
  };
  const bar = progress(CONTRACT_NAMES.length * 2 + 5, "deploy");

  // 1. codes
  for (const name of CONTRACT_NAMES) {
    const file = artifactFile(name);
    const path = join(dir, file);
    const wasm = readFileSync(path);
    const checksum = createHash("sha256").update(wasm).digest("hex");
    if (listed.get(file) !== checksum) throw new Error(`${path} has sha256 ${checksum}, artifacts/checksums.txt says ${listed.get(file) ?? "nothing"}: rebuild with \`make build\``);
    const given = opts.codeIds?.[name];
    const recorded = manifest.codes[name];
    const candidate = given ?? (recorded?.checksum === checksum ? recorded.code_id : undefined);
    if (candidate !== undefined) {
      const onChain = await client.getCodeDetails(candidate);
      if (onChain.checksum !== checksum) throw new Error(`code ${candidate} on chain has checksum ${onChain.checksum}, not ${name}'s ${checksum}`);
      manifest.codes[name] = { code_id: candidate, checksum, stored_by: given !== undefined ? "governance" : (recorded?.stored_by ?? "deploy") };
      log(`  code ${name}: ${candidate} (verified, sha256 ${checksum.slice(0, 12)}…)`);
    } else {
      if (recorded && recorded.checksum !== checksum) log(`  code ${name}: the artifact changed since the last deploy; uploading the new one`);
      const res = await onContract(name, () => client.upload(deployer, wasm, ctx.fee, `harbour deploy ${name}`));
      if (res.checksum !== checksum) throw new Error(`uploaded ${name} but the chain computed ${res.checksum}`);
      const onChain = await client.getCodeDetails(res.codeId);
      if (onChain.checksum !== checksum) throw new Error(`code ${res.codeId} on chain has checksum ${onChain.checksum}, not ${checksum}`);
      manifest.codes[name] = { code_id: res.codeId, checksum, stored_by: "deploy" };
      log(`  code ${name}: stored as ${res.codeId} (${wasm.length} bytes, sha256 ${checksum.slice(0, 12)}…)`);
    }
    step(`store:${name}`);
    bar.tick(name);
  }

  // 2. contracts
  const addr = (c: ContractName) => {
    const r = manifest.contracts[c];
    if (!r) throw new Error(`${c} must be instantiated first`);
    return r.address;
  };
  const msgs = instantiateMsgs(opts.roles, addr);
  const plan: [ContractName, () => object][] = [
    ["identity-registry", () => msgs.registry],
    ["hkd-stablecoin", msgs.stablecoin],
    ["fund-token", msgs.fund],
    ["fund-dealing", msgs.dealing],
  ];
  for (const [name, msg] of plan) {
    const codeId = manifest.codes[name]?.code_id as number;
    const recorded = manifest.contracts[name];
    if (recorded) {
      await verifyContract(ctx, name, recorded.address, codeId, opts.roles.owner);
      log(`  ${name}: ${recorded.address} (verified: code ${codeId}, admin, cw2 ${recorded.cw2.version})`);
    } else {
      const res = await onContract(name, () =>
        client.instantiate(deployer, codeId, msg(), LABELS[name], ctx.fee, { admin: opts.roles.owner, memo: `harbour deploy ${name}` }),
      );
      const cw2 = await verifyContract(ctx, name, res.contractAddress, codeId, opts.roles.owner);
      manifest.contracts[name] = { address: res.contractAddress, code_id: codeId, label: LABELS[name], admin: opts.roles.owner, cw2 };
      log(`  ${name}: instantiated at ${res.contractAddress} (cw2 ${cw2.contract} ${cw2.version})`);
    }
    step(`instantiate:${name}`);
    bar.tick(name);
  }

  // 3. wiring: the registry pushes identity changes to both tokens (owner)
  const registry = await ctx.registry("owner");
  const registryQuery = await ctx.registryQuery();
  const q = await ctx.query();
  /**
   * An owner-only wiring step: verified on chain and skipped when done; otherwise sent (with
   * --via, proposed to the multisig and recorded as pending until a rerun finds it done).
   */
  const ownerStep = async (name: string, what: string, contract: ContractName, isDone: () => Promise<boolean>, send: () => Promise<ExecuteResult>) => {
    const pending = manifest.pending?.[name];
    if (await isDone()) {
      log(`  ${what}: done (verified)`);
      if (manifest.pending) delete manifest.pending[name];
      step(name);
    } else if (pending && ["open", "passed"].includes(String(((await q.queryContractSmart(pending.multisig, { proposal: { proposal_id: pending.proposal_id } })) as { status: string }).status))) {
      log(`  ${what}: waiting for proposal #${pending.proposal_id} of ${pending.multisig} (approve and execute it, then rerun deploy)`);
    } else {
      const r = await onContract(contract, send);
      const proposal = proposalOf(r);
      if (proposal) {
        manifest.pending = { ...manifest.pending, [name]: { multisig: await ctx.address(ctx.options.via as string), proposal_id: proposal.id } };
        ctx.saveManifest(manifest);
        log(`  ${what}: proposed as #${proposal.id} (${proposal.status}): approve and execute it, then rerun deploy`);
      } else {
        log(`  ${what}: done`);
        step(name);
      }
    }
  };
  for (const token of ["fund-token", "hkd-stablecoin"] as const) {
    await ownerStep(`subscribe:${token}`, `registry -> ${token}`, "identity-registry",
      async () => (await registryQuery.subscribers({ limit: 30 })).subscribers.includes(addr(token)),
      () => registry.addSubscriber({ address: addr(token) }, ctx.fee));
    bar.tick(token);
  }

  // 4. the dealing contract: its identity (agent, then trusted issuer, never through --via: they
  // are not owner roles), a venue that may burn the units held for it, then the fund's dealing
  // (only once the fund token is subscribed: it must hear of the identity)
  if (manifest.steps.includes("subscribe:fund-token")) {
    const dealingAddr = addr("fund-dealing");
    const identity = await registryQuery.identity({ did: DEALING_DID }).catch((e: unknown) => {
      if (parseContractError(e, "identity-registry")?.code === "IdentityNotFound") return undefined;
      throw e;
    });
    if (identity) {
      if (!identity.wallets.includes(dealingAddr)) throw new Error(`${DEALING_DID} is registered with wallets ${identity.wallets.join(", ")}, not the dealing contract ${dealingAddr}`);
      log(`  identity ${DEALING_DID} -> fund-dealing: registered (verified)`);
    } else {
      const { client: c, address } = await ctx.member("agent");
      await onContract("identity-registry", () =>
        new IdentityRegistryClient(c, address, addr("identity-registry")).registerIdentity({ did: DEALING_DID, wallets: [dealingAddr], jurisdiction: "HK", category: "venue" }, ctx.fee),
      );
      log(`  identity ${DEALING_DID} -> fund-dealing: registered`);
    }
    step("identity:fund-dealing");
    const creds = await registryQuery.credentials({ did: DEALING_DID });
    const now = await chainTime(q);
    if (creds.credentials.some((c) => c.valid && c.credential.claim === "kyc" && seconds(c.credential.valid_until) > now + 30 * DAY)) {
      log(`  ${DEALING_DID} kyc credential: valid (verified)`);
    } else {
      const { client: c, address } = await ctx.member("issuer");
      await onContract("identity-registry", () =>
        new IdentityRegistryClient(c, address, addr("identity-registry")).issueCredential(
          { did: DEALING_DID, claim: "kyc", validUntil: String(BigInt(now + 5 * 365 * DAY) * 1_000_000_000n), evidenceHash: createHash("sha256").update(`contract ${dealingAddr}`).digest("hex") },
          ctx.fee,
        ),
      );
      log(`  ${DEALING_DID} kyc credential: issued for 5 years`);
    }
    step("credential:fund-dealing");
    bar.tick("dealing identity");
    const fundOwner = await ctx.fund("owner");
    const fundQuery = await ctx.fundQuery();
    const isVenue = async () => (await fundQuery.venues({ limit: 30 })).venues.some((v) => v.address === dealingAddr && v.burn_held);
    await ownerStep("venue:fund-dealing", "fund-token venue fund-dealing (burn held)", "fund-token", isVenue, () => fundOwner.addVenue({ address: dealingAddr, burnHeld: true }, ctx.fee));
    bar.tick("dealing venue");
    if (manifest.steps.includes("venue:fund-dealing")) {
      await ownerStep("set-dealing", "fund-token dealing = fund-dealing", "fund-token", async () => (await fundQuery.config()).dealing === dealingAddr, () => fundOwner.setDealing({ address: dealingAddr }, ctx.fee));
    } else log("  fund-token dealing = fund-dealing: after the venue approval (rerun deploy)");
    bar.tick("set dealing");
  } else log("  fund-dealing identity, venue and dealing: after the registry -> fund-token subscription (rerun deploy)");
  bar.done();
  return manifest;
}

/** Checks a deployed contract: its code id, admin and cw2 name. Returns its cw2 record. */
async function verifyContract(ctx: Context, name: ContractName, address: string, codeId: number, admin: string): Promise<{ contract: string; version: string }> {
  const q = await ctx.query();
  const info = await q.getContract(address);
  if (info.codeId !== codeId) throw new Error(`${name} at ${address} runs code ${info.codeId}, not ${codeId}`);
  if ((info.admin ?? null) !== admin) throw new Error(`${name} at ${address} has admin ${info.admin ?? "none"}, not ${admin}`);
  const raw = await q.queryContractRaw(address, toUtf8("contract_info"));
  if (!raw) throw new Error(`${name} at ${address} has no cw2 version`);
  const cw2 = JSON.parse(fromUtf8(raw)) as { contract: string; version: string };
  if (!cw2.contract.endsWith(name)) throw new Error(`${address} is ${cw2.contract}, not ${name}`);
  return cw2;
}
