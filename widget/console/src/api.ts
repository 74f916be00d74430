/**
 * The console's client for the worker's /console/v1 API (same origin, session cookie).
 * The only module that knows URLs and turns failures into messages that say what to do.
 * Answers are checked loosely where they are read (`list`, `str`…): a missing field shows as
 * blank rather than breaking the page.
 */

export type Json = Record<string, unknown>;
export type FieldErrors = Record<string, string[]>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
export const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** Any failed console request. `message` is for people: what happened and what to do. */
export class ConsoleError extends Error {
  constructor(
    /** HTTP status; 0 when no answer came. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** 422: messages keyed by field, dotted paths for nested ones (`contact.state`). */
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }
}

/** A request stopped on purpose (a newer run, the element left the page): nothing to show. */
export const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

export const messageOf = (e: unknown) => (e instanceof ConsoleError ? e.message : 'Something went wrong. Reload the page and try again.');

export interface Session {
  site: string;
  role: 'seller' | 'operator';
  expires_at: string;
}

function explain(status: number, body: Json, retryAfter: string | null): string {
  const given = typeof body.message === 'string' && body.message ? body.message : '';
  if (status === 401) return body.code === 'invalid_key' ? 'That key does not open this site. Check the site id and the key, then sign in again.' : 'Your session has ended. Sign in again to carry on.';
  if (status === 403) return given || 'This session may not do that. Sign in with a key for this site.';
  if (status === 413) return given || 'That is too large to send. Use smaller files and try again.';
  if (status === 429) {
    const seconds = Number(retryAfter);
    return `Too many attempts. Wait ${Number.isFinite(seconds) && seconds > 0 ? `${Math.ceil(seconds)} seconds` : 'a minute'} and try again.`;
  }
  if (status >= 500) return `${given || 'The console could not do that just now.'} Try again in a moment.`;
  return given || 'The console refused that request. Check what you entered and try again.';
}

/** Keeps only well-formed per-field messages (string lists). */
function fieldErrors(v: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!isObject(v)) return out;
  for (const [field, messages] of Object.entries(v)) {
    const texts = Array.isArray(messages) ? messages.filter((m): m is string => typeof m === 'string') : typeof messages === 'string' ? [messages] : [];
    if (texts.length) out[field] = texts;
  }
  return out;
}

interface Options {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** JSON, or FormData for the one upload route (the lobby's files); fetch sets its boundary. */
  body?: Json | FormData;
  signal?: AbortSignal;
}

/** One JSON request to /console/v1; resolves to the body (undefined for 204). */
export async function request(path: string, { method = 'GET', body, signal }: Options = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/console/v1${path}`, {
      method,
      // State-changing requests are JSON (the worker refuses anything else from a browser), but for uploads.
      headers: body && !(body instanceof FormData) ? { accept: 'application/json', 'content-type': 'application/json' } : { accept: 'application/json' },
      body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ConsoleError(0, 'network_error', "Can't reach the console. Check your connection, then try again.");
  }
  if (response.status === 204) return undefined;
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    if (signal?.aborted) throw error;
    json = undefined;
  }
  if (!response.ok) {
    const body = isObject(json) ? json : {};
    throw new ConsoleError(response.status, str(body.code) || `http_${response.status}`, explain(response.status, body, response.headers.get('retry-after')), fieldErrors(body.errors));
  }
  if (json === undefined) throw new ConsoleError(response.status, 'bad_response', 'The console sent an answer it could not read. Reload the page and try again.');
  return json;
}

export function parseSession(v: unknown): Session {
  if (!isObject(v) || typeof v.site !== 'string') throw new ConsoleError(200, 'bad_response', 'The console sent an answer it could not read. Reload the page and try again.');
  return { site: v.site, role: v.role === 'operator' ? 'operator' : 'seller', expires_at: str(v.expires_at) };
}

/** `/sites/{site}…` */
export const sitePath = (site: string, rest = '') => `/sites/${encodeURIComponent(site)}${rest}`;

export interface SiteRecord {
  id: string;
  title: string;
  country: string;
  timezone: string;
  origins: string[];
  paused: boolean;
  retention_days: number;
  tentimes: boolean;
  pgi: boolean;
  /** true: the settings live in the console's store (editable here); false: in SITES. */
  stored: boolean;
  embed: { script: string; element: string; share_url: string };
}

export function parseSite(v: unknown): SiteRecord {
  const s = isObject(v) ? v : {};
  const embed = isObject(s.embed) ? s.embed : {};
  return {
    id: str(s.id),
    title: str(s.title),
    country: str(s.country),
    timezone: str(s.timezone),
    origins: Array.isArray(s.origins) ? s.origins.map(str) : [],
    paused: s.paused === true,
    retention_days: typeof s.retention_days === 'number' ? s.retention_days : 0,
    tentimes: s.tentimes === true,
    pgi: s.pgi === true,
    stored: s.stored === true,
    embed: { script: str(embed.script), element: str(embed.element), share_url: str(embed.share_url) },
  };
}
