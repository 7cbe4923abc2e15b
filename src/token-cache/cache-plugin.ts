/**
 * MSAL's cache plugin for the shared token cache, over a persistence of persistence.ts or
 * dpapi-persistence.ts (the keyring, DPAPI, or the opted-in plain file). msal-node-extensions
 * ships a plugin too; it is not used because of three failures seen here:
 * - its lock file has no stale detection, so a process killed while writing blocked every later
 *   token request for good (10 s, then an error);
 * - it reloads only when the file's mtime passes its last load, and Linux stamps mtimes from a
 *   coarse clock, so another process's write a few ms later looked old and was overwritten;
 * - acquireTokenSilent empties MSAL's in-memory cache before asking the plugin to refill it, so
 *   tenants read side by side in one process found no tokens while one waited for the lock.
 * Here: proper-lockfile (stale after 5 s, as for the profile), a fresh read under the lock
 * before every write, an in-memory queue for requests of one process, and the last known copy
 * handed back to MSAL before anything waits.
 *
 * Write-back (deferWrites, then flush): connect's discovery gets a token in every tenant, and a
 * write-through cache costs a read, parse, serialize and write of the whole cache per token, all
 * growing with the number of tenants, so discovery was quadratic (1,000 tenants: minutes of CPU).
 * While deferred, MSAL works on its memory alone and the plugin only notes that it changed; flush
 * then writes once, under the lock, applying only what this process changed since deferring
 * (added, replaced or removed entries) to what is on disk now, so another process's writes in
 * the meantime survive. MSAL's acquireTokenSilent reloads its memory from the last deserialized
 * copy and would drop unsaved entries: while deferred, users' tokens come by the refresh token
 * grant (credentials/user-credential.ts), never acquireTokenSilent.
 */
import { stat } from 'node:fs/promises';
import type { ICachePlugin, ISerializableTokenCache, TokenCacheContext } from '@azure/msal-node';
import { removeOrphanedTempFiles } from '../profile/atomic-write.js';
import { LOCK_OPTIONS } from '../profile/state-file.js';
import { CacheUnreadable, type CachePersistence } from './persistence.js';

export type { CachePersistence };

/** The plugin, with write-back for bursts of token writes in one process (see the header). */
export interface SharedCachePlugin extends ICachePlugin {
  /** From now on keep changes in MSAL's memory only, until flush. */
  deferWrites(): Promise<void>;
  /** Writes what changed while deferred (merged with the persisted cache) and ends deferral. */
  flush(): Promise<void>;
  /** Whether writes are deferred now (acquireTokenSilent must not be used then). */
  readonly deferring: boolean;
}

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

type Sections = Record<string, unknown>;

function parseObject(text: string | null): Sections {
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Sections) : {};
}

const isDict = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * `disk` with this process's changes applied: entries in `mine` that are new or differ from
 * `base` (the copy deferral started from) replace disk's, entries in `base` gone from `mine` are
 * removed, and everything this process did not touch stays as the disk has it, including other
 * processes' new entries and refreshes. Section by section (Account, AccessToken, ...), entry by entry.
 */
export function applyChanges(disk: Sections, base: Sections, mine: Sections): Sections {
  const out: Sections = { ...disk };
  for (const section of new Set([...Object.keys(base), ...Object.keys(mine)])) {
    const b = base[section];
    const m = mine[section];
    if (!isDict(m) || !isDict(b ?? {})) {
      // Not a dictionary of entries (a version field, say): ours if we changed it.
      if (JSON.stringify(m) !== JSON.stringify(b)) out[section] = m;
      continue;
    }
    const baseEntries = (b ?? {}) as Record<string, unknown>;
    const target: Record<string, unknown> = isDict(disk[section]) ? { ...(disk[section] as Record<string, unknown>) } : {};
    for (const key of Object.keys(baseEntries)) if (!(key in m)) delete target[key];
    for (const [key, value] of Object.entries(m)) {
      if (!(key in baseEntries) || JSON.stringify(baseEntries[key]) !== JSON.stringify(value)) target[key] = value;
    }
    out[section] = target;
  }
  return out;
}

