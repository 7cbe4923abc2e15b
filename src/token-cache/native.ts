/**
 * The native pieces behind the secure stores, loaded only where used and never outside a guard:
 * keytar (libsecret on Linux, Keychain on macOS), @azure/msal-node-extensions (the kept secrets on
 * Linux and macOS; its index imports keytar too, so it fails to load whenever keytar's native
 * build is missing), and on Windows only msal-node-extensions' DPAPI addon (bin/<arch>/dpapi.node),
 * loaded by itself so that Windows never needs keytar nor the package's index. A failure becomes a
 * NativeModuleMissing that names the module and what to do, which the callers turn into
 * SecureTokenCacheUnavailable (or "secret not kept"), never an InternalError.
 * The loaders are parameters so tests can inject one that fails as a missing build does, or (on
 * Linux) a data protector that behaves as DPAPI does.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type Keytar = typeof import('keytar');
export type Extensions = typeof import('@azure/msal-node-extensions');

/**
 * The DPAPI addon's interface (msal-node-extensions' DpapiBindings): CryptProtectData and
 * CryptUnprotectData for the scope 'CurrentUser' or 'LocalMachine'. Both throw on failure;
 * unprotectData throws for data another user (or this user before a password reset by an
 * administrator) protected, and for damaged data.
 */
export interface DataProtector {
  protectData(data: Uint8Array, entropy: Uint8Array | null, scope: string): Uint8Array;
  unprotectData(data: Uint8Array, entropy: Uint8Array | null, scope: string): Uint8Array;
}

export interface NativeLoaders {
  keytar?: () => Promise<Keytar>;
  extensions?: () => Promise<Extensions>;
  dpapi?: () => Promise<DataProtector>;
}

/**
 * The first line of what a native store said when it failed (the DPAPI addon, keytar), at most
 * 160 characters: their errors name the call and the reason, never the data.
 */
export function firstLineOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 160);
}

export class NativeModuleMissing extends Error {
  constructor(
    readonly moduleName: string,
    detail: string,
  ) {
    super(
      `the native module ${moduleName} could not be loaded (${detail}). Its build for this Node version and platform is missing; ` +
        'reinstall MyAccount with a supported Node version so the prebuilt binary is fetched (on Windows, or install the Visual Studio Build Tools to build it)',
    );
    this.name = 'NativeModuleMissing';
  }
}

/** The first line of the loader's error, without paths of this machine's home folder. */
function detailOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return `${code ? `${code}: ` : ''}${firstLineOf(error)}`;
}

async function guarded<T>(moduleName: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new NativeModuleMissing(moduleName, detailOf(error));
  }
}

const defaultKeytar = async (): Promise<Keytar> => {
  const loaded = (await import('keytar')) as unknown as { default?: Keytar } & Keytar;
  return loaded.default ?? loaded;
};
const defaultExtensions = (): Promise<Extensions> => import('@azure/msal-node-extensions');
/**
 * The addon where msal-node-extensions ships it (its Dpapi.mjs loads `../bin/<arch>/dpapi`), found
 * from the package's exported package.json so the index (and keytar) stays unloaded. Off Windows
 * the file is a Windows DLL and the require fails, as it should.
 */
const defaultDpapi = async (): Promise<DataProtector> => {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@azure/msal-node-extensions/package.json'));
  return require(join(packageDir, 'bin', process.arch, 'dpapi.node')) as DataProtector;
};

export const loadKeytar = (loaders: NativeLoaders = {}): Promise<Keytar> => guarded('keytar', loaders.keytar ?? defaultKeytar);
export const loadExtensions = (loaders: NativeLoaders = {}): Promise<Extensions> => guarded('@azure/msal-node-extensions (with keytar)', loaders.extensions ?? defaultExtensions);
export const loadDpapi = (loaders: NativeLoaders = {}): Promise<DataProtector> => guarded(`@azure/msal-node-extensions' DPAPI addon (bin/${process.arch}/dpapi.node)`, loaders.dpapi ?? defaultDpapi);
