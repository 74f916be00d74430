/**
 * A budget of Popin calls per API key (issue #15, BENCHMARKS.md "Capacity model"). Nothing else
 * limits what one key sends to Popin, and a vendor limit (say 50 a second per key) is reached by
 * a flash crowd on one seller's page long before our own limits are. So, per key:
 *
 * - a token bucket of `callsPerSecond` (a second's worth at once): when it is empty the call is
 *   not made and the customer gets 503 `popin_busy` with Retry-After;
 * - after Popin says 429 (or fails with 5xx, no connection or a timeout), the key rests for
 *   Retry-After (Popin's, or REST_MS): calls meanwhile are answered 503 at once instead of
 *   piling onto a struggling Popin. The rest is kept in this isolate and, for the other isolates
 *   of the location, in the Cache API (one read per key per isolate at most every CHECK_MS);
 * - a 429 is never retried (popin/client.ts).
 *
 * Per isolate, so approximate: N isolates of a location may together send N × callsPerSecond.
 * The key is never kept or logged: buckets are named by a SHA-256 prefix of it.
 */

export interface PopinBudgetOptions {
  callsPerSecond: number;
}

export const DEFAULT_CALLS_PER_SECOND = 40;
/** How long a key rests after a failure that did not say how long. */
export const REST_MS = 2_000;
/** How often an isolate looks for a rest another isolate announced. */
const CHECK_MS = 1_000;

interface KeyState {
  tokens: number;
  at: number;
  restUntil: number;
  checkedAt: number;
}

const keys = new Map<string, KeyState>();
const names = new Map<string, Promise<string>>();

export class PopinBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Popin budget: resting for ${retryAfterSeconds} s`);
    this.name = 'PopinBusy';
  }
}

/** Takes one call from the key's budget, or throws PopinBusy (nothing was sent). */
export async function spend(apiKey: string, options: PopinBudgetOptions, now = Date.now()): Promise<void> {
  const name = await nameOf(apiKey);
  const state = stateOf(name, options, now);
  if (now - state.checkedAt >= CHECK_MS && state.restUntil <= now) {
    state.checkedAt = now;
    state.restUntil = Math.max(state.restUntil, await sharedRest(name));
  }
  if (state.restUntil > now + 60_000) state.restUntil = now + 60_000; // never longer than rest() allows
  if (state.restUntil > now) throw new PopinBusy(secondsUntil(state.restUntil, now));
  // A clock that stepped back (an isolate's clock may; tests move it) refills nothing and takes nothing.
  const elapsed = Math.max(0, now - state.at);
  state.tokens = Math.min(options.callsPerSecond, Math.max(0, state.tokens) + (elapsed / 1000) * options.callsPerSecond);
  state.at = now;
  if (state.tokens < 1) throw new PopinBusy(Math.max(1, Math.ceil((1 - state.tokens) / options.callsPerSecond)));
  state.tokens -= 1;
}

/** Popin failed in a way that says "not now": the key rests, here and (best effort) in the location. */
export async function rest(apiKey: string, retryAfterMs = REST_MS, now = Date.now()): Promise<void> {
  const name = await nameOf(apiKey);
  const until = now + Math.min(Math.max(retryAfterMs, 1_000), 60_000);
  const state = keys.get(name);
  if (state) state.restUntil = Math.max(state.restUntil, until);
  else keys.set(name, { tokens: 0, at: now, restUntil: until, checkedAt: now });
  try {
    await caches.default.put(
      restUrl(name),
      new Response(String(until), { headers: { 'Cache-Control': `max-age=${Math.ceil((until - now) / 1000)}` } }),
    );
  } catch {
    // The Cache API is an optimisation (other isolates learn it at their next failure otherwise).
  }
}

/** Forgets every budget and rest, here and in the Cache API (tests). */
export async function forgetBudgets(): Promise<void> {
  const known = await Promise.all(names.values());
  keys.clear();
  await Promise.all(known.map((name) => caches.default.delete(restUrl(name)).catch(() => false)));
}

function stateOf(name: string, options: PopinBudgetOptions, now: number): KeyState {
  let state = keys.get(name);
  if (!state) {
    if (keys.size >= 1_000) keys.clear();
    state = { tokens: options.callsPerSecond, at: now, restUntil: 0, checkedAt: 0 };
    keys.set(name, state);
  }
  return state;
}

async function sharedRest(name: string): Promise<number> {
  try {
    const hit = await caches.default.match(restUrl(name));
    return hit ? Number(await hit.text()) || 0 : 0;
  } catch {
    return 0;
  }
}

const restUrl = (name: string) => `https://popin-budget.popin-booking.invalid/v1/${name}`;
const secondsUntil = (until: number, now: number) => Math.max(1, Math.ceil((until - now) / 1000));

function nameOf(apiKey: string): Promise<string> {
  let name = names.get(apiKey);
  if (!name) {
    name = crypto.subtle.digest('SHA-256', new TextEncoder().encode(apiKey)).then((digest) =>
      [...new Uint8Array(digest).slice(0, 12)].map((byte) => byte.toString(16).padStart(2, '0')).join(''),
    );
    if (names.size >= 1_000) names.clear();
    names.set(apiKey, name);
  }
  return name;
}
