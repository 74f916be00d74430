import { env, exports } from 'cloudflare:workers';
import { beforeEach, expect, vi } from 'vitest';
import { createPopinSimulator } from '../../demo/popin-simulator/app';
import app from '../../worker/src/index';
import { createTentimesSimulator } from '../../demo/tentimes-simulator/app';
import { createPgiSimulator } from '../../demo/pgi-simulator/app';
import { createEnablexSimulator } from '../../demo/enablex-simulator/app';
import { forgetSharedSlots } from '../../worker/src/popin/slots-cache';
import { generalSlotsKey } from '../../worker/src/popin/general-slots';
import { generalSlotsRefresher } from '../../worker/src/popin/refresher';
import { enablexListKey } from '../../worker/src/enablex/demos';
import { EnablexSiteSchema } from '../../worker/src/enablex/config';
import {
  ADMIN_TEST_SECRET,
  CONSOLE_TEST_KEY,
  ENABLEX_TEST_APP_ID,
  EXPO_CONSOLE_TEST_KEY,
  SITE_SECRETS_TEST_KEY,
  ENABLEX_TEST_APP_KEY,
  ENABLEX_TEST_URL,
  ENABLEX_TEST_BASE_URL,
  POPIN_TEST_KEY,
  PGI_TEST_KEY,
  PGI_TEST_URL,
  POPIN_TEST_URL,
  SHOP_ORIGIN,
  TENTIMES_TEST_EVENT,
  TENTIMES_TEST_KEY,
  TENTIMES_TEST_URL,
  TEST_SITES,
  TOKEN_TEST_SECRET,
  TURNSTILE_TEST_SECRET,
  TURNSTILE_TEST_URL,
  WEBHOOK_TEST_SECRET,
} from './bindings';
import { turnstile } from '../../demo/turnstile-fake';
import { siteWebhookSecret } from '../../worker/src/tentimes/webhook-secret';
// Side effect: every answer of the worker in every test is checked against /openapi.json.
import './contract';

/**
 * The Popin simulator answers the worker's outbound fetches to POPIN_TEST_URL, inside the
 * same workerd isolate. Its request log is what Popin would have received.
 */
export const popin = createPopinSimulator({ apiKey: POPIN_TEST_KEY });
/** The 10times simulator, likewise at TENTIMES_TEST_URL. */
export const tentimes = createTentimesSimulator({ apiKey: TENTIMES_TEST_KEY, events: [TENTIMES_TEST_EVENT] });
/** The PGi simulator, likewise at PGI_TEST_URL. */
export const pgi = createPgiSimulator({ apiKey: PGI_TEST_KEY });
/** The EnableX simulator, likewise at ENABLEX_TEST_URL; `enablex.clock` moves its time. */
export const enablex = createEnablexSimulator({ appId: ENABLEX_TEST_APP_ID, appKey: ENABLEX_TEST_APP_KEY });

/** The client address of the current test's requests: a new one per test, so rate limits never carry over. */
export let clientIp = '';

/** The worker's Durable Object bindings, for tests that call app.request with their own env. */
export const durableObjects = {
  RATE_LIMITER: env.RATE_LIMITER, CUSTOMER_BOOKINGS: env.CUSTOMER_BOOKINGS, SITE_DIRECTORY: env.SITE_DIRECTORY, SITE_LEDGER: env.SITE_LEDGER,
  GENERAL_SLOTS_REFRESHER: env.GENERAL_SLOTS_REFRESHER,
};

/** Forgets a shared general list everywhere: this isolate's copy, the edge copy and the site's refresher. */
export async function forgetGeneralSlots(site: string, seller: string): Promise<void> {
  const key = generalSlotsKey(POPIN_TEST_URL, site, seller);
  await forgetSharedSlots(key);
  await generalSlotsRefresher(env.GENERAL_SLOTS_REFRESHER, key).forget();
}

beforeEach(async () => {
  popin.reset();
  turnstile.reset();
  tentimes.reset();
  pgi.reset();
  enablex.reset();
  clientIp = randomClientIp();
  // Each test starts without a shared general slots list (memory, edge copy and refresher).
  for (const [id, site] of Object.entries(TEST_SITES)) {
    await forgetGeneralSlots(id, site.seller);
    if ('enablex' in site) await forgetSharedSlots(enablexListKey(ENABLEX_TEST_BASE_URL, id, EnablexSiteSchema.parse(site.enablex)));
  }
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const { origin } = new URL(request.url);
    if (origin === TURNSTILE_TEST_URL) return turnstile.fetch(request);
    if (origin === TENTIMES_TEST_URL) return tentimes.app.fetch(request);
    if (origin === PGI_TEST_URL) return pgi.app.fetch(request);
    if (origin === ENABLEX_TEST_URL) return enablex.app.fetch(request);
    if (origin !== POPIN_TEST_URL) return realFetch(request);
    return popin.app.fetch(request);
  });
  return () => vi.restoreAllMocks();
});

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  origin?: string | null;
  headers?: Record<string, string>;
}

