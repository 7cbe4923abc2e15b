#!/usr/bin/env node
// Writes the files generated from the command registry (README table, schemas/, module/).
// With --check, writes nothing and exits 1 listing the files that are stale.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildHelper, HELPER_DLL, helperIsCurrent } from './generate/compiled-helper.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, '.build', 'generate.mjs');
await build({ entryPoints: [join(root, 'scripts/generate/index.ts')], outfile: out, bundle: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'warning' });
const { generatedFiles } = await import(`${pathToFileURL(out).href}?t=${Date.now()}`);
const files = generatedFiles(root);
const check = process.argv.includes('--check');
const stale = [];
for (const [path, text] of Object.entries(files)) {
  const full = join(root, path);
  const current = existsSync(full) ? readFileSync(full, 'utf8') : null;
  if (current === text) continue;
  stale.push(path);
  if (!check) {
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}
// The compiled helper is rebuilt only when its sources (or the version) changed: see compiled-helper.mjs.
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
// --rebuild-helper: build it even when current, to check that the sources give the committed bytes.
if (process.argv.includes('--rebuild-helper')) {
  const before = readFileSync(join(root, HELPER_DLL));
  try {
    buildHelper(root, version);
  } catch (e) {
    console.error(`generate: ${e.message}`);
    process.exit(1);
  }
  const same = before.equals(readFileSync(join(root, HELPER_DLL)));
  console.log(same ? `${HELPER_DLL}: rebuilt from its sources, the same bytes` : `${HELPER_DLL}: rebuilt from its sources, and the bytes differ (another compiler version gives other bytes; the stamp still says which sources it was built from)`);
}
if (!helperIsCurrent(root, version)) {
  stale.push(HELPER_DLL);
  if (!check) {
    try {
      buildHelper(root, version);
    } catch (e) {
      console.error(`generate: ${e.message}`);
      process.exit(1);
    }
  }
}
files[HELPER_DLL] = null;
// Generated folders hold only generated files: anything else there is left over from a removed command.
// Subfolders too: module/ holds module/MyAccount/, and an older layout's files directly.
const leftovers = (folder) =>
  readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (!entry.isDirectory()) return path in files ? [] : [path];
    const inside = leftovers(path);
    // A folder none of whose files are generated any more goes as a whole.
    return Object.keys(files).some((f) => f.startsWith(`${path}/`)) ? inside : [path];
  });
for (const folder of ['schemas', 'module']) {
  if (!existsSync(join(root, folder))) continue;
  for (const path of leftovers(folder)) {
    stale.push(path);
    if (!check) rmSync(join(root, path), { recursive: true, force: true });
  }
}
if (check && stale.length) {
  console.error(`Generated files are stale; run npm run generate:\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
if (!check) console.log(stale.length ? `generated: ${stale.join(', ')}` : 'generated files are up to date');
