#!/usr/bin/env node
// Bundles the CLI into dist/ so a cold start reads a few files instead of hundreds.
// Commands load their heavy dependencies (MSAL, the emulator) with dynamic import(),
// which esbuild splits into separate chunks that only those commands pay for.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { basename, join, resolve } from 'node:path';
import { planPacks, writePacks } from './chunk-packs.mjs';

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

// Step 1: from the registry, precompile the input validators from its schemas and generate the
// command catalog (which home declares each command; scripts/command-catalog.ts). The step's
// entry imports every module of every command home, for the catalog to find declarations in.
const commandsDir = join(root, 'src/commands');
const homeFiles = readdirSync(commandsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'schema')
  .flatMap((entry) => readdirSync(join(commandsDir, entry.name)).filter((name) => name.endsWith('.ts')).map((name) => join(commandsDir, entry.name, name)));
const stepsEntry = join(buildDir, 'registry-steps.ts');
writeFileSync(
  stepsEntry,
  [
    `export { compileValidators } from ${JSON.stringify(join(root, 'scripts/compile-validators.ts'))};`,
    `export { catalogSource, commandHomes } from ${JSON.stringify(join(root, 'scripts/command-catalog.ts'))};`,
    `export { validatorKey } from ${JSON.stringify(join(root, 'src/core/validator-source.ts'))};`,
    `export { commands } from ${JSON.stringify(join(commandsDir, 'index.ts'))};`,
    ...homeFiles.map((file, i) => `import * as home${i} from ${JSON.stringify(file)};`),
    `export const homes = [${homeFiles.map((file, i) => `{ path: ${JSON.stringify(file)}, exports: home${i} }`).join(', ')}];`,
  ].join('\n'),
);
const stepsOut = join(buildDir, 'registry-steps.mjs');
await build({ entryPoints: [stepsEntry], outfile: stepsOut, bundle: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'warning' });
const steps = await import(pathToFileURL(stepsOut).href);
const validatorsDir = join(buildDir, 'validators');
rmSync(validatorsDir, { recursive: true, force: true });
mkdirSync(validatorsDir, { recursive: true });
for (const [name, source] of Object.entries(steps.compileValidators())) writeFileSync(join(validatorsDir, name), source);
const validatorsFile = join(validatorsDir, 'index.mjs');
const catalogFile = join(buildDir, 'catalog.mjs');
writeFileSync(catalogFile, steps.catalogSource(steps.commands, join(commandsDir, 'index.ts'), steps.homes));

