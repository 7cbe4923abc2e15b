/**
 * Who is calling the token endpoint: a public client (no credential), or a confidential client
 * proving itself with a secret, a certificate-signed assertion, or a federated token from a
 * trusted issuer (workload identity federation).
 */
import { hash, timingSafeEqual } from 'node:crypto';
import type { Cloud } from '../cloud.js';
import type { App, TenantRef } from '../directory.js';
import { Aad } from '../errors.js';
import { decodeJwt, verifySignature } from '../keys.js';
import { tenantLabel } from './tenant.js';

export interface ClientAuth {
  app: App;
  method: 'none' | 'secret' | 'assertion';
  appidacr: '0' | '1' | '2';
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const SKEW_SECONDS = 300;

export function authenticateClient(cloud: Cloud, form: URLSearchParams, ref: TenantRef, segment: string): ClientAuth {
  let clientId = form.get('client_id');
  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  if (!clientId && assertion) {
    // RFC 7523 lets the assertion name the client; Entra accepts that for certificate assertions.
    const iss = decodeJwt(assertion)?.payload.iss;
    if (typeof iss === 'string') clientId = iss;
  }
  if (!clientId) throw Aad.missingParameter('client_id');
  const app = cloud.directory.app(clientId);
  if (!app) throw Aad.appNotFound(clientId, tenantLabel(ref));
  if (secret !== null) {
    if (app.publicClient && !app.secrets?.length) throw Aad.publicClientWithCredential();
    return { app, method: 'secret', appidacr: checkSecret(cloud, app, secret) };
  }
  if (assertion !== null) {
    if (form.get('client_assertion_type') !== JWT_BEARER) throw Aad.assertionType();
    if (app.publicClient && !app.certs.length && !app.federatedCredentials?.length) throw Aad.publicClientWithCredential();
    checkAssertion(cloud, app, assertion, ref, segment);
    return { app, method: 'assertion', appidacr: '2' };
  }
  return { app, method: 'none', appidacr: '0' };
}

function digest(s: string): Buffer {
  // One call, no Hash object: this runs on every secret-authenticated token request.
  return hash('sha256', s, 'buffer');
}

/** Digests of the seed's secrets, made once (the seed does not change while the cloud runs). */
const secretDigests = new WeakMap<object, Buffer>();

function secretDigest(secret: { value: string }): Buffer {
  let d = secretDigests.get(secret);
  if (!d) secretDigests.set(secret, (d = digest(secret.value)));
  return d;
}

function checkSecret(cloud: Cloud, app: App, secret: string): '1' {
  const given = digest(secret);
  for (const s of app.secrets ?? []) {
    if (timingSafeEqual(given, secretDigest(s))) {
      if (s.expiresOn && Date.parse(s.expiresOn) <= cloud.now()) throw Aad.expiredSecret(app.appId);
      return '1';
    }
  }
  throw Aad.badSecret(app.appId);
}

function checkAssertion(cloud: Cloud, app: App, assertion: string, ref: TenantRef, segment: string): void {
  const jwt = decodeJwt(assertion);
  if (!jwt) throw Aad.assertionMalformed();
  const { header, payload } = jwt;
  const now = cloud.now() / 1000;
  const exp = Number(payload.exp);
  const nbf = payload.nbf === undefined ? undefined : Number(payload.nbf);
  const timeOk = Number.isFinite(exp) && exp + SKEW_SECONDS > now && (nbf === undefined || (Number.isFinite(nbf) && nbf - SKEW_SECONDS <= now));
  const iss = typeof payload.iss === 'string' ? payload.iss : '';
  const audiences = ([] as unknown[]).concat(payload.aud ?? []).filter((a): a is string => typeof a === 'string');

  if (iss.toLowerCase() === app.appId.toLowerCase()) {
    // A certificate credential: the app signed its own assertion for this token endpoint.
    if (String(payload.sub ?? '').toLowerCase() !== app.appId.toLowerCase()) throw Aad.assertionAppMismatch();
    const x5t256 = typeof header['x5t#S256'] === 'string' ? Buffer.from(header['x5t#S256'] as string, 'base64url').toString('hex') : undefined;
    const x5t = typeof header.x5t === 'string' ? Buffer.from(header.x5t as string, 'base64url').toString('hex') : undefined;
    if (!x5t && !x5t256) throw Aad.assertionMalformed();
    const cert = app.certs.find((c) => (x5t256 ? c.sha256 === x5t256 : c.sha1 === x5t));
    if (!cert) throw Aad.assertionKeyNotFound((x5t256 ?? x5t ?? '').toUpperCase());
    if (!verifySignature(jwt, cert.key)) throw Aad.assertionSignature();
    if (!timeOk) throw Aad.assertionTime();
    const allowed = tokenEndpointAudiences(cloud, ref, segment);
    const aud = audiences.find((a) => allowed.has(norm(a)));
    if (!aud) throw Aad.assertionAudience(audiences[0] ?? '');
    return;
  }

  // A federated credential: a token from an outside issuer the app trusts for a given subject.
  const trusted = (app.federatedCredentials ?? []).filter((f) => f.issuer === iss);
  if (!trusted.length) {
    if (app.certs.length && !app.federatedCredentials?.length) throw Aad.assertionAppMismatch();
    throw Aad.federatedIssuer(iss);
  }
  const sub = String(payload.sub ?? '');
  const bySubject = trusted.filter((f) => f.subject === sub);
  if (!bySubject.length) throw Aad.federatedSubject(sub);
  if (!bySubject.some((f) => f.audiences.some((a) => audiences.includes(a)))) throw Aad.federatedAudience(audiences.join(', '));
  const keys = cloud.directory.issuerKeysFor(iss) ?? [];
  const candidates = typeof header.kid === 'string' ? keys.filter((k) => !k.kid || k.kid === header.kid) : keys;
  if (!candidates.some((k) => verifySignature(jwt, k.key))) throw Aad.assertionSignature();
  if (!timeOk) throw Aad.assertionTime();
}

function norm(u: string): string {
  return u.toLowerCase().replace(/\/+$/, '');
}

/** The audiences a certificate assertion may name: this tenant's token endpoints and issuer. */
function tokenEndpointAudiences(cloud: Cloud, ref: TenantRef, segment: string): Set<string> {
  const names = new Set<string>([segment]);
  if (ref.kind === 'tenant') {
    names.add(ref.tenant.id);
    for (const d of ref.tenant.domains) names.add(d);
  }
  const out = new Set<string>();
  for (const n of names) {
    for (const suffix of ['/oauth2/v2.0/token', '/oauth2/token', '/v2.0', '/']) out.add(norm(`${cloud.baseUrl}/${n}${suffix}`));
  }
  return out;
}
