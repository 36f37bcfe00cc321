/**
 * TLS for the admin port (`mediate start --tls-key FILE --tls-cert FILE`): the studio, the API
 * and the event stream over HTTPS and wss, so the API token and the login cookie do not travel in
 * clear text when the server listens beyond loopback. PEM files, as the runtime's HTTPS listener
 * reads (`[transport.https] key_file`, `cert_file`).
 *
 * Everything is checked before anything starts, and each problem is one line naming the file:
 * unreadable, not PEM, an encrypted key, or a key that is not the certificate's.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createSecureContext } from 'node:tls';

/** The key and certificate chain, as read. */
export interface AdminTls {
  readonly key: Buffer;
  readonly cert: Buffer;
  /** When the (first) certificate stops being valid. */
  readonly validTo: Date;
}

/** A TLS file that cannot be used; the message names it and says why. */
export class AdminTlsError extends Error {
  override readonly name = 'AdminTlsError';
}

function read(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (e as Error).message;
    throw new AdminTlsError(`cannot read ${option} ${file}: ${why}`);
  }
}

function privateKey(file: string, pem: Buffer): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MISSING_PASSPHRASE')
      throw new AdminTlsError(
        `--tls-key ${file} is encrypted; give an unencrypted PEM key (openssl pkey -in ${path.basename(file)} -out key.pem)`,
      );
    throw new AdminTlsError(`--tls-key ${file} is not a PEM private key`);
  }
}

function certificate(file: string, pem: Buffer): X509Certificate {
  try {
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate');
    return new X509Certificate(pem);
  } catch {
    throw new AdminTlsError(`--tls-cert ${file} is not a PEM certificate`);
  }
}

/**
 * Reads and checks the pair; undefined when neither is given. Relative paths are taken from the
 * current folder. Throws {@link AdminTlsError}.
 */
export function readAdminTls(keyOption?: string, certOption?: string): AdminTls | undefined {
  if (keyOption === undefined && certOption === undefined) return undefined;
  if (certOption === undefined)
    throw new AdminTlsError(
      '--tls-key needs --tls-cert (or MEDIATE_TLS_CERT) too: the certificate, as a PEM file',
    );
  if (keyOption === undefined)
    throw new AdminTlsError(
      '--tls-cert needs --tls-key (or MEDIATE_TLS_KEY) too: its private key, as a PEM file',
    );
  const keyFile = path.resolve(keyOption);
  const certFile = path.resolve(certOption);
  const key = read('--tls-key', keyFile);
  const cert = read('--tls-cert', certFile);
  const keyObject = privateKey(keyFile, key);
  const x509 = certificate(certFile, cert);
  if (!x509.checkPrivateKey(keyObject))
    throw new AdminTlsError(
      `--tls-key ${keyFile} is not the private key of the certificate in --tls-cert ${certFile}`,
    );
  try {
    createSecureContext({ key, cert });
  } catch (e) {
    throw new AdminTlsError(
      `--tls-key ${keyFile} and --tls-cert ${certFile} cannot be used: ${(e as Error).message}`,
    );
  }
  return { key, cert, validTo: new Date(x509.validTo) };
}
