// What every command needs: the chain (embedded or real), signers, the deployment manifest and
// the typed clients. The embedded chain and a real wasmd node are driven through the same
// SigningCosmWasmClient; only the endpoint and the keys differ.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { CosmWasmClient, SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import type { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import {
  connectQuery,
  connectSigning,
  explain,
  FundDealingClient,
  FundDealingQueryClient,
  FundTokenClient,
  FundTokenQueryClient,
  HkdStablecoinClient,
  HkdStablecoinQueryClient,
  IdentityRegistryClient,
  IdentityRegistryQueryClient,
  promptHidden,
  walletFromFile,
  walletFromMnemonic,
  type ChainConfig,
} from "@harbour/sdk";
import {
  DEFAULT_HOME,
  faucet,
  LOCAL_CHAIN_ID,
  LOCAL_DENOM,
  LOCAL_PREFIX,
  REPO_ROOT,
  startLocalchain,
  type LocalNode,
} from "./localchain";
import { viaMultisig } from "./multisig";

/**
 * The embedded chain's development keys: a public test mnemonic (CosmJS's own), never for a real
 * chain. Each actor of the demo is one HD account of it.
 */
export const DEV_MNEMONIC = "enlist hip relief stomach skate base shallow young switch frequent cry park";

/** Demo actors -> HD account index of the development mnemonic. */
export const DEV_ACTORS: Record<string, number> = {
  owner: 0,
  agent: 1,
  issuer: 2,
  "nav-oracle": 3,
  custodian: 4,
  "master-minter": 5,
  minter: 6,
  treasury: 7,
  pauser: 8,
  compliance: 9,
  "stable-pauser": 10,
  blacklister: 11,
  rescuer: 12,
  "asset-protector": 13,
  custody: 14,
  "fee-collector": 15,
  auditor: 16,
  markdown: 17,
  alice: 20,
  bob: 21,
  carol: 22,
  dave: 23,
};

export interface GlobalOptions {
  rpc?: string;
  chainId?: string;
  prefix?: string;
  gasPrice?: string;
  gasAdjustment?: string;
  home?: string;
  deployments?: string;
  as?: string;
  accountIndex?: string;
  walletFile?: string;
  devKeys?: boolean;
  /** A cw3 multisig holding the role: the command's messages become its proposal. */
  via?: string;
}

export const CONTRACT_NAMES = ["identity-registry", "hkd-stablecoin", "fund-token", "fund-dealing"] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export interface ContractRecord {
  address: string;
  code_id: number;
  label: string;
  admin: string | null;
  cw2: { contract: string; version: string };
}

export interface Manifest {
  chain_id: string;
  codes: Partial<Record<ContractName, { code_id: number; checksum: string; stored_by: "deploy" | "governance" }>>;
  contracts: Partial<Record<ContractName, ContractRecord>>;
  /** Role -> address, as deployed. */
  roles: Record<string, string>;
  /** Steps waiting for a multisig proposal to be approved and executed (`--via`). */
  pending?: Record<string, { multisig: string; proposal_id: number }>;
  /** Completed steps, in order (a rerun verifies and skips them). */
  steps: string[];
}

export class Context {
  readonly config: ChainConfig;
  readonly embedded: boolean;
  readonly fee: number;
  readonly manifestPath: string;
  private node?: LocalNode;
  private wallet?: DirectSecp256k1HdWallet;
  private addresses = new Map<string, string>();
  private signing?: SigningCosmWasmClient;
  private querying?: CosmWasmClient;
  private funded = new Set<string>();

  private constructor(readonly options: GlobalOptions) {
    this.embedded = !options.rpc;
    if (!this.embedded && !options.chainId) throw new Error("--rpc needs --chain-id (the chain you mean to reach)");
    const chainId = options.chainId ?? LOCAL_CHAIN_ID;
    this.config = {
      rpc: options.rpc ?? "",
      chainId,
      prefix: options.prefix ?? (this.embedded ? LOCAL_PREFIX : "wasm"),
      gasPrice: options.gasPrice ?? (this.embedded ? `0${LOCAL_DENOM}` : ""),
      gasAdjustment: Number(options.gasAdjustment ?? "1.4"),
      pollIntervalMs: this.embedded || options.devKeys ? 25 : undefined,
    };
    if (!this.config.gasPrice) throw new Error("a real chain needs --gas-price (e.g. 0.025uwasm, or 0ustake on a zero-fee chain)");
    if (!(this.config.gasAdjustment >= 1)) throw new Error("--gas-adjustment must be at least 1");
    this.fee = this.config.gasAdjustment;
    const dir = resolve(options.deployments ?? join(REPO_ROOT, "deployments"));
    this.manifestPath = join(dir, `${chainId}.json`);
  }

  static async open(options: GlobalOptions): Promise<Context> {
    const ctx = new Context(options);
    if (ctx.embedded) {
      ctx.node = await startLocalchain(resolve(options.home ?? DEFAULT_HOME));
      ctx.config.rpc = ctx.node.rpc;
    }
    return ctx;
  }

  get devKeys(): boolean {
    return this.embedded || this.options.devKeys === true;
  }

  async close(): Promise<void> {
    this.signing?.disconnect();
    this.querying?.disconnect();
    await this.node?.stop();
  }

