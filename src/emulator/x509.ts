/**
 * What the local cloud's certificates are made with: RSA-2048 keys from node:crypto (on libuv's
 * thread pool when the caller can wait, so the keys of one start are made side by side), and
 * node-forge to build each X.509 certificate, whose signature node:crypto computes. forge's own
 * RSA in JavaScript took ~50 ms a signature here (~145 ms of a first start); the bytes are the
 * same (RSA PKCS #1 v1.5 with SHA-256 is deterministic).
 */
import { createPublicKey, createSign, generateKeyPair, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

const RSA = { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } } as const;

/** A new RSA-2048 private key (PKCS #8 PEM), made on the thread pool. */
export function newRsaKey(): Promise<string> {
  return new Promise((resolve, reject) => generateKeyPair('rsa', RSA, (error, _publicKey, privateKey) => (error ? reject(error) : resolve(privateKey))));
}

/** newRsaKey, on this thread (for callers that cannot wait: throwaway certificates of tests and benchmarks). */
export function newRsaKeySync(): string {
  return generateKeyPairSync('rsa', RSA).privateKey;
}

/** The public half of a private key, as forge sets it on a certificate. */
export function forgePublicKey(keyPem: string): forge.pki.PublicKey {
  return forge.pki.publicKeyFromPem(createPublicKey(keyPem).export({ type: 'spki', format: 'pem' }).toString());
}

/** What forge's cert.sign(key, sha256) does, with the signature from node:crypto. */
export function signCertificate(cert: forge.pki.Certificate, keyPem: string): void {
  // forge's typings leave out the fields its own sign() sets.
  const c = cert as forge.pki.Certificate & { md: forge.md.MessageDigest; signatureOid: string; siginfo: { algorithmOid: string }; tbsCertificate: forge.asn1.Asn1 };
  c.md = forge.md.sha256.create();
  c.signatureOid = c.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  c.tbsCertificate = (forge.pki as typeof forge.pki & { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(c.tbsCertificate).getBytes(), 'binary');
  c.signature = createSign('sha256').update(tbs).sign(keyPem).toString('binary');
}

/**
 * A positive 16-byte certificate serial in hex. DER integers must be minimal, so the first byte
 * has its top bit clear (positive) and is not zero (no padding byte).
 */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x40;
  return bytes.toString('hex');
}
