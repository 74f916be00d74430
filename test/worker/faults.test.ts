import { abortAllDurableObjects, runInDurableObject } from 'cloudflare:test';
import { customerBookingsName } from '../../worker/src/bookings/stub';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { Failure } from '../../demo/popin-simulator/app';
import app from '../../worker/src/index';
import { turnstile } from '../../demo/turnstile-fake';
import { runDurableObjectAlarm } from 'cloudflare:test';
import { DEFAULT_QUEUE_RETENTION_SECONDS } from '../../worker/src/tentimes/config';
import { TEST_BINDINGS } from './bindings';
import { UPCOMING_MEETING_IDS } from '../../demo/enablex-simulator/seed';
import { call, popin, popinRequests, signUp, tentimes, tokenPayload } from './helpers';
import { bindings, bookExpo, deliver, expoOutbox, freshOutboxes, signUpExpo, until } from './tentimes-helpers';

/**
 * The fault matrix: each scenario books as the widget does (one Idempotency-Key per attempt;
 * the same key when a request is repeated), with Popin misbehaving. Each step checks the exact
 * status, code and message the widget shows; the end state in the simulator is checked for
 * lost registrations (confirmed to the customer but not in Popin) and duplicated ones
 * (Popin asked to register what it already had). `npm run faults` prints the rows.
 */

const EVENT = 2853;
const MESSAGES = {
  timeoutWrite: 'Popin did not answer in time, so your request may or may not have gone through. Trying again is safe: it will not book you twice.',
  timeoutRead: 'Popin did not answer in time. Please try again.',
  upstream: 'Popin is not answering correctly right now. Please try again in a moment.',
  unauthorized: 'The booking service is not set up correctly (Popin rejected the seller key). Please try again later; the seller has to fix this.',
  interrupted: 'Your request was interrupted on our side. Please try again: it will not book you twice.',
  limiter: 'We could not take your request just now; nothing was done. Please try again in a moment.',
};

interface Step {
  status: number;
  code?: string;
  message?: string;
}

interface Row {
  scenario: string;
  requests: number;
  outcome: string;
  lost: number;
  duplicated: number;
}

interface Booking {
  token: string;
  userId: number;
  send(key?: string, environment?: Record<string, unknown>): Promise<Response>;
}

/**
 * A new customer. With `view`, they first look at their own slots, as the widget does after a
 * sign-up: their bookings object then knows their registrations and books with one Popin round
 * trip (no read before the write; the page's general list, read first, is shared). The simulator reuses user ids from test to test, so the
 * object is emptied first: it has never seen this customer.
 */
async function customer(view = false): Promise<Booking> {
  const token = await signUp();
  const userId = tokenPayload(token).user_id;
  if (view) {
    const object = env.CUSTOMER_BOOKINGS.get(env.CUSTOMER_BOOKINGS.idFromName(customerBookingsName('seller-demo', userId)));
    await runInDurableObject(object, (_instance, state) => state.storage.deleteAll());
    await abortAllDurableObjects();
    expect((await call('/v1/sites/acme/slots')).status).toBe(200); // the page's general list
    expect((await call('/v1/sites/acme/slots', { token })).status).toBe(200);
  }
  return {
    token,
    userId,
    send: async (key, environment) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
      if (key) headers['Idempotency-Key'] = key;
      const init = { method: 'POST', headers, body: JSON.stringify({ event_id: EVENT }) };
      return environment
        ? app.request('/v1/sites/acme/registrations', init, environment)
        : call('/v1/sites/acme/registrations', { body: { event_id: EVENT }, token, headers: key ? { 'Idempotency-Key': key } : {} });
    },
  };
}

/** Checks one answer against what the widget must show; returns "status code". */
async function expectStep(response: Response, step: Step): Promise<string> {
  const body = (await response.json()) as { code?: string; message?: string };
  expect(response.status).toBe(step.status);
  if (step.code) expect(body.code).toBe(step.code);
  if (step.message) expect(body.message).toBe(step.message);
  return step.code ? `${step.status} ${step.code}` : String(step.status);
}

