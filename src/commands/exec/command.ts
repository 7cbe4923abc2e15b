/**
 * exec: the declaration. Runs a command with a managed identity endpoint for a context, so that
 * tools built on the Azure SDKs (DefaultAzureCredential, ManagedIdentityCredential) sign in as
 * that context. The work is in ./run.ts. CLI-only: the one command whose stdout is not a JSON
 * document (it is the command's own), which a cmdlet could not turn into objects.
 */
import { defineCommand } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { checkTenantText } from '../../profile/profile.js';
import { text } from '../schema/common.js';
import type { ExecInput, ExecResult } from './types.js';

export default defineCommand<ExecInput, ExecResult>({
  name: 'exec',
  summary: 'Run a command that signs in to Azure through the Azure SDKs as a context (a managed identity endpoint for it).',
  description:
    'Runs COMMAND (everything after --, passed on untouched) with IDENTITY_ENDPOINT and IDENTITY_HEADER set to a token endpoint that speaks App Service\'s managed identity protocol (api-version 2019-08-01), ' +
    'so DefaultAzureCredential and ManagedIdentityCredential of every Azure SDK (JavaScript, Python, .NET, Java, Go) get the context\'s tokens, for any resource, from MyAccount\'s token cache (refreshed when needed). ' +
    'AZURE_TENANT_ID and AZURE_SUBSCRIPTION_ID are set to the context\'s tenant (or --tenant-id) and subscription. ' +
    'Variables that would make an SDK pick another credential are removed for COMMAND: AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, AZURE_CLIENT_CERTIFICATE_PASSWORD, AZURE_CLIENT_SEND_CERTIFICATE_CHAIN, AZURE_FEDERATED_TOKEN_FILE, AZURE_USERNAME, AZURE_PASSWORD, AZURE_TOKEN_CREDENTIALS, MSI_ENDPOINT, MSI_SECRET, IMDS_ENDPOINT, IDENTITY_SERVER_THUMBPRINT. ' +
    'The endpoint listens on 127.0.0.1 only, answers only requests carrying this run\'s random header, and stops when COMMAND exits. ' +
    'Unlike every other command, stdout is COMMAND\'s own output and the exit code is COMMAND\'s (128 + n when a signal n ended it); SIGINT, SIGTERM and SIGHUP are passed on to it. ' +
    'Only when COMMAND cannot start (the context is missing, the program is not found) does exec print its usual JSON error document. ' +
    'A token that cannot be had (signed out, refresh refused) reaches the SDK as the endpoint\'s error, naming Connect-MyAccount and myaccount connect, and is also warned about on stderr. ' +
    'For code running in the same Node process, the npm package exports MyAccountCredential instead.',
  examples: [
    { description: 'Run a Node.js tool that uses DefaultAzureCredential as the default context.', cli: 'myaccount exec -- node list-vaults.mjs', powershell: 'myaccount exec -- node list-vaults.mjs' },
    { description: 'Run a Python script as another context, in another tenant of its account.', cli: 'myaccount exec --context-name Prod --tenant-id fabrikam.onmicrosoft.com -- python deploy.py --dry-run', powershell: 'myaccount exec --context-name Prod --tenant-id fabrikam.onmicrosoft.com -- python deploy.py --dry-run' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ContextName: text('Tokens of this context\'s account and tenant instead of the default context\'s.', { completer: 'Context' }),
      TenantId: text('The tenant (id or domain) tokens are for. Default: the tenant of the context.', { completer: 'Tenant', flagAliases: ['tenant'] }),
      Command: {
        type: 'array',
        items: { type: 'string', maxLength: 131072 },
        description: 'The command to run and its arguments: everything after "--" on the command line (in JSON input, a list).',
        'x-ps': { cliOnly: true },
      },
    },
  },
  passThrough: 'Command',
  validate(input) {
    if (!input.Command || input.Command.length === 0 || input.Command[0] === '') {
      throw fail.InvalidArguments('Name the command to run after "--", e.g. myaccount exec -- node app.mjs.', { target: 'Command' });
    }
    checkTenantText(input.TenantId, 'TenantId');
  },
  output: {
    type: 'object',
    description: 'Nothing is printed: stdout is the command\'s own, and exec exits with its exit code.',
    properties: { exitCode: { type: 'integer' } },
    required: ['exitCode'],
  },
  outputType: 'MyAccount.ExecResult',
  async handler(input, ctx) {
    const { runExec } = await import('./run.js');
    return runExec(input, ctx);
  },
});
