/**
 * Loads the CLI's CommonJS chunks (dist/cjs/, made by scripts/build.mjs) for bin/myaccount.js,
 * in place of require(), for two costs of a cold start:
 *
 * - require() resolves every chunk as it would any module (stat, realpath, package scope
 *   lookups), ~5 ms for the two dozen chunks a read command loads. The chunks name each other
 *   by file name in their one folder, so here a name is the file.
 * - Node 20 compiles every chunk from its source at each start (module.enableCompileCache came
 *   in Node 22). Here V8's code cache of each chunk, taken when the process exits (so it holds
 *   the functions the command ran, not only the chunk's top level), is kept in a folder of the
 *   user's own under the temp folder and given to V8 the next time: ~5 ms less again. V8 refuses
 *   a cache made by another V8 or for other source; a refused cache is made again.
 *
 * Nothing here is bundled with the chunks, and it imports only Node's own modules. Programs and
 * tests that import dist/cli.js get the same chunks through require(), without a code cache.
 */
import { lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants as vmConstants, Script } from 'node:vm';

/** Written by the build: a hash of the chunks, so a cache never outlives the code it was made from. */
declare const MYACCOUNT_BUILD_ID: string;

export interface ChunkLoader {
  /** The exports of a chunk of the folder, by file name ("cli.js"), loaded once. */
  load(name: string): unknown;
  /** Writes the code cache of each chunk loaded without a usable one. Never throws. */
  saveCaches(): void;
}

// As Node wraps a CommonJS module, on the source's first line so that line numbers stay right.
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n})';

/**
 * `cacheDir`: where this build's code caches are (see codeCacheDir), or null for none.
 * `nodeRequire`: require() for Node's modules and packages, as a module in the chunks' folder has it.
 */
export function chunkLoader(dir: string, cacheDir: string | null, nodeRequire: NodeJS.Require): ChunkLoader {
  const modules = new Map<string, { exports: unknown }>();
  const chunkRequire = Object.assign((id: string): unknown => (id.startsWith('./') ? load(id.slice(2)) : nodeRequire(id)), {
    resolve: nodeRequire.resolve,
    cache: nodeRequire.cache,
  });
  const unsaved: { name: string; script: Script }[] = [];
  // Caches are read only from a folder only this user can write to: V8 runs what they hold.
  const readable = cacheDir !== null && isPrivateFolder(join(cacheDir, '..'));

  function load(name: string): unknown {
    const known = modules.get(name);
    if (known) return known.exports;
    const file = join(dir, name);
    const source = readFileSync(file, 'utf8');
    let cachedData: Buffer | undefined;
    if (readable) {
      try {
        cachedData = readFileSync(join(cacheDir!, `${name}.cache`));
      } catch {
        /* none yet */
      }
    }
    const script = new Script(WRAPPER_HEAD + source + WRAPPER_TAIL, {
      filename: file,
      cachedData,
      // The chunks hold no import() (the build makes them require()); a package's own would still work.
      importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cacheDir !== null && (cachedData === undefined || script.cachedDataRejected)) unsaved.push({ name, script });
    const module = { exports: {} as unknown };
    // Before it runs, so chunks that require each other get the one instance.
    modules.set(name, module);
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, chunkRequire, module, file, dir);
    return module.exports;
  }

  function saveCaches(): void {
    if (cacheDir === null || unsaved.length === 0) return;
    try {
      mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
      if (!isPrivateFolder(join(cacheDir, '..'))) return;
      for (const { name, script } of unsaved.splice(0)) {
        // A temp file and a rename: a process starting meanwhile reads a whole cache or none.
        const target = join(cacheDir, `${name}.cache`);
        const temp = `${target}.${process.pid}`;
        writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        renameSync(temp, target);
      }
    } catch {
      /* a full disk or a read-only temp folder: the next start compiles again */
    }
  }

  return { load, saveCaches };
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
 * Where this build's code caches go: <temp>/myaccount-code-cache-<uid>/<build>-<node>-<arch>,
 * or null when NODE_DISABLE_COMPILE_CACHE is set (Node's own switch for its compile cache).
 * Folders of other builds that were not used for a week are removed when a new one is made.
 */
export function codeCacheDir(buildId: string, env: Record<string, string | undefined>, temp = tmpdir()): string | null {
  if (env.NODE_DISABLE_COMPILE_CACHE) return null;
  const root = join(temp, `myaccount-code-cache${process.getuid ? `-${process.getuid()}` : ''}`);
  const dir = join(root, `${buildId}-${process.version}-${process.arch}`);
  try {
    statSync(dir);
    return dir;
  } catch {
    /* a new build or Node: make the root private, sweep the old */
  }
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
  return dir;
}

/** bin/myaccount.js's start: the CLI's entry chunk, loaded with this build's code cache. */
export function loadCli(): { run: (argv: readonly string[]) => Promise<number>; whenFlushed: () => Promise<void> } {
  // This file is built into the chunks' folder, so its own require() resolves as theirs would.
  const loader = chunkLoader(__dirname, codeCacheDir(MYACCOUNT_BUILD_ID, process.env), require);
  process.once('exit', () => loader.saveCaches());
  return loader.load('cli.js') as ReturnType<typeof loadCli>;
}
