/**
 * exec's token endpoint: App Service's managed identity protocol (api-version 2019-08-01), the
 * one every Azure SDK's ManagedIdentityCredential (and so DefaultAzureCredential) speaks when
 * IDENTITY_ENDPOINT and IDENTITY_HEADER are set, answered with the context's own tokens.
 *
 * Who may ask: only a caller that knows the per-run header value, which exec puts in its child's
 * environment and nowhere else (never argv, never output). It listens on 127.0.0.1 only, on a
 * port the system picks, and checks the Host header so a web page cannot reach it by DNS
 * rebinding. Answers and errors use App Service's JSON shapes ({statusCode, message,
 * correlationId} for errors), which MSAL-based SDKs read into their own error messages.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Reporter } from '../../core/reporter.js';
import { ExitCode, MyAccountError } from '../../core/errors.js';
import type { ContextToken } from '../../credentials/context-tokens.js';
import { resourceOfScope } from '../../profile/endpoints.js';

export const API_VERSION = '2019-08-01';
export const TOKEN_PATH = '/msi/token';

/** The query parameters that pick a user-assigned identity; exec serves one account, never those. */
const IDENTITY_SELECTORS = ['client_id', 'principal_id', 'object_id', 'mi_res_id', 'msi_res_id'];

export interface TokenSource {
  getToken(resource: string): Promise<ContextToken>;
  /** The application id named as client_id in answers. */
  readonly clientId: string;
}

export interface IdentityEndpoint {
  /** IDENTITY_ENDPOINT for the child. */
  url: string;
  /** IDENTITY_HEADER for the child: a secret. */
  header: string;
  close(): Promise<void>;
}

export interface IdentityEndpointOptions {
  tokens: TokenSource;
  report: Reporter;
  /** Named in errors: what to run to sign in again. */
  signInHint: string;
}

/** Constant-time comparison of the header a caller sent with ours (digests first, so lengths never differ). */
function sameSecret(given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(createHash('sha256').update(given, 'utf8').digest(), expected);
}

export async function startIdentityEndpoint(options: IdentityEndpointOptions): Promise<IdentityEndpoint> {
  const { tokens, report } = options;
  const header = randomBytes(32).toString('base64url');
  const expected = createHash('sha256').update(header, 'utf8').digest();
  let host = '';
  const warned = new Set<string>();

  const send = (res: ServerResponse, status: number, body: Record<string, unknown>): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(text);
  };
  // App Service's error shape; MSAL reads message into the SDK's error.
  const refuse = (res: ServerResponse, status: number, message: string): void => send(res, status, { statusCode: status, message, correlationId: randomUUID() });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // The secret first: nothing else is said to a caller without it.
    if (!sameSecret(req.headers['x-identity-header'], expected)) {
      return refuse(res, 401, 'The X-IDENTITY-HEADER header is missing or not the one of this myaccount exec run. Use the IDENTITY_HEADER variable exec set for its command.');
    }
    if (req.headers.host !== host) return refuse(res, 400, `The Host header must be ${host}.`);
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname !== TOKEN_PATH) return refuse(res, 404, `Not found. The token endpoint is ${TOKEN_PATH}.`);
    if (req.method !== 'GET') return refuse(res, 405, `Use GET; ${req.method} is not allowed.`);
    const query = url.searchParams;
    const apiVersion = query.get('api-version');
    if (apiVersion !== API_VERSION) return refuse(res, 400, `api-version must be ${API_VERSION}${apiVersion ? ` (got ${apiVersion.slice(0, 40)})` : ''}.`);
    const selector = IDENTITY_SELECTORS.find((name) => query.has(name));
    if (selector) {
      return refuse(res, 400, `myaccount exec serves the account of its context only; it has no user-assigned identities, so ${selector} is not accepted. Create the credential without a client id, resource id or object id (unset AZURE_CLIENT_ID for DefaultAzureCredential).`);
    }
    const given = query.get('resource');
    const scope = query.get('scope');
    if (given !== null && scope !== null) return refuse(res, 400, 'Give resource or scope, not both.');
    const resource = given ?? (scope === null ? null : resourceOfScope(scope));
    if (!resource) return refuse(res, 400, scope === null ? 'The resource parameter is missing.' : 'scope must be one "<resource>/.default" scope.');
    if (/\s/.test(resource) || resource.length > 2048) return refuse(res, 400, 'The resource is not valid.');
    let token: ContextToken;
    try {
      token = await tokens.getToken(resource);
    } catch (error) {
      const known = error instanceof MyAccountError ? error : null;
      // MyAccount's own messages carry no secrets (the error catalogue's rule); foreign ones are not repeated.
      const why = known ? known.message : 'an unexpected error (run myaccount exec with --debug)';
      const message = `MyAccount could not get a token for ${resource}: ${why} ${options.signInHint}`;
      if (!warned.has(message)) {
        warned.add(message);
        report.warning(message);
      }
      if (!known && error instanceof Error) report.debug(`exec: ${error.stack?.split('\n').slice(1).join('\n') ?? ''}`);
      // 400 for what only a sign-in can fix (MSAL does not retry it); 500 for failures that may pass (MSAL retries).
      const status = known && (known.exitCode === ExitCode.SignInRequired || known.exitCode === ExitCode.InvalidInput) ? 400 : 500;
      return refuse(res, status, message);
    }
    report.verbose(`exec: handed out a token for ${resource} in tenant ${token.tenantId}.`);
    send(res, 200, {
      access_token: token.token,
      expires_on: String(Math.floor(token.expiresOn.getTime() / 1000)),
      resource,
      token_type: 'Bearer',
      client_id: tokens.clientId,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'The token endpoint failed.');
      else res.destroy();
    });
  });
  // A slow or stuck client must not keep exec's child waiting, nor hold sockets open.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  return {
    url: `http://${host}${TOKEN_PATH}`,
    header,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
