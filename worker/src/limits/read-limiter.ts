import type { Bucket, RateDecision } from './rate-limiter';

/**
 * The read limit (GET slots and the 10times form fields), decided in the isolate: the same GCRA
 * buckets as the RateLimiter Durable Object (limits/rate-limiter.ts), kept in this isolate's
 * memory instead of asked of an object on every page view.
 *
 * Approximate on purpose: each isolate counts the requests it serves, so a client spread over
 * several isolates gets up to that many allowances. Reads of the general list cost Popin
 * nothing (it is shared, slots-cache.ts) and a customer's own view costs one read, so what this
 * limit protects is our CPU and Popin's read budget (popin/budget.ts), not correctness; the
 * location-wide ceiling in front of it is the Workers rate-limiting binding (READ_CEILING in
 * wrangler.jsonc). Sign-ups, bookings and the webhook keep the exact Durable Object limiter:
 * each of them reaches a vendor (a Popin lead, a registration, a 10times push).
 */

const WINDOW_MS = 60_000;
/** Bounds the memory of an isolate that sees many clients: beyond it, buckets already empty are dropped. */
const MAX_BUCKETS = 10_000;

const tats = new Map<string, number>();

export function takeRead(buckets: Bucket[], now = Date.now()): RateDecision {
  let wait = 0;
  const planned: Array<[string, number]> = [];
  for (const { name, limitPerMinute } of buckets) {
    const interval = WINDOW_MS / limitPerMinute;
    // A stored time beyond a full window ahead means the clock stepped back: start the bucket afresh.
    const stored = tats.get(name) ?? now;
    const tat = stored > now + WINDOW_MS ? now : Math.max(stored, now);
    const ahead = tat + interval - now;
    if (ahead > WINDOW_MS) wait = Math.max(wait, ahead - WINDOW_MS);
    else planned.push([name, tat + interval]);
  }
  if (wait > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
  if (tats.size + planned.length > MAX_BUCKETS) forgetEmpty(now);
  for (const [name, tat] of planned) tats.set(name, tat);
  return { allowed: true, retryAfterSeconds: 0 };
}

/** Drops buckets that are empty again (their client may come back with a full allowance). */
function forgetEmpty(now: number): void {
  for (const [name, tat] of tats) if (tat <= now) tats.delete(name);
  // Still full (a flood of distinct clients): start over rather than grow without bound.
  if (tats.size >= MAX_BUCKETS) tats.clear();
}
