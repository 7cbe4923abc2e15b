/**
 * A stand-in for the Linux identity broker (`com.microsoft.identity.broker1`), served over D-Bus so
 * the REAL msal-node-runtime talks to it exactly as it talks to Microsoft's broker. Request and
 * response shapes follow the runtime (see linux-broker.md in the design's references).
 *
 * Tokens come FROM the local cloud, so ARM accepts them: the double is a trusted first-party that
 * signs a person in with the password grant (it has the seed, as a real broker has the person at
 * its window) and keeps the refresh token, then redeems it for any tenant and scope on silent
 * requests. It enforces what a broker enforces: known public client ids, the broker redirect URI,
 * a parent window for interactive requests, the local cloud's authority only.
 *
 * A second interface, `com.myaccount.LocalBrokerControl1`, lets tests pick the person who "signs
 * in at the window", make the next requests fail with a given status/subStatus/tag, and read a
 * log of requests (method, client, authority, window handle; never a token or password).
 */
import { DBusConnection, DBusError } from './dbus-wire.js';
import https from 'node:https';
import type { Seed, SeedUser } from '../seed-types.js';

export const BROKER_NAME = 'com.microsoft.identity.broker1';
export const BROKER_PATH = '/com/microsoft/identity/broker1';
export const BROKER_INTERFACE = 'com.microsoft.identity.Broker1';
export const CONTROL_INTERFACE = 'com.myaccount.LocalBrokerControl1';
export const BROKER_VERSION = '2.0.2-localcloud';

/** Redirect URIs a broker accepts for a client: the runtime's Linux default, and WAM's. */
export const LINUX_BROKER_REDIRECT_URI = 'https://login.microsoftonline.com/common/oauth2/nativeclient';
const wamRedirect = (clientId: string): string => `ms-appx-web://Microsoft.AAD.BrokerPlugin/${clientId}`;

/** msal-node-runtime's ErrorStatus values the double answers with. */
export const Status = { Unexpected: 0, InteractionRequired: 2, NoNetwork: 3, NetworkTemporarilyUnavailable: 4, ServerTemporarilyUnavailable: 5, ApiContractViolation: 6, UserCanceled: 7, IncorrectConfiguration: 9, AuthorityUntrusted: 11, AccountNotFound: 16 } as const;

export interface InjectedFailure {
  /** Only this method fails (default: the token methods). */
  method?: string;
  status: number;
  subStatus?: number;
  errorCode?: number;
  tag?: number;
  context?: string;
  /** How many requests fail (default 1). */
  times?: number;
}

export interface BrokerLogEntry {
  method: string;
  clientId?: string;
  authority?: string;
  redirectUri?: string;
  parentWindowHandle?: number;
  scopes?: string[];
  username?: string;
  status?: number;
}

interface Held {
  user: SeedUser;
  homeTenantId: string;
  refreshToken: string;
  clientId: string;
}

class BrokerError extends Error {
  constructor(
    readonly status: number,
    readonly context: string,
    readonly subStatus = 0,
    readonly errorCode = 0,
    readonly tag = 0x1f7d0001,
  ) {
    super(context);
  }
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface BrokerDoubleOptions {
  /** The local cloud's origin, https://127.0.0.1:PORT: the only authority served. */
  url: string;
  caPem: string;
  seed: Seed;
}

export class BrokerDouble {
  private readonly accounts = new Map<string, Held>();
  private failures: InjectedFailure[] = [];
  private interactiveUser: string | undefined;
  readonly log: BrokerLogEntry[] = [];
  private readonly agent: https.Agent;

  constructor(private readonly o: BrokerDoubleOptions) {
    // Trust the local cloud's CA for its own origin only; keep-alive off so stop() leaves nothing open.
    this.agent = new https.Agent({ ca: o.caPem, keepAlive: false });
  }

