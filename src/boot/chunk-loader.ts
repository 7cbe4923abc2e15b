/**
 * Loads the CLI's CommonJS chunks (dist/cjs/, made by scripts/build.mjs) for bin/myaccount.js,
 * in place of require(), for two costs of a cold start:
 *
 * - require() resolves every chunk as it would any module (stat, realpath, package scope
 *   lookups), ~5 ms for the two dozen chunks a read command loads. The chunks name each other
 *   by file name in their one folder, so here a name is the file.
 * - Node 20 compiles every chunk from its source at each start (module.enableCompileCache came
 *   in Node 22). Here V8's code cache is kept in a folder of the user's own under the temp
 *   folder and given to V8 the next time: ~5 ms less again. The cache is one file per command
 *   (its first word), holding the cache of every chunk that command loaded, taken when the
 *   process exits: so it holds the functions that command ran (a chunk's cache taken by another
 *   command holds that command's), and a start reads one cache file, not one per chunk. A chunk's
 *   cache is made once, by the first run that loads it, and kept while V8 takes it. V8
 *   refuses a cache made by another V8 or for other source; what is refused is made again.
 *
 * Nothing here is bundled with the chunks, and it imports only Node's own modules. Programs and
 * tests that import dist/cli.js get the same chunks through require(), without a code cache.
 */
import { lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { constants as vmConstants, Script } from 'node:vm';

/** Written by the build: a hash of the chunks, so a cache never outlives the code it was made from. */
declare const MYACCOUNT_BUILD_ID: string;
/** Written by the build (scripts/chunk-packs.mjs): the pack file of each entry chunk that has one. */
declare const MYACCOUNT_PACKS: Record<string, string>;
/** Written by the build: the first word of every command, the only words that name a cache file. */
declare const MYACCOUNT_COMMAND_WORDS: readonly string[];

export interface ChunkLoader {
  /** The exports of a chunk of the folder, by file name ("cli.js"), loaded once. */
  load(name: string): unknown;
  /** Writes the cache file again when a chunk had no usable cache in it. Never throws. */
  saveCaches(): void;
}

// As Node wraps a CommonJS module, on the source's first line so that line numbers stay right.
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n})';

type ChunkFunction = (exports: unknown, require: unknown, module: { exports: unknown }, filename: string, dirname: string) => void;

/**
 * `cacheFile`: this command's code cache (see codeCacheFile), or null for none.
 * `nodeRequire`: require() for Node's modules and packages, as a module in the chunks' folder has it.
 * `packs`: the pack file of an entry chunk (scripts/chunk-packs.mjs), a script that evaluates to
 * the functions of the chunks loaded with it: loading the entry compiles the pack once, and its
 * chunks then run from it, as from their own files, when they are required.
 */
export function chunkLoader(dir: string, cacheFile: string | null, nodeRequire: NodeJS.Require, packs: Readonly<Record<string, string>> = {}): ChunkLoader {
  const modules = new Map<string, { exports: unknown }>();
  // Chunks of the packs compiled so far, not yet run.
  const packed = new Map<string, ChunkFunction>();
  const chunkRequire = Object.assign((id: string): unknown => (id.startsWith('./') ? load(id.slice(2)) : nodeRequire(id)), {
    resolve: nodeRequire.resolve,
    cache: nodeRequire.cache,
  });
  // Caches are read only from a folder only this user can write to: V8 runs what they hold.
  const cached = cacheFile !== null && isPrivateFolder(dirname(dirname(cacheFile))) ? readCacheFile(cacheFile) : new Map<string, Buffer>();
  // The scripts this run compiled without a usable cache, whose caches saveCaches makes.
  const uncached: { name: string; script: Script }[] = [];
  let stale = false;

  /** Compiles and runs a script of the folder (a chunk wrapped as a function, or a pack), with its code cache. */
  function compile(name: string, source: string): unknown {
    const cachedData = cached.get(name);
    const script = new Script(source, {
      filename: join(dir, name),
      cachedData,
      // The chunks hold no import() (the build makes them require()); a package's own would still work.
      importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected) {
      stale = true;
      uncached.push({ name, script });
    }
    return script.runInThisContext();
  }

  function load(name: string): unknown {
    const known = modules.get(name);
    if (known) return known.exports;
    const pack = packs[name];
    if (pack !== undefined && !packed.has(name)) {
      // A chunk two packs hold runs from the first pack loaded: one instance, as always.
      for (const [member, fn] of Object.entries(compile(pack, readFileSync(join(dir, pack), 'utf8')) as Record<string, ChunkFunction>)) {
        if (!modules.has(member) && !packed.has(member)) packed.set(member, fn);
      }
    }
    const file = join(dir, name);
    const wrapper = packed.get(name) ?? (compile(name, WRAPPER_HEAD + readFileSync(file, 'utf8') + WRAPPER_TAIL) as ChunkFunction);
    packed.delete(name);
    const module = { exports: {} as unknown };
    // Before it runs, so chunks that require each other get the one instance.
    modules.set(name, module);
    wrapper.call(module.exports, module.exports, chunkRequire, module, file, dir);
    return module.exports;
  }

  function saveCaches(): void {
    if (cacheFile === null || !stale) return;
    stale = false;
    try {
      mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
      if (!isPrivateFolder(dirname(dirname(cacheFile)))) return;
      // Only what had no usable cache is made: the caches V8 took stay as they were, so a run down
      // an unusual path (--help, a mistake, a token refresh loading MSAL) adds its chunks without
      // also swelling the common chunks' caches with the functions only it ran, which every later
      // start would read and deserialize. Chunks this run did not load keep theirs too.
      const entries = new Map(cached);
      for (const { name, script } of uncached) entries.set(name, script.createCachedData());
      // A temp file and a rename: a process starting meanwhile reads a whole file or the old one.
      const temp = `${cacheFile}.${process.pid}`;
      writeFileSync(temp, packCaches(entries), { mode: 0o600 });
      renameSync(temp, cacheFile);
    } catch {
      /* a full disk or a read-only temp folder: the next start compiles again */
    }
  }

  return { load, saveCaches };
}

/** Caches by chunk name, one after another: [name length u16][name][cache length u32][cache]. */
export function packCaches(entries: ReadonlyMap<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, data] of entries) {
    const head = Buffer.alloc(6 + Buffer.byteLength(name));
    head.writeUInt16LE(Buffer.byteLength(name), 0);
    head.write(name, 2);
    head.writeUInt32LE(data.length, head.length - 4);
    parts.push(head, data);
  }
  return Buffer.concat(parts);
}

