/**
 * The emulator's own certificate authority and the leaf certificate it serves. Both are made on
 * first start and reused, so a client told to trust the CA once keeps trusting it. Keys and
 * signatures come from node:crypto, the certificates' structure from node-forge (x509.ts).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import forge from 'node-forge';
import { emulatorPaths, readIfExists, writePrivateFile } from './files.js';
import { forgePublicKey, newRsaKey, newRsaKeySync, randomSerial, signCertificate } from './x509.js';

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
  caCertPath: string;
  caBundlePath: string;
  /** SHA-256 of the CA certificate, uppercase hex with colons (as browsers show it). */
  caFingerprint: string;
  /** base64 SHA-256 of the leaf's SubjectPublicKeyInfo, for Chromium's --ignore-certificate-errors-spki-list. */
  leafSpkiSha256: string;
}

const DAY = 86_400_000;
const LEAF_DAYS = 397; // within the 398-day limit browsers enforce on server certificates
const RENEW_WITHIN_DAYS = 30;

export async function ensureTls(dataDir: string, now: () => number = Date.now): Promise<TlsMaterial> {
  const p = emulatorPaths(dataDir);
  let caPem = readIfExists(p.caCert);
  let caKeyPem = readIfExists(p.caKey);
  let certPem = readIfExists(p.leafCert);
  let keyPem = readIfExists(p.leafKey);
  const caGood = !!caPem && !!caKeyPem && validFor(caPem, now(), RENEW_WITHIN_DAYS);
  const leafGood = caGood && !!certPem && !!keyPem && validFor(certPem, now(), RENEW_WITHIN_DAYS) && issuedBy(certPem, caPem!);
  // A new CA means a new leaf too: both keys at once.
  const [newCaKey, newLeafKey] = await Promise.all([caGood ? null : newRsaKey(), leafGood ? null : newRsaKey()]);
  if (newCaKey) {
    ({ certPem: caPem, keyPem: caKeyPem } = makeCa(newCaKey, now()));
    writePrivateFile(p.caKey, caKeyPem);
    writePrivateFile(p.caCert, caPem, 0o644);
  }
  if (newLeafKey) {
    ({ certPem, keyPem } = makeLeaf(newLeafKey, caPem!, caKeyPem!, now()));
    writePrivateFile(p.leafKey, keyPem);
    writePrivateFile(p.leafCert, certPem, 0o644);
  }
  if (!caPem || !certPem || !keyPem) throw new Error('the local cloud\'s certificates could not be made');
  writeCaBundle(p.caBundle, caPem);
  const ca = new X509Certificate(caPem);
  const leaf = new X509Certificate(certPem);
  const spki = leaf.publicKey.export({ type: 'spki', format: 'der' });
  return {
    caPem,
    certPem,
    keyPem,
    caCertPath: p.caCert,
    caBundlePath: p.caBundle,
    caFingerprint: ca.fingerprint256,
    leafSpkiSha256: createHash('sha256').update(spki).digest('base64'),
  };
}

const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

/** Clients such as Python requests take one bundle that replaces the system store, so offer both in one file. */
function writeCaBundle(path: string, caPem: string): void {
  const system = SYSTEM_BUNDLES.find((f) => existsSync(f));
  const content = (system ? readFileSync(system, 'utf8').trimEnd() + '\n' : '') + caPem;
  if (readIfExists(path) !== content) writePrivateFile(path, content, 0o644);
}

function validFor(pem: string, now: number, days: number): boolean {
  try {
    const cert = new X509Certificate(pem);
    return Date.parse(cert.validFrom) <= now && Date.parse(cert.validTo) > now + days * DAY;
  } catch {
    return false;
  }
}

function issuedBy(leafPem: string, caPem: string): boolean {
  try {
    return new X509Certificate(leafPem).verify(new X509Certificate(caPem).publicKey);
  } catch {
    return false;
  }
}

/**
 * A throwaway CA and a server certificate it signs for `hostnames`, kept in memory only. For
 * benchmarks and tests that must stand in for a public host a client insists on asking (the
 * Azure CLI's instance discovery at login.microsoftonline.com): the local cloud's own CA never
 * signs a public name, so trusting it cannot vouch for one.
 */
export function makeStandInCertificates(hostnames: string[], now: number = Date.now()): { caPem: string; certPem: string; keyPem: string } {
  const ca = makeCa(newRsaKeySync(), now, 'MyAccount stand-in CA (throwaway, not Microsoft)');
  const altNames = hostnames.map((value) => ({ type: 2, value }));
  return { caPem: ca.certPem, ...makeLeaf(newRsaKeySync(), ca.certPem, ca.keyPem, now, hostnames[0] ?? 'localhost', altNames) };
}

function makeCa(keyPem: string, now: number, commonName = 'MyAccount Local Cloud CA'): { certPem: string; keyPem: string } {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forgePublicKey(keyPem);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = new Date(now - DAY);
  cert.validity.notAfter = new Date(now + 3650 * DAY);
  const name = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'MyAccount local cloud (emulator, not Microsoft)' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(cert, keyPem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

const LOCAL_NAMES = [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }];

function makeLeaf(keyPem: string, caPem: string, caKeyPem: string, now: number, commonName = '127.0.0.1', altNames: object[] = LOCAL_NAMES): { certPem: string; keyPem: string } {
  const ca = forge.pki.certificateFromPem(caPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forgePublicKey(keyPem);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = new Date(now - DAY);
  cert.validity.notAfter = new Date(now + LEAF_DAYS * DAY);
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  cert.setIssuer(ca.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  signCertificate(cert, caKeyPem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}
