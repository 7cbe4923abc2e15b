/**
 * The `myaccount` entry point: argv or JSON → schema → handler → one JSON document on stdout.
 * Human text and events go to stderr; failures become one error document and a stable exit code.
 */
import { readSync } from 'node:fs';
import { catalog } from './commands/catalog.js';
import { browserAvailability, openBrowser } from './sign-in/browser-opener.js';
import { isAttended, isCi } from './core/ci.js';
import { folderForCommand } from './autosave/autosave.js';
import type { BrokerLoad, CommandContext, Env, FetchLike } from './core/context.js';
import { ExitCode, fail, internalError, MyAccountError } from './core/errors.js';
import { peekGlobals, type GlobalOptions } from './core/globals.js';
import { parseArgv } from './core/parse.js';
import { renderResult } from './core/render.js';
import { createReporter } from './core/reporter.js';
import { applyHint, defaultShell, envLines, type Shell } from './core/shell.js';
import { secretFlagWarning, secretsGivenAsFlags } from './core/secret-flags.js';
import { forTerminal, jsonForTerminal } from './core/terminal-text.js';
import { validateInput } from './core/validate.js';
import { stderrStream, writeStderr, writeStdout } from './core/stdio.js';
import { configDirFrom } from './profile/state-folder.js';
import packageJson from '../package.json' with { type: 'json' };

export interface CliDependencies {
  env: Env;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads stdin, stopping after `limit` bytes (the caller rejects anything that long). */
  stdin: (limit: number) => Buffer;
  now: () => Date;
  fetch: FetchLike;
  isTTY: boolean;
  /** stderr alone is a terminal: a person sees what the CLI says while it waits (see core/ci.ts isAttended). */
  stderrIsTTY: boolean;
  signal: AbortSignal;
  openBrowser: (url: string) => Promise<void>;
  browser: { available: boolean; reason?: string };
  prompt: (question: string) => Promise<string>;
  promptSecret: (question: string) => Promise<string>;
  loadBroker: () => Promise<BrokerLoad>;
  /** The operating system, for defaults that differ on Windows (tests fake it). */
  platform: NodeJS.Platform;
}

/** One line from the person at the terminal; questions go to stderr, never stdout. */
async function askOnTerminal(question: string): Promise<string> {
  // Loaded here, not at start: every command pays for a static import, few ever prompt.
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: stderrStream(), terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      // Resolve first: close() emits 'close' synchronously, which would settle the promise with ''.
      resolve(answer);
      rl.close();
    });
    rl.once('close', () => resolve(''));
  });
}

/**
 * One line from the terminal with nothing echoed: raw mode, so the characters never reach the
 * screen (or a screen recording). Ctrl+C there is a keypress, not a signal, so it cancels here.
 */
function askSecretOnTerminal(question: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (): void => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      stderrStream().write('\n');
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return (finish(), resolve(value));
        if (ch === '\u0003') return (finish(), reject(fail.Cancelled('Cancelled at the prompt.')));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    // Raw mode before the question shows: keys typed the moment it appears must not be echoed
    // (seen under load: the secret echoed when typed between the write and setRawMode).
    input.setRawMode?.(true);
    stderrStream().write(question);
    input.on('data', onData);
    input.resume();
  });
}

async function loadNativeBroker(): Promise<BrokerLoad> {
  try {
    const { NativeBrokerPlugin } = await import('@azure/msal-node-extensions');
    const plugin = new NativeBrokerPlugin();
    if (plugin.isBrokerAvailable) return { plugin };
    const { brokerUnavailableReason } = await import('./sign-in/broker.js');
    // The runtime instance the plugin loaded (resolved from msal-node-extensions) says why it did not start.
    let startupError;
    try {
      const { createRequire } = await import('node:module');
      const fromExtensions = createRequire(createRequire(import.meta.url).resolve('@azure/msal-node-extensions'));
      startupError = (fromExtensions('@azure/msal-node-runtime') as { msalNodeRuntime?: { StartupError?: { errorStatus?: number; errorContext?: string } } }).msalNodeRuntime?.StartupError;
    } catch {
      /* the reason stays general */
    }
    return { plugin: null, reason: brokerUnavailableReason(startupError, process.platform) };
  } catch {
    return { plugin: null, reason: 'the broker runtime is not installed' };
  }
}

