/**
 * Starting and stopping the local cloud: TLS material and keys from the data folder, the seed,
 * the HTTPS server on 127.0.0.1, request dispatch with fault injection, error rendering and the
 * request log, the idle timer, and the in-process handle callers get back.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rmSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { adminRoute } from './admin.js';
import type { Cloud } from './cloud.js';
import { ADMIN_KEY_HEADER, DEFAULT_EMULATOR_PORT, EMULATOR_NAME, EMULATOR_VERSION } from './constants.js';
import { DEFAULT_SEED } from './default-seed.js';
import { Directory } from './directory.js';
import { Aad, Arm, ArmError, EntraError, armBody, entraBody, entraTimestamp } from './errors.js';
import { FaultInjector, checkFaultConfig, type FaultConfig } from './faults.js';
import { emulatorPaths, ensurePrivateDir, writePrivateFile } from './files.js';
import { BadBody, BodyTooLarge, requestHeader, sendHtml, sendJson, type Ctx } from './http.js';
import { approveByUserCode, denyByUserCode } from './identity/device-grants.js';
import { loadOrCreateSigner } from './keys.js';
import { localCloudEnvironment, type LocalCloudEnvironment } from './local-cloud.js';
import { RequestIds, RequestLog, type LogEntry } from './log.js';
import { loggedQuery, parseTarget } from './request-target.js';
import { errorPage, indexPage } from './pages.js';
import { route } from './router.js';
import { SeedError, loadSeedFile, validateSeed } from './seed-schema.js';
import { DEFAULT_SETTINGS, type EmulatorSettings, type Seed } from './seed-types.js';
import { GrantStore } from './state.js';
import { ensureTls } from './tls.js';

export interface EmulatorOptions {
  /** Default DEFAULT_EMULATOR_PORT; 0 picks a free port (tests). */
  port?: number;
  /** Holds the CA, leaf and signing keys (made on first start, 0700/0600) and refresh-token state. */
  dataDir: string;
  /** A seed object or the path of a seed JSON file; default: the shipped default seed. */
  seed?: Seed | string;
  /** Serve the admin API under /_admin (off by default). */
  admin?: boolean;
  /** Initial fault injection; overrides the seed's. */
  faults?: FaultConfig;
  /** Page size of ARM lists (default 100). */
  pageSize?: number;
  /** Stop after this long without requests; 0 = never (default). */
  idleTimeoutMs?: number;
  /** Receives one object per request, secrets redacted. */
  log?: (line: object) => void;
  /** Receives every secret a request carries or an answer hands out, for tests that prove none leaks. */
  onSecret?: (value: string) => void;
  /** Overrides of the seed's settings (token lifetimes, device code interval, ...). */
  settings?: Partial<EmulatorSettings>;
  /** Largest request body accepted (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** The clock, in epoch milliseconds (tests move time forward to expire things). */
  now?: () => number;
  /** How long a client may take to send request headers (default 10 s) and a whole request (default 30 s). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /**
   * How long a connection may stay open without sending a request (default 5 s): the TLS
   * handshake must finish in this time, and the first request's headers arrive in as much again.
   */
  connectionTimeoutMs?: number;
  /** Most connections open at once (default 512); more are closed as soon as they are accepted. */
  maxConnections?: number;
  /**
   * The tenant (id or domain) the AD FS-style authority `{url}/adfs` signs people into; default
   * the seed's first tenant. AD FS knows one directory, so clients that treat `/adfs` as AD FS
   * (and skip instance discovery for it, as the Azure CLI must offline) get that tenant only.
   */
  adfsTenant?: string;
}

export interface RunningEmulator {
  /** https://127.0.0.1:PORT (no trailing slash). */
  url: string;
  port: number;
  caCertPath: string;
  caPem: string;
  /** The CA appended to the system bundle: for NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, SSL_CERT_FILE. */
  caBundlePath: string;
  caFingerprint: string;
  /** base64 SHA-256 of the leaf's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  leafSpkiSha256: string;
  /** The admin API key (only when started with admin: true); send it as the x-local-cloud-admin-key header. */
  adminKey?: string;
  adminKeyHeader: string;
  /** The local cloud as an Azure environment. */
  environment: LocalCloudEnvironment;
  /** The AD FS-style authority ({url}/adfs) and the tenant it serves. */
  adfs: { authority: string; tenantId: string };
  /** Where managed identity clients point (IMDS and App Service styles). */
  managedIdentity: { imdsEndpoint: string; podIdentityAuthorityHost: string; appServiceEndpoint: string; identityHeader: string };
  seed: Seed;
  /** Resolves when the server has stopped, with why ("stopped" or "idle"). */
  closed: Promise<'stopped' | 'idle'>;
  stop(): Promise<void>;

