#!/usr/bin/env node
// Bundles the CLI into dist/ so a cold start reads a few files instead of hundreds.
// Commands load their heavy dependencies (MSAL, the emulator) with dynamic import(),
// which esbuild splits into separate chunks that only those commands pay for.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
await build({
  // emulator.js is the local cloud as a library, for benchmarks and outside scripts.
  entryPoints: { cli: 'src/cli.ts', emulator: 'src/emulator/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  // Native addons and packages that locate files relative to themselves stay in node_modules.
  external: ['@azure/msal-node-extensions', 'keytar', '@azure/msal-node-runtime', 'playwright-core'],
  banner: {
    js: "import { createRequire as __myaccountCreateRequire } from 'node:module'; const require = __myaccountCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
