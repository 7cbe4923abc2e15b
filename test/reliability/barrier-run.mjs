#!/usr/bin/env node
// Runs the built CLI (the same run() that bin/myaccount.js calls) once a start file appears, so
// many processes can be loaded first and then released together: a barrier for real overlap.
// Usage: node barrier-run.mjs <start-file> <cli args...>
import { existsSync } from 'node:fs';

const [startFile, ...args] = process.argv.slice(2);
// Load the bundle before waiting, so the race is between writers, not between module loads.
const { run } = await import('../../dist/cli.js');
process.stderr.write('ready\n');
await new Promise((resolve) => {
  const poll = setInterval(() => {
    if (existsSync(startFile)) {
      clearInterval(poll);
      resolve();
    }
  }, 2);
});
process.exitCode = await run(args);
