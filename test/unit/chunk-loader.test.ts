/**
 * The loader bin/myaccount.js uses for the CLI's chunks (src/boot/chunk-loader.ts): chunks by
 * file name with one instance each, Node's modules through require(), and V8's code cache kept
 * only in a folder no one else can write to.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkLoader, codeCacheDir, isPrivateFolder } from '../../src/boot/chunk-loader.js';

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

describe('the code cache', () => {
  const cacheOf = (dir: string): string[] => readdirSync(dir).sort();

  test('is written when the process is done with the chunks, then used: nothing is written again', () => {
    const cacheDir = join(root, 'cache', 'build-1');
    mkdirSync(join(root, 'cache'), { mode: 0o700 });
    const first = chunkLoader(chunks, cacheDir, require);
    (first.load('cli.js') as { run: () => unknown }).run();
    first.saveCaches();
    expect(cacheOf(cacheDir)).toEqual(['cli.js.cache', 'other.js.cache', 'shared.js.cache']);
    const written = readFileSync(join(cacheDir, 'cli.js.cache'));
    expect(written.length).toBeGreaterThan(0);

    const second = chunkLoader(chunks, cacheDir, require);
    expect((second.load('cli.js') as { run: () => unknown[] }).run()[0]).toBe(1);
    rmSync(join(cacheDir, 'cli.js.cache'));
    second.saveCaches();
    // V8 took every cache: none was made again (the one removed stays removed).
    expect(cacheOf(cacheDir)).toEqual(['other.js.cache', 'shared.js.cache']);
  });

  test('a damaged cache is refused by V8 and made again; the chunk still runs', () => {
    const cacheDir = join(root, 'cache', 'build-1');
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    chmodSync(join(root, 'cache'), 0o700);
    writeFileSync(join(cacheDir, 'shared.js.cache'), Buffer.from('not a V8 code cache at all'));
    const loader = chunkLoader(chunks, cacheDir, require);
    expect((loader.load('shared.js') as { next: () => number }).next()).toBe(1);
    loader.saveCaches();
    expect(readFileSync(join(cacheDir, 'shared.js.cache')).toString()).not.toBe('not a V8 code cache at all');
  });

  test('is neither read nor written in a folder others can write to', () => {
    const shared = join(root, 'cache');
    mkdirSync(join(shared, 'build-1'), { recursive: true });
    chmodSync(shared, 0o777);
    writeFileSync(join(shared, 'build-1', 'shared.js.cache'), 'planted');
    const loader = chunkLoader(chunks, join(shared, 'build-1'), require);
    loader.load('cli.js');
    loader.saveCaches();
    expect(cacheOf(join(shared, 'build-1'))).toEqual(['shared.js.cache']);
    expect(readFileSync(join(shared, 'build-1', 'shared.js.cache'), 'utf8')).toBe('planted');
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

describe('codeCacheDir', () => {
  test('one folder per build, Node version and architecture, in a private folder of this user under the temp folder', () => {
    const dir = codeCacheDir('abc123', {}, root)!;
    const uid = process.getuid?.();
    expect(dir).toBe(join(root, `myaccount-code-cache${uid === undefined ? '' : `-${uid}`}`, `abc123-${process.version}-${process.arch}`));
    expect(isPrivateFolder(join(dir, '..'))).toBe(true);
  });

  test('none when NODE_DISABLE_COMPILE_CACHE is set, or when the folder is not private', () => {
    expect(codeCacheDir('abc123', { NODE_DISABLE_COMPILE_CACHE: '1' }, root)).toBeNull();
    const dir = codeCacheDir('abc123', {}, root)!;
    chmodSync(join(dir, '..'), 0o777);
    expect(codeCacheDir('other', {}, root)).toBeNull();
  });

  test('folders of other builds unused for a week go when a new one is made', () => {
    const old = codeCacheDir('old', {}, root)!;
    mkdirSync(old);
    const weekAndADayAgo = new Date(Date.now() - 8 * 24 * 3600_000);
    utimesSync(old, weekAndADayAgo, weekAndADayAgo);
    const recent = codeCacheDir('recent', {}, root)!;
    mkdirSync(recent);
    codeCacheDir('new', {}, root);
    expect(readdirSync(join(old, '..')).sort()).toEqual([`recent-${process.version}-${process.arch}`]);
  });
});