/** The end state: lost = confirmed but missing in Popin; duplicated = register calls for what Popin already had. */
function finalState(userId: number, confirmed: boolean) {
  const registered = popin.state.sellers.get('seller-demo')!.registrations.get(userId)?.has(EVENT) ?? false;
  return { lost: confirmed && !registered ? 1 : 0, duplicated: popin.state.repeatedRegistrations, registered };
}

/** Scenarios that fail once and are retried: the first answer, then the end state. */

function report({ registered: _, ...row }: Row & { registered?: boolean }): void {
  // Read by scripts/faults.ts (npm run faults), which prints the table and writes FAULTS.md.
  console.log(`FAULT-ROW ${JSON.stringify(row)}`);
  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
}

/** A failure on register, then the widget's retry of the same attempt (same key) once Popin is back. */
function failThenRetry(scenario: string, failure: Failure, first: Step, registeredAfterFailure: boolean, view = false) {
  it(scenario, async () => {
    const booking = await customer(view);
    const key = crypto.randomUUID();
    popin.faults.inject({ ...failure, endpoint: 'register' });
    const before = popin.requests.length;
    const outcomes = [await expectStep(await booking.send(key), first)];
    // After the customer's view the first attempt goes straight to register: no read before it.
    if (view) expect(popin.requests.slice(before).map((request) => request.path.split('/').at(-1))).toEqual(['register']);
    expect(finalState(booking.userId, false).registered).toBe(registeredAfterFailure);
    outcomes.push(await expectStep(await booking.send(key), { status: 200 }));
    const state = finalState(booking.userId, true);
    expect(state.registered).toBe(true);
    report({ scenario, requests: 2, outcome: `${outcomes.join(', then ')} (retry, same key)`, ...state });
  });
}

