#!/usr/bin/env node
import { run } from '../dist/cli.js';

const code = await run(process.argv.slice(2));
// Exit now rather than when the last timer fires: after Ctrl+C, MSAL's device-code poller and
// loopback listener would otherwise keep the process alive for seconds. Output is flushed first.
process.exitCode = code;
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
