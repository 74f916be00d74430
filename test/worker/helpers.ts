import { exports } from 'cloudflare:workers';
import { beforeEach, vi } from 'vitest';
import { createPopinSimulator } from '../../demo/popin-simulator/app';
import { POPIN_TEST_KEY, POPIN_TEST_URL, SHOP_ORIGIN } from './bindings';

/**
 * The Popin simulator answers the worker's outbound fetches to POPIN_TEST_URL, inside the
 * same workerd isolate. Its request log is what Popin would have received.
 */
export const popin = createPopinSimulator({ apiKey: POPIN_TEST_KEY });

beforeEach(() => {
  popin.reset();
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).origin !== POPIN_TEST_URL) return realFetch(request);
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
