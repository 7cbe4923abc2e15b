#!/usr/bin/env node
// Bundles the CLI into dist/ so a cold start reads a few files instead of hundreds.
// Commands load their heavy dependencies (MSAL, the emulator) with dynamic import(),
// which esbuild splits into separate chunks that only those commands pay for.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(join(root, '.build'), { recursive: true });
// Each build works in its own folder and swaps dist/ in at the end, so a CLI started while
// another build runs (parallel test runs) never sees half a dist/.
const buildDir = mkdtempSync(join(root, '.build', 'run-'));
const distNext = join(buildDir, 'dist');

// Bundled CommonJS dependencies expect require, __filename and __dirname.
const nodeShims = {
  banner: {
    js: [
      "import { createRequire as __maRequire } from 'node:module';",
      "import { fileURLToPath as __maPath } from 'node:url';",
      "import { dirname as __maDirname } from 'node:path';",
      'const require = __maRequire(import.meta.url);',
      'const __maFilename = __maPath(import.meta.url);',
      'const __maDir = __maDirname(__maFilename);',
    ].join(' '),
  },
  // Only free references are replaced, so ES modules that declare their own __dirname keep it.
  define: { __filename: '__maFilename', __dirname: '__maDir' },
};

// Step 1: precompile the input validators from the registry's schemas.
const compilerOut = join(buildDir, 'compile-validators.mjs');
await build({ entryPoints: [join(root, 'scripts/compile-validators.ts')], outfile: compilerOut, bundle: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'warning' });
const { compileValidators } = await import(pathToFileURL(compilerOut).href);
const validatorsDir = join(buildDir, 'validators');
rmSync(validatorsDir, { recursive: true, force: true });
mkdirSync(validatorsDir, { recursive: true });
for (const [name, source] of Object.entries(compileValidators())) writeFileSync(join(validatorsDir, name), source);
const validatorsFile = join(validatorsDir, 'index.mjs');

// Step 2: bundle, with the precompiled validators in place of the runtime compiler.
const precompiled = {
  name: 'precompiled-validators',
  setup(b) {
    b.onResolve({ filter: /validator-source\.js$/ }, () => ({ path: validatorsFile }));
  },
};
// cliui's ESM build wraps help text mid-word; its CommonJS build does it properly (see the shim).
const wordWrap = {
  name: 'cliui-word-wrap',
  setup(b) {
    b.onResolve({ filter: /string-utils\.js$/ }, (args) => (/[\\/]cliui[\\/]/.test(args.importer) ? { path: join(root, 'scripts/cliui-string-utils.mjs') } : undefined));
  },
};
await build({
  // emulator.js is the local cloud as a library, for benchmarks and outside scripts.
  // credential.js is the package's entry for programs: MyAccountCredential (types/index.d.ts).
  entryPoints: { cli: join(root, 'src/cli.ts'), credential: join(root, 'src/sdk/credential.ts'), ...(existsSync(join(root, 'src/emulator/index.ts')) ? { emulator: join(root, 'src/emulator/index.ts') } : {}) },
  outdir: distNext,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  // Native addons and packages that locate files relative to themselves stay in node_modules.
  external: ['@azure/msal-node-extensions', 'keytar', '@azure/msal-node-runtime', 'playwright-core'],
  plugins: [precompiled, wordWrap],
  ...nodeShims,
  logLevel: 'warning',
});

copyFileSync(join(root, 'types/index.d.ts'), join(distNext, 'credential.d.ts'));

const dist = join(root, 'dist');
const old = join(buildDir, 'dist-old');
if (existsSync(dist)) renameSync(dist, old);
renameSync(distNext, dist);
rmSync(buildDir, { recursive: true, force: true });
// Bundles that tests make for child processes (test/helpers/bundle.ts) and stale runs are throwaway.
for (const name of readdirSync(join(root, '.build'))) {
  if (name.startsWith('run-') || name.startsWith('test-bundle-')) {
    const path = join(root, '.build', name);
    try {
      // Only folders older than an hour: a parallel build or test may still be using newer ones.
      if (Date.now() - (await import('node:fs')).statSync(path).mtimeMs > 3600_000) rmSync(path, { recursive: true, force: true });
    } catch {}
  }
}
