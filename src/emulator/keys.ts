/**
 * The key that signs every token, and the JWKS that publishes it. Like Entra ID, one key serves
 * every tenant and its `kid` equals the certificate's `x5t`, so validators that look up by either
 * find it. The key is kept in the data folder so tokens issued before a restart still verify.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { readIfExists, writePrivateFile } from './files.js';
import { forgePublicKey, newRsaKey, randomSerial, signCertificate } from './x509.js';

export interface Jwk {
  kty: string;
  use?: string;
  kid?: string;
  x5t?: string;
  n?: string;
  e?: string;
  x5c?: string[];
  alg?: string;
  crv?: string;
  x?: string;
  y?: string;
  [k: string]: unknown;
}

export interface Jwks {
  keys: Jwk[];
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

export function b64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

/** Splits a compact JWS without checking it; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  if (typeof token !== 'string' || token.length > 16_384) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[0] || !parts[1]) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return undefined;
  }
}

/** Verifies a JWS signature for the algorithms Entra clients use; false for anything else. */
export function verifySignature(jwt: DecodedJwt, key: KeyObject): boolean {
  const data = Buffer.from(jwt.signingInput);
  try {
    switch (jwt.header.alg) {
      case 'RS256':
        return key.asymmetricKeyType === 'rsa' && verify('sha256', data, key, jwt.signature);
      case 'PS256':
        return verify('sha256', data, { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: -2 /* auto */ }, jwt.signature);
      case 'ES256':
        return key.asymmetricKeyType === 'ec' && verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, jwt.signature);
      default:
        return false;
    }
  } catch {
    return false;
  }
}

export class TokenSigner {
  readonly kid: string;
  readonly jwks: Jwks;
  readonly publicKey: KeyObject;
  private readonly privateKey: KeyObject;
  private readonly encodedHeader: string;

  constructor(keyPem: string, certPem: string) {
    this.privateKey = createPrivateKey(keyPem);
    this.publicKey = createPublicKey(this.privateKey);
    const cert = new X509Certificate(certPem);
    this.kid = b64url(Buffer.from(cert.fingerprint.replace(/:/g, ''), 'hex'));
    const jwk = this.publicKey.export({ format: 'jwk' }) as Jwk;
    this.jwks = { keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, x5t: this.kid, n: jwk.n, e: jwk.e, x5c: [cert.raw.toString('base64')] }] };
    // The header never changes, so it is encoded once rather than on every token.
    this.encodedHeader = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5t: this.kid, kid: this.kid }));
  }

  sign(payload: object): string {
    const input = `${this.encodedHeader}.${b64url(JSON.stringify(payload))}`;
    return `${input}.${sign('sha256', Buffer.from(input), this.privateKey).toString('base64url')}`;
  }

  /**
   * sign, with the RSA signature computed on libuv's thread pool instead of the event loop. For
   * tokens that are always fresh (a person's: an access and an ID token per answer, ~0.6 ms of
   * RSA each here): a client asking for eight tenants at once otherwise waits while the loop
   * signs sixteen tokens one after another and reads no other request meanwhile.
   */
  signAsync(payload: object): Promise<string> {
    const input = `${this.encodedHeader}.${b64url(JSON.stringify(payload))}`;
    return new Promise((resolve, reject) => {
      sign('sha256', Buffer.from(input), this.privateKey, (error, signature) => (error ? reject(error) : resolve(`${input}.${signature.toString('base64url')}`)));
    });
  }

  /** The payload of a token this signer issued, or undefined when the signature or key does not match. */
  verify(token: string): Record<string, unknown> | undefined {
    const jwt = decodeJwt(token);
    if (!jwt || jwt.header.alg !== 'RS256' || jwt.header.kid !== this.kid) return undefined;
    return verifySignature(jwt, this.publicKey) ? jwt.payload : undefined;
  }
}

export async function loadOrCreateSigner(keyPath: string, certPath: string, now: number): Promise<TokenSigner> {
  let keyPem = readIfExists(keyPath);
  let certPem = readIfExists(certPath);
  if (!keyPem || !certPem) {
    keyPem = await newRsaKey();
    certPem = selfSigned(keyPem, now);
    writePrivateFile(keyPath, keyPem);
    writePrivateFile(certPath, certPem, 0o644);
  }
  return new TokenSigner(keyPem, certPem);
}

function selfSigned(keyPem: string, now: number): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forgePublicKey(keyPem);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = new Date(now - 86_400_000);
  cert.validity.notAfter = new Date(now + 3650 * 86_400_000);
  const name = [{ name: 'commonName', value: 'MyAccount local cloud token signing' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  signCertificate(cert, keyPem);
  return forge.pki.certificateToPem(cert);
}

export function sha256b64url(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