/** The caches of a cache file; none when it is missing or not whole (it is then written again). */
export function readCacheFile(file: string): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return entries;
  }
  for (let at = 0; at < bytes.length; ) {
    if (at + 2 > bytes.length) return new Map();
    const nameEnd = at + 2 + bytes.readUInt16LE(at);
    if (nameEnd + 4 > bytes.length) return new Map();
    const dataEnd = nameEnd + 4 + bytes.readUInt32LE(nameEnd);
    if (dataEnd > bytes.length) return new Map();
    entries.set(bytes.toString('utf8', at + 2, nameEnd), bytes.subarray(nameEnd + 4, dataEnd));
    at = dataEnd;
  }
  return entries;
}

/**
 * A folder that exists, is not a link, and only its owner, this user, can write to. Windows has
 * no such modes to check; its temp folder is the user's own.
 */
export function isPrivateFolder(path: string, platform: NodeJS.Platform = process.platform): boolean {
  try {
    const info = lstatSync(path);
    if (!info.isDirectory() || info.isSymbolicLink()) return false;
    if (platform === 'win32') return true;
    return info.uid === process.getuid?.() && (info.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/**
 * os.tmpdir() as Node computes it on Linux and macOS (TMPDIR, else TMP, else TEMP, else /tmp,
 * without a trailing slash), without loading node:os: that module costs every start ~1 million
 * instructions (~0.25 ms), and a read command needs it for nothing else. Windows asks Node.
 */
export function tempFolder(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return process.getBuiltinModule('node:os').tmpdir();
  const path = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * The code cache of the command argv names: <temp>/myaccount-code-cache-<uid>/<build>-<node>-<arch>/<first word>.cache,
 * or null when NODE_DISABLE_COMPILE_CACHE is set (Node's own switch for its compile cache).
 * Arguments whose first word is not one of `commandWords` (flags, a typo) share one file, so
 * mistakes do not each leave a cache behind. Folders of other builds that were not used for a
 * week are removed when a new one is made.
 */
export function codeCacheFile(buildId: string, argv: readonly string[], env: Record<string, string | undefined>, commandWords: readonly string[], temp = tempFolder(env)): string | null {
  if (env.NODE_DISABLE_COMPILE_CACHE) return null;
  const root = join(temp, `myaccount-code-cache${process.getuid ? `-${process.getuid()}` : ''}`);
  const dir = join(root, `${buildId}-${process.version}-${process.arch}`);
  const first = argv[0] ?? '';
  const word = commandWords.includes(first) ? first : '-';
  const file = join(dir, `${word}.cache`);
  if (statSync(dir, { throwIfNoEntry: false })) return file;
  // A new build or Node: make the root private, sweep the old.
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    if (!isPrivateFolder(root)) return null;
    const weekAgo = Date.now() - 7 * 24 * 3600_000;
    for (const name of readdirSync(root)) {
      const old = join(root, name);
      if (statSync(old).mtimeMs < weekAgo) rmSync(old, { recursive: true, force: true });
    }
  } catch {
    return null;
  }
  return file;
}

/** bin/myaccount.js's start: the CLI's entry chunk, loaded with the code cache of the command in argv. */
export function loadCli(argv: readonly string[]): { run: (argv: readonly string[]) => Promise<number>; whenFlushed: () => Promise<void> } {
  // This file is built into the chunks' folder, so its own require() resolves as theirs would.
  const loader = chunkLoader(__dirname, codeCacheFile(MYACCOUNT_BUILD_ID, argv, process.env, MYACCOUNT_COMMAND_WORDS), require, MYACCOUNT_PACKS);
  process.once('exit', () => loader.saveCaches());
  return loader.load('cli.js') as ReturnType<typeof loadCli>;
}