  // In-process equivalents of the admin API (available whatever `admin` says).
  /** As the person would on the device login page; `mfa` defaults to what the tenant demands. */
  approveDeviceCode(userCode: string, username: string, mfa?: boolean): void;
  denyDeviceCode(userCode: string): void;
  setFaults(config: FaultConfig | undefined): void;
  requestLog(since?: number): LogEntry[];
  revokeRefreshTokens(filter?: { username?: string; clientId?: string }): number;
  updateSettings(changes: Partial<EmulatorSettings>): EmulatorSettings;
  /** Forgets codes, refresh tokens and the log, and restores the initial faults. */
  reset(): void;
}

export class EmulatorError extends Error {
  /** For AdminRequestFailed: the HTTP status the admin API would have answered. */
  readonly status?: number;

  constructor(
    readonly code: 'PortInUse' | 'InvalidSeed' | 'InvalidOptions' | 'StartFailed' | 'AdminRequestFailed',
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = options.status;
    this.name = 'EmulatorError';
  }
}

const MiB = 1024 * 1024;

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  if (!opts || typeof opts.dataDir !== 'string' || !opts.dataDir) throw new EmulatorError('InvalidOptions', 'startEmulator needs a dataDir.');
  const port = opts.port ?? DEFAULT_EMULATOR_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EmulatorError('InvalidOptions', `port must be an integer from 0 to 65535, not ${port}.`);
  if (opts.faults) {
    const problem = checkFaultConfig(opts.faults);
    if (problem) throw new EmulatorError('InvalidOptions', `Invalid faults: ${problem}.`);
  }
  const connectionTimeout = opts.connectionTimeoutMs ?? 5_000;
  if (!Number.isInteger(connectionTimeout) || connectionTimeout < 1) throw new EmulatorError('InvalidOptions', `connectionTimeoutMs must be a positive whole number of milliseconds, not ${connectionTimeout}.`);
  const maxConnections = opts.maxConnections ?? 512;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) throw new EmulatorError('InvalidOptions', `maxConnections must be a positive whole number, not ${maxConnections}.`);
  const now = opts.now ?? Date.now;
  let seed: Seed;
  try {
    seed = typeof opts.seed === 'string' ? loadSeedFile(opts.seed) : validateSeed(structuredClone(opts.seed ?? DEFAULT_SEED), opts.seed ? 'seed' : 'default seed');
  } catch (e) {
    if (e instanceof SeedError) throw new EmulatorError('InvalidSeed', e.message, { cause: e });
    throw e;
  }

  ensurePrivateDir(opts.dataDir);
  const paths = emulatorPaths(opts.dataDir);
  // On a first start their three keys are made side by side (thread pool).
  const [tls, signer] = await Promise.all([ensureTls(opts.dataDir, now), loadOrCreateSigner(paths.signingKey, paths.signingCert, now())]);
  const settings: EmulatorSettings = { ...DEFAULT_SETTINGS, ...seed.settings, ...opts.settings };
  const initialFaults = opts.faults ?? seed.faults;
  const faults = new FaultInjector(initialFaults);
  const ids = new RequestIds();
  const log = new RequestLog(5000, ids, opts.log);
  const store = new GrantStore(paths.state, now);
  const directory = new Directory(seed);
  const adfsRef = opts.adfsTenant === undefined ? { kind: 'tenant' as const, tenant: directory.tenants[0] } : directory.resolveTenant(opts.adfsTenant);
  if (!adfsRef || adfsRef.kind !== 'tenant') throw new EmulatorError('InvalidOptions', `adfsTenant must name a tenant of the seed (an id or a domain), not '${String(opts.adfsTenant).slice(0, 100)}'.`);
  const adfsTenant = adfsRef.tenant;
  const adminKey = opts.admin ? randomBytes(32).toString('base64url') : undefined;
  const startedAt = new Date(now()).toISOString();

  const headersTimeout = opts.headersTimeoutMs ?? 10_000;
  const server: Server = createServer({
    cert: tls.certPem,
    key: tls.keyPem,
    handshakeTimeout: connectionTimeout,
    minVersion: 'TLSv1.2',
    // Node checks the header and request timeouts only this often (30 s by default).
    connectionsCheckingInterval: Math.max(100, Math.min(1000, headersTimeout / 2)),
  });
  // Slow or stalled clients are cut off instead of holding sockets forever.
  server.headersTimeout = headersTimeout;
  server.requestTimeout = opts.requestTimeoutMs ?? 30_000;
  server.keepAliveTimeout = 5_000;
  server.timeout = 60_000;
  // Beyond this, net.Server closes new connections on accept: a flood of sockets cannot exhaust
  // file descriptors, and the connections already open keep being served.
  server.maxConnections = maxConnections;

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE') reject(new EmulatorError('PortInUse', `Port ${port} on 127.0.0.1 is already in use; is another emulator running? Stop it or choose another port.`, { cause: e }));
      else reject(new EmulatorError('StartFailed', `The emulator could not listen on 127.0.0.1:${port}: ${e.message}`, { cause: e }));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
  const actualPort = (server.address() as AddressInfo).port;
  const host = `127.0.0.1:${actualPort}`;
  const baseUrl = `https://${host}`;
  if (adminKey) writePrivateFile(paths.adminKey, adminKey + '\n');

  const cloud: Cloud = {
    baseUrl,
    host,
    directory,
    store,
    signer,
    settings,
    now,
    bodyLimit: opts.maxBodyBytes ?? MiB,
    pageSize: Math.max(1, Math.min(opts.pageSize ?? 100, 1000)),
    documents: new Map(),
    adfsTenant,
    issue: { baseUrl, signer, now, settings: () => settings, appTokens: new Map() },
  };

  const reset = () => {
    store.reset();
    log.clear();
    faults.set(initialFaults);
  };
  const status = () => ({
    name: EMULATOR_NAME,
    url: baseUrl,
    port: actualPort,
    pid: process.pid,
    startedAt,
    requests: log.count,
    refreshTokens: store.refreshTokenCount,
    tenants: directory.tenants.length,
    subscriptions: seed.subscriptions.length,
    adfs: { authority: `${baseUrl}/adfs`, tenantId: adfsTenant.id },
    faults: faults.current,
  });

  let lastActivity = Date.now();
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Node's header and request timeouts only start with a request's first bytes; a connection
  // that never sends one would stay open (and count against the cap) until the 60 s socket timeout.
  const awaitingRequest = new WeakMap<Socket, NodeJS.Timeout>();
  server.on('secureConnection', (s: TLSSocket) => {
    const timer = setTimeout(() => s.destroy(), connectionTimeout);
    timer.unref();
    awaitingRequest.set(s, timer);
    s.once('close', () => clearTimeout(timer));
  });
  server.on('tlsClientError', () => {
    // A client that does not trust the CA hangs up mid-handshake; nothing to answer.
  });
  const deps: HandleDeps = { faults, log, ids, adminKey, reset, status, onSecret: opts.onSecret };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    lastActivity = Date.now();
    const waiting = awaitingRequest.get(req.socket);
    if (waiting) {
      clearTimeout(waiting);
      awaitingRequest.delete(req.socket);
    }
    handle(cloud, req, res, deps).catch(() => {
      // handle() renders its own errors; reaching here means the socket is already gone.
      if (!res.headersSent) res.destroy();
    });
  });

  const sweeper = setInterval(() => store.sweep(), 60_000);
  sweeper.unref();

  let resolveClosed!: (why: 'stopped' | 'idle') => void;
  const closed = new Promise<'stopped' | 'idle'>((r) => (resolveClosed = r));
  let stopping: Promise<void> | undefined;
  const stopWith = (why: 'stopped' | 'idle'): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      clearInterval(sweeper);
      if (idleTimer) clearInterval(idleTimer);
      try {
        store.flush();
      } catch {
        // The state file is a convenience; failing to save it must not keep the server up.
      }
      if (adminKey) rmSync(paths.adminKey, { force: true });
      server.close(() => {
        resolveClosed(why);
        resolve();
      });
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
    });
    return stopping;
  };

  let idleTimer: NodeJS.Timeout | undefined;
  if (opts.idleTimeoutMs && opts.idleTimeoutMs > 0) {
    const idle = opts.idleTimeoutMs;
    idleTimer = setInterval(() => {
      if (Date.now() - lastActivity >= idle) void stopWith('idle');
    }, Math.max(10, Math.min(idle / 4, 30_000)));
    idleTimer.unref();
  }

  const fail = (status: number, message: string): never => {
    throw new EmulatorError('AdminRequestFailed', message, { status });
  };

  return {
    url: baseUrl,
    port: actualPort,
    caCertPath: tls.caCertPath,
    caPem: tls.caPem,
    caBundlePath: tls.caBundlePath,
    caFingerprint: tls.caFingerprint,
    leafSpkiSha256: tls.leafSpkiSha256,
    adminKey,
    adminKeyHeader: ADMIN_KEY_HEADER,
    environment: localCloudEnvironment(actualPort),
    adfs: { authority: `${baseUrl}/adfs`, tenantId: adfsTenant.id },
    managedIdentity: {
      imdsEndpoint: `${baseUrl}/metadata/identity/oauth2/token`,
      podIdentityAuthorityHost: baseUrl,
      appServiceEndpoint: `${baseUrl}/msi/token`,
      identityHeader: settings.managedIdentityHeader,
    },
    seed,
    closed,
    stop: () => stopWith('stopped'),
    approveDeviceCode(userCode, username, mfa) {
      const outcome = approveByUserCode(cloud, userCode, username, mfa);
      if (!outcome.ok) fail(outcome.status, outcome.message);
    },
    denyDeviceCode(userCode) {
      if (!denyByUserCode(cloud, userCode)) fail(404, `No pending device code ${JSON.stringify(userCode)}.`);
    },
    setFaults(config) {
      if (config) {
        const problem = checkFaultConfig(config);
        if (problem) fail(400, `Invalid faults: ${problem}.`);
      }
      faults.set(config);
    },
    requestLog: (since = 0) => log.list(since, 5000),
    revokeRefreshTokens(filter = {}) {
      const user = filter.username ? directory.user(filter.username) : undefined;
      if (filter.username && !user) fail(404, `No user ${JSON.stringify(filter.username)} in the seed.`);
      return store.revokeRefreshTokens({ userId: user?.id, clientId: filter.clientId });
    },
    updateSettings(changes) {
      Object.assign(settings, changes);
      return { ...settings };
    },
    reset,
  };
}

