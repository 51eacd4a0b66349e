// Owner commands through a cw3 multisig (`--via <multisig>`): the command's messages become one
// proposal of the multisig, sent by a member (the key in use; --as on the embedded chain); the
// other members approve it and anyone executes it once it passed (`harbour multisig …`).
import type { ExecuteResult, SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { toBase64, toUtf8 } from "@cosmjs/encoding";
import type { Coin, StdFee } from "@cosmjs/stargate";

export interface ProposalInfo {
  id: number;
  status: string;
}

/** The multisig's proposal in a result (`propose` attributes), if the result is one. */
export function proposalOf(r: ExecuteResult): ProposalInfo | undefined {
  for (const e of r.events) {
    if (!e.type.startsWith("wasm")) continue;
    const get = (k: string) => e.attributes.find((a) => a.key === k)?.value;
    if (get("action") === "propose" && get("proposal_id")) return { id: Number(get("proposal_id")), status: get("status") ?? "?" };
  }
  return undefined;
}

/**
 * A signing client whose `execute` proposes instead: `execute(member, contract, msg)` sends
 * `propose { msgs: [wasm execute of msg on contract] }` from the member to the multisig. Every other
 * method is the client's own.
 */
export function viaMultisig(client: SigningCosmWasmClient, multisig: string): SigningCosmWasmClient {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "execute") {
        return (sender: string, contract: string, msg: Record<string, unknown>, fee: StdFee | "auto" | number, memo = "", funds: readonly Coin[] = []) => {
          const action = Object.keys(msg)[0] ?? "message";
          const propose = {
            propose: {
              title: `${action} on ${contract}`.slice(0, 120),
              description: memo || `harbour CLI: ${action}`,
              msgs: [{ wasm: { execute: { contract_addr: contract, msg: toBase64(toUtf8(JSON.stringify(msg))), funds } } }],
            },
          };
          return target.execute(sender, multisig, propose, fee, memo);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** cw3-fixed-multisig's instantiate message: equal-weight members, an absolute threshold. */
export function multisigInit(members: string[], threshold: number, votingPeriodSeconds: number) {
  return {
    voters: members.map((addr) => ({ addr, weight: 1 })),
    threshold: { absolute_count: { weight: threshold } },
    max_voting_period: { time: votingPeriodSeconds },
  };
}
