#!/usr/bin/env node
// Runs generated bad inputs against the production bundle (dist/cli.js, with its precompiled
// validators) and checks each outcome. Most cases run in this one process through run(argv,
// overrides); the ones marked `spawn` run as real, separate `bin/myaccount.js` processes.
// Usage: node fuzz-driver.mjs <cases.json> <report.json>
// cases.json: { stateDir, concurrency, cases: [{ id, argv, stdinB64?, spawn? }] }
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', '..', 'bin', 'myaccount.js');
const [casesFile, reportFile] = process.argv.slice(2);
const { stateDir, concurrency, cases } = JSON.parse(readFileSync(casesFile, 'utf8'));
const { run } = await import('../../dist/cli.js');
// run() listens for SIGINT/SIGTERM once per call (one call per process in real use).
process.setMaxListeners(0);

const env = {};
for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MYACCOUNT_')) env[k] = v;
env.MYACCOUNT_CONFIG_DIR = stateDir;

/** Every entry of the state folder, with the bytes of each file. */
function snapshot() {
  const out = [];
  for (const name of readdirSync(stateDir).sort()) {
    const path = join(stateDir, name);
    const info = statSync(path);
    out.push(info.isDirectory() ? `${name}/` : `${name}:${info.mode.toString(8)}:${readFileSync(path).toString('base64')}`);
  }
  return out.join('\n');
}

const STACK = /^\s+at\s/m;
const ERROR_DUMP = /(^|[\s(])[A-Za-z]*Error: |node:internal|\bUnhandled|file:\/\/\//;

/** Why an outcome breaks the contract for bad input, or null when it is right. */
function problem({ code, stdout, stderr }) {
  if (code !== 2) return `exit code ${code}, not 2`;
  let doc;
  try {
    doc = JSON.parse(stdout);
  } catch {
    return 'stdout is not one JSON document';
  }
  const e = doc?.error;
  if (!e || Object.keys(doc).length !== 1) return 'stdout is not an error document';
  if (typeof e.code !== 'string' || typeof e.category !== 'string' || typeof e.message !== 'string' || !(e.target === null || typeof e.target === 'string') || !Array.isArray(e.details)) return 'the error document lacks code/category/message/target/details';
  if (e.category !== 'InvalidArgument') return `category ${e.category}, not InvalidArgument`;
  if (e.code === 'InternalError') return 'InternalError';
  for (const [where, text] of [['stdout', stdout], ['stderr', stderr]]) {
    if (STACK.test(text)) return `a stack trace on ${where}`;
    if (ERROR_DUMP.test(text)) return `an error dump on ${where}`;
  }
  return null;
}

function inProcess(c) {
  let stdout = '';
  let stderr = '';
  const stdin = Buffer.from(c.stdinB64 ?? '', 'base64');
  return run(c.argv, {
    env,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: () => stdin,
    isTTY: false,
  }).then(
    (code) => ({ code, stdout, stderr }),
    (thrown) => ({ code: -1, stdout, stderr: `${stderr}run() threw: ${thrown?.stack ?? thrown}` }),
  );
}

function separateProcess(c) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...c.argv], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => resolve({ code: -1, stdout: '', stderr: `spawn failed: ${e.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? `signal ${signal}`, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined); // the CLI may exit before reading all of stdin
    child.stdin.end(Buffer.from(c.stdinB64 ?? '', 'base64'));
  });
}

const initial = snapshot();
const failures = [];
const started = Date.now();
let inProcessCount = 0;
let spawnedCount = 0;
let inProcessMs = 0;
let spawnedMs = 0;
const codes = {};

function record(c, outcome) {
  const why = problem(outcome);
  const now = snapshot();
  const stateWhy = now === initial ? null : 'the state folder changed';
  if (outcome.code === 2) {
    const code = JSON.parse(outcome.stdout).error.code;
    codes[code] = (codes[code] ?? 0) + 1;
  }
  if (why || stateWhy) {
    failures.push({ id: c.id, command: c.command, via: c.via, kind: c.kind, spawned: !!c.spawn, argv: c.argv.map((a) => (a.length > 200 ? `${a.slice(0, 200)}…(${a.length})` : a)), problem: [why, stateWhy].filter(Boolean).join('; '), code: outcome.code, stdout: outcome.stdout.slice(0, 1500), stderr: outcome.stderr.slice(0, 1500) });
  }
  if (stateWhy) {
    // Report the first change and stop: later cases would be judged against a moved baseline.
    finish();
    process.exit(0);
  }
}

function finish() {
  writeFileSync(reportFile, JSON.stringify({ total: inProcessCount + spawnedCount, inProcess: inProcessCount, spawned: spawnedCount, inProcessMs, spawnedMs, totalMs: Date.now() - started, errorCodes: codes, failures }, null, 2));
}

let t = Date.now();
for (const c of cases.filter((x) => !x.spawn)) {
  record(c, await inProcess(c));
  inProcessCount++;
}
inProcessMs = Date.now() - t;

t = Date.now();
const queue = cases.filter((x) => x.spawn);
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      record(c, await separateProcess(c));
      spawnedCount++;
    }
  }),
);
spawnedMs = Date.now() - t;
finish();