function defaultDependencies(): CliDependencies {
  // Made when first asked for (~0.3 ms of a cold start; read commands never ask). Ctrl+C before
  // that makes it aborted, so whoever asks later sees the cancellation.
  let controller: AbortController | undefined;
  const abortController = (): AbortController => (controller ??= new AbortController());
  const abort = (): void => abortController().abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return {
    env: process.env,
    stdout: writeStdout,
    stderr: writeStderr,
    stdin: readStdin,
    now: () => new Date(),
    fetch: (url, init) => fetch(url, init),
    // A getter: process.stdin and process.stderr are streams made on first use (net, tty and
    // stream behind them, ~3 ms), and only commands that may ask anything read this.
    get isTTY() {
      return Boolean(process.stdin.isTTY && process.stderr.isTTY);
    },
    // Read when the CLI decides whether a person can answer an OS dialog (the macOS Keychain's).
    get stderrIsTTY() {
      return Boolean(process.stderr.isTTY);
    },
    get signal() {
      return abortController().signal;
    },
    openBrowser: (url) => openBrowser(url, process.env),
    browser: browserAvailability(process.env),
    prompt: askOnTerminal,
    promptSecret: askSecretOnTerminal,
    loadBroker: loadNativeBroker,
    platform: process.platform,
  };
}

/**
 * All of stdin, read synchronously. readFileSync(0) throws EAGAIN when stdin is a non-blocking pipe
 * that is momentarily empty because the writer is still writing (found by the bad-input fuzz test:
 * a 1 MB `--input-json -` piped from another process ended in InternalError); this waits instead.
 */
function readStdin(limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let read: number;
    try {
      read = readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if (code === 'EOF') break; // Windows reports the end of a pipe this way
      throw error;
    }
    if (read === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, read)));
    total += read;
    if (total >= limit) break;
  }
  return Buffer.concat(chunks);
}

export { configDirFrom };
export { whenFlushed } from './core/stdio.js';
/** The command catalog the CLI routes with (in the build, the one generated from the registry). */
export { catalog };

