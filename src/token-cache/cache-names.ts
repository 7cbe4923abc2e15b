/**
 * Where the shared token cache lives: keyring service and entry, and file names in the state
 * folder. Apart from token-cache.ts so the warm token path (cached-token.ts) can find the cache
 * without loading the plugin, the persistences and what they import.
 */
export const CACHE_SERVICE = 'MyAccount';
/** The keyring entry of one state folder's cache: `MSALCache-<folder id>` (see profile/folder-id.ts). */
export const cacheAccount = (folder: string): string => `MSALCache-${folder}`;
export const CACHE_FILE = 'msal.cache';
export const PLAINTEXT_CACHE_FILE = 'msal.cache.plaintext.json';
