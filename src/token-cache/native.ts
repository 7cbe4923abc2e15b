/**
 * The two native pieces behind the secure stores, loaded only where used and never outside a
 * guard: keytar (libsecret on Linux, Keychain on macOS) and @azure/msal-node-extensions (DPAPI on
 * Windows; its index imports keytar too, so it fails to load whenever keytar's native build is
 * missing, e.g. on Windows without a prebuilt binary and without build tools). A failure becomes
 * a NativeModuleMissing that names the module and what to do, which the callers turn into
 * SecureTokenCacheUnavailable (or "secret not kept"), never an InternalError.
 * The loaders are parameters so tests can inject one that fails as a missing build does.
 */
export type Keytar = typeof import('keytar');
export type Extensions = typeof import('@azure/msal-node-extensions');

export interface NativeLoaders {
  keytar?: () => Promise<Keytar>;
  extensions?: () => Promise<Extensions>;
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
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException)?.code;
  return `${code ? `${code}: ` : ''}${text.split('\n')[0].slice(0, 160)}`;
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

export const loadKeytar = (loaders: NativeLoaders = {}): Promise<Keytar> => guarded('keytar', loaders.keytar ?? defaultKeytar);
export const loadExtensions = (loaders: NativeLoaders = {}): Promise<Extensions> => guarded('@azure/msal-node-extensions (with keytar)', loaders.extensions ?? defaultExtensions);
