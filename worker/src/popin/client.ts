import { z } from 'zod';
import type { Config, Site } from '../config';
import { READ_RETRY, withRetries, type RetryPolicy } from './retry';
import { PopinBusy, rest, spend, type PopinBudgetOptions } from './budget';

/**
 * The Popin API client: the only module that knows Popin's paths, headers and JSON shapes
 * (../shared/vendor-docs/popin-api.txt). Every response is validated; anything unexpected
 * becomes a PopinError, never a crash and never an unfiltered upstream body.
 */

const ConferenceEvent = z.object({
  id: z.number().int(),
  name: z.string(),
  date: z.string(),
  month: z.string(),
  time: z.string(),
  end_time: z.string(),
  can_join: z.boolean(),
  join_url: z.string(),
});
export type ConferenceEvent = z.infer<typeof ConferenceEvent>;

const Success = z.object({ status: z.literal(1) });
const CaptureResponse = Success.extend({ user_id: z.number().int() });
const SlotsResponse = Success.extend({
  events: z.array(ConferenceEvent),
  registeredEvents: z.array(z.number().int()),
});
const RegisterResponse = Success.extend({ contact: z.string() });
const ValidationErrorBody = z.object({
  message: z.string().max(500),
  errors: z.record(z.string().max(100), z.array(z.string().max(500))),
});

export type PopinOperation = 'capture' | 'slots' | 'register' | 'cancel';

export type PopinFailure =
  /** Popin rejected the API key or seller id (401). */
  | { kind: 'unauthorized' }
  /** Popin's ValidationError (422), already checked to be `{ message, errors }`. */
  | { kind: 'validation'; message: string; errors: Record<string, string[]> }
  /** Popin did not answer within the timeout. */
  | { kind: 'timeout' }
  /** Anything else: 5xx, a redirect, a non-JSON body, a status other than 1, a missing field, no connection. */
  | { kind: 'upstream'; detail: string }
  /** Not sent: the key's budget is spent, or Popin said 429 (popin/budget.ts). Safe to retry after retryAfterSeconds. */
  | { kind: 'busy'; retryAfterSeconds: number };

export class PopinError extends Error {
  constructor(
    readonly operation: PopinOperation,
    readonly failure: PopinFailure,
    /** Worth another try for a read: no connection, or Popin said 5xx (never 429: see budget.ts). */
    readonly transient = false,
  ) {
    super(`Popin ${operation} failed: ${failure.kind}${'detail' in failure ? ` (${failure.detail})` : ''}`);
    this.name = 'PopinError';
  }
}

export interface PopinClientOptions {
  baseUrl: string;
  apiKey: string;
  /** The seller id, sent as X-TOKEN. */
  seller: string;
  /** Milliseconds before a read (slots) is abandoned. */
  readTimeoutMs?: number;
  /** Milliseconds before a write (capture, register, cancel) is abandoned. */
  writeTimeoutMs?: number;
  /** Retries of reads after a connection failure or a 5xx; writes are never retried. */
  readRetry?: RetryPolicy;
  /** Calls per second this API key may send (popin/budget.ts); none: unlimited. */
  budget?: PopinBudgetOptions;
}

/** The options for a site's seller: the one place where the configuration becomes a Popin client's. */
export function popinClientOptions(
  config: Pick<Config, 'popinBaseUrl' | 'popinTimeouts'> & Partial<Pick<Config, 'popinBudget'>>,
  site: Pick<Site, 'seller'> & { apiKey: string },
): PopinClientOptions {
  return {
    baseUrl: config.popinBaseUrl,
    apiKey: site.apiKey,
    seller: site.seller,
    readTimeoutMs: config.popinTimeouts.readMs,
    writeTimeoutMs: config.popinTimeouts.writeMs,
    ...(config.popinBudget ? { budget: config.popinBudget } : {}),
  };
}

export class PopinClient {
  constructor(private readonly options: PopinClientOptions) {}

