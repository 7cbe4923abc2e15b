// The module's compiled helper is committed and rebuilt only when its sources change: the stamp
// (a hash of the sources and the version) must follow every source change, ignore line ends,
// and tell a DLL built from other sources apart.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(__dirname, '..', '..');
const helper = pathToFileURL(join(root, 'scripts/generate/compiled-helper.mjs')).href;

function inCopy(script: string, prepare: (copy: string) => void = () => {}): any {
  const copy = mkdtempSync(join(tmpdir(), 'myaccount-helper-test-'));
  try {
    cpSync(join(root, 'scripts/generate/module-helper-cs'), join(copy, 'scripts/generate/module-helper-cs'), { recursive: true });
    mkdirSync(join(copy, 'module/MyAccount'), { recursive: true });
    cpSync(join(root, 'module/MyAccount/MyAccount.Helper.dll'), join(copy, 'module/MyAccount/MyAccount.Helper.dll'));
    prepare(copy);
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import * as h from '${helper}'; const root = ${JSON.stringify(copy)}; console.log(JSON.stringify(await (async () => { ${script} })()));`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

test('the committed DLL carries the stamp of the committed sources', () => {
  expect(inCopy(`return h.helperIsCurrent(root, ${JSON.stringify(version)})`)).toBe(true);
});

test('a changed source, an added file or another version makes the DLL stale', () => {
  const edited = inCopy(`return h.helperIsCurrent(root, ${JSON.stringify(version)})`, (copy) => {
    const file = join(copy, 'scripts/generate/module-helper-cs/Cli.cs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('namespace MyAccount.Helper', 'namespace MyAccount.Helper // changed'));
  });
  expect(edited).toBe(false);
  const added = inCopy(`return h.helperIsCurrent(root, ${JSON.stringify(version)})`, (copy) => writeFileSync(join(copy, 'scripts/generate/module-helper-cs/Extra.cs'), '// more\n'));
  expect(added).toBe(false);
  expect(inCopy(`return h.helperIsCurrent(root, '9.9.9')`)).toBe(false);
});

test('CRLF line ends (a Windows checkout) stamp the same as LF', () => {
  const stamps = inCopy(`const before = h.helperStamp(root, 'x'); const fs = await import('node:fs'); const f = root + '/scripts/generate/module-helper-cs/Cli.cs'; fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/\\n/g, '\\r\\n')); return [before, h.helperStamp(root, 'x')];`);
  expect(stamps[0]).toMatch(/^[0-9a-f]{64}$/);
  expect(stamps[1]).toBe(stamps[0]);
});

test("the views' escaping (Display.cs) uses the CLI's class of unsafe characters", () => {
  const { UNSAFE_DOTNET_CLASS } = require('../../src/core/terminal-text.js');
  const display = readFileSync(join(root, 'scripts/generate/module-helper-cs/Display.cs'), 'utf8');
  expect(display).toContain(`new Regex(@"${UNSAFE_DOTNET_CLASS}"`);
});
