import type { ConferenceEvent } from './client';

/**
 * The general slots list (no user_id) is the same for every visitor of a seller, so it is
 * shared: one Popin call per site per `freshMs`, worldwide, however many visitors, isolates and
 * locations ask.
 *
 * Three layers, nearest first:
 * - Memory: this isolate's copy. Concurrent misses in this isolate wait on one in-flight ask.
 * - Edge copy: the Cache API holds the last good list for other isolates in the location and for
 *   outages (Cache API writes are no-ops on workers.dev; a custom domain has them).
 * - The site's refresher (refresher.ts, a Durable Object), when the caller gives one: the one
 *   place that calls Popin for the list. An isolate whose memory and edge copies are both
 *   missing or stale asks it instead of Popin. If the refresher cannot be reached (it throws
 *   RefresherUnreachable), the isolate calls Popin itself, as it did before the refresher.
 *
 * - Stale-while-revalidate: for `revalidateMs` after it goes stale, the copy is served and
 *   refreshed in the background.
 * - Stale-if-error: when Popin fails, the last copy is served, marked stale, for `staleIfErrorMs`
 *   (the refresher's stored copy, or this isolate's if it is newer).
 *
 * Customer views (with user_id) carry personal join URLs: they never come through here.
 * The EnableX listing (enablex/demos.ts) uses the first two layers only: see sharedMeetings.
 */

export interface SlotsCachePolicy {
  freshMs: number;
  revalidateMs: number;
  staleIfErrorMs: number;
}

/**
 * What a copy of `ageMs` is good for under `policy`, for every layer that keeps one (this module
 * and the refresher): served as it is, served while it is refreshed behind it, or refreshed first.
 */
export const freshness = (ageMs: number, { freshMs, revalidateMs }: SlotsCachePolicy): 'fresh' | 'revalidate' | 'expired' =>
  ageMs < freshMs ? 'fresh' : ageMs < freshMs + revalidateMs ? 'revalidate' : 'expired';

/** How long a copy may be served at all: fresh, then revalidate or stale-if-error, whichever is longer. */
export const keepMs = ({ freshMs, revalidateMs, staleIfErrorMs }: SlotsCachePolicy) => freshMs + Math.max(revalidateMs, staleIfErrorMs);

export interface SharedSlots<T = ConferenceEvent> {
  events: T[];
  /** When Popin produced this list (ms). */
  fetchedAt: number;
  /** True when Popin failed and this is the last known list. */
  stale: boolean;
}

/**
 * Where a fresh list comes from when this isolate has none: the site's refresher. It resolves to
 * the list (stale: true when it is the last one served while Popin fails) or rejects with Popin's
 * failure (a PopinError, as the isolate's own call would), or with RefresherUnreachable.
 */
export type Refresher<T> = () => Promise<SharedSlots<T>>;