// Step 2: bundle, with the precompiled validators in place of the runtime compiler.
const precompiled = {
  name: 'precompiled-validators',
  setup(b) {
    b.onResolve({ filter: /validator-source\.js$/ }, () => ({ path: validatorsFile }));
    b.onResolve({ filter: /[\\/]seed-validator\.js$|^\.\/seed-validator\.js$/ }, () => ({ path: join(validatorsDir, 'seed-validator.mjs') }));
  },
};
const generatedCatalog = {
  name: 'generated-catalog',
  setup(b) {
    b.onResolve({ filter: /[\\/]catalog\.js$|^\.\/commands\/catalog\.js$/ }, (args) => (args.importer === join(root, 'src/cli.ts') ? { path: catalogFile } : undefined));
  },
};
// cliui's ESM build wraps help text mid-word; its CommonJS build does it properly (see the shim).
const wordWrap = {
  name: 'cliui-word-wrap',
  setup(b) {
    b.onResolve({ filter: /string-utils\.js$/ }, (args) => (/[\\/]cliui[\\/]/.test(args.importer) ? { path: join(root, 'scripts/cliui-string-utils.mjs') } : undefined));
  },
};
// src/cli.ts reads only the version from package.json; bundled whole, it was a nested object of
// some 60 properties that every start built (~0.5 million instructions).
const packageVersion = {
  name: 'package-version',
  setup(b) {
    b.onResolve({ filter: /[\\/]package\.json$/ }, (args) => (args.importer === join(root, 'src/cli.ts') ? { path: join(root, 'package.json'), namespace: 'package-version' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'package-version' }, (args) => ({ contents: `export default ${JSON.stringify({ version: JSON.parse(readFileSync(args.path, 'utf8')).version })};`, loader: 'js' }));
  },
};
// Dependencies of dependencies that were loaded by every command using them, for nothing that
// command needs, each bundled as a stand-in for that one importer only:
// - proper-lockfile (the profile's and the token cache's lock) takes graceful-fs as its fs, made
//   for processes holding thousands of open files: it queues opens on EMFILE, retries renames on
//   Windows and patches fs.close for the whole process; the lock's calls are mkdir, stat, utimes
//   and rmdir of one folder (our own renames retry: atomic-write.ts). scripts/plain-fs.cjs.
// - signal-exit, which releases held locks when the process exits, loads node:assert for one
//   check, and node:assert's first load builds process.stderr as a stream (for its colours).
//   scripts/plain-assert.cjs. These two were ~8 ms of every command that takes a lock.
// - MSAL Node imports jsonwebtoken at its top for one call (signing a certificate's client
//   assertion): ~4.5 ms of every command that loads MSAL. scripts/lazy-jsonwebtoken.cjs
//   requires it on the first signature.
const STAND_INS = [
  { specifier: 'graceful-fs', importer: /[\\/]proper-lockfile[\\/]/, file: 'scripts/plain-fs.cjs' },
  { specifier: 'assert', importer: /[\\/]signal-exit[\\/]/, file: 'scripts/plain-assert.cjs' },
  { specifier: 'jsonwebtoken', importer: /[\\/]@azure[\\/]msal-node[\\/]/, file: 'scripts/lazy-jsonwebtoken.cjs' },
];
const leanDependencies = {
  name: 'lean-dependencies',
  setup(b) {
    for (const { specifier, importer, file } of STAND_INS) {
      b.onResolve({ filter: new RegExp(`^${specifier}$`) }, (args) => (importer.test(args.importer) ? { path: join(root, file) } : undefined));
    }
  },
};
const common = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  // Native addons and packages that locate files relative to themselves stay in node_modules.
  external: ['@azure/msal-node-extensions', 'keytar', '@azure/msal-node-runtime', 'playwright-core'],
  plugins: [precompiled, generatedCatalog, wordWrap, packageVersion, leanDependencies],
  logLevel: 'warning',
};
await build({
  ...common,
  // emulator.js is the local cloud as a library, for benchmarks and outside scripts.
  // credential.js is the package's entry for programs: MyAccountCredential (types/index.d.ts).
  entryPoints: { credential: join(root, 'src/sdk/credential.ts'), ...(existsSync(join(root, 'src/emulator/index.ts')) ? { emulator: join(root, 'src/emulator/index.ts') } : {}) },
  outdir: distNext,
  ...nodeShims,
});

