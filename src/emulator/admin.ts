/**
 * The admin API, for tests and demos: approve or deny device codes without a browser, set
 * faults, read the (redacted) request log, revoke refresh tokens, change token lifetimes and
 * reset state. Off unless the emulator is started with `admin: true`, and even then every call
 * must carry the per-start random key from the data folder.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Cloud } from './cloud.js';
import { ADMIN_KEY_HEADER } from './constants.js';
import { ArmError } from './errors.js';
import { checkFaultConfig, type FaultConfig, type FaultInjector } from './faults.js';
import { BodyTooLarge, header, readJson, sendJson, type Ctx } from './http.js';
import { approveByUserCode, denyByUserCode } from './identity/device-grants.js';
import type { RequestLog } from './log.js';
import type { EmulatorSettings } from './seed-types.js';

export interface AdminDeps {
  key: string;
  faults: FaultInjector;
  log: RequestLog;
  reset: () => void;
  status: () => object;
}

const bad = (message: string, status = 400) => new ArmError(status, status === 404 ? 'NotFound' : 'BadRequest', message);

function sameKey(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function str(body: unknown, name: string, required = true): string | undefined {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || !v) throw bad(`The body must have a string "${name}".`);
  return v;
}

const SETTING_LIMITS: Record<keyof EmulatorSettings, [number, number] | 'string'> = {
  accessTokenLifetimeSeconds: [1, 315_360_000],
  refreshTokenLifetimeSeconds: [1, 315_360_000],
  authCodeLifetimeSeconds: [1, 315_360_000],
  deviceCodeLifetimeSeconds: [1, 315_360_000],
  deviceCodeIntervalSeconds: [0, 60],
  managedIdentityHeader: 'string',
};

export async function adminRoute(cloud: Cloud, ctx: Ctx, deps: AdminDeps): Promise<void> {
  if (!sameKey(header(ctx, ADMIN_KEY_HEADER), deps.key)) throw new ArmError(401, 'Unauthorized', `The admin API needs the ${ADMIN_KEY_HEADER} header with the key from the emulator's data folder.`);
  const route = `${ctx.method} /${ctx.segments.slice(1).join('/')}`;
  const body = ctx.method === 'POST' || ctx.method === 'PUT' || ctx.method === 'PATCH' ? await readJson(ctx, cloud.bodyLimit).catch((e) => {
    throw e instanceof BodyTooLarge ? e : bad('The body must be JSON.');
  }) : undefined;
  switch (route) {
    case 'GET /status':
      return sendJson(ctx, 200, deps.status());
    case 'GET /devices':
      return sendJson(ctx, 200, {
        value: [...cloud.store.devices.values()].map((d) => ({ userCode: d.userCode, clientId: d.clientId, tenant: d.tenantSegment, status: d.status, expiresAt: new Date(d.expiresAt).toISOString() })),
      });
    case 'POST /devices/approve': {
      const mfa = body && typeof body === 'object' ? (body as Record<string, unknown>).mfa : undefined;
      if (mfa !== undefined && typeof mfa !== 'boolean') throw bad('"mfa" must be true or false.');
      const outcome = approveByUserCode(cloud, str(body, 'userCode')!, str(body, 'username')!, mfa);
      if (!outcome.ok) throw bad(outcome.message, outcome.status);
      return sendJson(ctx, 200, { approved: true, tenantId: outcome.tenantId });
    }
    case 'POST /devices/deny':
      if (!denyByUserCode(cloud, str(body, 'userCode')!)) throw bad('No pending device code with that user code.', 404);
      return sendJson(ctx, 200, { denied: true });
    case 'GET /faults':
      return sendJson(ctx, 200, deps.faults.current);
    case 'PUT /faults': {
      const problem = checkFaultConfig(body);
      if (problem) throw bad(problem);
      deps.faults.set(body as FaultConfig);
      return sendJson(ctx, 200, deps.faults.current);
    }
    case 'DELETE /faults':
      deps.faults.clear();
      return sendJson(ctx, 200, {});
    case 'GET /log': {
      const since = Number(ctx.query.get('since') ?? 0);
      const limit = Number(ctx.query.get('limit') ?? 1000);
      return sendJson(ctx, 200, { value: deps.log.list(Number.isFinite(since) ? since : 0, Number.isFinite(limit) ? limit : 1000) });
    }
    case 'DELETE /log':
      deps.log.clear();
      return sendJson(ctx, 200, {});
    case 'POST /refresh-tokens/revoke': {
      const username = str(body, 'username', false);
      const clientId = str(body, 'clientId', false);
      let userId: string | undefined;
      if (username) {
        const user = cloud.directory.user(username);
        if (!user) throw bad(`No user ${JSON.stringify(username)} in the seed.`, 404);
        userId = user.id;
      }
      return sendJson(ctx, 200, { revoked: cloud.store.revokeRefreshTokens({ userId, clientId }) });
    }
    case 'GET /settings':
      return sendJson(ctx, 200, cloud.settings);
    case 'PATCH /settings': {
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('The body must be an object of settings.');
      const changes = body as Record<string, unknown>;
      for (const [k, v] of Object.entries(changes)) {
        const limit = SETTING_LIMITS[k as keyof EmulatorSettings];
        if (!limit) throw bad(`Unknown setting "${k}".`);
        if (limit === 'string' ? typeof v !== 'string' || !v : !Number.isInteger(v) || (v as number) < limit[0] || (v as number) > limit[1]) throw bad(`Setting "${k}" has an invalid value.`);
      }
      Object.assign(cloud.settings, changes);
      return sendJson(ctx, 200, cloud.settings);
    }
    case 'POST /reset':
      deps.reset();
      return sendJson(ctx, 200, { reset: true });
    default:
      throw bad(`No admin route ${route}.`, 404);
  }
}