  /** The JSON-in, JSON-out entry of every Broker1 method; never throws (the runtime wants a response). */
  async handle(method: string, requestJson: string): Promise<string> {
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(requestJson || '{}') as Record<string, unknown>;
    } catch {
      return this.errorResponse(new BrokerError(Status.ApiContractViolation, 'The request is not JSON.'));
    }
    const entry = this.entryFor(method, request);
    this.log.push(entry);
    try {
      const injected = this.takeFailure(method);
      if (injected) throw new BrokerError(injected.status, injected.context ?? `Injected failure (status ${injected.status}).`, injected.subStatus, injected.errorCode, injected.tag);
      switch (method) {
        case 'getLinuxBrokerVersion':
          return JSON.stringify({ linuxBrokerVersion: BROKER_VERSION });
        case 'getAccounts':
          this.knownClient(String(request.clientId ?? ''));
          return JSON.stringify({ accounts: [...this.accounts.values()].map((held) => this.accountView(held)) });
        case 'removeAccount':
          this.forget(request);
          return JSON.stringify({});
        case 'acquireTokenInteractively':
          return JSON.stringify({ brokerTokenResponse: await this.interactive(request) });
        case 'acquireTokenSilently':
          return JSON.stringify({ brokerTokenResponse: await this.silent(request) });
        default:
          throw new BrokerError(Status.IncorrectConfiguration, `${method} is not supported by the local broker.`);
      }
    } catch (error) {
      const e = error instanceof BrokerError ? error : new BrokerError(Status.Unexpected, 'The local broker failed unexpectedly.');
      entry.status = e.status;
      return this.errorResponse(e);
    }
  }

  configure(settings: { interactiveUser?: string | null; fail?: InjectedFailure | InjectedFailure[] | null; clearLog?: boolean }): void {
    if (settings.interactiveUser !== undefined) this.interactiveUser = settings.interactiveUser ?? undefined;
    if (settings.fail === null) this.failures = [];
    else if (settings.fail) this.failures.push(...(Array.isArray(settings.fail) ? settings.fail : [settings.fail]));
    if (settings.clearLog) this.log.length = 0;
  }

  private entryFor(method: string, request: Record<string, unknown>): BrokerLogEntry {
    const auth = (request.authParameters ?? {}) as Record<string, unknown>;
    return {
      method,
      clientId: (auth.clientId ?? request.clientId) as string | undefined,
      authority: auth.authority as string | undefined,
      redirectUri: (auth.redirectUri ?? request.redirectUri) as string | undefined,
      parentWindowHandle: (request.parentWindowHandle ?? (auth.parentWindow as { handle?: number } | undefined)?.handle) as number | undefined,
      scopes: auth.requestedScopes as string[] | undefined,
      username: ((auth.account as { username?: string } | null)?.username ?? auth.username) as string | undefined,
    };
  }

