// The bench's seed worker (scripts/bench/scale-console.ts; wrangler.jsonc says why it is a worker
// of its own). It writes what the real booking path writes, with the product's own code: its
// objects are the product's SiteLedger and TentimesOutbox classes, extended by one method that
// calls their public methods row after row inside the object (one call per few thousand rows:
// an RPC per row made 100,000 leads take minutes). scale-console.ts then gives each seeded file
// to the product's object of the same name (the id this worker reads from the product's binding).
//   POST /ledger { site, count, upcoming, now }  count leads (SiteLedger.signedUp), each with one
//                booking (booked), first seen over the past year, the last day's on the seller's
//                upcoming demos, the rest on past ones; one booking in twelve cancelled later.
//   POST /outbox { site, count }  count 10times registrations (TentimesOutbox.enqueue, then
//                claimBatch and settleBatch as the queue consumer does): mostly done with a FLOOR link, 1 % dead
//                with a reason, 1 % cancelled before they were sent, 1 % cancelled after; one
//                push from 10times per 20 (1 in 20 of those rejected). No profiles: the report
//                does not read them.
// Both answer { seeded, product }: the seed object's id and the product's object id for the site.
import { SiteLedger } from '../../../worker/src/ledger/ledger';
import { TentimesOutbox } from '../../../worker/src/tentimes/outbox';
import type { Bindings } from '../../../worker/src/env';

interface Env {
  SEED_LEDGER: DurableObjectNamespace<SeedLedger>;
  SEED_OUTBOX: DurableObjectNamespace<SeedOutbox>;
  /** The product's namespaces (worker/wrangler.jsonc, in the same dev session): only their ids are read. */
  SITE_LEDGER: DurableObjectNamespace;
  TENTIMES_OUTBOX: DurableObjectNamespace;
}

const DAY_MS = 24 * 3600_000;
/** Inside the default 365-day retention, so the daily prune keeps them. */
const SPREAD_MS = 360 * DAY_MS;
/** Rows per call into an object. */
const BATCH = 5_000;
/** Popin user ids of the seeded customers start here (the simulator's own are far smaller). */
const FIRST_USER = 10_000_000;
/** Past demos: one every six hours over the spread, Popin-style numeric ids. */
const FIRST_PAST_EVENT = 100_000;

const FIRST_NAMES = ['Aarav', 'Meera', 'Arjun', 'Priya', 'Rohan', 'Ananya', 'Vikram', 'Kavya', 'Ishaan', 'Diya', 'Kabir', 'Saanvi'];
const LAST_NAMES = ['Sharma', 'Iyer', 'Nair', 'Reddy', 'Gupta', 'Menon', 'Patel', 'Rao', 'Das', 'Khan', 'Bose', 'Joshi'];
const PAGES = ['https://shop.example.com/', 'https://shop.example.com/products/airpods-pro', 'https://shop.example.com/products/macbook-air', 'https://shop.example.com/demos'];

const nameOf = (i: number) => `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]}`;
/** A valid Indian mobile in E.164, as the worker stores it after validation. */
const mobileOf = (i: number) => `+919${String(100_000_000 + (i % 899_999_999)).padStart(9, '0')}`;

interface Batch {
  from: number;
  to: number;
  total: number;
  site: string;
  upcoming: number[];
  now: number;
}

export class SeedLedger extends SiteLedger {
  async seed({ from, to, total, upcoming, now }: Batch): Promise<void> {
    for (let i = from; i < to; i++) {
      // Lead i of `total` is first seen i / total of the way through the past year (the last ones
      // newest), at a time of day that varies; the booking follows two minutes later.
      const at = Math.round(now - SPREAD_MS + (SPREAD_MS * (i + 0.5)) / total) - (i % 97) * 60_000;
      const userId = FIRST_USER + i;
      const page = PAGES[i % PAGES.length]!;
      await this.signedUp({ userId, name: nameOf(i), mobile: mobileOf(i), page, at, retentionDays: 365 });
      const recent = now - at < DAY_MS && upcoming.length > 0;
      const eventId = recent ? upcoming[i % upcoming.length]! : FIRST_PAST_EVENT + Math.floor((at - (now - SPREAD_MS)) / (6 * 3600_000));
      await this.booked({ userId, eventId, page, at: at + 2 * 60_000, tentimesStatus: null, retentionDays: 365 });
      if (i % 12 === 5) this.cancelled({ userId, eventId, at: at + 3600_000, tentimesStatus: null });
    }
  }
}

export class SeedOutbox extends TentimesOutbox {
  constructor(ctx: DurableObjectState, env: Bindings) {
    // The queue takes every hand-over, as Cloudflare's does; nothing consumes it here (the rows
    // are claimed and settled below), so the messages are dropped instead of sent.
    super(ctx, { ...env, TENTIMES_QUEUE: { send: async () => {} } as unknown as Bindings['TENTIMES_QUEUE'] });
  }

  async seed({ from, to, site }: Batch): Promise<void> {
    for (let i = from; i < to; i++) {
      const userId = FIRST_USER + i;
      const eventId = FIRST_PAST_EVENT + (i % 1460);
      const attendee = { name: nameOf(i), email: `lead${i}@example.com`, mobile: mobileOf(i), company: 'Acme Retail', city: 'Bengaluru', country: 'IN' };
      const { key } = await this.enqueue(site, userId, eventId, attendee);
      const kind = i % 100;
      if (kind === 7) {
        // Cancelled in Popin before the queue sent it: it never will be.
        this.cancel(userId, eventId);
        continue;
      }
      const id = this.registration(key)!.id;
      if (this.claimBatch([{ key, id }])[0]!.action !== 'send') continue;
      if (kind === 3) {
        this.settleBatch([{ key, id, settlement: { outcome: 'dead', reason: '10times answered 422: the email address is not valid (given up after 1 attempt)' } }]);
        continue;
      }
      this.settleBatch([{ key, id, settlement: { outcome: 'done', floorLink: `https://floor.10times.com/join/${eventId}/${userId}` } }]);
      // Cancelled in Popin after 10times registered it (10times has no cancel endpoint).
      if (kind === 11) this.cancel(userId, eventId);
      if (i % 20 === 0) {
        const rejected = i % 400 === 0;
        const body = JSON.stringify(rejected ? { name: 'Visitor', email: `visitor${i}@example.com` } : { name: nameOf(i + 1), phone: mobileOf(i + 1), email: `lead${i + 1}@example.com` });
        this.recordPush(rejected ? 'rejected' : 'captured', rejected ? 'The push has no phone or mobile number.' : null, body, rejected ? undefined : userId + 1);
      }
    }
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/healthz') return Response.json({ ok: true });
    if (request.method !== 'POST' || (pathname !== '/ledger' && pathname !== '/outbox')) return new Response('not found', { status: 404 });
    const { site, count, upcoming = [], now = Date.now() } = (await request.json()) as { site: string; count: number; upcoming?: number[]; now?: number };
    const ledger = pathname === '/ledger';
    const seeds = ledger ? env.SEED_LEDGER : env.SEED_OUTBOX;
    const product = ledger ? env.SITE_LEDGER : env.TENTIMES_OUTBOX;
    const id = seeds.idFromName(site);
    const stub = seeds.get(id) as DurableObjectStub<SeedLedger | SeedOutbox>;
    for (let from = 0; from < count; from += BATCH) {
      await stub.seed({ from, to: Math.min(count, from + BATCH), total: count, site, upcoming, now });
    }
    return Response.json({ seeded: id.toString(), product: product.idFromName(site).toString() });
  },
};
