/**
 * What a cold start of the built CLI loads (issue 14: state commands at node's own start). The
 * figures are for scripts/bench-startup.mjs and bench-token.mjs; these tests hold the shape
 * that makes them: the command catalog generated from the registry, a read command that loads
 * only its own declaration and no network, crypto or process modules, and the code cache of
 * src/boot/chunk-loader.ts, which must never change what the CLI does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, cleanEnv, REPO, tempConfigDir } from '../helpers/cli.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { signedInFolder } from '../helpers/seed.js';
import { commands } from '../../src/commands/index.js';
import { packCaches, readCacheFile } from '../../src/boot/chunk-loader.js';

const CJS = join(REPO, 'dist', 'cjs');

/** A source map, or an index map of sections that name their maps. */
interface SourceMap {
  sources?: string[];
  sections?: { url: string }[];
}

/** Runs the built CLI with a preload that reports the chunks it read and the Node modules it loaded. */
function traced(configDir: string, args: string[], env: Record<string, string | undefined> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cold-start-probe-'));
  try {
    const probe = join(dir, 'probe.cjs');
    const report = join(dir, 'report.json');
    writeFileSync(
      probe,
      `const fs = require('fs'); const read = fs.readFileSync; const base = new Set(process.moduleLoadList); const chunks = [];
fs.readFileSync = function (p, ...rest) { if (typeof p === 'string' && p.startsWith(${JSON.stringify(CJS)}) && p.endsWith('.js') && !p.endsWith('boot.js')) chunks.push(p.slice(${CJS.length + 1})); return read.call(this, p, ...rest); };
process.on('exit', () => fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify({ chunks, modules: process.moduleLoadList.filter((m) => !base.has(m) && m.startsWith('NativeModule ') && !m.includes('internal/')).map((m) => m.slice(13)) })));`,
    );
    const r = spawnSync(process.execPath, ['-r', probe, BIN, ...args], { env: cleanEnv(configDir, env), encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    const { chunks, modules } = JSON.parse(readFileSync(report, 'utf8')) as { chunks: string[]; modules: string[] };
    // The sources bundled into each chunk, from its source map: what the command really loaded.
    // A pack (scripts/chunk-packs.mjs) has an index map, one section per chunk (which it runs), naming that chunk's map.
    const sourcesOf = (file: string): string[] => {
      const map = JSON.parse(readFileSync(join(CJS, file), 'utf8')) as SourceMap;
      return map.sources ?? map.sections!.flatMap((section) => sourcesOf(section.url));
    };
    const sources = chunks.flatMap((c) => sourcesOf(`${c}.map`).map((s) => s.replace(/^(\.\.\/)+/, '')));
    return { stdout: r.stdout, chunks, modules, sources };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Node modules a state command has no use for: the network, crypto, child processes, streams, fs.promises. */
const HEAVY_NODE_MODULES = ['https', 'http', 'tls', 'net', 'crypto', 'child_process', 'fs/promises', 'readline', 'stream', 'zlib', 'tty'];

test('the built catalog is the registry: every name in order, each loading its own declaration', () => {
  const script = `const { catalog } = require(${JSON.stringify(join(CJS, 'cli.js'))});
(async () => { const out = []; for (const name of catalog.names) { const d = await catalog.load(name); out.push({ asked: name, name: d.name, cmdlet: d.cmdlet ?? null, input: d.input }); }
process.stdout.write(JSON.stringify({ names: catalog.names, loaded: out, all: (await catalog.all()).map((d) => d.name) })); })();`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const built = JSON.parse(r.stdout);
  expect(built.names).toEqual(commands.map((c) => c.name));
  expect(built.all).toEqual(commands.map((c) => c.name));
  expect(built.loaded).toEqual(commands.map((c) => ({ asked: c.name, name: c.name, cmdlet: c.cmdlet ?? null, input: JSON.parse(JSON.stringify(c.input)) })));
});

describe('get-context', () => {
  const folder = signedInFolder();

  test('loads its own declaration only, and none of the network, crypto or process modules', () => {
    const { stdout, modules, sources } = traced(folder.dir, ['get-context']);
    expect(JSON.parse(stdout).Name).toContain('Production');
    expect(modules.filter((m) => HEAVY_NODE_MODULES.includes(m))).toEqual([]);
    const commandHomes = new Set(sources.filter((s) => s.startsWith('src/commands/')).map((s) => s.split('/')[2]));
    expect([...commandHomes].sort()).toEqual(['get-context', 'schema']);
    expect(sources.filter((s) => /node_modules\/(yargs|@azure|@jmespath|node-forge|jose)\/|src\/(sign-in\/(?!browser-opener)|credentials|token-cache|cloud|http)\//.test(s))).toEqual([]);
  });

  test('help and a mistake still see every command (yargs, from all declarations)', () => {
    const help = traced(folder.dir, ['--help']);
    for (const c of commands) expect(help.stdout).toContain(c.name.split(' ')[0]);
    expect(help.sources.some((s) => s.startsWith('src/commands/connect/'))).toBe(true);
  });

  test('the code cache is made on the first run, used on the next, and changes nothing; NODE_DISABLE_COMPILE_CACHE keeps it off', () => {
    const temp = mkdtempSync(join(tmpdir(), 'code-cache-'));
    try {
      const env = { TMPDIR: temp, TMP: temp, TEMP: temp };
      const first = traced(folder.dir, ['get-context'], env);
      const root = join(temp, readdirSync(temp).find((n) => n.startsWith('myaccount-code-cache'))!);
      const [build] = readdirSync(root);
      expect(build).toMatch(new RegExp(`^[0-9a-f]{16}-${process.version.replace(/\./g, '\\.')}-${process.arch}$`));
      // One file for the command, with the cache of every chunk it loaded.
      expect(readdirSync(join(root, build))).toEqual(['get-context.cache']);
      const file = join(root, build, 'get-context.cache');
      expect([...readCacheFile(file).keys()].sort()).toEqual([...first.chunks].sort());
      const written = statSync(file).mtimeMs;
      expect(traced(folder.dir, ['get-context'], env).stdout).toBe(first.stdout);
      // V8 took it: not written again.
      expect(statSync(file).mtimeMs).toBe(written);
      // A damaged cache is refused by V8, not run: same output, and a good cache again.
      writeFileSync(file, packCaches(new Map([...readCacheFile(file)].map(([name]) => [name, Buffer.from('garbage')]))));
      expect(traced(folder.dir, ['get-context'], env).stdout).toBe(first.stdout);
      expect([...readCacheFile(file).values()].every((data) => data.toString() !== 'garbage')).toBe(true);

      const off = mkdtempSync(join(tmpdir(), 'code-cache-off-'));
      try {
        expect(traced(folder.dir, ['get-context'], { TMPDIR: off, TMP: off, TEMP: off, NODE_DISABLE_COMPILE_CACHE: '1' }).stdout).toBe(first.stdout);
        expect(readdirSync(off)).toEqual([]);
      } finally {
        rmSync(off, { recursive: true, force: true });
      }
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});

describe('get-access-token from a warm cache', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startLocalCloud();
    const r = await cloud.connectByDeviceCode('alice@contoso.example');
    expect(r.code).toBe(0);
  });
  afterAll(() => cloud.dispose());

  test('loads neither MSAL nor the network, crypto or process modules, and sends nothing', async () => {
    const since = (await cloud.admin('GET', '/_admin/log?since=0&limit=1')).value.at(-1)?.seq ?? 0;
    const { stdout, modules, sources } = traced(cloud.configDir, ['get-access-token'], cloud.env);
    expect(JSON.parse(stdout).Token).toEqual(expect.any(String));
    expect(modules.filter((m) => HEAVY_NODE_MODULES.includes(m))).toEqual([]);
    expect(sources.filter((s) => /node_modules\/(yargs|@azure|@jmespath|node-forge|jose)\//.test(s))).toEqual([]);
    const sent = (await cloud.admin('GET', `/_admin/log?since=${since}`)).value.filter((e: { path: string }) => !e.path.startsWith('/_admin'));
    expect(sent).toEqual([]);
  });
});

test('dist/cli.js, the ES module face of the CommonJS CLI, runs the same run()', () => {
  const { dir, cleanup } = tempConfigDir();
  try {
    const script = `import { run } from ${JSON.stringify(join(REPO, 'dist', 'cli.js'))}; const out = []; const code = await run(['get-context'], { stdout: (t) => out.push(t), stderr: () => {} }); process.stdout.write(JSON.stringify({ code, out: out.join('') }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: cleanEnv(dir), encoding: 'utf8' });
    // No context yet: null, as the bin says it.
    expect(JSON.parse(r.stdout)).toEqual({ code: 0, out: 'null\n' });
    expect(existsSync(join(CJS, 'package.json'))).toBe(true);
  } finally {
    cleanup();
  }
});
