import { DurableObject } from 'cloudflare:workers';

/**
 * Exact rate limits: one Durable Object per site and client network (an IPv4 address, or an
 * IPv6 /48), or per site and customer, holding one counter per bucket. The algorithm is GCRA
 * (a leaky bucket kept as one timestamp): a bucket allows `limitPerMinute` requests at once,
 * then one every 60/limit seconds.
 */

const WINDOW_MS = 60_000;

/** The kinds of limited request, one per route pattern (middleware/rate-limit.ts). */
export type RateLimitedRoute = 'customers' | 'registrations' | 'slots' | 'webhook';

export interface Bucket {
  /** Counter name inside this object, e.g. "slots|6:2001:db8:1:2". */
  name: string;
  limitPerMinute: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

export class RateLimiter extends DurableObject<Env> {
  /**
   * Takes one request from every bucket, or from none: a request refused by its /48 ceiling
   * does not use up its /64's allowance, and the other way round.
   */
  takeAll(buckets: Bucket[], now = Date.now()): RateDecision {
    const planned: Array<[string, number]> = [];
    let wait = 0;
    for (const { name, limitPerMinute } of buckets) {
      const interval = WINDOW_MS / limitPerMinute;
      // The theoretical arrival time: when the bucket would be empty again.
      const tat = Math.max(this.ctx.storage.kv.get<number>(name) ?? now, now);
      const ahead = tat + interval - now;
      if (ahead > WINDOW_MS) wait = Math.max(wait, ahead - WINDOW_MS);
      else planned.push([name, tat + interval]);
    }
    if (wait > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    let latest = 0;
    for (const [name, tat] of planned) {
      this.ctx.storage.kv.put(name, tat);
      latest = Math.max(latest, tat);
    }
    // Forget this client once all its buckets are empty, so idle clients cost no storage.
    // The alarm is moved at most every few seconds: a busy client should not pay a write per request.
    const emptyAt = latest + WINDOW_MS;
    if (this.alarmAt === undefined || emptyAt > this.alarmAt + 5_000) {
      this.alarmAt = emptyAt;
      void this.ctx.storage.setAlarm(emptyAt);
    }
    return { allowed: true, retryAfterSeconds: 0 };
  }

  /** One bucket (kept for callers that limit a single thing). */
  take(route: string, limitPerMinute: number, now = Date.now()): RateDecision {
    return this.takeAll([{ name: route, limitPerMinute }], now);
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
