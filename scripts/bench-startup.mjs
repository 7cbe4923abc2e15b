#!/usr/bin/env node
// Cold start of `myaccount get-context` beside a bare `node -e 0`: median wall time and peak RSS.
// Prints the figures and the change since the previous run (kept in .bench/startup.json).
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, median, saveFigures, signedInStateFolder, wallTimes } from './bench-local-cloud.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 31);
const stateDir = signedInStateFolder();
const env = { ...process.env, MYACCOUNT_CONFIG_DIR: stateDir };
// Peak RSS is read in the child at exit by a preload, so timing runs carry no instrumentation.
const rssProbe = join(stateDir, 'rss-probe.cjs');
writeFileSync(rssProbe, "process.on('exit', () => require('fs').writeSync(3, String(process.resourceUsage().maxRSS)));");

const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'myaccount get-context', args: [bin, 'get-context'] },
];

const results = {};
for (const c of cases) {
  const times = wallTimes(c.args, env, runs);
  const rss = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['--require', rssProbe, ...c.args], { env, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    rss.push(Number(r.output[3].toString()) / 1024);
  }
  results[c.name] = { medianMs: Number(median(times).toFixed(1)), peakRssMb: Number(Math.max(...rss).toFixed(1)) };
}
rmSync(stateDir, { recursive: true, force: true });

const node = results['node -e 0'];
const cli = results['myaccount get-context'];
const ratio = Number((cli.medianMs / node.medianMs).toFixed(2));
const figures = { date: new Date().toISOString(), runs, results, ratio };

const { previous } = saveFigures('startup', figures);
const delta = (now, before) => (before === undefined ? '' : ` (was ${before}, ${now >= before ? '+' : ''}${(now - before).toFixed(1)})`);
console.log(`Cold start, median of ${runs} runs (Node ${process.versions.node}):`);
for (const [name, r] of Object.entries(results)) {
  const p = previous?.results?.[name];
  console.log(`  ${name.padEnd(24)} ${String(r.medianMs).padStart(7)} ms${delta(r.medianMs, p?.medianMs)}   peak RSS ${r.peakRssMb} MB${delta(r.peakRssMb, p?.peakRssMb)}`);
}
console.log(`  ratio myaccount / node: ${ratio}x (target <= 1.5x)${previous ? `; previous ${previous.ratio}x` : ''}`);
console.log(`  peak RSS: ${cli.peakRssMb} MB (target < 60 MB)`);
