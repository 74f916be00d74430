// Scale, worker side (issue #15): how the worker's answer grows with a seller's number of demos
// (10, 50, 200) and a customer's number of bookings (1, 20). One request at a time from this
// process (which also hosts the Popin simulator, answering at once), p50 of each series; the
// figure to read is the growth: time per added item and the ratio of the largest to the smallest.
import type { Stack } from '../../demo/stack';
import type { SeededEvent } from '../../demo/popin-simulator/seed';
import { settle } from './settle';
import { median, num, ratio, signed, table } from './stats';

const SITE = 'demo';
const SELLER = 'seller-demo';
const DEMO_COUNTS = [10, 50, 200] as const;
const BOOKING_COUNTS = [1, 20] as const;
const FIRST_ID = 500_000;

export interface ScaleOptions {
  requests: number;
}

interface Series {
  label: string;
  /** p50 per count, in the order of the counts. */
  p50: number[];
  counts: readonly number[];
  unit: string;
}

export async function measureWorkerScale(stack: Stack, options: ScaleOptions): Promise<Series[]> {
  await settle(stack);
  stack.simulator.reset();
  stack.simulator.faults.latencyMs = 0;
  const seller = stack.simulator.state.sellers.get(SELLER)!;
  const seeded = seller.events;
  const base = `${stack.workerUrl}/v1/sites/${SITE}`;
  const token = await signUp(base);
  const bearer = { authorization: `Bearer ${token.token}` };
  const time = async (run: () => Promise<Response>) => {
    const samples: number[] = [];
    for (let i = 0; i < options.requests; i++) {
      const started = performance.now();
      const response = await run();
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`scale: ${response.status} from the worker`);
      samples.push(performance.now() - started);
    }
    return median(samples);
  };

  const cached: number[] = [];
  const customer: number[] = [];
  const bytes: number[] = [];
  try {
    for (const count of DEMO_COUNTS) {
      seller.events = demos(count);
      seller.registrations.delete(token.userId);
      // The shared list is refreshed within slotsCacheSeconds (5 s): wait until it has this count.
      await waitForCount(base, count);
      bytes.push((await (await fetch(`${base}/slots`)).arrayBuffer()).byteLength);
      cached.push(await time(() => fetch(`${base}/slots`)));
      customer.push(await time(() => fetch(`${base}/slots`, { headers: bearer })));
    }

    // A customer with 1 and with 20 bookings (200 demos listed): their view, and a booking plus
    // its cancellation (one Popin call each, after the view: bookings/customer-bookings.ts).
    const view: number[] = [];
    const bookCancel: number[] = [];
    const events = demos(200);
    seller.events = events;
    for (const count of BOOKING_COUNTS) {
      seller.registrations.set(token.userId, new Set(events.slice(0, count).map((e) => e.id)));
      view.push(await time(() => fetch(`${base}/slots`, { headers: bearer })));
      const free = events.at(-1)!.id;
      const samples: number[] = [];
      for (let i = 0; i < options.requests / 2; i++) {
        const started = performance.now();
        const booked = await fetch(`${base}/registrations`, {
          method: 'POST',
          headers: { ...bearer, 'content-type': 'application/json' },
          body: JSON.stringify({ event_id: free }),
        });
        const cancelled = await fetch(`${base}/registrations/${free}`, { method: 'DELETE', headers: bearer });
        await Promise.all([booked.arrayBuffer(), cancelled.arrayBuffer()]);
        if (!booked.ok || !cancelled.ok) throw new Error(`scale: booking ${booked.status}, cancel ${cancelled.status}`);
        samples.push(performance.now() - started);
      }
      bookCancel.push(median(samples));
    }
    console.error(`  scale: general list ${cached.map((t) => num(t, 2)).join(' / ')} ms; customer view ${customer.map((t) => num(t, 2)).join(' / ')} ms`);
    return [
      { label: 'general slots (cached), p50', p50: cached, counts: DEMO_COUNTS, unit: 'demo' },
      { label: "customer's slots (from Popin, not cached), p50", p50: customer, counts: DEMO_COUNTS, unit: 'demo' },
      { label: 'general slots answer size (bytes, not ms)', p50: bytes, counts: DEMO_COUNTS, unit: 'demo' },
      { label: "customer's slots with N bookings (200 demos), p50", p50: view, counts: BOOKING_COUNTS, unit: 'booking' },
      { label: 'book + cancel with N bookings (200 demos), p50', p50: bookCancel, counts: BOOKING_COUNTS, unit: 'booking' },
    ];
  } finally {
    seller.events = seeded;
    seller.registrations.delete(token.userId);
  }
}

export function workerScaleTable(series: Series[]): string {
  return table(
    ['Worker, one request at a time (Popin +0)', 'N', 'at N', 'per added item', 'ratio largest:smallest'],
    series.flatMap(({ label, p50, counts, unit }) =>
      counts.map((count, i) => {
        const bytes = label.includes('bytes');
        const value = bytes ? `${num(p50[i]!, 0)} B` : `${num(p50[i]!, 2)} ms`;
        if (i === 0) return [label, String(count), value, '', ''];
        const perItem = (p50[i]! - p50[0]!) / (count - counts[0]!);
        return ['', String(count), value, `${signed(perItem, bytes ? 0 : 3)} ${bytes ? 'B' : 'ms'}/${unit}`, i === counts.length - 1 ? `${ratio(p50[i]!, p50[0]!)} (${count}:${counts[0]})` : ''];
      }),
    ),
  );
}

/** N demos a quarter of an hour apart from tomorrow on, as Popin would list them. */
function demos(count: number): SeededEvent[] {
  const tomorrow = Date.now() + 24 * 3600_000;
  return Array.from({ length: count }, (_, i) => {
    const start = new Date(Math.floor(tomorrow / 900_000) * 900_000 + i * 900_000);
    return { id: FIRST_ID + i, name: `Scale demo ${i + 1}`, room: `5f3d-${String(1000 + i)}`, start, end: new Date(start.getTime() + 15 * 60_000) };
  });
}

async function signUp(base: string): Promise<{ token: string; userId: number }> {
  const response = await fetch(`${base}/customers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Scale Customer', mobile: '+919544599999' }),
  });
  if (!response.ok) throw new Error(`scale: sign-up ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  const payload = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { user_id: number };
  return { token, userId: payload.user_id };
}

async function waitForCount(base: string, count: number): Promise<void> {
  const deadline = Date.now() + 70_000;
  while (Date.now() < deadline) {
    const body = (await (await fetch(`${base}/slots`)).json()) as { events: unknown[] };
    if (body.events.length === count) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`scale: the general list never showed ${count} demos`);
}