interface HandleDeps {
  faults: FaultInjector;
  log: RequestLog;
  ids: RequestIds;
  adminKey?: string;
  reset: () => void;
  status: () => object;
  onSecret?: (value: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handle(cloud: Cloud, req: IncomingMessage, res: ServerResponse, deps: HandleDeps): Promise<void> {
  const started = performance.now();
  const url = req.url ?? '/';
  const target = parseTarget(url);
  const traceNumber = deps.ids.take();
  const traceId = deps.ids.text(traceNumber);
  const requested = target?.query.get('client-request-id') ?? requestHeader(req, 'client-request-id') ?? requestHeader(req, 'x-ms-client-request-id');
  const correlation = requested && /^[A-Za-z0-9-]{1,64}$/.test(requested) ? requested : deps.ids.take();
  const correlationId = deps.ids.text(correlation);
  const r = target ? route(target.segments) : { shape: 'entra' as const, group: 'identity' as const };
  const ctx: Ctx = {
    req,
    res,
    method: req.method ?? 'GET',
    path: target?.path ?? '/',
    segments: target?.segments ?? [],
    query: target?.query ?? new URLSearchParams(),
    traceId,
    correlationId,
    started,
    shape: r.shape,
    log: {},
    onSecret: deps.onSecret,
  };
  let dropped = false;
  try {
    if (!target) throw r.shape === 'arm' ? new ArmError(400, 'InvalidRequestUri', 'The request URI is not valid.') : Aad.malformed('The request URI is not valid.');
    const action = deps.faults.decide(r.group);
    if (action.delayMs > 0) await sleep(action.delayMs);
    if (action.kind === 'drop') {
      ctx.log.fault = 'drop';
      dropped = true;
      req.socket.destroy();
      return;
    }
    if (action.kind === 'status') {
      ctx.log.fault = String(action.status);
      throw faultError(r.shape, action.status, action.retryAfterSeconds ?? 1);
    }
    if (r.special) await special(cloud, ctx, r.special, deps);
    else {
      const pending = r.run!(cloud, ctx);
      if (pending) await pending;
    }
  } catch (e) {
    renderError(cloud, ctx, e);
  } finally {
    deps.log.add({
      time: safeNow(cloud),
      method: ctx.method,
      path: ctx.path.length > 300 ? ctx.path.slice(0, 300) + '…' : ctx.path,
      query: target ? loggedQuery(url, target) : undefined,
      status: dropped ? 0 : res.statusCode,
      ms: Math.round((performance.now() - started) * 100) / 100,
      traceId: traceNumber,
      correlationId: correlation,
      fields: ctx.log,
    });
  }
}

/** The injected clock is a dependency like any other; if it fails, error rendering must still work. */
function safeDate(cloud: Cloud): Date {
  return new Date(safeNow(cloud));
}

function safeNow(cloud: Cloud): number {
  try {
    const t = cloud.now();
    // Within what a Date can hold (±8.64e15 ms), or it would print as "Invalid Date".
    return Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? t : Date.now();
  } catch {
    return Date.now();
  }
}

function faultError(shape: Ctx['shape'], status: 429 | 500 | 503, retryAfter: number): Error {
  if (shape === 'arm') return status === 429 ? Arm.throttled(retryAfter) : status === 500 ? Arm.serverError() : Arm.unavailable(retryAfter);
  return status === 429 ? Aad.throttled(retryAfter) : status === 500 ? Aad.serverError() : Aad.unavailable(retryAfter);
}

async function special(cloud: Cloud, ctx: Ctx, kind: 'admin' | 'info' | 'index' | 'errorPage', deps: HandleDeps): Promise<void> {
  switch (kind) {
    case 'admin':
      if (!deps.adminKey) throw new ArmError(404, 'NotFound', 'The admin API is off; start the emulator with admin enabled.');
      return adminRoute(cloud, ctx, { key: deps.adminKey, faults: deps.faults, log: deps.log, reset: deps.reset, status: deps.status });
    case 'info':
      // Lets `emulator status` confirm that what answers on the port is this emulator.
      return sendJson(ctx, 200, { name: EMULATOR_NAME, version: EMULATOR_VERSION, url: cloud.baseUrl, pid: process.pid, admin: !!deps.adminKey, adfs: { authority: `${cloud.baseUrl}/adfs`, tenantId: cloud.adfsTenant.id } });
    case 'index': {
      const page = indexPage(cloud.baseUrl, cloud.directory.tenants);
      return sendHtml(ctx, 200, page.html, page.headers);
    }
    case 'errorPage': {
      const code = Number(ctx.query.get('code'));
      const page = errorPage({ title: 'Sign-in error', message: 'See the error code for details.', code: Number.isInteger(code) && code > 0 ? code : undefined, traceId: ctx.traceId, correlationId: ctx.correlationId, timestamp: entraTimestamp(safeDate(cloud)) });
      return sendHtml(ctx, 200, page.html, page.headers);
    }
  }
}

function renderError(cloud: Cloud, ctx: Ctx, e: unknown): void {
  if (ctx.res.headersSent || ctx.res.destroyed) return;
  let error = e;
  const armish = ctx.shape === 'arm' || ctx.shape === 'admin';
  if (e instanceof BodyTooLarge) error = armish ? Arm.bodyTooLarge() : Aad.bodyTooLarge();
  else if (e instanceof BadBody) error = armish ? new ArmError(400, 'InvalidRequestContent', 'The request content is not valid.') : Aad.malformed();
  else if (!(e instanceof EntraError) && !(e instanceof ArmError)) {
    // A bug in a handler: answer 500 in the service's own shape and keep serving.
    ctx.log.error = `unhandled ${(e as Error)?.name ?? 'error'}`;
    error = armish ? Arm.serverError() : Aad.serverError();
  }
  if (error instanceof ArmError) {
    ctx.log.error ??= error.code;
    sendJson(ctx, error.status, armBody(error), error.headers);
    return;
  }
  const entra = error as EntraError;
  ctx.log.error ??= entra.error;
  const errorCtx = { traceId: ctx.traceId, correlationId: ctx.correlationId, now: safeDate(cloud), baseUrl: cloud.baseUrl };
  if (ctx.shape === 'page') {
    const page = errorPage({ title: 'Sign in failed', message: entra.description, code: entra.code, traceId: ctx.traceId, correlationId: ctx.correlationId, timestamp: errorCtx.now.toISOString() });
    sendHtml(ctx, entra.status, page.html, { ...page.headers, ...entra.extra.headers });
    return;
  }
  sendJson(ctx, entra.status, entraBody(entra, errorCtx), { 'x-ms-request-id': ctx.traceId, ...entra.extra.headers });
}
