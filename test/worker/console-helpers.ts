import { expect } from 'vitest';
import { exports } from 'cloudflare:workers';
import { ADMIN_TEST_SECRET, CONSOLE_TEST_KEY } from './bindings';
import { clientIp, json } from './helpers';

/** The worker's own origin in the tests (helpers.ts `call` requests https://booking.example). */
export const OWN_ORIGIN = 'https://booking.example';

export interface ConsoleOptions {
  method?: string;
  body?: unknown;
  cookie?: string;
  bearer?: string;
  /** Default: the worker's own origin on state-changing requests; null: no Origin. */
  origin?: string | null;
  headers?: Record<string, string>;
}

/** A request to the console API, as the console page (cookie) or an API client (Bearer) sends it. */
export function consoleCall(path: string, options: ConsoleOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (!headers.has('CF-Connecting-IP')) headers.set('CF-Connecting-IP', clientIp);
  const method = options.method ?? (options.body !== undefined ? 'POST' : 'GET');
  const origin = options.origin === undefined ? (method === 'GET' ? null : OWN_ORIGIN) : options.origin;
  if (origin !== null) headers.set('Origin', origin);
  if (options.cookie) headers.set('Cookie', options.cookie);
  if (options.bearer) headers.set('Authorization', `Bearer ${options.bearer}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  }
  return exports.default.fetch(new Request(`${OWN_ORIGIN}${path}`, { method, headers, body }));
}

/** Signs in and returns the `popin_console=…` cookie pair. */
export async function signIn(site = 'acme', key = CONSOLE_TEST_KEY): Promise<string> {
  const response = await consoleCall('/console/v1/session', { body: { site, key } });
  expect(response.status, await response.clone().text()).toBe(200);
  const cookie = response.headers.get('Set-Cookie') ?? '';
  return cookie.split(';')[0]!;
}

/** The operator, as an API client. */
export const operator = { bearer: ADMIN_TEST_SECRET };

export async function auditActions(site: string): Promise<Array<{ actor: string; action: string; detail: string }>> {
  const response = await consoleCall(`/console/v1/sites/${site}/audit`, operator);
  expect(response.status).toBe(200);
  return (await json<{ entries: Array<{ actor: string; action: string; detail: string }> }>(response)).entries;
}

let sites = 0;
/** A new site in the console's store (none of them in SITES), on the simulator's seller with the three demos. */
export async function newSite(settings: Record<string, unknown> = {}): Promise<string> {
  const id = `shop-${Date.now().toString(36)}-${(sites++).toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  const response = await consoleCall('/console/v1/sites', {
    ...operator,
    body: { id, seller: 'seller-demo', origins: ['https://shop.example'], title: `Shop ${id}`, country: 'IN', timezone: 'Asia/Kolkata', ...settings },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return id;
}
