#!/usr/bin/env node
// The `harbour` bin (npm links it into node_modules/.bin): registers tsx from this file's own
// node_modules, whatever the working directory, then runs the CLI. main.ts holds the program.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
await main(process.argv);
