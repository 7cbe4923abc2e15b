/**
 * What a handler may touch. Everything with an effect outside the process (clock, environment,
 * files, network, the person at the terminal) comes in through here so tests can replace it.
 */
import type { INativeBrokerPlugin } from '@azure/msal-node';
import type { Reporter } from './reporter.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Clock {
  now(): Date;
}

export type FetchLike = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal; redirect?: 'manual' | 'follow' | 'error' }) => Promise<{
  status: number;
  /** forEach lists every header (the rest command hands them all back); get is enough elsewhere. */
  headers: { get(name: string): string | null; forEach?(callback: (value: string, name: string) => void): void };
  text(): Promise<string>;
}>;

export interface BrokerLoad {
  plugin: INativeBrokerPlugin | null;
  /** Why there is none, for the notice. */
  reason?: string;
}

export interface CommandContext {
  /** The state folder (MYACCOUNT_CONFIG_DIR or ~/.myaccount). */
  configDir: string;
  env: Env;
  clock: Clock;
  report: Reporter;
  fetch: FetchLike;
  /** True when a person can answer prompts (TTY on stdin and stderr, not CI, no --no-prompt). */
  interactive: boolean;
  /**
   * True when a person watches stderr and can answer the OS's own dialogs (the macOS Keychain's),
   * so a wait for one is worth it (core/ci.ts isAttended). Unlike `interactive`, --no-prompt does not
   * turn it off: MyAccount asks nothing then. Absent: nobody.
   */
  attended?: boolean;
  /**
   * Records a Process-scope change. A child process cannot change its caller's environment, so
   * the CLI hands these to the caller: as an event for the PowerShell module, or as `export`
   * lines with `--output env` for bash. `null` means unset.
   */
  setProcessVariable(name: string, value: string | null): void;
  /** Aborted on SIGINT/SIGTERM so long waits can stop promptly. */
  signal: AbortSignal;
  /** Opens a URL in the person's browser; rejects when it cannot. */
  openBrowser(url: string): Promise<void>;
  /** Whether a browser can open here at all (a display, no SSH, not CI), and why not. */
  browser: { available: boolean; reason?: string };
  /** Asks the person at the terminal; only called when `interactive`. */
  prompt(question: string): Promise<string>;
  /** Asks for a secret at the terminal without echoing it; only called when `interactive`. */
  promptSecret(question: string): Promise<string>;
  /** The operating system's sign-in broker (WAM), when one can run here. */
  loadBroker(): Promise<BrokerLoad>;
}
