/**
 * A throwaway key and self-signed certificate for localhost and 127.0.0.1, as PEM files in a
 * fresh temporary folder, for tests of TLS listeners and clients. Made with `openssl` (a new
 * pair each time); where it is not installed, a fixed test-only pair is written instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Self-signed test-only ECDSA pair for localhost / 127.0.0.1, valid 2020-01-01 to 2120-01-01
// (the one ws-tls.test.ts uses); taken when openssl is not installed.
const FALLBACK_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg/d5MDF3rNrCjsuuz
z5IzMH3MrKrGmTNVjOYFdtS/BlChRANCAAQe+Zae0ALpnKpzJQFIGVeHQcr43fwz
KS7idsSCm14ma/P0/y2XUVGFm6JVzXTBSysYcj4jy/5VMYp3AG0Ed4BY
-----END PRIVATE KEY-----
`;
const FALLBACK_CERT = `-----BEGIN CERTIFICATE-----
MIIBaDCCAQ2gAwIBAgIBATAKBggqhkjOPQQDAjAUMRIwEAYDVQQDDAlsb2NhbGhv
c3QwIBcNMjAwMTAxMDAwMDAwWhgPMjEyMDAxMDEwMDAwMDBaMBQxEjAQBgNVBAMM
CWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABB75lp7QAumcqnMl
AUgZV4dByvjd/DMpLuJ2xIKbXiZr8/T/LZdRUYWbolXNdMFLKxhyPiPL/lUxincA
bQR3gFijTjBMMBoGA1UdEQQTMBGCCWxvY2FsaG9zdIcEfwAAATAPBgNVHRMBAf8E
BTADAQH/MB0GA1UdDgQWBBSxlTaihjxGymtrRHpNOqfs0fRXDjAKBggqhkjOPQQD
AgNJADBGAiEA8XMBKiRnthYZTkoqha6mGgvlJdc0nA44ydh0c2x7gM4CIQD34hGD
85XIWqOC7oRopYcngCuEUnJEqGrITHhjPSrgWQ==
-----END CERTIFICATE-----
`;

/** The fixed test-only pair itself, for tests that want it in memory (PEM text). */
export const TEST_TLS_PAIR = { key: FALLBACK_KEY, cert: FALLBACK_CERT } as const;

/** A throwaway key and self-signed certificate for localhost / 127.0.0.1, as PEM files. */
export interface TlsFiles {
  readonly dir: string;
  readonly keyFile: string;
  readonly certFile: string;
  /** The certificate text, to trust it as a CA. */
  readonly cert: string;
  remove(): void;
}

/** Makes the pair; `remove()` deletes its folder. */
export function makeTlsFiles(): TlsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'mediate-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  let cert = FALLBACK_CERT;
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(certFile, 'utf8');
  } catch {
    writeFileSync(keyFile, FALLBACK_KEY);
    writeFileSync(certFile, FALLBACK_CERT);
  }
  return { dir, keyFile, certFile, cert, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
