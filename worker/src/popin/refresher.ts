import { DurableObject } from 'cloudflare:workers';
import { PopinClient, PopinError, type ConferenceEvent, type PopinClientOptions, type PopinFailure } from './client';
import { freshness, keepMs, type SlotsCachePolicy } from './slots-cache';

/**
 * The one refresher of a site's general slots list (issue #15, BENCHMARKS.md "Capacity model"):
 * a SQLite-backed Durable Object per general-list key (general-slots.ts generalSlotsKey: Popin
 * base URL, site, seller). Isolates keep their memory copy and the location's Cache API copy in
 * front (slots-cache.ts); only when both are missing or stale do they ask here, so Popin sees at
 * most one general-list call per site per fresh period, worldwide, however many isolates and
 * locations ask. Concurrent asks wait on the one call.
 *
 * - The last good list is kept in memory and in storage, so stale-if-error survives an eviction
 *   or a restart of this object. Storage keeps it as long as it may be served (fresh, then
 *   revalidate or stale-if-error, whichever is longer): an alarm then deletes it, so a site
 *   nobody views any more (or one removed) leaves nothing behind.
 * - Stale-while-revalidate and stale-if-error as in slots-cache.ts, with the policy the asking
 *   isolate sends (the site's slotsCacheSeconds and slotsStaleIfErrorSeconds).
 * - A failed call is remembered for the fresh period: during an outage Popin is asked at most
 *   once per fresh period too, and the asks meanwhile get the last list (stale) or that failure.
 * - The Popin budget (budget.ts) applies to its calls as to any other: a spent budget is a
 *   `busy` answer and nothing is sent; a 429 is never retried (client.ts).
 *
 * Credentials: the asking isolate sends the Popin client options (with the site's API key) in
 * the RPC call. Its site middleware already resolved the site, decrypted a console-stored key
 * and built those options; resolving the site again here would repeat that work (a
 * SiteDirectory call and a decryption per refresh) and could pick a different key than the
 * isolate during a key rotation. The key stays inside Cloudflare (isolate to object), is used
 * for the one call and is never stored, answered or logged: the answer holds the list or the
 * failure kind, whose details never contain it.
 */

/** What an isolate sends with its ask. */
export interface RefreshAsk {
  popin: PopinClientOptions;
  policy: SlotsCachePolicy;
}

/** The list (possibly the last one, marked stale, while Popin fails) or Popin's failure. */
export type RefreshAnswer =
  | { ok: true; events: ConferenceEvent[]; fetchedAt: number; stale: boolean }
  | { ok: false; failure: PopinFailure; transient: boolean };

interface Snapshot {
  events: ConferenceEvent[];
  fetchedAt: number;
}

interface Failure {
  answer: Extract<RefreshAnswer, { ok: false }>;
  /** No new call before this (ms). */
  until: number;
}

/** As stored: the list and until when it may be served at all. */
interface Stored extends Snapshot {
  keepUntil: number;
}

const SNAPSHOT = 'snapshot';

export function generalSlotsRefresher(namespace: DurableObjectNamespace<GeneralSlotsRefresher>, key: string) {
  return namespace.get(namespace.idFromName(key));
}

export class GeneralSlotsRefresher extends DurableObject {
  private snapshot: Snapshot | undefined;
  private inFlight: Promise<RefreshAnswer> | undefined;
  private failure: Failure | undefined;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never);
    // The last good list from before an eviction or a restart: what stale-if-error serves.
    void ctx.blockConcurrencyWhile(async () => {
      const stored = await ctx.storage.get<Stored>(SNAPSHOT);
      this.snapshot = stored && { events: stored.events, fetchedAt: stored.fetchedAt };
    });
  }

  /** The site's general list, as fresh as the policy asks, calling Popin only when it must. */
  async slots(ask: RefreshAsk): Promise<RefreshAnswer> {
    const copy = this.snapshot;
    const phase = copy ? freshness(Date.now() - copy.fetchedAt, ask.policy) : 'expired';
    // Served now, refreshed behind it (this object stays up meanwhile).
    if (copy && phase == 'revalidate') void this.refresh(ask).catch(() => {});
    if (copy && phase != 'expired') return { ok: true, ...copy, stale: false };
    const answer = await this.refresh(ask);
    if (answer.ok) return answer;
    const last = this.snapshot;
    if (last && Date.now() - last.fetchedAt < ask.policy.staleIfErrorMs) return { ok: true, ...last, stale: true };
    return answer;
  }

  /** Drops the list, in memory and storage (tests start each case without one). */
  async forget(): Promise<void> {
    await this.inFlight;
    this.snapshot = undefined;
    this.failure = undefined;
    await this.ctx.storage.deleteAll();
  }

  /** The stored list can no longer be served: nothing is kept (a new ask fetches it again). */
  override async alarm(): Promise<void> {
    const stored = await this.ctx.storage.get<Stored>(SNAPSHOT);
    if (stored && Date.now() < stored.keepUntil) return this.ctx.storage.setAlarm(stored.keepUntil);
    this.snapshot = undefined;
    this.failure = undefined;
    await this.ctx.storage.deleteAll();
  }

  /** One Popin call at a time, and none while a recent failure is remembered. */
  private refresh(ask: RefreshAsk): Promise<RefreshAnswer> {
    if (this.inFlight) return this.inFlight;
    if (this.failure && Date.now() < this.failure.until) return Promise.resolve(this.failure.answer);
    this.inFlight = this.call(ask).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async call(ask: RefreshAsk): Promise<RefreshAnswer> {
    try {
      const { events } = await new PopinClient(ask.popin).slots();
      const snapshot = { events, fetchedAt: Date.now() };
      this.snapshot = snapshot;
      this.failure = undefined;
      const keepUntil = snapshot.fetchedAt + keepMs(ask.policy);
      await this.ctx.storage.put(SNAPSHOT, { ...snapshot, keepUntil } satisfies Stored);
      await this.ctx.storage.setAlarm(keepUntil);
      return { ok: true, ...snapshot, stale: false };
    } catch (error) {
      if (!(error instanceof PopinError)) throw error;
      const answer = { ok: false as const, failure: error.failure, transient: error.transient };
      // `busy` sent nothing (the budget or a rest refused it): the budget already spaces the next try.
      if (error.failure.kind !== 'busy') this.failure = { answer, until: Date.now() + ask.policy.freshMs };
      return answer;
    }
  }
}
