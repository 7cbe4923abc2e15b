/**
 * How long MyAccount waits for the macOS Keychain, and what it says meanwhile. A Keychain item is
 * bound to the binary that created it, so after a Node.js upgrade the first read of MyAccount's
 * token cache shows a dialog ("node wants to use your confidential information..."), as does a
 * locked keychain. A request that does not answer within a short patience (2 s) is taken to be
 * waiting for such a dialog:
 * - when a person is there (a terminal, or the PowerShell module's host), they are told once to
 *   answer it, and the SAME request is awaited up to a generous limit (2 min), then it fails;
 * - when nobody is (CI, a service), it fails at once with what to do, rather than hang.
 * Never a second request while one is unanswered: the gate runs one keyring request of the process
 * at a time, and after giving up on one it refuses the others (at once, without asking) until that
 * one settles, so the warm token path and MSAL's path cannot put up two dialogs. A refusal (Deny)
 * is remembered for the life of the process for the same reason.
 *
 * The warm path's read is also kept for the next load of the same entry (remember/recall): with
 * "Allow" (not "Always Allow") each read asks again, so the load after a warm-path miss would put
 * up a second dialog for text this process already has. Kept rather than sharing the in-flight
 * promise because by then that promise has always settled (it answered, or the gate refuses
 * everything). It is used once and only while the cache's stamp file is the one seen before the
 * read: every write, of any process, replaces that file after writing the keyring and under the
 * cache lock the load also holds, so an unchanged stamp means the keyring still holds that text.
 *
 * Only the Keychain goes through here (token-cache.ts, cached-token.ts); libsecret keeps its own
 * timeouts. The clock, the reporter and whether a person is there are passed in, for tests.
 */
import { fail, type MyAccountError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { firstLineOf } from './native.js';

export const PATIENCE_MS = 2000;
export const LIMIT_MS = 120_000;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface KeychainWait {
  /** A person sees stderr and can answer the Keychain's dialog (CommandContext.attended). */
  attended: boolean;
  report: Pick<Reporter, 'warning'>;
  /** How long an answer may take before it counts as waiting for a dialog. */
  patienceMs?: number;
  /** How long a person gets to answer, from the request on. */
  limitMs?: number;
  timers?: Timers;
  /** The process's keyring requests; default the one of this process. */
  gate?: KeyringGate;
}

/**
 * A command's policy: whether a person is there is read only when the Keychain is asked, since
 * reading it makes stderr's stream (net, tty, stream: ~3 ms of a cold start), which the warm
 * token path elsewhere never needs.
 */
export function keychainWaitOf(ctx: { readonly attended?: boolean; readonly report: Pick<Reporter, 'warning'> }): KeychainWait {
  return {
    get attended() {
      return ctx.attended ?? false;
    },
    report: ctx.report,
  };
}

/** The Keychain did not answer, or refused; the message is worded for a person and carries no secret. */
export class KeychainNotAnswering extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeychainNotAnswering';
  }
}

const seconds = (ms: number): string => (ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}` : `${ms / 1000} s`);
const ALWAYS_ALLOW = 'choose Always Allow to be asked once per Node.js version';
const UNLOCK = 'security unlock-keychain ~/Library/Keychains/login.keychain-db';

export const waitingHint = (limitMs: number): string =>
  `Waiting for the macOS Keychain: answer its prompt (${ALWAYS_ALLOW}). MyAccount waits up to ${seconds(limitMs)}.`;

function nobodyThere(patienceMs: number): KeychainNotAnswering {
  return new KeychainNotAnswering(
    `the macOS Keychain did not answer within ${seconds(patienceMs)}, most likely because it shows a dialog nobody here can answer ` +
      '(an item is bound to the Node.js binary that made it, so after a Node.js upgrade the first read asks; a locked keychain asks for its password). ' +
      `Run a MyAccount command once at a terminal on this Mac and ${ALWAYS_ALLOW}, or unlock the keychain first (${UNLOCK})`,
  );
}

function notAnswered(limitMs: number): KeychainNotAnswering {
  return new KeychainNotAnswering(`the macOS Keychain's prompt was not answered within ${seconds(limitMs)}. Run the command again and answer it (${ALWAYS_ALLOW}), or unlock the keychain first (${UNLOCK})`);
}

