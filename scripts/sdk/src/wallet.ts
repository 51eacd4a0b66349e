// Signers from a mnemonic in an environment variable or from a CosmJS encrypted wallet file
// (`DirectSecp256k1HdWallet.serialize(password)`) with its password from an environment variable
// or a prompt. Nothing here prints or stores a secret.
import { readFileSync } from "node:fs";
import { stringToPath } from "@cosmjs/crypto";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";

/** Cosmos HD path of account `index` (`m/44'/118'/0'/0/index`). */
export function hdPath(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new Error(`invalid account index ${index}`);
  return `m/44'/118'/0'/0/${index}`;
}

export async function walletFromMnemonic(mnemonic: string, prefix: string, indexes: number[] = [0]): Promise<DirectSecp256k1HdWallet> {
  return DirectSecp256k1HdWallet.fromMnemonic(mnemonic.trim(), { prefix, hdPaths: indexes.map((i) => stringToPath(hdPath(i))) });
}

export async function walletFromFile(path: string, password: string): Promise<DirectSecp256k1HdWallet> {
  const serialization = readFileSync(path, "utf8");
  try {
    return await DirectSecp256k1HdWallet.deserialize(serialization, password);
  } catch {
    // CosmJS's message may quote the input: say only what failed
    throw new Error(`cannot decrypt the wallet file ${path}: wrong password or not a CosmJS wallet`);
  }
}

/** Reads a line from the terminal without echoing it. */
export async function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  if (!stdin.isTTY) throw new Error("no terminal to ask for the wallet password: set the password environment variable");
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          stderr.write("\n");
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          stdin.setRawMode(false);
          reject(new Error("cancelled"));
          return;
        }
        if (ch === "\u007f") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on("data", onData);
  });
}
