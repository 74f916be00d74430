import { fromBase64Url, toBase64Url } from '../base64url';
import { ConfigError } from '../config';
import type { SiteSecrets } from './types';

/**
 * Per-site secrets at rest: AES-256-GCM (WebCrypto) under a key derived with HKDF from the
 * SITE_SECRETS_KEY secret binding. The site id is the additional data, so a ciphertext
 * copied to another site's row does not decrypt. Format: `v1.<iv>.<ciphertext>` (base64url).
 */

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function aesKey(secret: string | undefined): Promise<CryptoKey> {
  if (!secret || secret.length < 32) {
    throw new ConfigError('SITE_SECRETS_KEY must be set to at least 32 random characters to store site secrets (wrangler secret put SITE_SECRETS_KEY).');
  }
  let key = keys.get(secret);
  if (!key) {
    key = (async () => {
      const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
      return crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('popin-booking'), info: encoder.encode('site secrets v1') },
        base,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      );
    })();
    keys.set(secret, key);
  }
  return key;
}

export async function encryptSecrets(secrets: SiteSecrets, siteId: string, secret: string | undefined): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(siteId) },
    await aesKey(secret),
    encoder.encode(JSON.stringify(secrets)),
  );
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

export async function decryptSecrets(sealed: string, siteId: string, secret: string | undefined): Promise<SiteSecrets> {
  const [version, iv, data] = sealed.split('.');
  const key = await aesKey(secret);
  try {
    const ivBytes = iv && fromBase64Url(iv);
    const dataBytes = data && fromBase64Url(data);
    if (version !== 'v1' || !ivBytes || !dataBytes) throw new Error('format');
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: ivBytes, additionalData: encoder.encode(siteId) }, key, dataBytes);
    return JSON.parse(new TextDecoder().decode(plain)) as SiteSecrets;
  } catch {
    // Never the ciphertext or the key in the message.
    throw new ConfigError(`the stored secrets of site "${siteId}" cannot be decrypted with SITE_SECRETS_KEY (was the key changed?).`);
  }
}
