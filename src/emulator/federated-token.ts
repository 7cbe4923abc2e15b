/**
 * Minting a workload identity token from the default seed's federated issuer, the way a CI
 * system (GitHub Actions, Kubernetes) would hand one to a job. For tests and demos of
 * federated sign-in against the local cloud only.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { FEDERATED_AUDIENCE, FEDERATED_ISSUER, FEDERATED_ISSUER_KEY_PEM, FEDERATED_ISSUER_KID, FEDERATED_SUBJECT } from './default-seed-keys.js';
import { b64url } from './keys.js';

export function createFederatedToken(options: { subject?: string; audience?: string; issuer?: string; lifetimeSeconds?: number; now?: number; privateKeyPem?: string; kid?: string } = {}): string {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: options.kid ?? FEDERATED_ISSUER_KID };
  const payload = {
    iss: options.issuer ?? FEDERATED_ISSUER,
    sub: options.subject ?? FEDERATED_SUBJECT,
    aud: options.audience ?? FEDERATED_AUDIENCE,
    iat,
    nbf: iat,
    exp: iat + (options.lifetimeSeconds ?? 600),
    jti: b64url(Buffer.from(`${iat}-${Math.random()}`)),
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = sign('sha256', Buffer.from(input), createPrivateKey(options.privateKeyPem ?? FEDERATED_ISSUER_KEY_PEM));
  return `${input}.${signature.toString('base64url')}`;
}
