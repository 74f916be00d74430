/**
 * What a configured secret and a vendor base URL must be. A secret the worker owns (the token
 * secret, the admin secret, the webhook secrets) must be long, not a placeholder from
 * `.dev.vars.example` or a value of the local demo, and not guessable from its own characters.
 * Outside the local demo (config.ts `localDemo`) a bad one fails every request, naming the key.
 */

/**
 * Public values that must never protect a deployment: `.dev.vars.example`'s placeholders and
 * the local demo's secrets (demo/local-secrets.ts); test/worker/config.test.ts checks that
 * every one of them is in this list.
 */
const KNOWN_VALUES = new Set([
  'change-me-to-at-least-32-random-characters',
  'change-me-to-at-least-24-random-characters',
  'change-me-to-at-least-32-random-characters-too',
  'your-popin-api-key',
  'your-10times-key',
  'your-turnstile-secret',
  'your-pgi-api-key',
  'local-demo-token-secret-never-use-in-production',
  'local-demo-webhook-secret-0123456789',
  'local-demo-admin-secret-never-use-in-production',
  'local-demo-turnstile-secret',
  'sim-api-key',
  'sim-10times-key',
  'sim-pgi-key',
  'sim-enablex-key',
  'local-demo-console-key-never-use-in-production',
  'local-demo-site-secrets-key-never-use-in-production',
]);
/** Words that only a placeholder holds. */
const PLACEHOLDER = /change-?me|your-|example|placeholder|never-use|local-demo|secret-?here|replace-?me/i;

/** Bits of entropy a secret must show (a random 24-character base64 secret shows 90 to 110). */
export const MIN_SECRET_BITS = 80;

/**
 * Why `value` is not good enough to be a secret of ours, or undefined when it is. The estimate is
 * the Shannon entropy of its own characters times its length: it cannot tell a random string from
 * a clever passphrase, but it refuses repeats, short alphabets and keyboard walks.
 */
export function weakSecret(value: string, minLength: number): string | undefined {
  if (value.length < minLength) return `must be at least ${minLength} random characters`;
  if (KNOWN_VALUES.has(value) || PLACEHOLDER.test(value)) return 'is a published example or demo value; generate your own (openssl rand -base64 48)';
  if (entropyBits(value) < MIN_SECRET_BITS) return `is too predictable (about ${Math.floor(entropyBits(value))} bits); generate a random one (openssl rand -base64 48)`;
  return undefined;
}

/** A vendor key may be anything the vendor issued, but not a published placeholder or a simulator's key. */
export function placeholderKey(value: string): boolean {
  return KNOWN_VALUES.has(value);
}

export function entropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...value].length;
  let perChar = 0;
  for (const count of counts.values()) perChar -= (count / length) * Math.log2(count / length);
  return perChar * length;
}

/** True for a host on this machine: the only one a plain-http base URL may point to. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why a vendor base URL is refused, or undefined: it must be https (credentials and customers'
 * data travel on it), or http to a loopback host (the local demo and its simulators).
 */
export function badBaseUrl(raw: string): string | undefined {
  if (!URL.canParse(raw)) return 'must be an https URL';
  const url = new URL(raw);
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url)) return undefined;
  return url.protocol === 'http:' ? 'must use https (plain http only to a loopback host such as 127.0.0.1)' : 'must be an https URL';
}