export function sharedCachePlugin(persistence: CachePersistence, options: CachePluginOptions): SharedCachePlugin {
  const path = persistence.getFilePath();
  let known: string | null = null;
  let knownStamp = '';
  let tail: Promise<void> = Promise.resolve();
  // The lock and queue turn each context holds between before and after (writes only).
  const held = new WeakMap<TokenCacheContext, { release: Release; done: () => void }>();
  // While writes are deferred: the copy deferral started from, MSAL's cache, and whether it changed.
  let deferred: { base: string | null; cache: ISerializableTokenCache | null; dirty: boolean } | null = null;
  // MSAL's memory a flush left without what other processes wrote meanwhile (the merged copy is
  // `known`). Reloading it in the flush cost ~20 ms for a hundred tenants' tokens at the end of
  // every connect, which uses MSAL no more; it is reloaded before that memory is next used: the
  // next access deserializes `known` anyway, and the next deferral (whose base is `known`) first.
  let behind: ISerializableTokenCache | null = null;

  const lock = async (): Promise<Release> => {
    const { default: lockfile } = await import('proper-lockfile');
    // A lost lock (stale takeover while we hang) only risks one lost write; never crash on it.
    return lockfile.lock(path, { ...LOCK_OPTIONS, lockfilePath: `${path}.lock`, onCompromised: () => undefined });
  };

  /**
   * Writes the cache; only under the lock. The file written atomically is the one getFilePath names
   * (the plain cache, the keyring's stamp, the DPAPI file), and a writer killed before its rename
   * left a temp copy of it beside it, the whole cache in the plain file's case: removed first.
   */
  const save = async (text: string): Promise<void> => {
    await removeOrphanedTempFiles(path);
    await persistence.save(text);
  };

  /** Waits for this process's earlier cache work, then takes the file lock; returns how to give both back. */
  const turn = async (): Promise<{ release: Release; done: () => void }> => {
    const previous = tail;
    let done!: () => void;
    tail = new Promise<void>((resolve) => (done = resolve));
    await previous;
    try {
      return { release: await lock(), done };
    } catch (error) {
      done();
      throw error;
    }
  };

  /**
   * Moves an unusable cache aside and says so once. Under the lock, so no writer's fresh cache is
   * moved instead. The accounts it held are signed out; commands needing their tokens ask for a
   * sign-in (exit 3).
   */
  const setAside = async (why: string): Promise<null> => {
    const where = persistence.describe();
    const aside = await persistence.setAside(options.now().toISOString().replace(/[:.]/g, '-'));
    options.warn(`The token cache (${where}) ${why}, so it was moved to ${aside}. Accounts signed in here must sign in again (connect).`);
    known = null;
    return null;
  };

  /**
   * What is persisted now (under the lock), or null. A cache that cannot be used, whether the
   * store could not decrypt it (CacheUnreadable) or MSAL could not parse it, is moved aside first.
   */
  const readPersisted = async (): Promise<string | null> => {
    let text: string | null;
    try {
      text = await persistence.load();
    } catch (error) {
      if (error instanceof CacheUnreadable) return setAside(error.reason);
      throw error;
    }
    if (text && !parses(text)) return setAside('could not be parsed');
    return text || null;
  };

  return {
    get deferring() {
      return deferred !== null;
    },

    async deferWrites() {
      if (deferred) return;
      // After this process's cache work so far, so `known` is what MSAL's memory holds.
      await tail;
      if (behind && known !== null) behind.deserialize(known);
      behind = null;
      deferred = { base: known, cache: null, dirty: false };
    },

    async flush() {
      const state = deferred;
      if (!state) return;
      if (!state.dirty || !state.cache) {
        deferred = null;
        return;
      }
      const { release, done } = await turn();
      try {
        const disk = await readPersisted();
        // serialize() gives MSAL's whole memory (merged with its last deserialized copy, the base).
        const merged = JSON.stringify(applyChanges(parseObject(disk), parseObject(state.base), parseObject(state.cache.serialize())));
        await save(merged);
        known = merged;
        knownStamp = await stampOf(path);
        behind = state.cache;
      } finally {
        // Deferral ends even when the write failed: the error goes to the caller, and later
        // token work is write-through again.
        deferred = null;
        await release().catch(() => undefined);
        done();
      }
    },

    async beforeCacheAccess(context) {
      if (deferred) {
        // MSAL's memory is the truth until flush; reloading it would drop unsaved entries.
        deferred.cache = context.tokenCache;
        return;
      }
      // Before any await: MSAL may have just emptied its memory, and other requests of this
      // process read it while this one waits.
      if (known !== null) context.tokenCache.deserialize(known);
      if (context.tokenCache === behind) behind = null;
      const { release, done } = await turn();
      try {
        const stamp = await stampOf(path);
        // Before a write always read what is persisted now; for reads, only when it changed.
        if (context.cacheHasChanged || known === null || stamp !== knownStamp) {
          const text = await readPersisted();
          if (text) {
            context.tokenCache.deserialize(text);
            known = text;
          }
          knownStamp = stamp;
        }
      } catch (error) {
        await release().catch(() => undefined);
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
      if (deferred && !held.has(context)) {
        if (context.cacheHasChanged) {
          deferred.cache = context.tokenCache;
          deferred.dirty = true;
        }
        return;
      }
      const turn = held.get(context);
      if (!turn) return;
      held.delete(context);
      try {
        if (context.cacheHasChanged) {
          const text = context.tokenCache.serialize();
          await save(text);
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
