// Failures in plain words, on stderr.
import { ChainError, HarbourError } from "@harbour/sdk";

/** Prints an error in plain words: the contract's typed error when there is one. */
export function printError(e: unknown): void {
  if (e instanceof HarbourError) {
    console.error(`error: ${e.contract} refused: ${e.words}`);
    console.error(`  code: ${e.path().join(" > ")}`);
    const fields = Object.entries(e.inner ? { ...e.fields, ...e.inner.fields } : e.fields).filter(([k]) => k !== "0");
    for (const [k, v] of fields) console.error(`  ${k}: ${v}`);
  } else if (e instanceof ChainError) {
    console.error(`error: the chain refused the transaction${e.code !== undefined ? ` (code ${e.code})` : ""}: ${e.words}`);
  } else {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

