/**
 * Issue 11.7: secrets given as flags are visible in process lists. They are accepted, with one
 * warning naming the ways that are not visible; from --input-json nothing is said. The secret
 * itself is never in the warning.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../helpers/cli-in-process.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'myaccount-secretflags-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'sup3r-secret-value~0123456789';

const cli = (argv: string[], stdin = '') => runInProcess(dir, argv, { MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE: 'true' }, { stdin: () => Buffer.from(stdin) });

const warnings = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('WARNING:') && l.includes('visible to other users'));

test('--client-secret as a flag: one warning naming stdin, AZURE_CLIENT_SECRET and the prompt; never the secret', async () => {
  const r = await cli(['connect', '--service-principal', '--application-id', 'app', '--tenant', 'contoso.example', '--client-secret', SECRET]);
  const w = warnings(r.stderr);
  expect(w).toHaveLength(1);
  expect(w[0]).toContain('--client-secret');
  expect(w[0]).toContain('--input-json -');
  expect(w[0]).toContain('AZURE_CLIENT_SECRET');
  expect(w[0]).toContain('asked for it');
  expect(r.stderr + r.stdout).not.toContain(SECRET);
});

test('several secret flags: still one warning, naming each', async () => {
  const r = await cli(['connect', '--username', 'a@b.example', '--password', SECRET]);
  expect(warnings(r.stderr)).toHaveLength(1);
  expect(warnings(r.stderr)[0]).toContain('--password');
  const t = await cli(['connect', '--access-token', SECRET]);
  expect(warnings(t.stderr)[0]).toContain('--access-token');
  const c = await cli(['connect', '--service-principal', '--application-id', 'app', '--tenant', 't', '--certificate-path', '/nonexistent.pfx', '--certificate-password', SECRET]);
  expect(warnings(c.stderr)[0]).toMatch(/--certificate-password.*AZURE_CLIENT_CERTIFICATE_PASSWORD/);
  const f = await cli(['connect', '--service-principal', '--application-id', 'app', '--tenant', 't', '--federated-token', SECRET]);
  expect(warnings(f.stderr)[0]).toMatch(/--federated-token.*AZURE_FEDERATED_TOKEN_FILE/);
});

test('the same secret as JSON on stdin: no warning', async () => {
  const r = await cli(['connect', '--input-json', '-'], JSON.stringify({ ServicePrincipal: true, ApplicationId: 'app', Tenant: 'contoso.example', ClientSecret: SECRET }));
  expect(warnings(r.stderr)).toHaveLength(0);
});

test('flags without secrets: no warning', async () => {
  const r = await cli(['get-context']);
  expect(warnings(r.stderr)).toHaveLength(0);
});
