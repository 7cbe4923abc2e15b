/**
 * The local cloud's certificates are built by node-forge and signed by node:crypto (x509.ts): the
 * signature must be byte for byte what forge's own RSA would have made, and the certificate must
 * verify with node:crypto's X.509 reader.
 */
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { forgePublicKey, newRsaKey, randomSerial, signCertificate } from '../../src/emulator/x509.js';

test('signCertificate gives forge\'s own signature, and node:crypto verifies the certificate', async () => {
  const keyPem = await newRsaKey();
  const build = () => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forgePublicKey(keyPem);
    cert.serialNumber = randomSerial();
    cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
    cert.validity.notAfter = new Date('2027-01-01T00:00:00Z');
    cert.setSubject([{ name: 'commonName', value: 'x509 sign test' }]);
    cert.setIssuer([{ name: 'commonName', value: 'x509 sign test' }]);
    cert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }]);
    return cert;
  };
  const ours = build();
  const theirs = build();
  theirs.serialNumber = ours.serialNumber;
  signCertificate(ours, keyPem);
  theirs.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  expect(forge.pki.certificateToPem(ours)).toBe(forge.pki.certificateToPem(theirs));

  const x509 = new X509Certificate(forge.pki.certificateToPem(ours));
  expect(x509.verify(x509.publicKey)).toBe(true);
  expect(x509.subject).toBe('CN=x509 sign test');
});
