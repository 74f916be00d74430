/**
 * The booking calls of the worker API v1: create a customer, register, cancel.
 * Only needed after a customer acts, so they live in the account chunk (which the
 * booking form loads beside it) rather than in the first-load module (see api.ts for
 * the transport).
 */
import { ApiError, isObject, malformed, type BookingApi, type FieldErrors, type CustomerSession, type Json, type NewCustomer, type Registration } from '../api.js';
import type { Attribution } from '../events.js';
import { str } from '../list/parse-slots.js';

interface CallOptions {
  method: 'POST' | 'DELETE';
  token?: string;
  body?: Json;
  signal?: AbortSignal;
  /** Idempotency-Key: one per booking attempt, so a repeated request never books twice. */
  key?: string;
}

/** `api.request` with a JSON body, keeping only well-formed per-field messages (string lists) on a failure. */
async function request(api: BookingApi, path: string, { body, key, ...options }: CallOptions): Promise<[unknown, number]> {
  const headers: Record<string, string> = {};
  if (key) headers['idempotency-key'] = key;
  if (body) headers['content-type'] = 'application/json';
  try {
    return await api.request(path, { ...options, headers, body: body && JSON.stringify(body) });
  } catch (error) {
    if (error instanceof ApiError) {
      const fieldErrors: FieldErrors = {};
      for (const [field, messages] of Object.entries(error.fieldErrors)) {
        const list = Array.isArray(messages) ? messages.filter((m): m is string => typeof m === 'string') : [];
        if (list.length) fieldErrors[field] = list;
      }
      error.fieldErrors = fieldErrors;
    }
    throw error;
  }
}

function parseSession(body: unknown, status: number): CustomerSession {
  const customer = isObject(body) && isObject(body.customer) ? body.customer : undefined;
  if (!isObject(body) || typeof body.token !== 'string' || !customer) throw malformed(status);
  return { token: body.token, customer: { name: str(customer.name), mobile: str(customer.mobile) } };
}

function parseRegistration(body: unknown, status: number, eventId: number | string): Registration {
  if (!isObject(body)) throw malformed(status);
  return { event_id: eventId, contact: str(body.contact) };
}

/** `extra`: the 10times fields (email, …) on sites with that option. */
export async function createCustomer(api: BookingApi, { display: _, ...customer }: NewCustomer & Record<string, string | undefined>, signal?: AbortSignal): Promise<CustomerSession> {
  const body: Json = { ...customer, name: customer.name, mobile: customer.mobile };
  if (customer.country) body.country = customer.country;
  return parseSession(...(await request(api, '/customers', { method: 'POST', body, signal })));
}

/** A fresh key per booking attempt (randomUUID needs a secure context; plain-http pages get the fallback). */
const attemptKey = () => crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * The page's attribution, bounded as the worker checks it: its URL without the query string and
 * fragment (which may carry personal data), and its utm_* parameters.
 */
export function attribution(href = location.href): Attribution {
  const url = new URL(href);
  const out: Attribution = {};
  if (/^https?:$/.test(url.protocol) && (url.origin + url.pathname).length <= 2048) out.page = url.origin + url.pathname;
  const utm: NonNullable<Attribution['utm']> = {};
  for (const key of ['source', 'medium', 'campaign', 'term', 'content'] as const) {
    // Visible characters only, as the worker checks.
    const value = url.searchParams.get(`utm_${key}`)?.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 200);
    if (value) utm[key] = value;
  }
  if (Object.keys(utm).length) out.utm = utm;
  return out;
}

export async function register(api: BookingApi, eventId: number | string, token: string, signal?: AbortSignal, from: Attribution = {}): Promise<Registration> {
  const body: Json = { event_id: eventId };
  if (from.page || from.utm) body.attribution = from as Json;
  const [json, status] = await request(api, '/registrations', { method: 'POST', token, body, signal, key: attemptKey() });
  return parseRegistration(json, status, eventId);
}

export async function cancel(api: BookingApi, eventId: number | string, token: string, signal?: AbortSignal): Promise<void> {
  await request(api, `/registrations/${encodeURIComponent(eventId)}`, { method: 'DELETE', token, signal });
}
