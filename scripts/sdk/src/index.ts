// @harbour/sdk: typed CosmJS clients for the Harbour contracts (generated from schema/), integrator
// helpers and the contract error catalogue.
export * from "./generated/IdentityRegistry.client";
export * from "./generated/FundToken.client";
export * from "./generated/FundDealing.client";
export * from "./generated/HkdStablecoin.client";
export * from "./generated/IdentityRegistry.message-composer";
export * from "./generated/FundToken.message-composer";
export * from "./generated/FundDealing.message-composer";
export * from "./generated/HkdStablecoin.message-composer";
export * as IdentityRegistryTypes from "./generated/IdentityRegistry.types";
export * as FundTokenTypes from "./generated/FundToken.types";
export * as FundDealingTypes from "./generated/FundDealing.types";
export * as HkdStablecoinTypes from "./generated/HkdStablecoin.types";
export * from "./errors";
export * from "./eligibility";
export * from "./figures";
export * from "./chain";
export * from "./wallet";
export { REASONS } from "./generated/reasons";
