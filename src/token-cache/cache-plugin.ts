/**
 * MSAL's cache plugin for the shared token cache, over msal-node-extensions' persistence (the
 * keyring, DPAPI, or the opted-in plain file). msal-node-extensions ships a plugin too; it is
 * not used because of three failures seen here:
 * - its lock file has no stale detection, so a process killed while writing blocked every later
 *   token request for good (10 s, then an error);
 * - it reloads only when the file's mtime passes its last load, and Linux stamps mtimes from a
 *   coarse clock, so another process's write a few ms later looked old and was overwritten;
 * - acquireTokenSilent empties MSAL's in-memory cache before asking the plugin to refill it, so
 *   tenants read side by side in one process found no tokens while one waited for the lock.
 * Here: proper-lockfile (stale after 5 s, as for the profile), a fresh read under the lock
 * before every write, an in-memory queue for requests of one process, and the last known copy
 * handed back to MSAL before anything waits.
 */
import { stat } from 'node:fs/promises';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { LOCK_OPTIONS } from '../profile/state-file.js';
import type { CachePersistence } from './persistence.js';

export type { CachePersistence };

export interface CachePluginOptions {
  /** Told once when an unparsable cache was moved aside (the message names both places). */
  warn(message: string): void;
  now(): Date;
}

/** Whether MSAL can deserialize the text: a JSON object. Anything else would throw SyntaxError in every command. */
function parses(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

type Release = () => Promise<void>;

async function stampOf(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return 'missing';
  }
}

export function sharedCachePlugin(persistence: CachePersistence, options: CachePluginOptions): ICachePlugin {
  const path = persistence.getFilePath();
  let known: string | null = null;
  let knownStamp = '';
  let tail: Promise<void> = Promise.resolve();
  // The lock and queue turn each context holds between before and after (writes only).
  const held = new WeakMap<TokenCacheContext, { release: Release; done: () => void }>();

  const lock = async (): Promise<Release> => {
    const { default: lockfile } = await import('proper-lockfile');
    // A lost lock (stale takeover while we hang) only risks one lost write; never crash on it.
    return lockfile.lock(path, { ...LOCK_OPTIONS, lockfilePath: `${path}.lock`, onCompromised: () => undefined });
  };

  return {
    async beforeCacheAccess(context) {
      // Before any await: MSAL may have just emptied its memory, and other requests of this
      // process read it while this one waits.
      if (known !== null) context.tokenCache.deserialize(known);
      const previous = tail;
      let done!: () => void;
      tail = new Promise<void>((resolve) => (done = resolve));
      await previous;
      let release: Release | null = null;
      try {
        release = await lock();
        const stamp = await stampOf(path);
        // Before a write always read what is persisted now; for reads, only when it changed.
        if (context.cacheHasChanged || known === null || stamp !== knownStamp) {
          let text = await persistence.load();
          if (text && !parses(text)) {
            // Under the lock, so no writer's fresh cache is moved instead. The accounts it held
            // are signed out; commands needing their tokens ask for a sign-in (exit 3).
            const where = persistence.describe();
            const aside = await persistence.setAside(options.now().toISOString().replace(/[:.]/g, '-'));
            options.warn(`The token cache (${where}) could not be parsed, so it was moved to ${aside}. Accounts signed in here must sign in again (connect).`);
            text = null;
            known = null;
          }
          if (text) {
            context.tokenCache.deserialize(text);
            known = text;
          }
          knownStamp = stamp;
        }
      } catch (error) {
        await release?.().catch(() => undefined);
        done();
        throw error;
      }
      if (context.cacheHasChanged) held.set(context, { release, done });
      else {
        await release().catch(() => undefined);
        done();
      }
    },

    async afterCacheAccess(context) {
      const turn = held.get(context);
      if (!turn) return;
      held.delete(context);
      try {
        if (context.cacheHasChanged) {
          const text = context.tokenCache.serialize();
          await persistence.save(text);
          known = text;
          knownStamp = await stampOf(path);
          // MSAL rebuilds its memory from the last deserialized copy; make that this one.
          context.tokenCache.deserialize(text);
        }
      } finally {
        await turn.release().catch(() => undefined);
        turn.done();
      }
    },
  };
}
