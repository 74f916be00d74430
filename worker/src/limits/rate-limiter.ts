import { DurableObject } from 'cloudflare:workers';

/**
 * Exact rate limits: one Durable Object per site and client address, holding one counter
 * per kind of request. The algorithm is GCRA (a leaky bucket kept as one timestamp): a
 * client may send `limitPerMinute` requests at once, then one every 60/limit seconds.
 */

const WINDOW_MS = 60_000;

export type RateLimitedRoute = 'customers' | 'registrations' | 'slots';

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

export class RateLimiter extends DurableObject<Env> {
  take(route: RateLimitedRoute, limitPerMinute: number, now = Date.now()): RateDecision {
    const interval = WINDOW_MS / limitPerMinute;
    // The theoretical arrival time: when the bucket would be empty again.
    const stored = this.ctx.storage.kv.get<number>(route);
    const tat = Math.max(stored ?? now, now);
    const ahead = tat + interval - now;
    if (ahead > WINDOW_MS) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((ahead - WINDOW_MS) / 1000)) };
    }
    this.ctx.storage.kv.put(route, tat + interval);
    // Forget this client once all its buckets are empty, so idle clients cost no storage.
    // The alarm is moved at most every few seconds: a busy client should not pay a write per request.
    const emptyAt = tat + interval + WINDOW_MS;
    if (this.alarmAt === undefined || emptyAt > this.alarmAt + 5_000) {
      this.alarmAt = emptyAt;
      void this.ctx.storage.setAlarm(emptyAt);
    }
    return { allowed: true, retryAfterSeconds: 0 };
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    const latest = Math.max(0, ...[...this.ctx.storage.kv.list<number>()].map(([, tat]) => tat));
    this.alarmAt = undefined;
    if (latest + WINDOW_MS > now) {
      this.alarmAt = latest + WINDOW_MS;
      await this.ctx.storage.setAlarm(this.alarmAt);
    } else {
      await this.ctx.storage.deleteAll();
    }
  }

  /** When the clean-up alarm is set for (this instance's knowledge; a restart sets it again). */
  private alarmAt: number | undefined;
}