describe('fault matrix: every scenario ends with zero lost and zero duplicated registrations', () => {
  it('healthy Popin', async () => {
    const booking = await customer();
    const outcome = await expectStep(await booking.send(crypto.randomUUID()), { status: 200 });
    report({ scenario: 'healthy Popin', requests: 1, outcome, ...finalState(booking.userId, true) });
  });

  it("healthy Popin, after the customer's own view (the widget's way): one Popin call, register", async () => {
    const booking = await customer(true);
    const before = popin.requests.length;
    const outcome = await expectStep(await booking.send(crypto.randomUUID()), { status: 200 });
    expect(popin.requests.slice(before).map((request) => request.path.split('/').at(-1))).toEqual(['register']);
    report({ scenario: "healthy Popin, after the customer's own view: one Popin call (register)", requests: 1, outcome, ...finalState(booking.userId, true) });
  });

  failThenRetry('Popin times out on register (no answer)', { kind: 'hang' }, { status: 504, code: 'upstream_timeout', message: MESSAGES.timeoutWrite }, false);
  failThenRetry(
    'Popin registers but its answer is lost',
    { kind: 'lost-answer' },
    { status: 504, code: 'upstream_timeout', message: MESSAGES.timeoutWrite },
    true,
  );
  const VIEWED = " (one round trip: after the customer's own view, no read before the write)";
  failThenRetry(`Popin times out on register${VIEWED}`, { kind: 'hang' }, { status: 504, code: 'upstream_timeout', message: MESSAGES.timeoutWrite }, false, true);
  failThenRetry(`Popin registers but its answer is lost${VIEWED}`, { kind: 'lost-answer' }, { status: 504, code: 'upstream_timeout', message: MESSAGES.timeoutWrite }, true, true);
  failThenRetry(`Popin 503 on register${VIEWED}`, { kind: 'status', status: 503 }, { status: 502, code: 'upstream_error', message: MESSAGES.upstream }, false, true);
  failThenRetry('Popin 500 on register', { kind: 'status', status: 500 }, { status: 502, code: 'upstream_error', message: MESSAGES.upstream }, false);
  failThenRetry('Popin 503 on register', { kind: 'status', status: 503 }, { status: 502, code: 'upstream_error', message: MESSAGES.upstream }, false);
  failThenRetry('Popin malformed JSON (200 HTML) on register', { kind: 'malformed' }, { status: 502, code: 'upstream_error', message: MESSAGES.upstream }, false);
  failThenRetry('Popin wrong shape (status 0) on register', { kind: 'wrong-shape' }, { status: 502, code: 'upstream_error', message: MESSAGES.upstream }, false);
  failThenRetry('Popin 401 (seller key rejected)', { kind: 'status', status: 401 }, { status: 502, code: 'upstream_unauthorized', message: MESSAGES.unauthorized }, false);

  it('Popin 422 on register (its own validation)', async () => {
    const booking = await customer();
    popin.faults.inject({ kind: 'status', status: 422, endpoint: 'register', body: { message: 'Event is full', errors: { event_id: ['This event is full.'] } } });
    const outcome = await expectStep(await booking.send(crypto.randomUUID()), { status: 422, code: 'validation_failed', message: 'Event is full' });
    report({ scenario: 'Popin 422 on register', requests: 1, outcome, ...finalState(booking.userId, false) });
  });

  it('Popin times out on the read before the write', async () => {
    // The general list is shared and warm (a visitor loaded the page); this customer's bookings
    // object knows nothing of them yet (no view of their own slots), so it reads before writing.
    expect((await call('/v1/sites/acme/slots')).status).toBe(200);
    const booking = await customer();
    const key = crypto.randomUUID();
    popin.faults.inject({ kind: 'hang', endpoint: 'slots' });
    const outcomes = [await expectStep(await booking.send(key), { status: 504, code: 'upstream_timeout', message: MESSAGES.timeoutRead })];
    expect(popinRequests('register')).toEqual([]);
    outcomes.push(await expectStep(await booking.send(key), { status: 200 }));
    report({ scenario: 'Popin times out on the read before the write', requests: 2, outcome: `${outcomes.join(', then ')} (retry, same key)`, ...finalState(booking.userId, true) });
  });

  it('Popin connection refused', async () => {
    const booking = await customer();
    const key = crypto.randomUUID();
    const unreachable = { ...TEST_BINDINGS, RATE_LIMITER: env.RATE_LIMITER, CUSTOMER_BOOKINGS: env.CUSTOMER_BOOKINGS, POPIN_BASE_URL: 'http://127.0.0.1:9' };
    const outcomes = [await expectStep(await booking.send(key, unreachable), { status: 502, code: 'upstream_error', message: MESSAGES.upstream })];
    outcomes.push(await expectStep(await booking.send(key), { status: 200 }));
    report({ scenario: 'Popin connection refused', requests: 2, outcome: `${outcomes.join(', then ')} (retry, same key)`, ...finalState(booking.userId, true) });
  });

  it('Popin slow (under the timeouts: 300 ms reads, 500 ms writes in tests)', async () => {
    const booking = await customer();
    popin.faults.latencyMs = 200;
    const outcome = await expectStep(await booking.send(crypto.randomUUID()), { status: 200 });
    report({ scenario: 'Popin slow (200 ms a call)', requests: 1, outcome, ...finalState(booking.userId, true) });
  });

  it('double tap: the same attempt sent twice', async () => {
    const booking = await customer();
    const key = crypto.randomUUID();
    const first = await booking.send(key);
    const second = await booking.send(key);
    const outcomes = [await expectStep(first, { status: 200 }), await expectStep(second, { status: 200 })];
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(popinRequests('register')).toHaveLength(1);
    report({ scenario: 'duplicate submit (same key, twice)', requests: 2, outcome: `${outcomes.join(', ')} (replayed)`, ...finalState(booking.userId, true) });
  });

  it('ten concurrent submits with one key', async () => {
    const booking = await customer();
    const key = crypto.randomUUID();
    popin.faults.latencyMs = 100;
    const responses = await Promise.all(Array.from({ length: 10 }, () => booking.send(key)));
    for (const response of responses) await expectStep(response, { status: 200 });
    expect(popinRequests('register')).toHaveLength(1);
    report({ scenario: 'concurrent submits with one key (10)', requests: 10, outcome: '10 × 200 (9 replayed)', ...finalState(booking.userId, true) });
  });

  it('two concurrent submits without a key (an older widget)', async () => {
    const booking = await customer();
    popin.faults.latencyMs = 100;
    const responses = await Promise.all([booking.send(), booking.send()]);
    for (const response of responses) await expectStep(response, { status: 200 });
    expect(popinRequests('register')).toHaveLength(1);
    report({ scenario: 'concurrent submits without a key (2)', requests: 2, outcome: '2 × 200 (one answered from the read)', ...finalState(booking.userId, true) });
  });

  it('Durable Object restarted between the submit and its repeat', async () => {
    const booking = await customer();
    const key = crypto.randomUUID();
    const outcomes = [await expectStep(await booking.send(key), { status: 200 })];
    await abortAllDurableObjects();
    const repeat = await booking.send(key);
    expect(repeat.headers.get('Idempotent-Replayed')).toBe('true');
    outcomes.push(await expectStep(repeat, { status: 200 }));
    report({ scenario: 'Durable Object restart, then repeat', requests: 2, outcome: `${outcomes.join(', ')} (replayed from storage)`, ...finalState(booking.userId, true) });
  });

  it('Durable Object restarted while the booking is in flight', async () => {
    const booking = await customer();
    const key = crypto.randomUUID();
    popin.faults.latencyMs = 150;
    const inFlight = booking.send(key);
    // Restart once the request is inside the bookings object (it is reading the customer's slots
    // from Popin; the route's read of the shared general list, before it, does not count).
    await until(() => popinRequests('slots').some((request) => request.query.user_id !== undefined), 'the booking to reach Popin', 2_000);
    await abortAllDurableObjects();
    const first = await inFlight;
    // Depending on where the restart catches it: inside the bookings object, or still at the rate limiter (nothing done yet).
    const interrupted = first.headers.get('Retry-After') === '1' && first.status === 503 ? ((await first.clone().json()) as { code: string }).code : undefined;
    const outcomes = [
      await expectStep(
        first,
        first.status === 200
          ? { status: 200 }
          : interrupted === 'limiter_unavailable'
            ? { status: 503, code: 'limiter_unavailable', message: MESSAGES.limiter }
            : { status: 503, code: 'booking_interrupted', message: MESSAGES.interrupted },
      ),
    ];
    popin.faults.latencyMs = 0;
    outcomes.push(await expectStep(await booking.send(key), { status: 200 }));
    report({ scenario: 'Durable Object restart mid-request, then retry', requests: 2, outcome: `${outcomes.join(', then ')} (retry, same key)`, ...finalState(booking.userId, true) });
  });

  it('Popin down while visitors read the general slots', async () => {
    expect((await call('/v1/sites/acme/slots')).status).toBe(200);
    const fetchedAt = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(fetchedAt + 120_000);
    popin.faults.inject({ kind: 'status', status: 503, endpoint: 'slots', count: 'always' });
    const response = await call('/v1/sites/acme/slots');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { stale?: boolean }).stale).toBe(true);
    report({ scenario: 'Popin down: general slots', requests: 2, outcome: '200, then 200 stale: true (last known list)', lost: 0, duplicated: popin.state.repeatedRegistrations });
  });

  // ---- round 2: the services around the booking ---------------------------------------

  /** A sign-up as the widget sends it on the Turnstile site "guarded" (a new Turnstile token per attempt). */
  const guardedSignUp = (attempt: number) =>
    call('/v1/sites/guarded/customers', { body: { name: 'Priya Sharma', mobile: '095445 10895', turnstile: `pass-${attempt}` } });
  /** Sign-ups: lost = confirmed to the customer but no Popin lead; duplicated = a second lead for one mobile. */
  const leads = () => popin.state.sellers.get('seller-demo')!.usersByMobile.size;

  it.each([
    ['down (503)', 'down' as const],
    ['answering garbage (200 HTML)', 'garbage' as const],
    ['too slow (no answer within 5 s)', 'hang' as const],
  ])('Turnstile siteverify %s, then back', async (label, mode) => {
    turnstile.mode = mode;
    const outcomes = [
      await expectStep(await guardedSignUp(1), {
        status: 503,
        code: 'turnstile_unavailable',
        message: 'We could not check that you are human right now, so nothing was sent. Please try again in a minute.',
      }),
    ];
    expect(popinRequests('capture')).toEqual([]);
    turnstile.mode = 'ok';
    outcomes.push(await expectStep(await guardedSignUp(2), { status: 200 }));
    report({ scenario: `Turnstile siteverify ${label} (sign-up)`, requests: 2, outcome: `${outcomes.join(', then ')} (retry)`, lost: 1 - leads(), duplicated: popinRequests('capture').length - leads() });
  }, 20_000);

  it('the rate limiter object restarts mid-request', async () => {
    const booking = await customer();
    const key = crypto.randomUUID();
    // The first call to the limiter fails as the runtime fails a call into an object being reset.
    let failures = 1;
    const namespace = env.RATE_LIMITER;
    const restarting = {
      idFromName: (name: string) => namespace.idFromName(name),
      get: (id: DurableObjectId) => {
        const stub = namespace.get(id);
        return { takeAll: (...args: Parameters<typeof stub.takeAll>) => (failures-- > 0 ? Promise.reject(new Error('Durable Object reset because its code was updated.')) : stub.takeAll(...args)) };
      },
    };
    const environment = { ...TEST_BINDINGS, RATE_LIMITER: restarting, CUSTOMER_BOOKINGS: env.CUSTOMER_BOOKINGS };
    const outcomes = [
      await expectStep(await booking.send(key, environment), {
        status: 503,
        code: 'limiter_unavailable',
        message: MESSAGES.limiter,
      }),
    ];
    expect(popinRequests('register')).toEqual([]);
    outcomes.push(await expectStep(await booking.send(key, environment), { status: 200 }));
    report({ scenario: 'rate limiter object restarts mid-request', requests: 2, outcome: `${outcomes.join(', then ')} (retry, same key)`, ...finalState(booking.userId, true) });
  });

  it('the Cache API fails (general slots)', async () => {
    const cache = caches.default;
    vi.spyOn(cache, 'match').mockRejectedValue(new Error('cache unavailable'));
    vi.spyOn(cache, 'put').mockRejectedValue(new Error('cache unavailable'));
    const response = await call('/v1/sites/acme/slots');
    const outcome = await expectStep(response, { status: 200 });
    const booking = await customer();
    const booked = await expectStep(await booking.send(crypto.randomUUID()), { status: 200 });
    report({ scenario: 'Cache API failing (slots, then a booking)', requests: 2, outcome: `${outcome}, ${booked} (read from Popin)`, ...finalState(booking.userId, true) });
  });

  it('EnableX beside Popin: a seat asked for after a lost Popin answer counts that registration (the cap holds), then the retry', async () => {
    // Site "live": the same seller's Popin events and EnableX meetings, at most 3 active bookings.
    const token = await signUp('Priya Sharma', '095445 10895', 'live');
    const userId = tokenPayload(token).user_id;
    const object = env.CUSTOMER_BOOKINGS.get(env.CUSTOMER_BOOKINGS.idFromName(customerBookingsName('seller-demo', userId)));
    await runInDurableObject(object, (_instance, state) => state.storage.deleteAll());
    await abortAllDurableObjects();
    const book = (eventId: number | string, key: string) =>
      call('/v1/sites/live/registrations', { body: { event_id: eventId }, token, headers: { 'Idempotency-Key': key } });
    const [seat1, seat2] = UPCOMING_MEETING_IDS.map((id) => `enablex-${id}`) as [string, string];
    expect((await call('/v1/sites/live/slots', { token })).status).toBe(200); // the widget's view
    const key = crypto.randomUUID();
    const outcomes = [await expectStep(await book(2195, crypto.randomUUID()), { status: 200 })];
    popin.faults.inject({ kind: 'lost-answer', endpoint: 'register' });
    outcomes.push(await expectStep(await book(EVENT, key), { status: 504, code: 'upstream_timeout', message: MESSAGES.timeoutWrite }));
    outcomes.push(await expectStep(await book(seat1, crypto.randomUUID()), { status: 200 }));
    // 2195, the lost 2853 and one seat: three. Believing what the object knew before the lost answer would allow a fourth.
    outcomes.push(await expectStep(await book(seat2, crypto.randomUUID()), { status: 409, code: 'too_many_registrations' }));
    outcomes.push(await expectStep(await book(EVENT, key), { status: 200 }));
    report({
      scenario: 'EnableX seat after a lost Popin answer (cap 3), then the retry',
      requests: 5,
      outcome: `${outcomes.join(', ')} (the retry, same key: nothing registered again)`,
      ...finalState(userId, true),
    });
  });

  it('Popin no longer lists the event the customer booked, and the booking is repeated', async () => {
    const booking = await customer();
    const outcomes = [await expectStep(await booking.send(crypto.randomUUID()), { status: 200 })];
    const seller = popin.state.sellers.get('seller-demo')!;
    seller.events = seller.events.filter((event) => event.id !== EVENT);
    // The widget's page was stale: the customer taps Book again (a new attempt).
    outcomes.push(await expectStep(await booking.send(crypto.randomUUID()), { status: 422, code: 'validation_failed' }));
    expect(popinRequests('register')).toHaveLength(1);
    report({ scenario: 'Popin no longer lists a booked event; booking repeated', requests: 2, outcome: `${outcomes.join(', then ')} (not offered; nothing registered again)`, ...finalState(booking.userId, true) });
  });
});

