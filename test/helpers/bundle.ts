/**
 * Bundles a TypeScript entry with esbuild so a test can run it in a child process: for code that
 * must see a real process environment (jest gives each test file a copy of process.env that native
 * addons such as keytar never see).
 */
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

export function bundleEntry(entry: string): string {
  // Inside the repository, so the bundle's external imports resolve to node_modules.
  const root = join(__dirname, '..', '..');
  mkdirSync(join(root, '.build'), { recursive: true });
  const outfile = join(mkdtempSync(join(root, '.build', 'test-bundle-')), 'entry.mjs');
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    absWorkingDir: root,
    logLevel: 'error',
  });
  return outfile;
}
