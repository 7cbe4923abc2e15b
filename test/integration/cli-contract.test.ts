import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempConfigDir } from '../helpers/cli.js';
import { PROD_CONTEXT, seedSignedIn } from '../helpers/seed.js';
import { commands } from '../../src/commands/index.js';

describe('the CLI contract', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempConfigDir()));
  afterEach(() => cleanup());

  test('--help lists every command of the registry; command help shows its flags and examples', async () => {
    const r = await runCli(dir, ['--help']);
    expect(r.code).toBe(0);
    for (const c of commands) expect(r.stdout).toContain(c.name.split(' ')[0]);
    const sub = await runCli(dir, ['set-context', '--help']);
    expect(sub.stdout).toContain('--subscription');
    expect(sub.stdout).toContain('PowerShell: Set-MyContext');
    expect(sub.stdout).toContain('Examples:');
  });

  test('--version prints the package version', async () => {
    const r = await runCli(dir, ['--version']);
    expect(r.stdout.trim()).toBe(require('../../package.json').version);
  });

  test('no command, unknown command, unknown flag, missing value: exit 2 with one JSON error', async () => {
    // The target names an unknown command or flag (did-you-mean reads it); nothing near, no suggestion.
    const cases: [string[], string | null][] = [[[], null], [['frobnicate'], 'command'], [['get-context', '--frob'], 'frob'], [['select-context', '--scope'], null]];
    for (const [args, target] of cases) {
      const r = await runCli(dir, args);
      expect(r.code).toBe(2);
      expect(r.json.error).toEqual({ code: 'InvalidArguments', category: 'InvalidArgument', message: expect.any(String), target, details: [] });
      expect(r.stderr).toMatch(/^ERROR: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test('--input-json accepts inline JSON, a file and stdin, and goes through the same schema', async () => {
    await seedSignedIn(dir);
    const inline = await runCli(dir, ['get-context', '--input-json', JSON.stringify({ Name: PROD_CONTEXT })]);
    expect(inline.json.Name).toBe(PROD_CONTEXT);
    const file = join(dir, '..', 'input.json');
    writeFileSync(file, JSON.stringify({ ListAvailable: true }));
    const fromFile = await runCli(dir, ['get-context', '--input-json', file]);
    expect(fromFile.json).toHaveLength(1);
    const fromStdin = await runCli(dir, ['get-context', '--input-json', '-'], { stdin: JSON.stringify({ Name: PROD_CONTEXT.toLowerCase() }) });
    expect(fromStdin.json.Name).toBe(PROD_CONTEXT);
    const unknown = await runCli(dir, ['get-context', '--input-json', '{"Nme":"x"}']);
    expect(unknown.json.error).toMatchObject({ code: 'InvalidInput', target: 'Nme' });
    expect(unknown.json.error.message).toContain('Its parameters are: Name, ListAvailable');
    const both = await runCli(dir, ['get-context', '--name', 'x', '--input-json', '{}']);
    expect(both.code).toBe(2);
    const notObject = await runCli(dir, ['get-context', '--input-json', '[1]']);
    expect(notObject.json.error.message).toBe('The input for get-context must be a JSON object of parameter names and values.');
  });

  test('invalid JSON is reported without echoing the input, which may hold a secret', async () => {
    const r = await runCli(dir, ['get-context', '--input-json', '{"Name": s3cr3t-value}']);
    expect([r.code, r.json.error.code]).toEqual([2, 'InvalidJson']);
    expect(r.stdout + r.stderr).not.toContain('s3cr3t');
  });

  test('parameter set conflicts are input errors', async () => {
    const r = await runCli(dir, ['get-context', '--name', 'x', '--list-available']);
    expect([r.code, r.json.error.code]).toEqual([2, 'ParameterSetConflict']);
  });

  test('a profile that does not parse is moved aside, never overwritten, and both paths are named', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'profile.json'), '{"version":1,"contexts":[');
    const r = await runCli(dir, ['get-context']);
    expect([r.code, r.json.error.code, r.json.error.category]).toEqual([1, 'StateFileCorrupt', 'InvalidData']);
    const aside = readdirSync(dir).find((f) => f.startsWith('profile.json.corrupt-'))!;
    expect(aside).toBeDefined();
    expect(r.json.error.message).toContain(join(dir, 'profile.json'));
    expect(r.json.error.message).toContain(join(dir, aside));
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{"version":1,"contexts":[');
    // The next command starts clean.
    expect((await runCli(dir, ['get-context'])).stdout).toBe('null\n');
  });

  test('a state file from a newer MyAccount is left alone', async () => {
    mkdirSync(dir, { recursive: true });
    const body = '{"version":7,"settings":{}}';
    writeFileSync(join(dir, 'settings.json'), body);
    const r = await runCli(dir, ['update-config', '--enable-login-by-wam', 'true']);
    expect([r.code, r.json.error.code]).toEqual([1, 'StateFileTooNew']);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(body);
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  test('an unwritable state folder is a clear error, not a stack trace', async () => {
    const r = await runCli(dir, ['update-config', '--enable-login-by-wam', 'true'], { env: { MYACCOUNT_CONFIG_DIR: '/proc/myaccount-cannot-exist' } });
    expect(r.code).toBe(1);
    expect(r.json.error.code).toMatch(/^State/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('--output env is only for commands that take --scope', async () => {
    const r = await runCli(dir, ['get-environment', '--output', 'env']);
    expect([r.code, r.stdout]).toEqual([2, '']);
  });
});

test('words after "--" are refused, not ignored', async () => {
  const { dir, cleanup } = tempConfigDir();
  try {
    const r = await runCli(dir, ['get-context', '--', '--constructor']);
    expect([r.code, r.json.error.code]).toEqual([2, 'InvalidArguments']);
  } finally {
    cleanup();
  }
});
