/**
 * The loader bin/myaccount.js uses for the CLI's chunks (src/boot/chunk-loader.ts): chunks by
 * file name with one instance each, Node's modules through require(), and V8's code cache, one
 * file per command, kept only in a folder no one else can write to.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkLoader, codeCacheFile, isPrivateFolder, packCaches, readCacheFile, tempFolder } from '../../src/boot/chunk-loader.js';

let root: string;
let chunks: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'chunk-loader-'));
  chunks = join(root, 'cjs');
  mkdirSync(chunks);
  // Shaped like the build's output: CommonJS chunks that require each other by "./name".
  writeFileSync(join(chunks, 'shared.js'), '"use strict";\nlet count = 0;\nmodule.exports = { next: () => ++count };\n');
  writeFileSync(join(chunks, 'cli.js'), '"use strict";\nconst shared = require("./shared.js");\nconst { join } = require("node:path");\nexports.run = () => [shared.next(), require("./other.js").next(), join("a", "b"), __filename, typeof require.resolve];\n');
  writeFileSync(join(chunks, 'other.js'), '"use strict";\nmodule.exports = require("./shared.js");\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('chunks load by name, once each (a chunk two others require is one instance), Node modules through require()', () => {
  const loader = chunkLoader(chunks, null, require);
  const cli = loader.load('cli.js') as { run: () => unknown[] };
  expect(cli.run()).toEqual([1, 2, join('a', 'b'), join(chunks, 'cli.js'), 'function']);
  expect(loader.load('cli.js')).toBe(cli);
});

test('an error in a chunk names its file and line, as require() would', () => {
  writeFileSync(join(chunks, 'broken.js'), '"use strict";\n\nthrow new Error("on line three");\n');
  let stack = '';
  try {
    chunkLoader(chunks, null, require).load('broken.js');
  } catch (error) {
    stack = (error as Error).stack ?? '';
  }
  expect(stack).toContain(`${join(chunks, 'broken.js')}:3`);
});

describe('packs (scripts/chunk-packs.mjs)', () => {
  // Shaped like the build's: one script evaluating to the wrapped chunks of an entry, by name.
  const pack = (members: Record<string, string>): string =>
    `({\n${Object.entries(members)
      .map(([name, code]) => `${JSON.stringify(name)}: (function (exports, require, module, __filename, __dirname) { ${code}\n}),\n`)
      .join('')}})\n`;

  test("an entry's chunks run from its pack, once each, with their own file names; chunks outside it load from their files", () => {
    // The pack's copies say so, to tell them from the files.
    writeFileSync(join(chunks, 'cli.pack.js'), pack({ 'cli.js': 'exports.run = () => [require("./shared.js").next(), require("./other.js").from, __filename];', 'shared.js': 'let n = 100;\nexports.next = () => ++n;' }));
    writeFileSync(join(chunks, 'other.js'), '"use strict";\nexports.from = "file";\n');
    const loader = chunkLoader(chunks, null, require, { 'cli.js': 'cli.pack.js' });
    const cli = loader.load('cli.js') as { run: () => unknown[] };
    expect(cli.run()).toEqual([101, 'file', join(chunks, 'cli.js')]);
    expect(loader.load('shared.js')).toBe(loader.load('shared.js'));
    expect((loader.load('shared.js') as { next: () => number }).next()).toBe(102);
  });

  test('a chunk two packs hold is one instance, from the pack loaded first', () => {
    writeFileSync(join(chunks, 'a.pack.js'), pack({ 'a.js': 'exports.shared = require("./shared.js");', 'shared.js': 'exports.from = "a";' }));
    writeFileSync(join(chunks, 'b.pack.js'), pack({ 'b.js': 'exports.shared = require("./shared.js");', 'shared.js': 'exports.from = "b";' }));
    const loader = chunkLoader(chunks, null, require, { 'a.js': 'a.pack.js', 'b.js': 'b.pack.js' });
    const a = loader.load('a.js') as { shared: unknown };
    const b = loader.load('b.js') as { shared: unknown };
    expect(b.shared).toBe(a.shared);
    expect(a.shared).toEqual({ from: 'a' });
  });

  test('a pack has one entry in the code cache, used by the next run', () => {
    mkdirSync(join(root, 'cache', 'build-1'), { recursive: true, mode: 0o700 });
    chmodSync(join(root, 'cache'), 0o700);
    const file = join(root, 'cache', 'build-1', 'get-context.cache');
    writeFileSync(join(chunks, 'cli.pack.js'), pack({ 'cli.js': 'exports.run = () => require("./shared.js").next();', 'shared.js': 'let n = 0;\nexports.next = () => ++n;' }));
    const first = chunkLoader(chunks, file, require, { 'cli.js': 'cli.pack.js' });
    expect((first.load('cli.js') as { run: () => number }).run()).toBe(1);
    first.saveCaches();
    expect([...readCacheFile(file).keys()]).toEqual(['cli.pack.js']);
    const second = chunkLoader(chunks, file, require, { 'cli.js': 'cli.pack.js' });
    expect((second.load('cli.js') as { run: () => number }).run()).toBe(1);
    rmSync(file);
    second.saveCaches();
    // V8 took the pack's cache: the file was not made again.
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });
});

describe('the code cache', () => {
  // <private root>/<build>/<command>.cache, as codeCacheFile makes it.
  const cacheFileIn = (rootMode: number): string => {
    mkdirSync(join(root, 'cache', 'build-1'), { recursive: true });
    chmodSync(join(root, 'cache'), rootMode);
    return join(root, 'cache', 'build-1', 'get-context.cache');
  };

  test('is written when the process is done with the chunks, one file for all they loaded, then used: nothing is written again', () => {
    const file = cacheFileIn(0o700);
    const first = chunkLoader(chunks, file, require);
    (first.load('cli.js') as { run: () => unknown }).run();
    first.saveCaches();
    const written = readCacheFile(file);
    expect([...written.keys()].sort()).toEqual(['cli.js', 'other.js', 'shared.js']);
    for (const data of written.values()) expect(data.length).toBeGreaterThan(0);

    const second = chunkLoader(chunks, file, require);
    expect((second.load('cli.js') as { run: () => unknown[] }).run()[0]).toBe(1);
    rmSync(file);
    second.saveCaches();
    // V8 took every cache: the file was not made again.
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });

  test('a chunk with no cache in the file makes it be written again, keeping the caches of chunks this run did not load', () => {
    const file = cacheFileIn(0o700);
    const first = chunkLoader(chunks, file, require);
    first.load('other.js');
    first.saveCaches();
    writeFileSync(join(chunks, 'extra.js'), '"use strict";\nexports.x = 1;\n');
    const second = chunkLoader(chunks, file, require);
    second.load('extra.js');
    second.saveCaches();
    expect([...readCacheFile(file).keys()].sort()).toEqual(['extra.js', 'other.js', 'shared.js']);
  });

  test('a cache V8 took is kept as it was when another chunk makes the file be written again', () => {
    const file = cacheFileIn(0o700);
    const first = chunkLoader(chunks, file, require);
    first.load('other.js');
    first.saveCaches();
    const before = readCacheFile(file);
    writeFileSync(join(chunks, 'extra.js'), '"use strict";\nexports.x = 1;\n');
    const second = chunkLoader(chunks, file, require);
    // This run runs more of shared.js than the first did; its cache stays the first run's.
    (second.load('shared.js') as { next: () => number }).next();
    second.load('other.js');
    second.load('extra.js');
    second.saveCaches();
    const after = readCacheFile(file);
    expect([...after.keys()].sort()).toEqual(['extra.js', 'other.js', 'shared.js']);
    expect(after.get('shared.js')).toEqual(before.get('shared.js'));
    expect(after.get('other.js')).toEqual(before.get('other.js'));
  });

  test('a damaged cache is refused by V8 and made again; a cut-off file is not read at all; the chunks still run', () => {
    const file = cacheFileIn(0o700);
    writeFileSync(file, packCaches(new Map([['shared.js', Buffer.from('not a V8 code cache at all')]])));
    const loader = chunkLoader(chunks, file, require);
    expect((loader.load('shared.js') as { next: () => number }).next()).toBe(1);
    loader.saveCaches();
    const made = readCacheFile(file).get('shared.js')!;
    expect(made.toString()).not.toContain('not a V8 code cache');
    writeFileSync(file, readFileSync(file).subarray(0, 20));
    expect(readCacheFile(file).size).toBe(0);
    expect((chunkLoader(chunks, file, require).load('shared.js') as { next: () => number }).next()).toBe(1);
  });

  test('is neither read nor written in a folder others can write to', () => {
    const file = cacheFileIn(0o777);
    const planted = packCaches(new Map([['shared.js', Buffer.from('planted')]]));
    writeFileSync(file, planted);
    const loader = chunkLoader(chunks, file, require);
    loader.load('cli.js');
    loader.saveCaches();
    expect(readFileSync(file)).toEqual(planted);
  });

  test('packCaches and readCacheFile agree', () => {
    const entries = new Map([['a.js', Buffer.from([1, 2, 3])], ['chunk-ÄB.js', Buffer.alloc(0)], ['c.js', Buffer.from('x'.repeat(70000))]]);
    writeFileSync(join(root, 'c.cache'), packCaches(entries));
    expect(readCacheFile(join(root, 'c.cache'))).toEqual(entries);
    expect(readCacheFile(join(root, 'missing.cache')).size).toBe(0);
  });
});

test('isPrivateFolder: a folder of this user that only it can write to; not a link, a file, or a missing path', () => {
  const dir = join(root, 'private');
  mkdirSync(dir, { mode: 0o700 });
  chmodSync(dir, 0o700);
  expect(isPrivateFolder(dir)).toBe(true);
  chmodSync(dir, 0o770);
  expect(isPrivateFolder(dir)).toBe(false);
  chmodSync(dir, 0o755);
  expect(isPrivateFolder(dir)).toBe(true);
  symlinkSync(dir, join(root, 'link'));
  expect(isPrivateFolder(join(root, 'link'))).toBe(false);
  expect(isPrivateFolder(join(chunks, 'cli.js'))).toBe(false);
  expect(isPrivateFolder(join(root, 'missing'))).toBe(false);
});

test('tempFolder is what os.tmpdir() says (asked of a child, whose environment is real) for TMPDIR, TMP, TEMP or none, with or without a trailing slash', () => {
  const cases: Record<string, string>[] = [{}, { TMPDIR: '/x/y/' }, { TMPDIR: '/x/y' }, { TMP: '/t/' }, { TEMP: '/e' }, { TMPDIR: '', TMP: '/t' }, { TMPDIR: '/' }, { TMP: '/a', TEMP: '/b' }];
  for (const env of cases) {
    const r = spawnSync(process.execPath, ['-p', 'require("node:os").tmpdir()'], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
    expect([env, tempFolder(env, 'linux')]).toEqual([env, r.stdout.trim()]);
  }
});

describe('codeCacheFile', () => {
  const words = ['account', 'get-context'];
  const base = (buildId: string): string => join(root, `myaccount-code-cache${process.getuid ? `-${process.getuid()}` : ''}`, `${buildId}-${process.version}-${process.arch}`);

  test('one file per command word, in a folder per build, Node version and architecture, in a private folder of this user under the temp folder', () => {
    expect(codeCacheFile('abc123', ['get-context', 'prod'], {}, words, root)).toBe(join(base('abc123'), 'get-context.cache'));
    expect(codeCacheFile('abc123', ['account', 'show'], {}, words, root)).toBe(join(base('abc123'), 'account.cache'));
    // Anything else (flags, names, odd text, a word that is no command) shares one file.
    for (const argv of [[], ['--help'], ['../x'], ['Get-Context'], ['get-contxt'], ['frobnicate']]) expect(codeCacheFile('abc123', argv, {}, words, root)).toBe(join(base('abc123'), '-.cache'));
    expect(isPrivateFolder(join(base('abc123'), '..'))).toBe(true);
  });

  test('none when NODE_DISABLE_COMPILE_CACHE is set, or when the folder is not private', () => {
    expect(codeCacheFile('abc123', ['get-context'], { NODE_DISABLE_COMPILE_CACHE: '1' }, words, root)).toBeNull();
    codeCacheFile('abc123', ['get-context'], {}, words, root);
    chmodSync(join(base('abc123'), '..'), 0o777);
    expect(codeCacheFile('other', ['get-context'], {}, words, root)).toBeNull();
  });

  test('folders of other builds unused for a week go when a new one is made', () => {
    mkdirSync(base('old'), { recursive: true });
    const weekAndADayAgo = new Date(Date.now() - 8 * 24 * 3600_000);
    utimesSync(base('old'), weekAndADayAgo, weekAndADayAgo);
    mkdirSync(base('recent'));
    codeCacheFile('new', ['get-context'], {}, words, root);
    expect(readdirSync(join(base('old'), '..'))).toEqual([`recent-${process.version}-${process.arch}`]);
  });
});
