/**
 * A service principal's certificate from a file: PKCS#12 (.pfx/.p12, as Az takes) or PEM with
 * the certificate and its private key. MSAL wants the key as PEM and the certificate's SHA-256
 * thumbprint; x5c is the certificate itself, sent only when the chain is asked for (SNI auth).
 */
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type Forge from 'node-forge';
import { fail, MyAccountError } from '../core/errors.js';

export interface LoadedCertificate {
  thumbprintSha256: string;
  privateKey: string;
  x5c: string;
  subject: string;
  notAfter: Date;
}

function unreadable(path: string, why: string): MyAccountError {
  return fail.CertificateUnreadable(`The certificate ${path} cannot be used: ${why}`, { target: 'CertificatePath' });
}

function fromDer(der: Buffer, keyPem: string): LoadedCertificate {
  const cert = new X509Certificate(der);
  return {
    thumbprintSha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
    privateKey: keyPem,
    x5c: der.toString('base64'),
    subject: cert.subject,
    notAfter: new Date(cert.validTo),
  };
}

function fromPem(path: string, text: string, password: string | undefined): LoadedCertificate {
  const certMatch = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text);
  const keyMatch = /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/.exec(text);
  if (!certMatch) throw unreadable(path, 'it holds no PEM certificate.');
  if (!keyMatch) throw unreadable(path, 'it holds no private key. Put the certificate and its private key in one PEM file, or use a .pfx file.');
  let key;
  try {
    key = createPrivateKey({ key: keyMatch[0], passphrase: password });
  } catch {
    throw unreadable(path, password ? 'the private key does not open with the certificate password given.' : 'the private key is encrypted; give --certificate-password.');
  }
  const der = new X509Certificate(certMatch[0]).raw;
  return fromDer(der, key.export({ type: 'pkcs8', format: 'pem' }).toString());
}

async function fromPkcs12(path: string, data: Buffer, password: string | undefined): Promise<LoadedCertificate> {
  const { default: forge } = await import('node-forge');
  let p12;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(data.toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password ?? '');
  } catch {
    throw unreadable(path, password ? 'it is not a PKCS#12 file, or the certificate password is wrong.' : 'it is not a PKCS#12 file, or it needs --certificate-password.');
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const key = keyBags.find((b) => b.key)?.key;
  if (!key) throw unreadable(path, 'it holds no private key.');
  // The leaf is the certificate whose public key matches the private key.
  const modulus = (key as Forge.pki.rsa.PrivateKey).n?.toString(16);
  const leaf = certBags.map((b) => b.cert).find((c) => c && (c.publicKey as Forge.pki.rsa.PublicKey).n?.toString(16) === modulus) ?? certBags[0]?.cert;
  if (!leaf) throw unreadable(path, 'it holds no certificate.');
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(leaf)).getBytes(), 'binary');
  const rsaPem = forge.pki.privateKeyToPem(key);
  const pkcs8 = createPrivateKey(rsaPem).export({ type: 'pkcs8', format: 'pem' }).toString();
  return fromDer(der, pkcs8);
}

export async function loadCertificate(path: string, password: string | undefined): Promise<LoadedCertificate> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw unreadable(path, code === 'ENOENT' ? 'the file does not exist.' : `it cannot be read (${code ?? 'error'}).`);
  }
  const text = data.toString('latin1');
  return text.includes('-----BEGIN') ? fromPem(path, text, password) : fromPkcs12(path, data, password);
}
