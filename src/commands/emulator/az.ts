/**
 * `myaccount emulator az`: how to point the Azure CLI at the local cloud. The Azure CLI 2.45
 * (Debian's) cannot work offline against an Entra-style authority: MSAL Python asks
 * login.microsoftonline.com to validate it, and az offers no switch to skip that. It skips the
 * check for AD FS authorities, so the recipe registers the local cloud's AD FS-style authority
 * (<url>/adfs, one tenant chosen at `emulator start --adfs-tenant`). The answer is data (the
 * variables, the cloud config, the commands) so scripts can use it; the commands also go to
 * stderr for people, and --output env prints the variables as export lines.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { text } from '../schema/common.js';
import { DEFAULT_EMULATOR_PORT, emulatorDir, loadEmulator, localCloudBaseUrl, readInstance } from '../../local-cloud/index.js';

interface AzInput {
  CloudName?: string;
  AzureConfigDir?: string;
}

interface AzView {
  CloudName: string;
  Url: string;
  Authority: string;
  TenantId: string;
  Running: boolean;
  CloudConfig: Record<string, unknown>;
  Variables: Record<string, string>;
  Commands: string[];
}

/** POSIX single quotes: the JSON and paths are shown exactly as the shell must pass them. */
function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export const emulatorAz = defineCommand<AzInput, AzView>({
  name: 'emulator az',
  summary: 'Print the variables and az commands that sign the Azure CLI in to the local cloud, offline.',
  description:
    'The Azure CLI 2.45 validates every Entra-style authority at login.microsoftonline.com, which fails offline; it skips that for AD FS. ' +
    'So the Azure CLI uses the local cloud through its AD FS-style authority <url>/adfs, which serves one tenant (emulator start --adfs-tenant; default the seed\'s first). ' +
    'The answer lists the variables (REQUESTS_CA_BUNDLE so az trusts the local cloud, a separate AZURE_CONFIG_DIR so your own az sign-ins are untouched) and the commands: ' +
    'cloud register with a cloud config (which also names Microsoft Graph, for get-access-token --resource-type ms-graph), cloud set, and the login forms that work. ' +
    'With --output env it prints the variables as export lines for eval.',
  examples: [
    { description: 'Set the variables in this shell, then run the commands it lists.', cli: 'eval "$(myaccount emulator az --output env)"', powershell: '' },
    { description: 'Only the commands.', cli: "myaccount emulator az | jq -r '.Commands[]'", powershell: '' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      CloudName: { ...text('The name to register the local cloud under in the Azure CLI (default LocalCloud).', {}, 64), pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' },
      AzureConfigDir: text('The AZURE_CONFIG_DIR to suggest (default: azure-cli in the emulator folder, apart from your own ~/.azure).', {}, 4096),
    },
  },
  output: {
    type: 'object',
    properties: {
      CloudName: { type: 'string' },
      Url: { type: 'string' },
      Authority: { type: 'string' },
      TenantId: { type: 'string' },
      Running: { type: 'boolean' },
      CloudConfig: { type: 'object' },
      Variables: { type: 'object' },
      Commands: { type: 'array', items: { type: 'string' } },
    },
    required: ['CloudName', 'Url', 'Authority', 'TenantId', 'Variables', 'Commands'],
  },
  outputType: 'MyAccount.EmulatorAzureCli',
  processEnvironment: true,
  async handler(input, ctx) {
    const dir = emulatorDir(ctx);
    const instance = readInstance(dir);
    const bundle = instance?.caBundlePath ?? join(dir, 'ca-bundle.pem');
    if (!existsSync(bundle)) {
      throw fail.EmulatorNeverStarted('The local cloud has no CA yet. Start it once (myaccount emulator start --detach); the CA is made on first start.');
    }
    const { DEFAULT_SEED, defaultSeedIds } = await loadEmulator();
    const url = instance?.url.replace(/\/$/, '') ?? localCloudBaseUrl(DEFAULT_EMULATOR_PORT);
    // A record from an older version names no AD FS tenant; the default is the seed's first.
    const tenantId = instance?.adfsTenantId ?? DEFAULT_SEED.tenants[0].id;
    const name = input.CloudName ?? 'LocalCloud';
    const authority = `${url}/adfs`;
    const cloudConfig = {
      endpoints: {
        activeDirectory: authority,
        resourceManager: `${url}/`,
        activeDirectoryResourceId: 'https://management.core.windows.net/',
        activeDirectoryGraphResourceId: 'https://graph.windows.net/',
        microsoftGraphResourceId: 'https://graph.microsoft.com/',
        management: 'https://management.core.windows.net/',
      },
    };
    const variables = {
      REQUESTS_CA_BUNDLE: bundle,
      AZURE_CONFIG_DIR: input.AzureConfigDir ?? join(dir, 'azure-cli'),
      // Telemetry uploads and the version check reach the internet; offline they only cost time.
      AZURE_CORE_COLLECT_TELEMETRY: 'false',
    };
    for (const [k, v] of Object.entries(variables)) ctx.setProcessVariable(k, v);
    const sp = defaultSeedIds.CI_SECRET_APP.appId;
    const user = defaultSeedIds.ALICE.username;
    const commands = [
      `mkdir -p ${shellQuote(variables.AZURE_CONFIG_DIR)}`,
      `az cloud register -n ${name} --cloud-config ${shellQuote(JSON.stringify(cloudConfig))}`,
      `az cloud set -n ${name}`,
      `az login --use-device-code    # then open ${authority}/oauth2/deviceauth, or approve through the admin API`,
      `az login -u ${user} -p "$PASSWORD"`,
      `az login --service-principal -u ${sp} -p "$CLIENT_SECRET" --tenant ${tenantId}    # or -p <PEM with key and certificate>`,
      'az account list -o table',
      'az account get-access-token',
      'az account get-access-token --resource-type ms-graph',
    ];
    ctx.report.information(['Azure CLI against the local cloud (the variables are in the answer; --output env prints them):', ...commands].join('\n'));
    return { CloudName: name, Url: url, Authority: authority, TenantId: tenantId, Running: instance !== null, CloudConfig: cloudConfig, Variables: variables, Commands: commands };
  },
});