  private async loadWallet(): Promise<DirectSecp256k1HdWallet> {
    if (this.wallet) return this.wallet;
    const prefix = this.config.prefix;
    if (this.devKeys) {
      const names = Object.keys(DEV_ACTORS);
      this.wallet = await walletFromMnemonic(DEV_MNEMONIC, prefix, names.map((n) => DEV_ACTORS[n]));
      const accounts = await this.wallet.getAccounts();
      names.forEach((n, i) => this.addresses.set(n, accounts[i].address));
    } else {
      const index = Number(this.options.accountIndex ?? "0");
      if (this.options.walletFile) {
        const password = process.env.HARBOUR_WALLET_PASSWORD ?? (await promptHidden("wallet password: "));
        this.wallet = await walletFromFile(this.options.walletFile, password);
      } else {
        const mnemonic = process.env.HARBOUR_MNEMONIC;
        if (!mnemonic) throw new Error("no key: set HARBOUR_MNEMONIC, or give --wallet-file (password in HARBOUR_WALLET_PASSWORD or at the prompt)");
        this.wallet = await walletFromMnemonic(mnemonic, prefix, [index]);
      }
      const [account] = await this.wallet.getAccounts();
      this.addresses.set("self", account.address);
    }
    return this.wallet;
  }

  /** Every development actor's address (embedded chain or --dev-keys). */
  async actors(): Promise<Record<string, string>> {
    if (!this.devKeys) throw new Error("actor names need the development keys (the embedded chain, or --dev-keys)");
    await this.loadWallet();
    return Object.fromEntries(Object.keys(DEV_ACTORS).map((n) => [n, this.addresses.get(n) as string]));
  }

  /** An address, or an actor's name on the embedded chain. */
  async address(nameOrAddress: string): Promise<string> {
    if (nameOrAddress.startsWith(`${this.config.prefix}1`)) return nameOrAddress;
    if (this.devKeys && nameOrAddress in DEV_ACTORS) return (await this.actors())[nameOrAddress];
    throw new Error(`${nameOrAddress} is neither a ${this.config.prefix} address nor a known actor`);
  }

  /**
   * The signing client and the sender for `role`: with the development keys, the actor named by
   * --as or else the role's own actor; with a real key, that key (it must hold the role).
   */
  async sender(role: string): Promise<{ client: SigningCosmWasmClient; address: string }> {
    const wallet = await this.loadWallet();
    const name = this.devKeys ? (this.options.as ?? role) : "self";
    if (this.devKeys && !(name in DEV_ACTORS)) {
      throw new Error(`sign as which ${role}? pass --as <actor> (${Object.keys(DEV_ACTORS).join(", ")})`);
    }
    const address = this.devKeys ? await this.address(name) : (this.addresses.get("self") as string);
    if (!this.signing) this.signing = await connectSigning(this.config, wallet);
    if (this.devKeys && !this.funded.has(address)) {
      // the embedded chain's faucet opens the account (a real chain needs it funded first)
      if (!(await this.signing.getAccount(address))) await faucet(this.config.rpc, address, 1_000_000_000n);
      this.funded.add(address);
    }
    const via = this.options.via;
    return { client: via ? viaMultisig(this.signing, await this.address(via)) : this.signing, address };
  }

  /** The signer itself, never through --via (the multisig's own commands: vote, execute). */
  async member(role: string): Promise<{ client: SigningCosmWasmClient; address: string }> {
    const { address } = await this.sender(role);
    return { client: this.signing as SigningCosmWasmClient, address };
  }

  async query(): Promise<CosmWasmClient> {
    if (!this.querying) this.querying = await connectQuery(this.config);
    return this.querying;
  }

  hasManifest(): boolean {
    return existsSync(this.manifestPath);
  }

  manifest(): Manifest {
    if (!this.hasManifest()) throw new Error(`nothing deployed on ${this.config.chainId} (${this.manifestPath}): run \`harbour deploy\``);
    return JSON.parse(readFileSync(this.manifestPath, "utf8")) as Manifest;
  }

  saveManifest(m: Manifest): void {
    mkdirSync(dirname(this.manifestPath), { recursive: true });
    const tmp = `${this.manifestPath}.tmp`;
    writeFileSync(tmp, JSON.stringify(m, null, 2) + "\n");
    renameSync(tmp, this.manifestPath);
  }

  contract(name: ContractName): string {
    const c = this.manifest().contracts[name];
    if (!c) throw new Error(`${name} is not deployed on ${this.config.chainId}: run \`harbour deploy\``);
    return c.address;
  }

  async registryQuery(): Promise<IdentityRegistryQueryClient> {
    return new IdentityRegistryQueryClient(await this.query(), this.contract("identity-registry"));
  }

  async stablecoinQuery(): Promise<HkdStablecoinQueryClient> {
    return new HkdStablecoinQueryClient(await this.query(), this.contract("hkd-stablecoin"));
  }

  async fundQuery(): Promise<FundTokenQueryClient> {
    return new FundTokenQueryClient(await this.query(), this.contract("fund-token"));
  }

  async dealingQuery(): Promise<FundDealingQueryClient> {
    return new FundDealingQueryClient(await this.query(), this.contract("fund-dealing"));
  }

  async registry(role: string): Promise<IdentityRegistryClient> {
    const { client, address } = await this.sender(role);
    return new IdentityRegistryClient(client, address, this.contract("identity-registry"));
  }

  async stablecoin(role: string): Promise<HkdStablecoinClient> {
    const { client, address } = await this.sender(role);
    return new HkdStablecoinClient(client, address, this.contract("hkd-stablecoin"));
  }

  async fund(role: string): Promise<FundTokenClient> {
    const { client, address } = await this.sender(role);
    return new FundTokenClient(client, address, this.contract("fund-token"));
  }

  async dealing(role: string): Promise<FundDealingClient> {
    const { client, address } = await this.sender(role);
    return new FundDealingClient(client, address, this.contract("fund-dealing"));
  }
}

/** Runs `f` and turns a failure into the contract's typed error (or the chain's) for `contract`. */
export async function onContract<T>(contract: ContractName | "cw3-fixed-multisig", f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw explain(e, contract);
  }
}
