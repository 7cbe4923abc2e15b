/**
 * Issue 11.6: names from ARM and Entra reach a person's terminal. A subscription, tenant or account
 * name holding ESC/BEL sequences must not drive the terminal through --output table/tsv, plain
 * stderr text or the PowerShell module's views; JSON keeps the exact text (escaped by JSON).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../helpers/cli-in-process.js';
import { commands } from '../../src/commands/index.js';
import { createReporter } from '../../src/core/reporter.js';
import { forCell, forTerminal } from '../../src/core/terminal-text.js';
import { contextName } from '../../src/profile/contexts.js';
import { openProfile, type ContextRecord, type Profile } from '../../src/profile/profile.js';
import { formatFile } from '../../scripts/generate/module.js';
import { aliceAccount } from '../helpers/seed.js';

const HOSTILE_SUB = 'Prod\u001b[31mRED\u0007\u009b2J';
const HOSTILE_TENANT = 'Contoso\u001b]0;pwned\u0007';
/** Any raw control character a terminal acts on (tab and newline excepted). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'myaccount-esc-'));
  const account = aliceAccount();
  account.tenants[0].displayName = HOSTILE_TENANT;
  account.subscriptions[0].name = HOSTILE_SUB;
  const tenant = account.tenants[0];
  const sub = account.subscriptions[0];
  const context: ContextRecord = { name: contextName(account.id, tenant, sub), accountId: account.id, environment: 'AzureCloud', tenant, subscription: sub };
  await openProfile(dir, { now: () => new Date() }).update((p: Profile) => {
    const next = { ...p, accounts: [account], contexts: [context], defaultContext: context.name };
    return { next, result: next };
  });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (argv: string[]) => runInProcess(dir, argv);

test.each(['table', 'tsv'])('--output %s shows the control characters as escapes', async (format) => {
  const r = await cli(['get-context', '--output', format]);
  expect(r.code).toBe(0);
  expect(r.stdout).not.toMatch(RAW_CONTROL);
  expect(r.stdout).toContain('Prod\\x1b[31mRED\\x07\\x9b2J');
});

test('JSON carries the exact names', async () => {
  const r = await cli(['get-context']);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  const view = Array.isArray(doc) ? doc[0] : doc;
  expect(view.Subscription.Name).toBe(HOSTILE_SUB);
  // JSON escapes them itself: nothing raw on stdout.
  expect(r.stdout).not.toMatch(RAW_CONTROL);
});

test('plain stderr text (a warning quoting a name) is shown with escapes; jsonl events stay exact', () => {
  let text = '';
  createReporter({ format: 'text', verbose: false, debug: false, write: (t) => void (text += t) }).warning(`Tenant ${HOSTILE_TENANT} needs MFA.`);
  expect(text).toBe('WARNING: Tenant Contoso\\x1b]0;pwned\\x07 needs MFA.\n');
  let jsonl = '';
  createReporter({ format: 'jsonl', verbose: false, debug: false, write: (t) => void (jsonl += t) }).warning(HOSTILE_TENANT);
  expect(JSON.parse(jsonl).message).toBe(HOSTILE_TENANT);
});

test('forTerminal keeps line breaks and tabs; forCell flattens them; bidi overrides are escaped', () => {
  expect(forTerminal('a\nb\tc\u202ed')).toBe('a\nb\tc\\u202ed');
  expect(forCell('a\nb\tc\u0000')).toBe('a b c\\x00');
});

test('the PowerShell views escape control characters in every cell', () => {
  const xml = formatFile(commands);
  const cells = xml.match(/<(TableColumnItem|ListItem)>[\s\S]*?<\/\1>/g) ?? [];
  expect(cells.length).toBeGreaterThan(10);
  for (const cell of cells) {
    expect(cell).not.toContain('<PropertyName>');
    expect(cell).toMatch(/<ScriptBlock>\[MyAccount\.Helper\.Display\]::Safe\(\$_\.[A-Za-z.]+\)<\/ScriptBlock>/);
  }
});
