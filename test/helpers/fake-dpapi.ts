/**
 * A stand-in for Windows' DPAPI addon on Linux, with the addon's exact interface
 * (protectData/unprotectData(data, entropy, scope)), built on AES-256-GCM with a key of its own:
 * like DPAPI for one Windows user, what one instance protects only that instance can unprotect,
 * and a damaged or foreign blob (another key: "the password was reset") throws on unprotect.
 * It also counts calls, so tests can see whether DPAPI was used at all.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataProtector, NativeLoaders } from '../../src/token-cache/native.js';

const IV = 12;
const TAG = 16;

export interface FakeDpapi extends DataProtector {
  calls: { protect: number; unprotect: number };
}

export function fakeDpapi(key: Buffer = randomBytes(32)): FakeDpapi {
  const aad = (entropy: Uint8Array | null, scope: string) => Buffer.concat([Buffer.from(`${scope}|`), entropy ?? Buffer.alloc(0)]);
  const calls = { protect: 0, unprotect: 0 };
  return {
    calls,
    protectData(data, entropy, scope) {
      calls.protect += 1;
      const iv = randomBytes(IV);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(entropy, scope));
      const body = Buffer.concat([cipher.update(data), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    unprotectData(blob, entropy, scope) {
      calls.unprotect += 1;
      const bytes = Buffer.from(blob);
      // The wording of the real addon is unknown here; only that it throws.
      if (bytes.length < IV + TAG) throw new Error('CryptUnprotectData failed: the data is invalid');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV));
        decipher.setAAD(aad(entropy, scope));
        decipher.setAuthTag(bytes.subarray(IV, IV + TAG));
        return Buffer.concat([decipher.update(bytes.subarray(IV + TAG)), decipher.final()]);
      } catch {
        throw new Error('CryptUnprotectData failed: the data is invalid');
      }
    },
  };
}

/** NativeLoaders whose DPAPI addon is `dpapi`. */
export const withDpapi = (dpapi: DataProtector): NativeLoaders => ({ dpapi: async () => dpapi });