  /** Captures a lead; Popin returns the same user_id for the same mobile. */
  async capture(lead: { name: string; mobile: string }): Promise<{ userId: number }> {
    const body = await this.call('capture', 'POST', '/api/v1/external/conference/capture', CaptureResponse, lead);
    return { userId: body.user_id };
  }

  /** General slots, or a customer's view (with their join URLs and registrations) when userId is given. */
  async slots(userId?: number): Promise<{ events: ConferenceEvent[]; registeredEvents: number[] }> {
    const query = userId === undefined ? '' : `?user_id=${encodeURIComponent(userId)}`;
    const body = await this.call('slots', 'GET', `/api/v1/external/conference/slots${query}`, SlotsResponse);
    return { events: body.events, registeredEvents: body.registeredEvents };
  }

  async register(userId: number, eventId: number): Promise<{ contact: string }> {
    const body = await this.call('register', 'POST', '/api/v1/external/conference/register', RegisterResponse, {
      user_id: userId,
      event_id: eventId,
    });
    return { contact: body.contact };
  }

  async cancel(userId: number, eventId: number): Promise<void> {
    await this.call('cancel', 'POST', '/api/v1/external/conference/cancel', Success, {
      user_id: userId,
      event_id: eventId,
    });
  }

  private call<T>(
    operation: PopinOperation,
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const once = () => this.callOnce(operation, method, path, schema, body);
    if (method !== 'GET') return once();
    // A timeout is not retried: the read has already used its whole time budget.
    const transient = (error: unknown) => error instanceof PopinError && error.failure.kind === 'upstream' && error.transient;
    return withRetries(once, transient, this.options.readRetry ?? READ_RETRY);
  }

  private async callOnce<T>(
    operation: PopinOperation,
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const { baseUrl, apiKey, seller, readTimeoutMs = 5_000, writeTimeoutMs = 10_000, budget } = this.options;
    if (budget) {
      try {
        await spend(apiKey, budget);
      } catch (error) {
        if (error instanceof PopinBusy) throw new PopinError(operation, { kind: 'busy', retryAfterSeconds: error.retryAfterSeconds });
        throw error;
      }
    }
    const headers: Record<string, string> = { Accept: 'application/json', 'X-API-KEY': apiKey, 'X-TOKEN': seller };
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await fetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // A redirect from an API is a misconfiguration; following it could leak the key elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(method === 'GET' ? readTimeoutMs : writeTimeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new PopinError(operation, timedOut ? { kind: 'timeout' } : { kind: 'upstream', detail: 'no connection' }, !timedOut);
    }

    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') throw new PopinError(operation, { kind: 'timeout' });
      json = undefined;
    }

    if (response.status === 401) throw new PopinError(operation, { kind: 'unauthorized' });
    if (response.status === 422) {
      const parsed = ValidationErrorBody.safeParse(json);
      if (parsed.success) throw new PopinError(operation, { kind: 'validation', ...parsed.data });
      throw new PopinError(operation, { kind: 'upstream', detail: 'HTTP 422 without a ValidationError body' });
    }
    if (response.status === 429) {
      // Popin's own limit: never retried; the key rests (every isolate of the location learns it).
      const retryAfterSeconds = retryAfter(response.headers.get('Retry-After'));
      await rest(apiKey, retryAfterSeconds * 1000);
      throw new PopinError(operation, { kind: 'busy', retryAfterSeconds });
    }
    if (response.status !== 200) {
      const transient = response.status >= 500;
      throw new PopinError(operation, { kind: 'upstream', detail: `HTTP ${response.status}` }, transient);
    }
    if (json === undefined) throw new PopinError(operation, { kind: 'upstream', detail: 'body is not JSON' });
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new PopinError(operation, {
        kind: 'upstream',
        detail: `unexpected body at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      });
    }
    return parsed.data;
  }
}

/** Popin's Retry-After in whole seconds (delta-seconds only), 1–60; 2 when absent or unreadable. */
function retryAfter(header: string | null): number {
  const seconds = header !== null && /^\d{1,5}$/.test(header.trim()) ? Number(header.trim()) : 2;
  return Math.min(60, Math.max(1, seconds));
}
