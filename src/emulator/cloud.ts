/**
 * Everything a request handler needs about the running cloud, in one object passed down
 * explicitly (no module-level state), so two emulators in one process never share anything.
 */
import type { Directory, Tenant } from './directory.js';
import type { TokenSigner } from './keys.js';
import type { EmulatorSettings } from './seed-types.js';
import type { GrantStore } from './state.js';
import type { IssueContext } from './tokens.js';

export interface Cloud {
  baseUrl: string;
  /** host:port as clients see it in URLs and cache keys. */
  host: string;
  directory: Directory;
  store: GrantStore;
  signer: TokenSigner;
  issue: IssueContext;
  settings: EmulatorSettings;
  now: () => number;
  bodyLimit: number;
  pageSize: number;
  /** The tenant the AD FS-style authority (`/adfs`) serves. */
  adfsTenant: Tenant;
  /** Cache of rendered JSON documents that never change while running (discovery, keys, metadata). */
  documents: Map<string, string>;
}
