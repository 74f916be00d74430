import type { ConferenceEvent } from './client';

/**
 * The general slots list (no user_id) is the same for every visitor of a seller, so it is
 * shared: one Popin call per seller per `freshMs`, however many visitors ask.
 *
 * - Coalescing: concurrent misses in this isolate wait on one in-flight Popin call.
 * - Edge copy: the Cache API holds the last good list for other isolates in the colo and for
 *   outages (Cache API writes are no-ops on workers.dev; a custom domain has them).
 * - Stale-while-revalidate: for `revalidateMs` after it goes stale, the copy is served and
 *   refreshed in the background.
 * - Stale-if-error: when Popin fails, the last copy is served, marked stale, for `staleIfErrorMs`.
 *
 * Customer views (with user_id) carry personal join URLs: they never come through here.
 */

export interface SlotsCachePolicy {
  freshMs: number;
  revalidateMs: number;
  staleIfErrorMs: number;
}

export interface SharedSlots<T = ConferenceEvent> {
  events: T[];
  /** When Popin produced this list (ms). */
  fetchedAt: number;
  /** True when Popin failed and this is the last known list. */
  stale: boolean;
}

// The EnableX meetings of a site (enablex/demos.ts) share this cache under their own keys.
interface Snapshot {
  events: unknown[];
  fetchedAt: number;
}

const memory = new Map<string, Snapshot>();
const inFlight = new Map<string, Promise<Snapshot>>();
/** Edge writes still running, so that forgetting a list cannot be undone by one landing later. */
const edgeWrites = new Set<Promise<void>>();

/** A URL only this worker uses as a Cache API key; it is never fetched. */
const edgeKey = (key: string) => `https://slots-cache.popin-booking.invalid/v1/${encodeURIComponent(key)}`;

export async function sharedSlots<T = ConferenceEvent>(
  key: string,
  fetchFromPopin: () => Promise<T[]>,
  policy: SlotsCachePolicy,
  waitUntil: (promise: Promise<unknown>) => void,
): Promise<SharedSlots<T>> {
  if (policy.freshMs <= 0) return { events: await fetchFromPopin(), fetchedAt: Date.now(), stale: false };
  return (await shared(key, fetchFromPopin, policy, waitUntil)) as SharedSlots<T>;
}

async function shared(
  key: string,
  fetchFromPopin: () => Promise<unknown[]>,
  policy: SlotsCachePolicy,
  waitUntil: (promise: Promise<unknown>) => void,
): Promise<SharedSlots<unknown>> {

  let copy = memory.get(key);
  if (!copy || age(copy) >= policy.freshMs) {
    // Another isolate may have refreshed it since; so may this one, while we waited.
    const edge = await readEdge(key);
    copy = newest(memory.get(key), edge);
    if (copy) memory.set(key, copy);
  }
  if (copy && age(copy) < policy.freshMs) return { ...copy, stale: false };
  if (copy && age(copy) < policy.freshMs + policy.revalidateMs) {
    waitUntil(refresh(key, fetchFromPopin, policy, waitUntil).catch(() => {}));
    return { ...copy, stale: false };
  }
  try {
    return { ...(await refresh(key, fetchFromPopin, policy, waitUntil)), stale: false };
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
  fetchFromPopin: () => Promise<unknown[]>,
  policy: SlotsCachePolicy,
  waitUntil: (promise: Promise<unknown>) => void,
): Promise<Snapshot> {
  let pending = inFlight.get(key);
  if (!pending) {
    pending = fetchFromPopin()
      .then((events) => {
        const snapshot = { events, fetchedAt: Date.now() };
        memory.set(key, snapshot);
        const write = writeEdge(key, snapshot, policy).catch(() => {});
        edgeWrites.add(write);
        waitUntil(write.finally(() => edgeWrites.delete(write)));
        return snapshot;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
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
  const keepSeconds = Math.max(1, Math.ceil((policy.freshMs + Math.max(policy.revalidateMs, policy.staleIfErrorMs)) / 1000));
  await edgeCache()?.put(
    edgeKey(key),
    new Response(JSON.stringify(snapshot), {
      headers: { 'Content-Type': 'application/json', 'Cache-Control': `public, max-age=${keepSeconds}` },
    }),
  );
}
