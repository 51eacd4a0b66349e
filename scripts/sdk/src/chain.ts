// One code path to any chain: the stock CosmJS SigningCosmWasmClient over CometBFT RPC, whether the
// node is the embedded chain (packages/localchain) or a wasmd node. Fees are "auto" (simulation ×
// the gas adjustment) at the configured gas price; permissioned chains often run at zero.
import { SigningCosmWasmClient, CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import type { OfflineSigner } from "@cosmjs/proto-signing";
import { GasPrice } from "@cosmjs/stargate";

export interface ChainConfig {
  /** CometBFT RPC endpoint (`http://127.0.0.1:26657`). */
  rpc: string;
  /** Expected chain id: connecting to another chain fails. */
  chainId: string;
  /** Bech32 prefix of the chain's addresses. */
  prefix: string;
  /** `0.025uatom`, or `0uhbr` on a zero-fee chain. */
  gasPrice: string;
  /** Simulated gas × this is the gas limit ("auto" fees). */
  gasAdjustment: number;
  /** How often to poll for a broadcast transaction (CosmJS's default is 3 s, for real block times). */
  pollIntervalMs?: number;
}

export async function connectSigning(config: ChainConfig, signer: OfflineSigner): Promise<SigningCosmWasmClient> {
  const client = await SigningCosmWasmClient.connectWithSigner(config.rpc, signer, {
    gasPrice: GasPrice.fromString(config.gasPrice),
    broadcastPollIntervalMs: config.pollIntervalMs,
  });
  await assertChainId(client, config.chainId);
  return client;
}

export async function connectQuery(config: Pick<ChainConfig, "rpc" | "chainId">): Promise<CosmWasmClient> {
  const client = await CosmWasmClient.connect(config.rpc);
  await assertChainId(client, config.chainId);
  return client;
}

async function assertChainId(client: CosmWasmClient, expected: string): Promise<void> {
  const actual = await client.getChainId();
  if (actual !== expected) {
    client.disconnect();
    throw new Error(`the node at this RPC serves chain ${actual}, not ${expected}`);
  }
}

/** The chain's time (the latest block's), in seconds: what expiry and NAV age are measured against. */
export async function chainTime(client: CosmWasmClient): Promise<number> {
  const block = await client.getBlock();
  return Math.floor(new Date(block.header.time).getTime() / 1000);
}
