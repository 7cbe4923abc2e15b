// Build step (scripts/build.mjs): packs of the CLI's CommonJS chunks, so that a start reads and
// compiles a few files instead of two dozen. Each entry chunk (cli.js, and every chunk the code
// reaches by import(): a command's home, a validator, a library) gets a pack of the chunks it
// loads with it, those it imports statically, minus what cli.js's pack holds already. A pack is
// one script that evaluates to { "chunk-X.js": function (exports, require, ...) { ... }, ... }:
// src/boot/chunk-loader.ts compiles it once (one code cache entry) and runs each chunk from it
// as it would have run the chunk's own file. Measured on get-context (27 chunks): ~6 million
// fewer instructions, ~3 ms of a ~40 ms start; per file, Node reads it, V8 checks and
// deserializes a code cache and the loader makes a Script, and the same strings are
// deserialized and internalized again for every chunk.
//
// A chunk may be in several packs (a profile module that two commands load); one process loads
// it once, from whichever pack comes first. The chunks' own files stay for require() (dist/cli.js).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** As the loader wraps a chunk (src/boot/chunk-loader.ts); parenthesised, so V8 compiles it when the pack is compiled, not again when it runs. */
const HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const TAIL = '\n})';
/**
 * Chunks bigger than this (libraries: MSAL, the emulator, JMESPath) stay in their own files
 * outside cli.js's pack: their per-file cost is small beside their size, and in the pack of
 * every entry that loads them they would make dist/ megabytes bigger.
 */
const BIG_CHUNK = 32 * 1024;
/**
 * Nor is an entry packed whose chunks come to more than this: the registry, which imports every
 * command for help and the JSON Schemas, would be a pack as big as all the others together.
 */
const BIG_PACK = 128 * 1024;
const SOURCE_MAP_COMMENT = /\n\/\/# sourceMappingURL=[^\n]*\n?$/;

/**
 * Which chunks go in which pack, from the metafile of the ES module build (whose chunks have the
 * same file names as the CommonJS ones). `companions`: entry chunks loaded right after another
 * (a command's validator after its home), which go in that entry's pack. Returns
 * { packs: { packFile: [chunk, ...] }, entries: { chunk: packFile } }. Only entries with two
 * chunks or more to load get a pack: one chunk is its own file already.
 */
export function planPacks(outputs, companions = new Map()) {
  const imports = new Map();
  const dynamicImports = new Map();
  const big = new Set();
  const bytes = new Map();
  for (const [path, out] of Object.entries(outputs)) {
    if (!path.endsWith('.js')) continue;
    const name = basename(path);
    bytes.set(name, out.bytes);
    if (out.bytes > BIG_CHUNK) big.add(name);
    const local = out.imports.filter((i) => !i.external);
    imports.set(name, local.filter((i) => i.kind === 'import-statement').map((i) => basename(i.path)));
    dynamicImports.set(name, local.filter((i) => i.kind === 'dynamic-import').map((i) => basename(i.path)));
  }
  const closure = (start) => {
    const seen = new Set();
    const visit = (name) => {
      if (seen.has(name) || !imports.has(name)) return;
      seen.add(name);
      for (const next of imports.get(name)) visit(next);
    };
    visit(start);
    return seen;
  };
  const core = closure('cli.js');
  const plan = { packs: { 'cli.pack.js': [...core] }, entries: { 'cli.js': 'cli.pack.js' } };
  // What cli.js's chunks import() while a command starts (the command's home from the catalog,
  // its validator, the registry for help), and what those import() in turn (get-access-token's
  // warm path from its home). Deeper imports (sign-in, the local cloud) stay files: they come
  // after a network or process wait that dwarfs their load.
  const startEntries = [...core].flatMap((name) => dynamicImports.get(name));
  const entries = new Set([...startEntries, ...startEntries.flatMap((entry) => [...closure(entry)].flatMap((name) => dynamicImports.get(name)))]);
  const inPack = new Set();
  for (const entry of entries) {
    if (core.has(entry) || inPack.has(entry)) continue;
    const loadedWith = [entry, ...(companions.get(entry) ?? [])];
    const members = [...new Set(loadedWith.flatMap((name) => [...closure(name)]))].filter((name) => !core.has(name) && !big.has(name));
    if (members.length < 2 || members.reduce((sum, name) => sum + bytes.get(name), 0) > BIG_PACK) continue;
    const pack = entry.replace(/\.js$/, '.pack.js');
    plan.packs[pack] = members;
    // Only the entry loads the pack; its companions come after it, from the pack (were one ever
    // required first, it would load from its own file, as any chunk without a pack does).
    plan.entries[entry] = pack;
    for (const name of loadedWith) inPack.add(name);
  }
  return plan;
}

/**
 * Writes each pack, and its source map: an index map whose sections point to the chunks' own
 * maps (by url, not copied: 3 MB otherwise), so that a line of a pack can be traced to src/.
 * Returns the packs' total size in bytes.
 */
export function writePacks(dir, plan) {
  let total = 0;
  for (const [pack, members] of Object.entries(plan.packs)) {
    let source = '({\n';
    let line = 1;
    const sections = [];
    for (const name of members) {
      const code = readFileSync(join(dir, name), 'utf8').replace(SOURCE_MAP_COMMENT, '\n');
      const head = `${JSON.stringify(name)}: ${HEAD}`;
      sections.push({ offset: { line, column: head.length }, url: `${name}.map` });
      const part = `${head}${code}${TAIL},\n`;
      source += part;
      line += part.split('\n').length - 1;
    }
    source += `})\n//# sourceMappingURL=${pack}.map\n`;
    writeFileSync(join(dir, pack), source);
    writeFileSync(join(dir, `${pack}.map`), JSON.stringify({ version: 3, file: pack, sections }));
    total += Buffer.byteLength(source);
  }
  return total;
}