// Step 3: the CLI, as CommonJS in dist/cjs/. An ES module entry costs a cold start ~5 ms of
// Node's ESM loader before any of our code runs, and every module it loads pays for resolution
// and an ESM facade per built-in; CommonJS pays neither. esbuild splits code only for ES modules,
// so the CLI is split as ES modules first (its commands' work and heavy libraries stay in chunks
// loaded on demand), then each chunk is turned into a CommonJS module that require()s the others:
// the same chunks, one instance each, loaded by require() also where the source says import().
const cliEsm = join(buildDir, 'cli-esm');
const cliBuild = await build({ ...common, entryPoints: { cli: join(root, 'src/cli.ts') }, outdir: cliEsm, metafile: true });
const cjsDir = join(distNext, 'cjs');
// Read as ES modules under Babel's interop, not Node's: a chunk's `default` export is then its
// default, as in the source, instead of the whole module object (what Node gives a .js ES module
// under "type": "module" when it imports CommonJS).
writeFileSync(join(cliEsm, 'package.json'), '{ "type": "commonjs" }\n');
const chunkFiles = readdirSync(cliEsm).filter((name) => name.endsWith('.js'));
const siblingChunks = {
  name: 'sibling-chunks',
  setup(b) {
    // Chunks stay separate files: their imports of each other are left as require('./chunk.js').
    b.onResolve({ filter: /^\.\/[^/]+\.js$/ }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path, external: true }));
  },
};
await build({
  entryPoints: chunkFiles.map((name) => join(cliEsm, name)),
  outdir: cjsDir,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Follows each chunk's own source map, so dist/cjs maps back to src/.
  sourcemap: 'linked',
  legalComments: 'none',
  packages: 'external',
  external: common.external,
  // import() of a chunk becomes require(): one loader, and no ESM loader at start.
  supported: { 'dynamic-import': false },
  // The few uses of import.meta.url (createRequire in src/cli.ts, yargs' shims) get the file's own URL.
  define: { 'import.meta.url': 'import_meta.url' },
  inject: [join(root, 'scripts/import-meta-url.mjs')],
  plugins: [siblingChunks],
  logLevel: 'warning',
});
// dist/cjs is CommonJS inside a package whose .js files are ES modules.
writeFileSync(join(cjsDir, 'package.json'), '{ "type": "commonjs" }\n');
// esbuild makes a chunk's exports an object of getters, then module.exports a copy of it with
// __esModule set (__toCommonJS): a second getter per export, each a new hidden class to V8
// (~2 million instructions of get-context's start). The object itself, marked, is the same to
// every reader: same enumerable names, same live values, __esModule for the interop helpers.
// On one line, so that the chunks' source maps stay right.
for (const name of readdirSync(cjsDir).filter((n) => n.endsWith('.js'))) {
  const file = join(cjsDir, name);
  const code = readFileSync(file, 'utf8');
  const marked = code.replace(/^module\.exports = __toCommonJS\((\w+)\);$/m, '__defProp($1, "__esModule", { value: true }); module.exports = $1;');
  if (marked === code) throw new Error(`${name}: esbuild's CommonJS exports are not the expected \`module.exports = __toCommonJS(...)\`; see this step in scripts/build.mjs`);
  writeFileSync(file, marked);
}
// The chunks a start loads together, packed into one file each (scripts/chunk-packs.mjs); the
// loader is told which entry chunk has a pack. Written before the build hash, which covers them.
// A command's validator is loaded right after its home, so the two share a pack.
const chunkOfEntry = new Map(Object.entries(cliBuild.metafile.outputs).flatMap(([path, out]) => (out.entryPoint ? [[resolve(out.entryPoint), basename(path)]] : [])));
const companions = new Map();
for (const [name, home] of steps.commandHomes(steps.commands, steps.homes)) {
  const homeChunk = chunkOfEntry.get(resolve(home));
  const validatorChunk = chunkOfEntry.get(resolve(validatorsDir, `${steps.validatorKey(name)}.mjs`));
  if (homeChunk && validatorChunk) companions.set(homeChunk, [...(companions.get(homeChunk) ?? []), validatorChunk]);
}
const packs = planPacks(cliBuild.metafile.outputs, companions);
const packBytes = writePacks(cjsDir, packs);
if (process.env.MYACCOUNT_BUILD_VERBOSE) console.log(`chunk packs: ${Object.keys(packs.packs).length} packs, ${packBytes} bytes`);
// bin/myaccount.js loads the chunks through src/boot/chunk-loader.ts (own loader, V8 code cache),
// which is told a hash of the chunks so that a code cache is only ever used for the code it was made from.
const buildHash = createHash('sha256');
for (const name of readdirSync(cjsDir).filter((n) => n.endsWith('.js')).sort()) buildHash.update(name).update(readFileSync(join(cjsDir, name)));
await build({
  entryPoints: [join(root, 'src/boot/chunk-loader.ts')],
  outfile: join(cjsDir, 'boot.js'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: {
    MYACCOUNT_BUILD_ID: JSON.stringify(buildHash.digest('hex').slice(0, 16)),
    MYACCOUNT_PACKS: JSON.stringify(packs.entries),
    MYACCOUNT_COMMAND_WORDS: JSON.stringify([...new Set(steps.commands.map((c) => c.name.split(' ')[0]))].sort()),
  },
  logLevel: 'warning',
});
// dist/cli.js stays the CLI's ES module face for programs and tests that import run().
const cliExports = Object.values(cliBuild.metafile.outputs).find((out) => out.entryPoint === 'src/cli.ts').exports;
writeFileSync(join(distNext, 'cli.js'), `// The CLI is CommonJS (dist/cjs/cli.js, see scripts/build.mjs); this is its face for ES modules.\nexport { ${cliExports.join(', ')} } from './cjs/cli.js';\n`);

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
