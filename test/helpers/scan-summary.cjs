// Jest globalSetup/globalTeardown: one summary line for the secret scan of the whole run. Each
// suite on the local cloud appends its figures (test/helpers/secret-scan.ts, reportScan).
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports.setup = () => {
  const dir = mkdtempSync(join(tmpdir(), 'myaccount-scan-'));
  process.env.MYACCOUNT_SECRET_SCAN_SUMMARY = join(dir, 'summary.jsonl');
};

module.exports.teardown = () => {
  const file = process.env.MYACCOUNT_SECRET_SCAN_SUMMARY;
  if (!file) return;
  let lines = [];
  try {
    lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    /* no suite used the local cloud */
  }
  rmSync(join(file, '..'), { recursive: true, force: true });
  // A suite with several local clouds reports after each; its figures are cumulative, so its last line counts.
  lines = [...new Map(lines.map((l) => [l.suite, l])).values()];
  if (lines.length === 0) return;
  const sum = (key) => lines.reduce((n, l) => n + l[key], 0);
  process.stdout.write(`\nSecret scan: ${sum('secrets')} secrets the local cloud issued or received, checked against ${sum('outputs')} CLI outputs in ${lines.length} suites: ${sum('leaks')} leaks.\n`);
};
