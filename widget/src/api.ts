/**
 * Typed client for the popin-booking worker, API v1.
 *
 * This module, list/parse-slots.ts (the slots response, loaded with the list view) and
 * account/booking-calls.ts (the calls made after a customer acts, loaded lazily) are the
 * only ones that know URLs and JSON shapes. Every response is checked before it reaches
 * the UI: unknown fields are dropped, and anything malformed becomes an `ApiError`
 * (join URLs are checked where they become links).
 */

/** One demo slot, as the UI sees it. */
export interface DemoEvent {
  /** A Popin event id, or an EnableX demo id ("enablex-…"). */
  id: number | string;
  name: string;
  /** Day of month, e.g. "02". */
  date: string;
  /** Short month, e.g. "Dec". */
  month: string;
  /** Start time in the site's timezone, e.g. "04:05 pm". */
  time: string;
  /** End time, e.g. "04:20 pm". */
  end_time: string;
  /** ISO 8601 start with the seller zone's offset, when the API could work it out. */
  starts_at?: string;
  ends_at?: string;
  /** The seller's time zone (the site's), for showing the seller's clock beside the customer's. */
  zone?: string;
  can_join: boolean;
  /** As the API sent it: account/join-link.ts links it only when it is an http(s) URL. */
  join_url?: string;
  /** EnableX demos only (sites with the option): seats and stage (waiting/ shows the room). */
  enablex?: EnablexInfo;
}

export interface EnablexInfo {
  /** The meeting is running (EnableX's stage). */
  live: boolean;
  /** No seat left: "Full" instead of "Book". */
  full: boolean;
  /** The participant PIN, in the booked customer's own view only. */
  ppin?: string;
}

export interface SiteInfo {
  title: string;
  /** ISO 3166-1 alpha-2, e.g. "IN". */
  country?: string;
  timezone?: string;
  /** Cloudflare Turnstile site key, when the site puts a human check in front of sign-ups. */
  turnstileSiteKey?: string;
  /** The seller paused bookings (console): the list shows the demos without Book buttons. */
  paused?: boolean;
}

/** PGi dial-in details, in a booked customer's own slots view on sites with audio conferencing. */
export interface AudioJoin {
  /** As the API sent it: account/audio-join.ts shows it only when it is an https URL. */
  hub_url: string;
  participant_passcode: string;
}

export interface Slots {
  events: DemoEvent[];
  /** Ids of the events the current customer is registered for. */
  registered: Array<number | string>;
  site: SiteInfo;
  /** The site registers attendees with 10times too (tentimes/: extra form fields, FLOOR links). */
  tentimes?: boolean;
  /** Audio conferencing for the customer's booked demos (account/audio-join.ts). */
  audio?: AudioJoin;
}

export interface Customer {
  name: string;
  /** E.164, e.g. "+919544510895". */
  mobile: string;
}

export interface CustomerSession {
  token: string;
  customer: Customer;
}

export interface NewCustomer {
  name: string;
  mobile: string;
  country?: string;
}

export interface Registration {
  event_id: number | string;
  contact: string;
}

export type FieldErrors = Partial<Record<string, string[]>>;

/** Any failure talking to the worker: HTTP errors, network errors, bad JSON. */
export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the request never got an answer. */
    readonly status: number,
    /** Machine readable code from the worker, e.g. "unknown_site". */
    readonly code: string,
    message: string,
    /**
     * Per-field messages (422), keyed by request field: name, mobile, event_id. As the
     * worker sent them: account/booking-calls.ts checks them for the booking calls that use them.
     */
    public fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }
}

/** The message for failures with nothing more specific to say. */
export const GENERIC = 'Something went wrong. Please try again.';

/** A request or Task stopped on purpose (a disconnect, a newer run): nothing to show. */
export const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const optStr = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export const malformed = (status: number) =>
  new ApiError(status, 'bad_response', 'The booking service sent an unexpected answer. Please try again.');

/**
 * A request's own parts (`method`, `body`, more `headers`: the account chunk's calls build them,
 * booking-calls.ts), the customer's token and the abort signal.
 */
export interface RequestOptions extends Pick<RequestInit, 'method' | 'body'> {
  headers?: Record<string, string>;
  token?: string;
  signal?: AbortSignal;
}

/**
 * GET requests sent before anything asked for them (the loader's slots requests, widget.ts), by
 * token and URL: each answers the first request() for the same URL and token, once.
 */
const early = new Map<string, Promise<Response>>();

/** The worker API for one site. `base` is the worker origin (or any base URL). */
export class BookingApi {
  private readonly root: string;

  constructor(base: string, site: string) {
    this.root = `${base.replace(/\/+$/, '')}/v1/sites/${encodeURIComponent(site)}`;
  }

  /** Sends the GET of `path` now, for the first request() of it with the same token to use. */
  prefetch(path: string, token?: string): void {
    early.set(`${token} ${this.root + path}`, this.send(path, { token }));
  }

  private send(path: string, { headers = {}, token, signal, ...init }: RequestOptions): Promise<Response> {
    headers.accept = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    return fetch(this.root + path, { ...init, headers, signal, credentials: 'omit' });
  }

  /** One JSON request; throws an `ApiError` for anything but a good answer. */
  async request(path: string, options: RequestOptions): Promise<[unknown, number]> {
    const { signal } = options;
    const key = `${options.token} ${this.root + path}`;
    const sent = options.method ? undefined : early.get(key);
    if (sent) early.delete(key);
    let response: Response;
    try {
      response = await (sent ?? this.send(path, options));
      // An early request knows nothing of this one's signal.
      signal?.throwIfAborted();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(0, 'network_error', "Can't reach the booking service. Check your connection and try again.");
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw response.ok ? malformed(response.status) : new ApiError(response.status, 'http_' + response.status, GENERIC);
    }
    if (!response.ok) {
      if (!isObject(json)) throw malformed(response.status);
      throw new ApiError(
        response.status,
        optStr(json.code) ?? 'http_' + response.status,
        optStr(json.message) ?? GENERIC,
        (isObject(json.errors) ? json.errors : {}) as FieldErrors,
      );
    }
    return [json, response.status];
  }
}