function refused(error: unknown): KeychainNotAnswering {
  return new KeychainNotAnswering(`the macOS Keychain refused access (${firstLineOf(error)}), as when its prompt is answered with Deny. Run the command again and ${ALWAYS_ALLOW}`);
}

type Settled<T> = { value: T } | { error: unknown };

/** How `pending` settled within `ms`, or null when it did not. */
function settleWithin<T>(pending: Promise<T>, ms: number, timers: Timers): Promise<Settled<T> | null> {
  return new Promise((resolve) => {
    const timer = timers.setTimeout(() => resolve(null), ms);
    pending.then(
      (value) => {
        timers.clearTimeout(timer);
        resolve({ value });
      },
      (error: unknown) => {
        timers.clearTimeout(timer);
        resolve({ error });
      },
    );
  });
}

function unwrap<T>(settled: Settled<T>): T {
  if ('error' in settled) throw settled.error;
  return settled.value;
}

export class KeyringGate {
  /** The end of the last request's turn: requests run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Why later requests must not ask: one is unanswered (a dialog may be up), or one was refused. */
  private blocked: KeychainNotAnswering | null = null;
  private hinted = false;
  private readonly kept = new Map<string, { stamp: string; text: string | null }>();

  /** Runs `request` (one keyring call) when the earlier ones are done, waiting as `wait` says. */
  ask<T>(request: () => Promise<T>, wait: KeychainWait): Promise<T> {
    const turn = this.queue.then(() => this.askNow(request, wait));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async askNow<T>(request: () => Promise<T>, wait: KeychainWait): Promise<T> {
    if (this.blocked) throw this.blocked;
    const patience = wait.patienceMs ?? PATIENCE_MS;
    const limit = Math.max(patience, wait.limitMs ?? LIMIT_MS);
    const timers = wait.timers ?? realTimers;
    const pending = Promise.resolve().then(request);
    const quick = await settleWithin(pending, patience, timers);
    if (quick) return unwrap(quick);
    if (!wait.attended) throw this.giveUp(pending, nobodyThere(patience));
    if (!this.hinted) {
      this.hinted = true;
      wait.report.warning(waitingHint(limit));
    }
    const answered = await settleWithin(pending, limit - patience, timers);
    if (!answered) throw this.giveUp(pending, notAnswered(limit));
    if ('error' in answered) throw (this.blocked = refused(answered.error));
    return answered.value;
  }

  /** Blocks later requests until the unanswered one settles: answered, the dialog is gone; refused, stays so. */
  private giveUp(pending: Promise<unknown>, reason: KeychainNotAnswering): KeychainNotAnswering {
    this.blocked = reason;
    pending.then(
      () => {
        if (this.blocked === reason) this.blocked = null;
      },
      (error: unknown) => {
        if (this.blocked === reason) this.blocked = refused(error);
      },
    );
    return reason;
  }

  /** Keeps what a read of `entry` found when the cache's stamp file was `stamp` (taken before the read). */
  remember(entry: string, stamp: string, text: string | null): void {
    this.kept.set(entry, { stamp, text });
  }

  /** What `remember` kept for `entry`, once, if the stamp is still the same; else undefined (ask the keyring). */
  recall(entry: string, stamp: string): string | null | undefined {
    const kept = this.kept.get(entry);
    this.kept.delete(entry);
    return kept && kept.stamp === stamp ? kept.text : undefined;
  }
}

/** This process's gate: the warm path and MSAL's path of one command share it. */
export const processKeyringGate = new KeyringGate();

/**
 * A Keychain that stopped answering after the cache was opened (a load or a save, whose dialog is
 * the usual one after a Node.js upgrade: the check at opening uses a fresh item of this binary).
 */
export function keychainUnusable(error: KeychainNotAnswering, where: string): MyAccountError {
  return fail.SecureTokenCacheUnavailable(
    `MyAccount's token cache (${where}) cannot be used: ${error.message}. ` +
      'Where nobody can ever answer (CI, a service), allow a plain token cache instead: myaccount update-config --allow-plaintext-token-cache true (in CI: MYACCOUNT_ALLOW_PLAINTEXT_TOKEN_CACHE=true), and sign in again.',
    { target: 'AllowPlaintextTokenCache', cause: error },
  );
}

/** Runs one Keychain request through the caller's gate and policy. */
export const askKeychain = <T>(wait: KeychainWait, request: () => Promise<T>): Promise<T> => (wait.gate ?? processKeyringGate).ask(request, wait);
