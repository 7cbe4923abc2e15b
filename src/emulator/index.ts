/**
 * The local cloud: an Entra ID + Azure Resource Manager emulator on https://127.0.0.1 that
 * unmodified Microsoft clients (MSAL, the Azure CLI) accept.
 *
 * ```ts
 * const emu = await startEmulator({ dataDir, port: 0, admin: true });
 * // emu.url, emu.caPem / emu.caCertPath (trust these for emu.url only), emu.environment
 * await emu.stop();
 * ```
 *
 * Identity: `/{tenant}/v2.0/.well-known/openid-configuration`, `/{tenant}/.well-known/openid-configuration`,
 * `/common/discovery/instance`, `/{tenant}/discovery/v2.0/keys`, `/{tenant}/oauth2/v2.0/{authorize,token,devicecode,logout}`
 * (and v1 `/{tenant}/oauth2/token`), `/devicelogin`, `/common/userrealm/{user}`, managed identity at
 * `/metadata/identity/oauth2/token` (IMDS, header `Metadata: true`) and `/msi/token` (App Service,
 * header `X-IDENTITY-HEADER`). `{tenant}` is a tenant id, a domain, `common`, `organizations` or `consumers`.
 *
 * ARM: `/tenants`, `/subscriptions`, `/subscriptions/{id}`, `/subscriptions/{id}/locations`, `/metadata/endpoints`.
 *
 * Admin API (only with `admin: true`; header `x-local-cloud-admin-key: <RunningEmulator.adminKey>`, also
 * written to `<dataDir>/admin.key` while running): `GET /_admin/status`, `GET /_admin/devices`,
 * `POST /_admin/devices/approve {userCode, username, mfa?}`, `POST /_admin/devices/deny {userCode}`,
 * `GET|PUT|DELETE /_admin/faults`, `GET|DELETE /_admin/log?since=N`, `POST /_admin/refresh-tokens/revoke {username?, clientId?}`,
 * `GET|PATCH /_admin/settings`, `POST /_admin/reset`. `GET /.well-known/local-cloud` (no key) identifies the emulator.
 */
export { startEmulator, EmulatorError, type EmulatorOptions, type RunningEmulator } from './server.js';
export { DEFAULT_EMULATOR_PORT, DEFAULT_CLIENT_ID, AZURE_CLI_CLIENT_ID, ARM_AUDIENCE, ADMIN_KEY_HEADER, EMULATOR_NAME } from './constants.js';
export { LOCAL_CLOUD_NAME, localCloudEnvironment, localCloudBaseUrl, armMetadataArray, armMetadataLegacy, type LocalCloudEnvironment } from './local-cloud.js';
export { generateSeed, generatedSeedInfo, guidFrom, type GenerateSeedOptions, type GeneratedSeedInfo } from './generate-seed.js';
export { DEFAULT_SEED } from './default-seed.js';
export * as defaultSeedIds from './default-seed.js';
export * as defaultSeedKeys from './default-seed-keys.js';
export { SEED_SCHEMA, validateSeed, loadSeedFile, SeedError } from './seed-schema.js';
export { DEFAULT_SETTINGS, type Seed, type EmulatorSettings, type SeedTenant, type SeedUser, type SeedApplication, type SeedManagedIdentity, type SeedSubscription, type SubscriptionState } from './seed-types.js';
export { FAULT_GROUPS, checkFaultConfig, type FaultConfig, type FaultRule, type FaultGroup } from './faults.js';
export { emulatorPaths, resetEmulatorData, type EmulatorPaths } from './files.js';
export { createFederatedToken } from './federated-token.js';
export { makeStandInCertificates } from './tls.js';
export type { LogEntry } from './log.js';
export { startBrokerDouble, DBusConnection, BrokerDouble, BROKER_NAME, BROKER_PATH, CONTROL_INTERFACE, BrokerStatus, type RunningBroker, type InjectedFailure, type BrokerLogEntry } from './broker/index.js';
