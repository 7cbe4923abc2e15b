/**
 * The CLI in process, through run(argv, overrides): parsing, validation, rendering and the error
 * document, with every dependency passed in (no child process, no network, a temporary state
 * folder), so these rules are checked in milliseconds rather than through a node start each.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliDependencies } from '../../src/cli.js';
import { runInProcess, type InProcessRun } from '../helpers/cli-in-process.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'myaccount-run-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Ran extends InProcessRun {
  json: any;
}

async function cli(argv: string[], overrides: Partial<CliDependencies> = {}): Promise<Ran> {
  const r = await runInProcess(dir, argv, {}, overrides);
  let json: any;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { ...r, json };
}

describe('parsing', () => {
  test('an unknown flag: exit 2 and one error document naming it, nothing written', async () => {
    const r = await cli(['get-context', '--nosuch']);
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({ code: 'InvalidArguments', category: 'InvalidArgument' });
    expect(r.json.error.message).toContain('nosuch');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an unknown command: exit 2', async () => {
    const r = await cli(['no-such-command']);
    expect([r.code, r.json.error.code]).toEqual([2, 'InvalidArguments']);
  });

  test('--help prints text for people, exit 0', async () => {
    const r = await cli(['get-environment', '--help']);
    expect(r.code).toBe(0);
    expect(r.json).toBeUndefined();
    expect(r.stdout).toMatch(/Examples:[\s\S]*myaccount get-environment AzureChinaCloud/);
  });

  test('flags and --input-json reach the same schema', async () => {
    const byFlag = await cli(['get-environment', '--name', 'AzureCloud']);
    const byJson = await cli(['get-environment', '--input-json', '{"Name":"AzureCloud"}']);
    expect(byFlag.code).toBe(0);
    expect(byJson.json).toEqual(byFlag.json);
    const fromStdin = await cli(['get-environment', '--input-json', '-'], { stdin: () => Buffer.from('{"Name":"AzureCloud"}') });
    expect(fromStdin.json).toEqual(byFlag.json);
  });

  test('JSON input that is not JSON, or not UTF-8: exit 2 with its own code', async () => {
    expect((await cli(['get-environment', '--input-json', '{nope'])).json.error.code).toBe('InvalidJson');
    expect((await cli(['get-environment', '--input-json', '-'], { stdin: () => Buffer.from([0xff, 0xfe, 0x7b]) })).json.error.code).toBe('InvalidUtf8');
  });
});

describe('validation', () => {
  test('a value outside the schema: exit 2, InvalidInput, naming the property', async () => {
    const r = await cli(['update-config', '--tenant-concurrency', '0']);
    expect([r.code, r.json.error.code]).toEqual([2, 'InvalidInput']);
    expect(r.json.error.message).toMatch(/TenantConcurrency|tenant-concurrency/);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an unknown JSON property is an error, not ignored', async () => {
    const r = await cli(['get-environment', '--input-json', '{"Name":"AzureCloud","Extra":1}']);
    expect([r.code, r.json.error.code]).toEqual([2, 'InvalidInput']);
  });

  test('--output env on a command that changes no variable is refused', async () => {
    const r = await cli(['get-environment', '--output', 'env']);
    expect(r.code).toBe(2);
  });
});

describe('rendering', () => {
  test('--output table and tsv are views of the same result', async () => {
    const json = await cli(['get-environment']);
    const table = await cli(['get-environment', '--output', 'table']);
    const tsv = await cli(['get-environment', '--output', 'tsv']);
    const names = json.json.map((e: any) => e.Name);
    expect(names).toEqual(expect.arrayContaining(['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment']));
    for (const name of names) {
      expect(table.stdout).toContain(name);
      expect(tsv.stdout.split('\n').some((line) => line.startsWith(`${name}\t`))).toBe(true);
    }
  });

  test('a Process-scope change hands its variables back: as an event with --events jsonl, as eval lines with --output env', async () => {
    const events = await cli(['update-config', '--enable-login-by-wam', 'true', '--scope', 'Process', '--events', 'jsonl']);
    expect(events.code).toBe(0);
    const environment = events.stderr.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((e) => e.type === 'environment');
    expect(Object.keys(environment.variables)).toEqual(['MYACCOUNT_PROCESS_CONFIG']);
    const env = await cli(['update-config', '--enable-login-by-wam', 'true', '--scope', 'Process', '--output', 'env']);
    expect(env.stdout).toMatch(/^export MYACCOUNT_PROCESS_CONFIG='/);
    // Process scope writes nothing to the state folder.
    expect(readdirSync(dir)).toEqual([]);
  });

  test('settings come from the environment passed in, not from this process', async () => {
    const r = await cli(['get-config', '--tenant-concurrency'], { env: { MYACCOUNT_CONFIG_DIR: dir, MYACCOUNT_TENANT_CONCURRENCY: '5' } });
    expect(r.json[0]).toMatchObject({ Key: 'TenantConcurrency', Value: 5, Scope: 'Environment' });
  });

  test('a failure that is not MyAccount\'s own is InternalError with no stack unless --debug', async () => {
    // An environment that throws when a setting's variable is read, standing in for any bug below.
    const env = new Proxy({ MYACCOUNT_CONFIG_DIR: dir } as Record<string, string>, {
      get: (target, key) => {
        if (key === 'MYACCOUNT_PROCESS_CONFIG') throw new TypeError('broke: secret-looking text');
        return target[key as string];
      },
    });
    const broken = { env };
    const r = await cli(['get-config'], broken);
    expect([r.code, r.json.error.code]).toEqual([1, 'InternalError']);
    expect(r.stdout + r.stderr).not.toContain('secret-looking');
    const debug = await cli(['get-config', '--debug'], broken);
    expect(debug.stderr).toMatch(/DEBUG: +at /);
  });
});
