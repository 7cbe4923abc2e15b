import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

test('README table, schemas/ and module/ match the command registry (run npm run generate)', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts/generate.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
