// The error catalogue on the texts wasmd and CosmJS produce (each wrapper seen on a chain), and the
// generated catalogue's coverage of the contracts' error types. The same parsing is checked on the
// real VM's texts in cli/test/chain.test.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ChainError, contractText, explain, HarbourError, parseContractError } from "../src/errors";
import { ERROR_TEMPLATES } from "../src/generated/errors";
import { REASONS } from "../src/generated/reasons";
import { reason } from "../src/eligibility";

const deliver = (text: string) =>
  `Error when broadcasting tx ABC at height 7. Code: 5; Raw log: failed to execute message; message index: 0: ${text}: execute wasm contract failed`;
const simulate = (text: string) =>
  `Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: ${text}: execute wasm contract failed [CosmWasm/wasmd@v0.53.0/x/wasm/keeper/keeper.go:425] With gas wanted: '18446744073709551615' and gas used: '91234' : unknown request`;

test("unwraps deliver, simulate, query and sub-message texts to the contract's own", () => {
  assert.equal(contractText(deliver("unauthorized: mint requires the minter role")), "unauthorized: mint requires the minter role");
  assert.equal(contractText(simulate("unauthorized: mint requires the minter role")), "unauthorized: mint requires the minter role");
  assert.equal(
    contractText("Query failed with (6): rpc error: code = Unknown desc = identity did:hk:x not found: query wasm contract failed: unknown request"),
    "identity did:hk:x not found",
  );
  assert.equal(contractText(deliver("dispatch: submessages: hold: nothing held: execute wasm contract failed")), "hold: nothing held");
  assert.equal(contractText("Account does not exist on chain"), undefined);
});

test("parses a typed error with its fields, and the error it wraps", () => {
  const unauthorized = ERROR_TEMPLATES.find((t) => t.crate === "hkd-stablecoin" && t.code === "Unauthorized");
  assert.ok(unauthorized, "the stablecoin's Unauthorized is in the catalogue");
  const e = parseContractError(new Error(deliver("unauthorized: mint requires the minter role")), "hkd-stablecoin");
  assert.ok(e instanceof HarbourError);
  assert.equal(e.code, "Unauthorized");
  assert.deepEqual(e.fields, { action: "mint", role: "minter" });
  // a harbour-types error wrapped by a contract variant ("hold: {0}")
  const hold = ERROR_TEMPLATES.find((t) => t.type === "HoldError" && t.fields.length === 0);
  assert.ok(hold);
  const wrapped = parseContractError(simulate(`hold: ${hold.template}`), "fund-token");
  assert.equal(wrapped?.code, "Hold");
  assert.equal(wrapped?.inner?.code, hold.code);
  assert.deepEqual(wrapped?.path(), ["Hold", hold.code]);
  // transparent wrappers take the library's error (cw-ownable)
  const owner = parseContractError(deliver("Caller is not the contract's current owner"), "identity-registry");
  assert.equal(owner?.code, "NotOwner");
  // an unknown text is not forced into a template
  assert.equal(parseContractError(deliver("something no contract says 42"), "fund-token"), undefined);
});

test("a call chain's failure is attributed by its sub-message depth", () => {
  // the stablecoin's own refusal of a Send (depth 0) is the stablecoin's, though its text also
  // fits a fund-token template; the fund's refusal inside the Send's hook (depth 1) is the fund's
  const insufficient = ERROR_TEMPLATES.find((t) => t.crate === "hkd-stablecoin" && t.code === "InsufficientBalance");
  assert.ok(insufficient, "the stablecoin's InsufficientBalance");
  const text = insufficient.template.replace(/\{[^{}]*\}/g, "7");
  const own = parseContractError(deliver(text), ["hkd-stablecoin", "fund-token"]);
  assert.equal(own?.contract, "hkd-stablecoin");
  assert.equal(own?.depth, 0);
  const hook = parseContractError(deliver("dispatch: submessages: the fund is paused"), ["hkd-stablecoin", "fund-token"]);
  assert.equal(hook?.contract, "fund-token");
  assert.equal(hook?.code, "Paused");
  assert.equal(hook?.depth, 1);
});

test("chain failures that are not contract errors are explained as such", () => {
  const seq = explain(new Error("Broadcasting transaction failed with code 32 (codespace: sdk). Log: account sequence mismatch, expected 3, got 2: incorrect account sequence"));
  assert.ok(seq instanceof ChainError);
  assert.equal(seq.code, 32);
  const gas = explain(new Error("Error when broadcasting tx X at height 9. Code: 11; Raw log: out of gas in location: message 0; gasWanted: 10, gasUsed: 20: out of gas"));
  assert.ok(gas instanceof ChainError);
  assert.equal(gas.code, 11);
});

test("the catalogue covers every contract's error enum, and each template parses its own rendering", () => {
  for (const crate of ["identity-registry", "fund-token", "hkd-stablecoin"]) {
    const own = ERROR_TEMPLATES.filter((t) => t.crate === crate && t.type === "ContractError");
    assert.ok(own.length >= 20, `${crate}: ${own.length} variants`);
    for (const t of own.filter((x) => !x.transparent && Object.keys(x.nested).length === 0)) {
      // render the template with distinct field values, then parse it back
      let i = 0;
      const text = t.template.replace(/\{[^{}]*\}/g, () => `v${i++}x`);
      const parsed = parseContractError(deliver(text), crate);
      assert.ok(parsed, `${crate} ${t.code}: ${text}`);
      // a shorter, more general template may not steal a longer one's text: the same variant,
      // and each field holds exactly the value rendered into its placeholder
      assert.equal(parsed.code, t.code, `${crate} ${t.code} parsed as ${parsed.code}: ${text}`);
      assert.equal(parsed.contract, crate);
      const expected: Record<string, string> = {};
      t.fields.forEach((f, k) => (expected[f] = `v${k}x`));
      assert.deepEqual(parsed.fields, expected, `${crate} ${t.code}: ${text}`);
    }
  }
});

test("every reason code has its number and words", () => {
  assert.ok(REASONS.length >= 20);
  assert.equal(new Set(REASONS.map((r) => r.number)).size, REASONS.length);
  assert.deepEqual(reason("claim_expired", "kyc"), { ...REASONS.find((r) => r.code === "claim_expired"), claim: "kyc" });
  assert.match(reason("jurisdiction_blocked").words, /jurisdiction/i);
});