  private takeFailure(method: string): InjectedFailure | undefined {
    const index = this.failures.findIndex((f) => (f.method ? f.method === method : method === 'acquireTokenInteractively' || method === 'acquireTokenSilently'));
    if (index < 0) return undefined;
    const failure = this.failures[index];
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) this.failures.splice(index, 1);
    return failure;
  }

  private errorResponse(e: BrokerError): string {
    // The runtime rejects an error without `tag` ("Key 'tag' not found").
    return JSON.stringify({ brokerTokenResponse: { error: { context: e.context, status: e.status, subStatus: e.subStatus, errorCode: e.errorCode, tag: e.tag } } });
  }

  private knownClient(clientId: string): void {
    const app = this.o.seed.applications.find((a) => a.appId.toLowerCase() === clientId.toLowerCase());
    if (!app || !app.publicClient) throw new BrokerError(Status.IncorrectConfiguration, `The client ${clientId || '(none)'} is not a public client the broker knows.`);
  }

  /** Checks shared by every token request; returns the tenant segment of the authority. */
  private checkAuth(auth: Record<string, unknown>): { clientId: string; tenant: string; scopes: string[] } {
    const clientId = String(auth.clientId ?? '');
    this.knownClient(clientId);
    const redirect = String(auth.redirectUri ?? '');
    if (redirect !== LINUX_BROKER_REDIRECT_URI && redirect !== wamRedirect(clientId)) {
      throw new BrokerError(Status.IncorrectConfiguration, `The redirect URI ${redirect || '(none)'} is not a broker redirect URI for this client.`);
    }
    let url: URL;
    try {
      url = new URL(String(auth.authority ?? ''));
    } catch {
      throw new BrokerError(Status.AuthorityUntrusted, 'The request has no valid authority.');
    }
    // msal-node-runtime 0.20.7 drops the port from the authority it sends (https://127.0.0.1:PORT/t
    // arrives as https://127.0.0.1/t), so the host decides; tokens still come from this.o.url.
    if (url.protocol !== 'https:' || url.hostname !== new URL(this.o.url).hostname) throw new BrokerError(Status.AuthorityUntrusted, `The local broker serves the local cloud (${this.o.url}) only.`);
    const tenant = url.pathname.split('/').filter(Boolean)[0] ?? 'organizations';
    const scopes = Array.isArray(auth.requestedScopes) ? (auth.requestedScopes as string[]) : [];
    return { clientId, tenant, scopes };
  }

  private async interactive(request: Record<string, unknown>): Promise<Record<string, unknown>> {
    const auth = (request.authParameters ?? {}) as Record<string, unknown>;
    const { clientId, tenant, scopes } = this.checkAuth(auth);
    // A broker window needs a parent: the runtime sends the caller's handle (or its fallback, 1).
    const parent = Number(request.parentWindowHandle ?? (auth.parentWindow as { handle?: number } | undefined)?.handle ?? 0);
    if (!Number.isInteger(parent) || parent <= 0) throw new BrokerError(Status.IncorrectConfiguration, 'An interactive request needs a parent window handle.');
    // The person at the window: the one the tests chose, else the login hint, else the first in the seed.
    const name = this.interactiveUser ?? (typeof auth.username === 'string' && auth.username ? auth.username : undefined) ?? this.o.seed.users[0]?.userPrincipalName;
    const user = this.o.seed.users.find((u) => u.userPrincipalName.toLowerCase() === String(name).toLowerCase());
    if (!user) throw new BrokerError(Status.AccountNotFound, 'No such user in the local cloud.');
    const body = { grant_type: 'password', client_id: clientId, username: user.userPrincipalName, password: user.password, scope: withOidc(scopes) };
    const tokens = await this.redeem(tenant, body);
    const held: Held = { user, homeTenantId: user.homeTenantId, refreshToken: String(tokens.refresh_token ?? ''), clientId };
    this.accounts.set(user.id.toLowerCase(), held);
    return this.tokenResponse(held, tokens, scopes);
  }

  private async silent(request: Record<string, unknown>): Promise<Record<string, unknown>> {
    const auth = (request.authParameters ?? {}) as Record<string, unknown>;
    const { clientId, tenant, scopes } = this.checkAuth(auth);
    const held = this.find(auth.account as Record<string, unknown> | null);
    if (!held) throw new BrokerError(Status.InteractionRequired, 'The broker has no sign-in for this account.');
    const tokens = await this.redeem(tenant, { grant_type: 'refresh_token', client_id: clientId, refresh_token: held.refreshToken, scope: withOidc(scopes) });
    if (tokens.refresh_token) held.refreshToken = String(tokens.refresh_token);
    return this.tokenResponse(held, tokens, scopes);
  }

  private find(account: Record<string, unknown> | null | undefined): Held | undefined {
    if (!account) return this.accounts.size === 1 ? [...this.accounts.values()][0] : undefined;
    const oid = String(account.homeAccountId ?? account.accountId ?? '').split('.')[0].toLowerCase();
    const username = String(account.username ?? '').toLowerCase();
    return this.accounts.get(oid) ?? [...this.accounts.values()].find((h) => h.user.userPrincipalName.toLowerCase() === username);
  }

  private forget(request: Record<string, unknown>): void {
    const held = this.find((request.account ?? request) as Record<string, unknown>);
    if (held) this.accounts.delete(held.user.id.toLowerCase());
  }

  private accountView(held: Held): Record<string, unknown> {
    const oid = held.user.id;
    const tid = held.homeTenantId;
    const [given, ...family] = held.user.displayName.split(' ');
    return {
      environment: new URL(this.o.url).host,
      homeAccountId: `${oid}.${tid}`,
      localAccountId: oid,
      realm: tid,
      username: held.user.userPrincipalName,
      name: held.user.displayName,
      givenName: given ?? '',
      familyName: family.join(' '),
      clientInfo: b64url({ uid: oid, utid: tid }),
      passwordExpiry: 0,
      accountId: `${oid}.${tid}`,
    };
  }

  private tokenResponse(held: Held, tokens: Record<string, unknown>, requested: string[]): Record<string, unknown> {
    const lifetime = Number(tokens.expires_in ?? 3600);
    const now = Date.now();
    const granted = String(tokens.scope ?? requested.join(' ')).split(/\s+/).filter(Boolean);
    const account = this.accountView(held);
    return {
      accessToken: tokens.access_token,
      accessTokenType: 0,
      idToken: tokens.id_token,
      account,
      clientInfo: account.clientInfo,
      expiresOn: now + lifetime * 1000,
      extendedExpiresOn: now + Number(tokens.ext_expires_in ?? lifetime) * 1000,
      grantedScopes: granted,
    };
  }

  /** One request to the local cloud's token endpoint; its refusals become broker statuses. */
  private redeem(tenant: string, form: Record<string, string>): Promise<Record<string, unknown>> {
    const url = new URL(`/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, this.o.url);
    const body = new URLSearchParams(form).toString();
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }, timeout: 30000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          } catch {
            /* not JSON: judged by the status below */
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300 && typeof json.access_token === 'string') return resolve(json);
          // Only Entra's error code and AADSTS number leave the double; descriptions stay out of the way.
          const code = String(json.error ?? `http_${status}`);
          const aadsts = Array.isArray(json.error_codes) ? Number(json.error_codes[0]) : 0;
          if (status >= 500 || status === 429) return reject(new BrokerError(Status.ServerTemporarilyUnavailable, `The local cloud answered ${status} (${code}).`, 0, aadsts));
          if (code === 'invalid_grant' || code === 'interaction_required') return reject(new BrokerError(Status.InteractionRequired, `The local cloud asks for a new sign-in (${code}, AADSTS${aadsts}).`, 0, aadsts));
          reject(new BrokerError(Status.IncorrectConfiguration, `The local cloud refused the request (${code}, AADSTS${aadsts}).`, 0, aadsts));
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => reject(new BrokerError(Status.NoNetwork, `The local cloud at ${this.o.url} could not be reached.`)));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A broker always asks for an id token and a refresh token, whatever scopes the caller wants. */
function withOidc(scopes: string[]): string {
  const set = new Set(scopes.filter(Boolean));
  for (const s of ['openid', 'profile', 'offline_access']) set.add(s);
  return [...set].join(' ');
}

/** Serves a BrokerDouble on a bus: the Broker1 interface and the control interface. */
export async function serveBrokerDouble(address: string, double: BrokerDouble): Promise<{ bus: DBusConnection; close(): void }> {
  const bus = await DBusConnection.connect(address);
  const methods = ['acquireTokenInteractively', 'acquireTokenSilently', 'getAccounts', 'removeAccount', 'acquirePrtSsoCookie', 'generateSignedHttpRequest', 'cancelInteractiveFlow', 'getLinuxBrokerVersion'];
  for (const name of methods) {
    // (s protocolVersion, s correlationId, s requestJson) -> s responseJson
    bus.handle(BROKER_PATH, BROKER_INTERFACE, name, async (args) => ({ signature: 's', body: [await double.handle(name, String(args[2] ?? ''))] }));
  }
  bus.handle(BROKER_PATH, CONTROL_INTERFACE, 'configure', async (args) => {
    try {
      double.configure(JSON.parse(String(args[0] ?? '{}')) as Parameters<BrokerDouble['configure']>[0]);
    } catch {
      throw new DBusError('org.freedesktop.DBus.Error.InvalidArgs', 'configure takes a JSON object.');
    }
    return { signature: 's', body: ['{}'] };
  });
  bus.handle(BROKER_PATH, CONTROL_INTERFACE, 'requestLog', async () => ({ signature: 's', body: [JSON.stringify(double.log)] }));
  if (!(await bus.requestName(BROKER_NAME))) {
    bus.close();
    throw new Error(`${BROKER_NAME} is already owned on this bus.`);
  }
  return { bus, close: () => (bus.close(), double.close()) };
}