/** The refresher itself failed (not Popin): the isolate falls back to calling Popin. */
export class RefresherUnreachable extends Error {
  constructor(cause: unknown) {
    super(`general slots refresher unreachable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RefresherUnreachable';
  }
}

// The EnableX meetings of a site (enablex/demos.ts) share this cache under their own keys.
interface Snapshot {
  events: unknown[];
  fetchedAt: number;
}

const memory = new Map<string, Snapshot>();
const inFlight = new Map<string, Promise<SharedSlots<unknown>>>();
/** Edge writes still running, so that forgetting a list cannot be undone by one landing later. */
const edgeWrites = new Set<Promise<void>>();

/** A URL only this worker uses as a Cache API key; it is never fetched. */
const edgeKey = (key: string) => `https://slots-cache.popin-booking.invalid/v1/${encodeURIComponent(key)}`;

export async function sharedSlots<T = ConferenceEvent>(
  key: string,
  fetchFromPopin: () => Promise<T[]>,
  policy: SlotsCachePolicy,
  waitUntil: (promise: Promise<unknown>) => void,
  refresher?: Refresher<T>,
): Promise<SharedSlots<T>> {
  if (policy.freshMs <= 0) return { events: await fetchFromPopin(), fetchedAt: Date.now(), stale: false };
  return (await shared(key, { fetchFromPopin, refresher }, policy, waitUntil)) as SharedSlots<T>;
}

interface Sources {
  fetchFromPopin: () => Promise<unknown[]>;
  refresher?: Refresher<unknown> | undefined;
}

async function shared(
  key: string,
  sources: Sources,
  policy: SlotsCachePolicy,
  waitUntil: (promise: Promise<unknown>) => void,
): Promise<SharedSlots<unknown>> {

  let copy = memory.get(key);
  if (!copy || freshness(age(copy), policy) != 'fresh') {
    // Another isolate may have refreshed it since; so may this one, while we waited.
    const edge = await readEdge(key);
    copy = newest(memory.get(key), edge);
    if (copy) memory.set(key, copy);
  }
  const phase = copy ? freshness(age(copy), policy) : 'expired';
  if (copy && phase == 'revalidate') waitUntil(refresh(key, sources, policy, waitUntil).catch(() => {}));
  if (copy && phase != 'expired') return { ...copy, stale: false };
  try {
    const got = await refresh(key, sources, policy, waitUntil);
    // The refresher's last list while Popin fails; this isolate may hold a newer one.
    if (got.stale && copy && copy.fetchedAt > got.fetchedAt && age(copy) < policy.staleIfErrorMs) return { ...copy, stale: true };
    return got;
  } catch (error) {
    if (copy && age(copy) < policy.staleIfErrorMs) return { ...copy, stale: true };
    throw error;
  }
}

/** Forgets a list (memory and edge copy), e.g. between tests. */
export async function forgetSharedSlots(key: string): Promise<void> {
  await Promise.allSettled([...inFlight.values(), ...edgeWrites]);
  memory.delete(key);
  await edgeCache()?.delete(edgeKey(key));
}

function refresh(
  key: string,
  sources: Sources,
  policy: SlotsCachePolicy,
  waitUntil: (promise: Promise<unknown>) => void,
): Promise<SharedSlots<unknown>> {
  let pending = inFlight.get(key);
  if (!pending) {
    pending = fetchShared(sources)
      .then((got) => {
        if (got.stale) return got; // the last list, not a new one: nothing to keep or spread
        const kept = newest(memory.get(key), { events: got.events, fetchedAt: got.fetchedAt })!;
        if (kept === memory.get(key)) return { ...kept, stale: false }; // the same list again: keep its identity
        memory.set(key, kept);
        const write = writeEdge(key, kept, policy).catch(() => {});
        edgeWrites.add(write);
        waitUntil(write.finally(() => edgeWrites.delete(write)));
        return { ...kept, stale: false };
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/** From the refresher when there is one; from Popin when there is none or it cannot be reached. */
async function fetchShared({ fetchFromPopin, refresher }: Sources): Promise<SharedSlots<unknown>> {
  if (refresher) {
    try {
      return await refresher();
    } catch (error) {
      if (!(error instanceof RefresherUnreachable)) throw error;
      console.error(error.message);
    }
  }
  return { events: await fetchFromPopin(), fetchedAt: Date.now(), stale: false };
}

const age = (snapshot: Snapshot) => Date.now() - snapshot.fetchedAt;
const newest = (a?: Snapshot, b?: Snapshot) => (a && b ? (a.fetchedAt >= b.fetchedAt ? a : b) : (a ?? b));

function edgeCache(): Cache | undefined {
  return typeof caches === 'undefined' ? undefined : caches.default;
}

async function readEdge(key: string): Promise<Snapshot | undefined> {
  try {
    const response = await edgeCache()?.match(edgeKey(key));
    if (!response) return undefined;
    const snapshot = (await response.json()) as Snapshot;
    return Array.isArray(snapshot.events) && Number.isFinite(snapshot.fetchedAt) ? snapshot : undefined;
  } catch {
    return undefined; // A broken edge copy is a miss, never an error for the visitor.
  }
}

async function writeEdge(key: string, snapshot: Snapshot, policy: SlotsCachePolicy): Promise<void> {
  // Kept as long as it may be served stale; freshness is judged from fetchedAt, not by the cache.
  const keepSeconds = Math.max(1, Math.ceil(keepMs(policy) / 1000));
  await edgeCache()?.put(
    edgeKey(key),
    new Response(JSON.stringify(snapshot), {
      headers: { 'Content-Type': 'application/json', 'Cache-Control': `public, max-age=${keepSeconds}` },
    }),
  );
}