/** A request to the worker as a browser on the shop's page would send it. */
export async function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (!headers.has('CF-Connecting-IP')) headers.set('CF-Connecting-IP', clientIp);
  const origin = options.origin === undefined ? SHOP_ORIGIN : options.origin;
  if (origin !== null) headers.set('Origin', origin);
  if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  }
  return exports.default.fetch(
    new Request(`https://booking.example${path}`, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body }),
  );
}

/**
 * An address in the IPv6 documentation range, as Cloudflare would set in CF-Connecting-IP: a
 * random /48 and /64 (limits count per /64 with a /48 ceiling), a random interface id.
 */
export function randomClientIp(): string {
  const groups = [...crypto.getRandomValues(new Uint16Array(4))].map((group) => group.toString(16));
  return `2001:db8:${groups[0]}:${groups[1]}::${groups[2]}:${groups[3]}`;
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Captures a customer through the API and returns their token. */
export async function signUp(name = 'Priya Sharma', mobile = '095445 10895', site = 'acme'): Promise<string> {
  const response = await call(`/v1/sites/${site}/customers`, {
    body: { name, mobile },
    origin: site === 'acme' ? SHOP_ORIGIN : null,
  });
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  return (await json<{ token: string }>(response)).token;
}

/** The requests Popin received for one endpoint path suffix (e.g. "capture"). */
export function popinRequests(endpoint: 'capture' | 'slots' | 'register' | 'cancel') {
  return popin.requests.filter((request) => request.path.endsWith(`/conference/${endpoint}`));
}

export interface ErrorBody {
  message: string;
  code: string;
  errors?: Record<string, string[]>;
}

/** What must never reach a client or a log line: the vendor keys, the token secret, a stack trace. */
export const SECRETS = [
  POPIN_TEST_KEY, TOKEN_TEST_SECRET, TURNSTILE_TEST_SECRET, TENTIMES_TEST_KEY, WEBHOOK_TEST_SECRET, ADMIN_TEST_SECRET, PGI_TEST_KEY, ENABLEX_TEST_APP_KEY,
  CONSOLE_TEST_KEY, EXPO_CONSOLE_TEST_KEY, SITE_SECRETS_TEST_KEY,
  // The webhook secrets derived from the shared one, per site.
  ...(await Promise.all(Object.keys(TEST_SITES).map((site) => siteWebhookSecret(WEBHOOK_TEST_SECRET, site)))),
];
const STACK_TRACE = /^\s*at .+|\.ts:\d+/m;

/** Asserts an error response as a client sees it and returns its body. */
export async function expectError(response: Response, status: number, code: string): Promise<ErrorBody> {
  const text = await response.text();
  expect({ status: response.status, text }).toMatchObject({ status });
  expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorBody;
  expect(body.code).toBe(code);
  expect(typeof body.message).toBe('string');
  expect(body.message.length).toBeGreaterThan(0);
  expectNoLeak(text + '\n' + [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n'));
  return body;
}

/** Asserts that a text holds no secret and no stack trace. */
export function expectNoLeak(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(text).not.toMatch(STACK_TRACE);
}

/** Planted in bad configurations as if it were a secret: it must never be echoed back or logged. */
export const PLANTED = 'planted-secret-value-0123456789';

/**
 * A bad configuration `env`: every request (an API route and /healthz) is a 500 config_error
 * whose message names `key` and never holds the planted value; Popin is not called; no log
 * line leaks a secret.
 */
export async function expectConfigError(env: Record<string, unknown>, key: string): Promise<void> {
  const logged = captureConsole();
  for (const path of ['/v1/sites/acme/slots', '/healthz']) {
    const error = await expectError(await app.request(path, {}, env), 500, 'config_error');
    expect(error.message).toContain(key);
    expect(error.message).not.toContain(PLANTED.slice(0, 16));
  }
  expect(popin.requests).toEqual([]);
  expectNoLeak(logged());
  expect(logged()).not.toContain(PLANTED.slice(0, 16));
}

/** Records everything logged through console.* for the rest of the test (silently). */
export function captureConsole(): () => string {
  const lines: string[] = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}\n${arg.stack}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    });
  }
  return () => lines.join('\n');
}

/** The payload of a customer token (base64url JSON before the dot). */
export function tokenPayload(token: string): { site: string; user_id: number; exp: number } {
  const [payload = ''] = token.split('.');
  return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
}

/** base64url of a JSON value, the token's encoding. */
export function base64UrlJson(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