describe('fault matrix, 10times side: every registration reaches 10times exactly once', () => {
  const tentimesRow = (scenario: string, requests: number, outcome: string, registered: number) =>
    report({ scenario, requests, outcome, lost: registered === 0 ? 1 : 0, duplicated: Math.max(0, registered - 1) });

  it('the 10times queue refuses the hand-over, then accepts it', async () => {
    await freshOutboxes();
    const queue = bindings.TENTIMES_QUEUE;
    (bindings as { TENTIMES_QUEUE: unknown }).TENTIMES_QUEUE = { send: () => Promise.reject(new Error('queue unavailable')) };
    let outcome: string;
    let key: string;
    try {
      const token = await signUpExpo();
      key = `${tokenPayload(token).user_id}:${EVENT}`;
      const response = await bookExpo(EVENT, token);
      outcome = await expectStep(response, { status: 200 });
      expect((await expoOutbox().registration(key))?.queued).toBe(0);
    } finally {
      (bindings as { TENTIMES_QUEUE: unknown }).TENTIMES_QUEUE = queue;
    }
    await runDurableObjectAlarm(bindings.TENTIMES_OUTBOX.get(bindings.TENTIMES_OUTBOX.idFromName('expo')));
    await until(async () => (await expoOutbox().registration(key))?.status === 'done', 'the registration to reach 10times');
    tentimesRow('10times queue refuses a send', 1, `${outcome} (tentimes pending), handed over by the outbox alarm`, tentimes.registrations.length);
  });

  it('a queue message expires before it is delivered', async () => {
    await freshOutboxes();
    tentimes.faults.inject({ kind: 'hang', count: 'always' });
    const token = await signUpExpo();
    const key = `${tokenPayload(token).user_id}:${EVENT}`;
    const outcome = await expectStep(await bookExpo(EVENT, token), { status: 200 });
    await until(async () => (await expoOutbox().registration(key))?.queued === 1, 'the hand-over');
    // What the platform leaves behind when the retention passes: the row still pending, marked as queued.
    const stub = bindings.TENTIMES_OUTBOX.get(bindings.TENTIMES_OUTBOX.idFromName('expo'));
    const { runInDurableObject } = await import('cloudflare:test');
    await runInDurableObject(stub, (_outbox, state) => {
      state.storage.sql.exec("UPDATE registrations SET status = 'pending', lease_until = 0, queued_at = ? WHERE key = ?", Date.now() - (DEFAULT_QUEUE_RETENTION_SECONDS + 60) * 1000, key);
    });
    tentimes.faults.clear();
    await runDurableObjectAlarm(stub);
    await until(async () => (await expoOutbox().registration(key))?.status === 'done', 'the registration to reach 10times');
    tentimesRow('a 10times queue message expires undelivered', 1, `${outcome}; handed over again after the queue's retention`, tentimes.registrations.length);
  });

  /** Three customers booked on "expo", their first deliveries failed (10times down): their queue messages, for a batch. */
  async function threeWaiting() {
    await freshOutboxes();
    tentimes.faults.inject({ kind: 'status', status: 503, count: 'always' });
    const messages: Array<{ site: string; key: string; id: string }> = [];
    const emails: string[] = [];
    for (const n of [1, 2, 3]) {
      const email = `batch-${n}@example.com`;
      const token = await signUpExpo(`095445 1089${n}`, { email });
      const key = `${tokenPayload(token).user_id}:${EVENT}`;
      await expectStep(await bookExpo(EVENT, token), { status: 200 });
      await until(async () => (await expoOutbox().registration(key))?.attempts === 1, 'the failed first delivery');
      messages.push({ site: 'expo', key, id: String((await expoOutbox().registration(key))!.id) });
      emails.push(email);
    }
    tentimes.faults.clear();
    const batchRow = (scenario: string, outcome: string) => {
      const counts = emails.map((email) => tentimes.registrations.filter((registration) => registration.attendee.email === email).length);
      report({ scenario, requests: 3, outcome, lost: counts.filter((count) => count === 0).length, duplicated: counts.reduce((sum, count) => sum + Math.max(0, count - 1), 0) });
    };
    return { messages, batchRow };
  }

  it('one 10times call of a queue batch fails', async () => {
    const { messages, batchRow } = await threeWaiting();
    tentimes.faults.inject({ kind: 'status', status: 503 });
    const first = await deliver(messages.map((body) => ({ body, attempts: 2 })));
    expect(first.acked.filter((acked) => !acked)).toHaveLength(1);
    const failed = first.acked.indexOf(false);
    expect((await deliver([{ body: messages[failed]!, attempts: 3 }])).acked).toEqual([true]);
    batchRow('one 10times call of a 3-message queue batch fails', '200 each; the batch settled but the failed one, retried alone');
  });

  it('the outbox restarts between a batch\'s claim and its settle', async () => {
    const { messages, batchRow } = await threeWaiting();
    tentimes.faults.latencyMs = 300;
    const delivering = deliver(messages.map((body) => ({ body, attempts: 2 })));
    await until(() => tentimes.requests.length >= 6, 'the batch\'s 10times calls');
    await abortAllDurableObjects();
    expect((await delivering).acked).toEqual([true, true, true]);
    tentimes.faults.latencyMs = 0;
    // The platform delivers the batch again (at least once): nothing is sent twice.
    expect((await deliver(messages.map((body) => ({ body, attempts: 3 })))).acked).toEqual([true, true, true]);
    batchRow('10times outbox restarts between a batch\'s claim and settle', '200 each; settled after the restart; the redelivered batch sends nothing');
  });

  it('the outbox cannot be reached once Popin has the booking', async () => {
    await freshOutboxes();
    const token = await signUpExpo();
    const broken = { idFromName: () => ({}), get: () => { throw new Error('outbox unavailable'); } };
    const request = (outbox: unknown) =>
      app.request('/v1/sites/expo/registrations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'https://expo.example', 'CF-Connecting-IP': '2001:db8::16', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ event_id: EVENT }),
      }, { ...env, TENTIMES_OUTBOX: outbox });
    const outcomes = [await expectStep(await request(broken), { status: 503, code: 'tentimes_unavailable' })];
    // The customer presses Book again, as the message asks.
    outcomes.push(await expectStep(await request(env.TENTIMES_OUTBOX), { status: 200 }));
    await until(() => tentimes.registrations.length >= 1, 'the registration to reach 10times');
    await new Promise((resolve) => setTimeout(resolve, 500));
    tentimesRow('10times outbox unreachable after Popin booked, Book pressed again', 2, `${outcomes.join(', then ')} (tentimes pending)`, tentimes.registrations.length);
  });
});
