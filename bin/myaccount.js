#!/usr/bin/env node
// CommonJS (bin/package.json), as is the CLI it loads (dist/cjs/, see scripts/build.mjs): an ES
// module entry would start Node's ESM loader, ~5 ms of a cold start before any of our code runs.
// The chunks are loaded by src/boot/chunk-loader.ts (dist/cjs/boot.js), with a V8 code cache.
const argv = process.argv.slice(2);
const { run, whenFlushed } = require('../dist/cjs/boot.js').loadCli(argv);

run(argv).then(async (code) => {
  // Exit now rather than when the last timer fires: after Ctrl+C, MSAL's device-code poller and
  // loopback listener would otherwise keep the process alive for seconds. Output is flushed first.
  process.exitCode = code;
  await whenFlushed();
  process.exit(code);
});