/** Runs one command and returns its exit code. Never throws. */
export async function run(argv: readonly string[], overrides: Partial<CliDependencies> = {}): Promise<number> {
  // Merged by descriptors, not spread: spreading would read the isTTY getter now.
  const deps = Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(defaultDependencies()), ...Object.getOwnPropertyDescriptors(overrides) }) as CliDependencies;
  let globals: GlobalOptions = peekGlobals(argv);
  const report = (): ReturnType<typeof createReporter> =>
    createReporter({ format: globals.events, verbose: globals.verbose, debug: globals.debug, write: deps.stderr });
  try {
    const parsed = await parseArgv(argv, catalog, packageJson.version, deps.stdin);
    globals = parsed.globals;
    if (parsed.kind === 'text') {
      deps.stdout(parsed.text);
      return ExitCode.Ok;
    }
    const { command } = parsed;
    if (globals.output === 'env' && !('Scope' in command.input.properties) && !command.processEnvironment) {
      throw fail.InvalidArguments(`--output env is for commands that hand back environment variables (those with --scope, and emulator env); ${command.name} changes none.`, { target: 'output' });
    }
    // Compiled before anything runs: a mistake in the expression changes nothing.
    // JMESPath (70 KB, with tables built at load) only when --query is given: a cold start parses
    // and runs every module it imports statically.
    const query = globals.query !== undefined ? (await import('./core/query.js')).compileQuery(globals.query) : undefined;
    const input = await validateInput(command, parsed.input);
    const variables = new Map<string, string | null>();
    const reporter = report();
    const secretFlags = secretsGivenAsFlags(command, argv, input);
    if (secretFlags.length > 0) reporter.warning(secretFlagWarning(command, secretFlags));
    // Autosave off (src/profile/autosave.ts): the command may work in a copy of the state folder.
    // The module (--events jsonl) takes a session back; anyone else gets a copy for this call.
    const folder = await folderForCommand(command.name, configDirFrom(deps.env, deps.platform), deps.env, globals.events === 'jsonl', { now: deps.now });
    for (const [name, value] of Object.entries(folder.variables)) variables.set(name, value);
    if (folder.throwaway) reporter.verbose(`Context autosave is off (CurrentUser): this command works in a copy of the state folder that is removed when it ends. To keep changes for this shell: eval "$(myaccount disable-context-autosave --scope Process --owner-process-id $$ --output env)".`);
    const ctx: CommandContext = {
      configDir: folder.configDir,
      env: deps.env,
      clock: { now: deps.now },
      report: reporter,
      fetch: deps.fetch,
      // Read when a command asks (see isTTY above).
      get interactive() {
        return deps.isTTY && !globals.noPrompt && !isCi(deps.env);
      },
      get attended() {
        return isAttended(deps.env, deps.stderrIsTTY);
      },
      setProcessVariable: (name, value) => void variables.set(name, value),
      get signal() {
        return deps.signal;
      },
      openBrowser: deps.openBrowser,
      browser: deps.browser,
      prompt: deps.prompt,
      promptSecret: deps.promptSecret,
      loadBroker: deps.loadBroker,
    };
    const shell = globals.shell ?? defaultShell(deps.env, deps.platform);
    let result;
    try {
      result = await command.handler(input, ctx);
    } catch (error) {
      // A session made for this caller is its own whether or not the command succeeded.
      if (Object.keys(folder.variables).length > 0) announceVariables(new Map(Object.entries(folder.variables)), globals, reporter, shell);
      throw error;
    } finally {
      if (folder.throwaway) await removeThrowaway(folder.throwaway);
    }
    // exec: the command it ran wrote its own stdout; its exit code is ours.
    if (command.passThrough) return (result as { exitCode: number }).exitCode;
    if (variables.size > 0) announceVariables(variables, globals, reporter, shell);
    // A query reshapes the result, so the command's own table columns no longer fit it.
    const shown = query ? query.apply(result) : result;
    if (command.printsText && !query && globals.output === 'json' && typeof shown === 'string') deps.stdout(shown);
    else {
      const columns = query || (globals.output === 'tsv' && command.tsvEveryField) ? undefined : command.table;
      deps.stdout(renderResult(globals.output, shown, columns, variables, shell));
    }
    return ExitCode.Ok;
  } catch (thrown) {
    const error = thrown instanceof MyAccountError ? thrown : internalError(thrown);
    if (!(thrown instanceof MyAccountError) && globals.debug) {
      // Only with --debug, and only the stack: messages of foreign errors are not trusted to be secret-free.
      deps.stderr(`DEBUG: ${(thrown as Error)?.stack?.split('\n').slice(1).join('\n') ?? String(thrown)}\n`);
    }
    if (globals.output === 'json') deps.stdout(jsonForTerminal(JSON.stringify(error.toDocument(), null, 2)) + '\n');
    if (globals.events === 'text') deps.stderr(`ERROR: ${forTerminal(error.message)}\n`);
    return error.exitCode;
  }
}

/** A copy of the state folder made for this call alone goes when the call ends, whatever happened. */
async function removeThrowaway(dir: string): Promise<void> {
  const { removeSession } = await import('./autosave/session.js');
  await removeSession(dir).catch(() => undefined);
}

function announceVariables(variables: Map<string, string | null>, globals: GlobalOptions, reporter: ReturnType<typeof createReporter>, shell: Shell): void {
  const payload = Object.fromEntries(variables);
  if (globals.events === 'jsonl') reporter.event('environment', { variables: payload }, '');
  else if (globals.output !== 'env') {
    // In the caller's own shell's form: export lines mean nothing to PowerShell or cmd.exe.
    let lines: string[];
    try {
      lines = envLines(shell, variables);
    } catch {
      lines = envLines('pwsh', variables);
    }
    reporter.information(`This is a Process-scope change. To apply it to this shell, run: ${applyHint(shell)}, or:\n  ${lines.join('\n  ')}`);
  }
}
