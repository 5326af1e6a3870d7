import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkCaDates, checkCertificateDates } from './certificateDates.ts';
import { ConfigError } from './ConfigError.ts';
import { isCertificate, pemBlocks, type PemBlock } from './pemBlocks.ts';
import { setting } from './setting.ts';

/** What a PEM variable must hold: certificates (a server's, a client's, a CA bundle) or a private key. */
export type PemKind = 'certificate' | 'private key';

const isPrivateKey = (block: PemBlock) => block.label.endsWith('PRIVATE KEY');

/**
 * The PEM file a variable names, read and checked once at start-up: its text, or `undefined` when
 * the variable is unset. A certificate variable must hold certificates that node:crypto parses (a
 * bundle: each of them), a key variable an unencrypted private key it parses. A file that cannot be
 * read, holds no PEM, holds the other kind (a key given as the certificate) or does not parse is a
 * {@link ConfigError} naming the variable (and the path, never the file's content).
 */
export function pemSetting(env: NodeJS.ProcessEnv, variable: string, what: string, kind: PemKind): string | undefined {
  const path = setting(env, variable);
  if (path === undefined) return undefined;
  const named = `${variable}=${JSON.stringify(path)}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(variable, `${named} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): expected ${what}, a PEM file`);
  }
  const blocks = pemBlocks(text);
  if (blocks.length === 0) throw new ConfigError(variable, `${named} holds no PEM block: expected ${what}`);
  if (kind === 'certificate') {
    const certificates = blocks.filter(isCertificate);
    if (certificates.length === 0) throw new ConfigError(variable, `${named} holds ${blocks[0]!.label}, not a CERTIFICATE: expected ${what}`);
    for (const block of certificates) {
      try {
        new X509Certificate(block.text);
      } catch {
        throw new ConfigError(variable, `${named} holds a CERTIFICATE block that is not a valid X.509 certificate: expected ${what}`);
      }
    }
    return text;
  }
  const key = blocks.find(isPrivateKey);
  if (!key) throw new ConfigError(variable, `${named} holds ${blocks[0]!.label}, not a PRIVATE KEY: expected ${what}`);
  if (key.label === 'ENCRYPTED PRIVATE KEY') throw new ConfigError(variable, `${named} holds an encrypted private key: expected ${what}, unencrypted (there is no passphrase setting)`);
  try {
    createPrivateKey(key.text);
  } catch {
    throw new ConfigError(variable, `${named} holds a ${key.label} block that is not a valid private key: expected ${what}`);
  }
  return text;
}

/** The two variables of a certificate and its key, and what they are for (`HTTPS`, `the gateway's client certificate`). */
export interface KeyPairVariables {
  cert: string;
  key: string;
  /** What the certificate is, for messages: `the subgraph's certificate`. */
  what: string;
  /** What needs both, for the message when one is missing: `HTTPS`. */
  purpose: string;
}

/**
 * A certificate and its private key, both or neither, each checked as {@link pemSetting} does, and
 * the key checked to be the certificate's own (the first certificate of the file: the leaf, before
 * any chain), and the certificate within its validity now (see `checkCertificateDates`).
 * `undefined` when neither is set.
 * @throws {ConfigError} naming the missing variable, the unusable one, the key that does not fit, or
 *   the certificate that has expired or is not valid yet (with the date)
 */
export function keyPairSetting(env: NodeJS.ProcessEnv, variables: KeyPairVariables): { cert: string; key: string } | undefined {
  const cert = pemSetting(env, variables.cert, variables.what, 'certificate');
  const key = pemSetting(env, variables.key, `the private key of ${variables.cert}'s certificate`, 'private key');
  if (!cert !== !key) {
    const missing = cert ? variables.key : variables.cert;
    throw new ConfigError(missing, `${missing} is not set: ${variables.purpose} needs both ${variables.cert} and ${variables.key}`);
  }
  if (!cert || !key) return undefined;
  const leaf = new X509Certificate(pemBlocks(cert).find(isCertificate)!.text);
  if (!leaf.checkPrivateKey(createPrivateKey(pemBlocks(key).find(isPrivateKey)!.text))) {
    throw new ConfigError(
      variables.key,
      `${variables.key}=${JSON.stringify(setting(env, variables.key))} is not the private key of ${variables.cert}=${JSON.stringify(setting(env, variables.cert))}'s certificate (key values mismatch): give the key made with that certificate`,
    );
  }
  checkCertificateDates(variables.cert, setting(env, variables.cert)!, leaf.toString(), variables.what);
  return { cert, key };
}

/**
 * A CA file (certificates that verify a peer's), read as {@link pemSetting} reads it, and refused when
 * no certificate in it is valid now (see `checkCaDates`). `undefined` when the variable is unset.
 */
export function caSetting(env: NodeJS.ProcessEnv, variable: string, what: string, now: Date = new Date()): string | undefined {
  const ca = pemSetting(env, variable, what, 'certificate');
  if (ca !== undefined) checkCaDates(variable, setting(env, variable)!, ca, what, now);
  return ca;
}
