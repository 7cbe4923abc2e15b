/**
 * Shell completion: `completion candidates` (commands, flags, values, names from the state
 * folder, with the network shut off) and the bash script itself, driven in a real bash the way
 * bash calls it at a Tab.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanEnv, runCli, tempConfigDir } from '../helpers/cli.js';
import { requirePwsh } from '../helpers/pwsh.js';
import { PROD_CONTEXT, SUB_PROD, TENANT_B, seedSignedIn } from '../helpers/seed.js';

// Any fetch fails in the CLI under test: completion must answer from files alone.
const NO_NETWORK = { NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent("globalThis.fetch = () => { throw new Error('network used'); };")}` };

let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  ({ dir, cleanup } = tempConfigDir());
  await seedSignedIn(dir);
});
afterAll(() => cleanup());

async function candidates(line: string): Promise<string[]> {
  const r = await runCli(dir, ['completion', 'candidates', `--line=${line}`], { env: NO_NETWORK });
  expect([r.code, r.stderr]).toEqual([0, '']);
  return r.json;
}

test.each([
  ['myaccount acc', ['account']],
  ['myaccount account ', ['show', 'list', 'set', 'clear', 'get-access-token', 'tenant']],
  ['myaccount account tenant ', ['list']],
  ['myaccount login --ten', ['--tenant']],
  ['myaccount get-context -o ', ['json', 'table', 'tsv', 'env', 'none']],
  ['myaccount get-access-token --resource-type-name MS', ['MSGraph']],
  ['myaccount select-context ', [PROD_CONTEXT]],
  ['myaccount select-context "Prod', [PROD_CONTEXT]],
  ['myaccount get-context --name Nope', []],
])('%s completes to %j', async (line, expected) => {
  expect(await candidates(line)).toEqual(expected);
});

test('flags, values and names: every command word, subscriptions by name and id, tenants, environments', async () => {
  const words = await candidates('myaccount ');
  for (const w of ['connect', 'login', 'logout', 'account', 'completion', 'emulator']) expect(words).toContain(w);
  expect(new Set(words).size).toBe(words.length);
  expect(await candidates('myaccount set-context --subscription ')).toEqual(expect.arrayContaining(['Production', SUB_PROD]));
  expect(await candidates('myaccount set-context --tenant ')).toContain(TENANT_B);
  expect(await candidates('myaccount connect --environment Azure')).toEqual(['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment']);
  expect(await candidates('myaccount get-context --')).toEqual(expect.arrayContaining(['--name', '--list-available', '--query', '--output']));
});

test('completion bash prints the script as text; bash completes a context name, quoted, at a Tab', async () => {
  const r = await runCli(dir, ['completion', 'bash']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^# myaccount completion for bash/);
  expect(r.stdout).toContain('complete -o default -F _myaccount_complete myaccount');
  // The program as bash would find it: a wrapper named like the installed one.
  const wrapper = join(dir, 'myaccount');
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  const script = join(dir, 'completion.bash');
  writeFileSync(script, r.stdout);
  const drive = (line: string) =>
    execFileSync('bash', ['-c', `source "${script}"; COMP_LINE='${line}'; COMP_POINT=\${#COMP_LINE}; read -ra COMP_WORDS <<< "$COMP_LINE"; COMP_WORDS[0]="${wrapper}"; _myaccount_complete; printf '%s\\n' "\${COMPREPLY[@]}"`], {
      env: cleanEnv(dir, NO_NETWORK),
      encoding: 'utf8',
    });
  expect(drive('myaccount account s')).toBe('show\nset\n');
  const quoted = drive('myaccount select-context ').trim();
  // printf %q quoting: the shell reads it back as the exact name.
  expect(execFileSync('bash', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' })).toBe(PROD_CONTEXT);
});

test('completion pwsh prints a native argument completer; --query still gives JSON', async () => {
  const r = await runCli(dir, ['completion', 'pwsh']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Register-ArgumentCompleter -Native -CommandName myaccount');
  expect(r.stdout).toContain('completion candidates');
  const json = await runCli(dir, ['completion', 'pwsh', '--query', 'length(@)']);
  expect(json.json).toBe(r.stdout.length);
});

test('in real pwsh, TabExpansion2 completes through the script: command words, values, a context name quoted', async () => {
  const r = await runCli(dir, ['completion', 'pwsh']);
  const wrapper = join(dir, 'myaccount');
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  const script = join(dir, 'completion.ps1');
  writeFileSync(script, r.stdout);
  const lines = ['myaccount account s', 'myaccount connect --environment Azure', 'myaccount select-context '];
  const out = execFileSync(
    requirePwsh(),
    ['-NoProfile', '-NonInteractive', '-Command', `. '${script}'; foreach ($l in @(${lines.map((l) => `'${l}'`).join(',')})) { ((TabExpansion2 -inputScript $l -cursorColumn $l.Length).CompletionMatches | ForEach-Object CompletionText) -join '|' }`],
    { env: cleanEnv(dir, { ...NO_NETWORK, PATH: `${dir}:${process.env.PATH}`, POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off' }), encoding: 'utf8' },
  );
  expect(out.trim().split('\n')).toEqual(['show|set', 'AzureCloud|AzureChinaCloud|AzureUSGovernment', `'${PROD_CONTEXT}'`]);
});
