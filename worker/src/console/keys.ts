import { ConfigError, isLocalDemo, type Config } from '../config';
import { weakSecret } from '../secrets';
import type { Bindings } from '../env';
import { siteDirectory } from '../sites/directory';
import { siteSecrets } from '../sites/store';
import type { SiteState } from '../sites/types';

/**
 * Seller console keys. A site's key is, in this order: the one stored through the console
 * (PUT …/secrets, encrypted), its entry in CONSOLE_KEYS, or `consoleKey` in its SITES entry.
 */

const MIN_KEY = 32;
let parsed: { raw: string | undefined; localDemo: string | undefined; keys: ReadonlyMap<string, string> } | undefined;

/** CONSOLE_KEYS parsed once per value; a bad value fails the console loudly, naming the setting. */
export function consoleKeys(env: Bindings): ReadonlyMap<string, string> {
  const raw = env.CONSOLE_KEYS;
  if (parsed && parsed.raw === raw && parsed.localDemo === env.LOCAL_DEMO) return parsed.keys;
  const keys = new Map<string, string>();
  if (raw !== undefined && raw.trim() !== '') {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ConfigError('CONSOLE_KEYS is not valid JSON (expected { "<site>": "<key>" }).');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError('CONSOLE_KEYS must be a JSON object { "<site>": "<key>" }.');
    // The local demo's own key is public; anywhere else a key must be long, random and no published value.
    const localDemo = isLocalDemo(env);
    for (const [site, key] of Object.entries(value)) {
      // The site id only, never the key, in the message.
      if (typeof key !== 'string' || key.length < MIN_KEY) throw new ConfigError(`CONSOLE_KEYS.${site.slice(0, 64)} must be at least ${MIN_KEY} random characters.`);
      const weak = localDemo ? undefined : weakSecret(key, MIN_KEY);
      if (weak) throw new ConfigError(`CONSOLE_KEYS.${site.slice(0, 64)} ${weak}.`);
      keys.set(site, key);
    }
  }
  parsed = { raw, localDemo: env.LOCAL_DEMO, keys };
  return keys;
}

export async function consoleKeyOf(env: Bindings, config: Config, siteId: string, state: SiteState): Promise<string | undefined> {
  const stored = (await siteSecrets(env, siteId, state)).console_key;
  return stored ?? consoleKeys(env).get(siteId) ?? config.sites.get(siteId)?.consoleKey;
}

/** SHA-256 of a key, hex: how the directory finds the site a stored key belongs to. */
export async function keyHash(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The site a console key belongs to, if any (to tell "another site's key" from "no key at all"). */
export async function siteOfKey(env: Bindings, config: Config, key: string): Promise<string | undefined> {
  // Hashes compared, not the keys: a plain === would time how much of another site's key matched.
  const hash = await keyHash(key);
  for (const [site, candidate] of consoleKeys(env)) if ((await keyHash(candidate)) === hash) return site;
  for (const [site, { consoleKey }] of config.sites) if (consoleKey && (await keyHash(consoleKey)) === hash) return site;
  return (await siteDirectory(env).siteOfConsoleKey(hash)) ?? undefined;
}
