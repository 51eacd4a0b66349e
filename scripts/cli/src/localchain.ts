// Starts and stops the embedded chain (packages/localchain) as a node on 127.0.0.1 for the length
// of a command, and calls its two development extensions (advance time, faucet).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

export const REPO_ROOT = join(import.meta.dirname, "..", "..", "..");
export const LOCAL_CHAIN_ID = "harbour-local-1";
export const LOCAL_PREFIX = "harbour";
export const LOCAL_DENOM = "uhbr";
export const DEFAULT_HOME = join(REPO_ROOT, ".harbour", "localchain");

export interface LocalNode {
  rpc: string;
  stop(): Promise<void>;
}

/** The localchain binary: $HARBOUR_LOCALCHAIN, or the workspace's debug build. */
export function localchainBinary(): string {
  const bin = process.env.HARBOUR_LOCALCHAIN ?? join(REPO_ROOT, "target", "debug", "localchain");
  if (!existsSync(bin)) {
    throw new Error(`the embedded chain is not built (${bin}): run \`cargo build --locked -p localchain\` (make demo does)`);
  }
  return bin;
}

/** Serves the chain whose state is in `home` on a free port until `stop()`. */
export async function startLocalchain(home: string): Promise<LocalNode> {
  const child = spawn(localchainBinary(), ["serve", "--port", "0", "--exit-on-stdin-close", "--home", home], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout });
  const rpc = await new Promise<string>((resolve, reject) => {
    lines.once("line", (line) => {
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(line);
      if (m) resolve(m[0]);
      else reject(new Error(`localchain: unexpected output ${line}`));
    });
    void exited.then((code) => reject(new Error(`localchain exited (${code}): ${stderr.trim()}`)));
  });
  lines.on("line", () => undefined);
  return {
    rpc,
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGTERM"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A JSON-RPC call to a CometBFT endpoint (used for the embedded chain's extensions). */
export async function rpcCall<T>(rpc: string, method: string, params: Record<string, unknown>): Promise<T> {
  const res = await fetch(rpc, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string; data?: string } };
  if (body.error) throw new Error(`${method}: ${body.error.data ?? body.error.message}`);
  return body.result as T;
}

/** Moves the embedded chain's time ahead (one new block). */
export async function advanceTime(rpc: string, seconds: number): Promise<{ height: string; time: string }> {
  return rpcCall(rpc, "harbour_advance_time", { seconds: String(seconds) });
}

/** Credits native tokens to an address, creating its account (embedded chain only). */
export async function faucet(rpc: string, address: string, amount: bigint): Promise<void> {
  await rpcCall(rpc, "harbour_fund", { address, amount: amount.toString() });
}
