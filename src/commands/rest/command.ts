/**
 * rest (Invoke-MyRestMethod): one HTTP request with the signed-in account's token, like
 * `az rest` and Invoke-AzRestMethod. The declaration; the work is in ./run.ts, loaded lazily.
 */
import { defineCommand, type JsonSchema } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { flag, text } from '../schema/common.js';
import { METHODS, type RestInput, type RestResult } from './types.js';

const output: JsonSchema = {
  type: 'object',
  properties: {
    StatusCode: { type: 'integer', description: 'The HTTP status of the (last) response.' },
    Headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'Its headers, lower-case names.' },
    Content: { type: 'string', description: 'Its body as text; with --paginate, {"<item name>": [every item of every page]}.' },
    Method: { type: 'string' },
    RequestUri: { type: 'string', description: 'The URL the response came from.' },
  },
  required: ['StatusCode', 'Headers', 'Content', 'Method', 'RequestUri'],
  additionalProperties: false,
};

export default defineCommand<RestInput, RestResult>({
  name: 'rest',
  cmdlet: 'Invoke-MyRestMethod',
  cmdletAliases: ['Invoke-MyRest'],
  summary: 'Send a request to Azure Resource Manager (or another Azure service) with the signed-in account\'s token.',
  description:
    'Sends one request with a bearer token for the tenant of the default context (or --context-name) and returns Az\'s PSHttpResponse: StatusCode, Headers, Content, Method, RequestUri. ' +
    '--path is relative to the Resource Manager endpoint of the context\'s environment; --uri is an absolute https URL, for which the token\'s audience is Resource Manager\'s when the URL is on its host, else --resource-id (an https URL whose host is the URL\'s host or a parent domain of it). ' +
    'The token is never sent anywhere else: redirects are not followed, and a nextLink, Location or Azure-AsyncOperation URL on another origin is refused. ' +
    '--api-version is added to the query unless the path has one. --payload is the body as text, or @file to read it from a file. ' +
    'Any HTTP status is returned as the result (as Invoke-AzRestMethod does); 429 and 5xx are retried first, as Retry-After asks. ' +
    '--wait-for-completion follows a long-running operation (201/202 with Azure-AsyncOperation or Location) to its end and returns the final resource; an operation that ends Failed or Canceled is an error. ' +
    '--paginate follows nextLink (--next-link-name) through every page and returns the items of all pages (--pageable-item-name, default value) in one document.',
  examples: [
    { description: 'List the resource groups of the context\'s subscription.', cli: 'myaccount rest --path "/subscriptions/$SUB/resourcegroups" --api-version 2021-04-01 --paginate', powershell: "Invoke-MyRestMethod -Path \"/subscriptions/$sub/resourcegroups?api-version=2021-04-01\" -Paginate" },
    { description: 'Create a resource group.', cli: 'myaccount rest --method PUT --path "/subscriptions/$SUB/resourcegroups/demo?api-version=2021-04-01" --body \'{"location":"westeurope"}\'', powershell: "Invoke-MyRestMethod -Method PUT -Path \"/subscriptions/$sub/resourcegroups/demo?api-version=2021-04-01\" -Payload '{\"location\":\"westeurope\"}'" },
    { description: 'Create a resource and wait for its long-running operation, the body read from a file.', cli: 'myaccount rest --method PUT --path "$ID?api-version=2024-01-01" --body @widget.json --wait-for-completion', powershell: 'Invoke-MyRestMethod -Method PUT -Path "$id?api-version=2024-01-01" -Payload (Get-Content -Raw widget.json) -WaitForCompletion' },
    { description: 'The whole request, body included, as JSON on stdin.', cli: 'echo \'{"Method":"PUT","Path":"/subscriptions/\'$SUB\'/resourcegroups/demo?api-version=2021-04-01","Payload":"{\\"location\\":\\"eastus\\"}"}\' | myaccount rest --input-json -', powershell: "Invoke-MyRestMethod -Method PUT -Path \"/subscriptions/$sub/resourcegroups/demo?api-version=2021-04-01\" -Payload (@{ location = 'eastus' } | ConvertTo-Json)" },
    { description: 'Call another service by URL, with a token for its audience.', cli: 'myaccount rest --uri https://myvault.vault.azure.net/secrets?api-version=7.4 --resource-id https://vault.azure.net', powershell: "Invoke-MyRestMethod -Uri 'https://myvault.vault.azure.net/secrets?api-version=7.4' -ResourceId https://vault.azure.net" },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Path: text('The path and query, relative to the Resource Manager endpoint of the context\'s environment, e.g. /subscriptions/<id>/resourcegroups?api-version=2021-04-01.', { sets: ['ByPath'], mandatory: ['ByPath'], position: 0 }, 4096),
      Uri: text('An absolute https URL. On Resource Manager\'s host the token is for Resource Manager; elsewhere give ResourceId.', { sets: ['ByURI'], mandatory: ['ByURI'], flagAliases: ['url'] }, 4096),
      ResourceId: text('The audience of the token for --uri: an https URL whose host is the URL\'s host or a parent domain of it, e.g. https://vault.azure.net.', { sets: ['ByURI'], aliases: ['Resource'], flagAliases: ['resource'] }, 2048),
      Method: { ...text(`The HTTP method: ${METHODS.join(', ')} (default GET).`, {}, 16) },
      ApiVersion: { ...text('The api-version to add to the query, unless the path or URL has one.', {}, 64), pattern: '^[A-Za-z0-9.-]+$' },
      Payload: { type: 'string', maxLength: 4 * 1024 * 1024, description: 'The request body, as text; "@<file>" reads it from that file.', 'x-ps': { flagAliases: ['body'] } },
      WaitForCompletion: flag('Follow a long-running operation (Azure-AsyncOperation or Location) until it ends, and return the final result.'),
      Paginate: flag('Follow nextLink through every page (GET only) and return the items of all pages together.'),
      NextLinkName: { ...text('The property of a page that holds the next page\'s URL (default nextLink).', {}, 128), pattern: '^[A-Za-z0-9_.@$-]+$' },
      PageableItemName: { ...text('The property of a page that holds its items (default value).', {}, 128), pattern: '^[A-Za-z0-9_.@$-]+$' },
      ContextName: text('Use the account, tenant and environment of this context instead of the default one.', { completer: 'Context', defaultProfile: true }),
    },
  },
  defaultParameterSet: 'ByPath',
  validate(input) {
    if ((input.Path === undefined) === (input.Uri === undefined)) {
      throw fail.ParameterSetConflict('Give exactly one of Path (--path) and Uri (--uri).', { target: input.Path === undefined ? 'Path' : 'Uri' });
    }
    if (input.ResourceId !== undefined && input.Uri === undefined) {
      throw fail.ParameterSetConflict('ResourceId (--resource-id) is for Uri (--uri); a Path always gets a Resource Manager token.', { target: 'ResourceId' });
    }
    if (input.Method !== undefined && !METHODS.includes(input.Method.toUpperCase() as (typeof METHODS)[number])) {
      throw fail.InvalidInput(`"${input.Method}" is not an HTTP method MyAccount sends. Use one of ${METHODS.join(', ')}.`, { target: 'Method' });
    }
    const method = (input.Method ?? 'GET').toUpperCase();
    if (input.Paginate && method !== 'GET') throw fail.ParameterSetConflict('Paginate (--paginate) follows nextLink with GET; it cannot be used with another method.', { target: 'Paginate' });
    if (input.Paginate && input.WaitForCompletion) throw fail.ParameterSetConflict('Give either Paginate (--paginate) or WaitForCompletion (--wait-for-completion), not both.', { target: 'Paginate' });
    if (input.Payload !== undefined && (method === 'GET' || method === 'HEAD')) throw fail.ParameterSetConflict(`A ${method} request has no body; remove Payload (--payload) or choose another method.`, { target: 'Payload' });
  },
  output,
  outputType: 'MyAccount.HttpResponse',
  table: [
    { header: 'StatusCode', path: 'StatusCode' },
    { header: 'Method', path: 'Method' },
    { header: 'RequestUri', path: 'RequestUri', width: 80 },
  ],
  async handler(input, ctx) {
    const { runRest } = await import('./run.js');
    return runRest(input, ctx);
  },
});
