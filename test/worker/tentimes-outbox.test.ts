import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Failure } from '../../demo/tentimes-simulator/app';
import type { TentimesOutbox } from '../../worker/src/tentimes/outbox';
import { TENTIMES_DEAD_LETTER_QUEUE } from '../../worker/src/tentimes/queue';
import { EXPO_ORIGIN, TOKEN_TEST_SECRET } from './bindings';
import { signToken } from '../../worker/src/auth/token';
import { call, captureConsole, expectError, expectNoLeak, json, popin, popinRequests, signUp as signUpOn, tentimes, tokenPayload } from './helpers';
import { adminReport, bookExpo, deliver, expoOutbox, freshOutboxes, signUpExpo, until } from './tentimes-helpers';

// The outbox state lives in Durable Object storage: start every test from none.
beforeEach(freshOutboxes);

const EVENT = 2853;

/** Books on "expo" and returns the outbox key and the queue message for it. */
async function book(mobile = '095445 10895') {
  const token = await signUpExpo(mobile);
  const response = await bookExpo(EVENT, token);
  expect(response.status).toBe(200);
  const body = await json<{ tentimes: { status: string } }>(response);
  const key = `${tokenPayload(token).user_id}:${EVENT}`;
  const id = (await row(key))!.id;
  return { token, key, message: { site: 'expo', key, id }, body };
}

const row = (key: string) => expoOutbox().registration(key);

describe('a booking on a site with the 10times option', () => {
  it('answers at once with the 10times side pending, then the queue registers it once and the FLOOR link is the customer’s', async () => {
    tentimes.faults.latencyMs = 300; // 10times is slow: the customer does not wait for it
    const started = Date.now();
    const { token, key, body } = await book();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(body.tentimes).toEqual({ status: 'pending' });

    await until(() => tentimes.registrations.length === 1, 'the 10times registration');
    await until(async () => (await row(key))?.status === 'done', 'the outbox to say done');
    const floorLink = tentimes.registrations[0]!.floorLink;
    expect((await row(key))?.floor_link).toBe(floorLink);

    const info = await json(await call('/v1/sites/expo/tentimes', { token, origin: EXPO_ORIGIN }));
    expect(info).toEqual({ enabled: true, fields: ['email', 'company', 'country_name'], floor: [{ event_id: EVENT, floor_link: floorLink }] });
    // Without the customer's token: no one's FLOOR links.
    expect(await json(await call('/v1/sites/expo/tentimes', { origin: EXPO_ORIGIN }))).toEqual({ enabled: true, fields: ['email', 'company', 'country_name'], floor: [] });
  });

  it('booking the same slot again does not register twice', async () => {
    const { token, key } = await book();
    await until(async () => (await row(key))?.status === 'done', 'done');
    expect((await bookExpo(EVENT, token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(tentimes.registrations).toHaveLength(1);
  });
});

describe('10times down for many attempts, then back', () => {
  it('retries with exponential backoff and registers exactly once when it recovers', async () => {
    tentimes.faults.inject({ kind: 'status', status: 503, count: 'always' });
    const { key, message } = await book();
    // The queue's own first delivery fails and is retried later.
    await until(async () => (await row(key))?.attempts === 1 && (await row(key))?.status === 'pending', 'the first failed attempt');
    expect((await adminReport()).sites.expo.counts).toMatchObject({ pending: 1, done: 0, dead: 0 });

    const outages: Failure[] = [
      { kind: 'status', status: 503 }, { kind: 'hang' }, { kind: 'malformed' }, { kind: 'status', status: 500 },
      { kind: 'status', status: 502 }, { kind: 'status', status: 429 }, { kind: 'hang' }, { kind: 'status', status: 503 },
      { kind: 'status', status: 403 }, { kind: 'malformed' }, { kind: 'status', status: 504 },
    ];
    const delays: Array<number | undefined> = [];
    for (const [index, outage] of outages.entries()) {
      tentimes.faults.clear();
      tentimes.faults.inject(outage);
      const result = await deliver([{ body: message, attempts: index + 2 }]);
      expect(result.acked).toEqual([false]);
      delays.push(result.retryDelays[0]);
    }
    // 30 s doubling from the second attempt, capped at an hour.
    expect(delays).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600, 3600]);
    expect(tentimes.registrations).toEqual([]);
    expect((await row(key))?.reason).toMatch(/^attempt 12: HTTP 504/);

    tentimes.faults.clear();
    expect((await deliver([{ body: message, attempts: 13 }])).acked).toEqual([true]);
    expect(tentimes.registrations).toHaveLength(1);
    expect(tentimes.requests).toHaveLength(13);
    expect(await row(key)).toMatchObject({ status: 'done', attempts: 13, reason: null });

    // A late duplicate of the same message (the platform delivers at least once): acked, not sent.
    expect((await deliver([{ body: message, attempts: 14 }, { body: message, attempts: 1 }])).acked).toEqual([true, true]);
    expect(tentimes.registrations).toHaveLength(1);
    expect(tentimes.requests).toHaveLength(13);
    expect((await adminReport()).sites.expo.counts).toMatchObject({ pending: 0, sending: 0, done: 1, dead: 0 });
  });

  it('two deliveries of the same registration at the same moment: one sends, the other waits', async () => {
    tentimes.faults.inject({ kind: 'status', status: 503 });
    const { key, message } = await book();
    await until(async () => (await row(key))?.status === 'pending' && (await row(key))?.attempts === 1, 'the first failed attempt');
    tentimes.faults.latencyMs = 200;
    const [first, second] = await Promise.all([deliver([{ body: message, attempts: 2 }]), deliver([{ body: message, attempts: 2 }])]);
    expect([...first.acked, ...second.acked].sort()).toEqual([false, true]);
    expect([...first.retryDelays, ...second.retryDelays].filter((delay) => delay !== undefined)).toHaveLength(1);
    expect(tentimes.registrations).toHaveLength(1);
  });

  it('gives up after TENTIMES_MAX_ATTEMPTS and dead-letters it with the last reason', async () => {
    tentimes.faults.inject({ kind: 'status', status: 503, count: 'always' });
    const { key, message } = await book();
    await until(async () => (await row(key))?.attempts === 1, 'the first failed attempt');
    expect((await deliver([{ body: message, attempts: 3 }], { TENTIMES_MAX_ATTEMPTS: '3' })).acked).toEqual([true]);
    expect(await row(key)).toMatchObject({ status: 'dead', reason: '10times gave no usable answer in 3 attempts; last: HTTP 503' });
  });
});

describe('when the queue refuses the hand-over', () => {
  it('the outbox keeps it as not queued, reports it, and its alarm hands it over again', async () => {
    const token = await signUpExpo();
    const userId = tokenPayload(token).user_id;
    const attendee = { name: 'Priya Sharma', email: 'priya@example.com', mobile: '+919544510895' };
    const logged = captureConsole();
    const first = await runInDurableObject(expoOutbox(), async (instance) => {
      const env = (instance as unknown as { env: Record<string, unknown> }).env;
      const queue = env.TENTIMES_QUEUE;
      env.TENTIMES_QUEUE = { send: () => Promise.reject(new Error('queue unavailable')) };
      try {
        return await (instance as TentimesOutbox).enqueue('expo', userId, EVENT, attendee);
      } finally {
        env.TENTIMES_QUEUE = queue;
      }
    });
    expect(first).toMatchObject({ status: 'pending', queued: false });
    expect(logged()).toContain(`10times site=expo key=${userId}:${EVENT}: could not queue (queue unavailable)`);
    expect((await adminReport()).sites.expo).toMatchObject({ counts: { pending: 1 }, notQueued: 1 });

    expect(await runDurableObjectAlarm(expoOutbox())).toBe(true);
    await until(() => tentimes.registrations.length === 1, 'the 10times registration');
    expect((await adminReport()).sites.expo).toMatchObject({ counts: { done: 1, pending: 0 }, notQueued: 0 });
  });
});

describe('10times answers status 0', () => {
  it('dead-letters it with 10times’ reason at once, reports it, and never sends it again', async () => {
    const logged = captureConsole();
    tentimes.faults.inject({ kind: 'rejected', message: 'Registrations are closed for this event', count: 'always' });
    const { key, message } = await book();
    await until(async () => (await row(key))?.status === 'dead', 'the dead letter');
    expect((await row(key))?.attempts).toBe(1);

    const report = (await adminReport()).sites.expo;
    expect(report.counts).toMatchObject({ pending: 0, done: 0, dead: 1 });
    expect(report.dead).toEqual([
      { key, event_id: EVENT, attempts: 1, reason: '10times refused it (status 0): Registrations are closed for this event', at: expect.any(String) },
    ]);
    expect((await deliver([{ body: message, attempts: 2 }])).acked).toEqual([true]);
    expect(tentimes.requests).toHaveLength(1);
    expect(logged()).toContain(`10times site=expo key=${key} attempt=1: dead-lettered: 10times refused it (status 0): Registrations are closed for this event`);
    expectNoLeak(logged());
    expect(logged()).not.toContain('priya@example.com');
  });

  it('a registration booked again after it died starts over', async () => {
    tentimes.faults.inject({ kind: 'rejected' });
    const { token, key, message } = await book();
    await until(async () => (await row(key))?.status === 'dead', 'the dead letter');
    expect((await bookExpo(EVENT, token)).status).toBe(200);
    await until(async () => (await row(key))?.status === 'done', 'the second try');
    expect(tentimes.registrations).toHaveLength(1);
    // The first one's dead letter, arriving late, does not touch the second.
    expect((await deliver([{ body: { ...message, reason: 'refused' }, attempts: 1 }], {}, TENTIMES_DEAD_LETTER_QUEUE)).acked).toEqual([true]);
    expect((await row(key))?.status).toBe('done');
  }, 15_000);
});

describe('cancelling', () => {
  it('before 10times has it: it is never sent', async () => {
    tentimes.faults.inject({ kind: 'status', status: 503, count: 'always' });
    const { token, key, message } = await book();
    await until(async () => (await row(key))?.status === 'pending' && (await row(key))?.attempts === 1, 'the first failed attempt');
    const response = await call(`/v1/sites/expo/registrations/${EVENT}`, { method: 'DELETE', token, origin: EXPO_ORIGIN });
    expect(await json(response)).toEqual({ event_id: EVENT, cancelled: true, tentimes: { status: 'cancelled', note: 'Not sent to 10times.' } });
    tentimes.faults.clear();
    expect((await deliver([{ body: message, attempts: 2 }])).acked).toEqual([true]);
    expect(tentimes.registrations).toEqual([]);
    expect(popinRequests('cancel')).toHaveLength(1);
  });

  it('after 10times has it: cancelled in Popin, recorded for 10times (no cancel endpoint), FLOOR link no longer shown', async () => {
    const { token, key } = await book();
    await until(async () => (await row(key))?.status === 'done', 'done');
    const response = await call(`/v1/sites/expo/registrations/${EVENT}`, { method: 'DELETE', token, origin: EXPO_ORIGIN });
    expect(await json(response)).toEqual({
      event_id: EVENT,
      cancelled: true,
      tentimes: { status: 'done', note: '10times has no cancel API: the 10times registration stays.' },
    });
    expect(popinRequests('cancel')).toHaveLength(1);
    expect((await json<{ floor: unknown[] }>(await call('/v1/sites/expo/tentimes', { token, origin: EXPO_ORIGIN }))).floor).toEqual([]);
    expect((await adminReport()).sites.expo.cancelledAfterRegistration).toBe(1);
  });
});

describe('customers on a site with the 10times option', () => {
  const signUp = (body: Record<string, unknown>) => call('/v1/sites/expo/customers', { body, origin: EXPO_ORIGIN });

  it('needs an email: 422 errors.email, with the mobile error beside it, and Popin is not called', async () => {
    const error = await expectError(await signUp({ name: 'Priya', mobile: '12' }), 422, 'validation_failed');
    expect(Object.keys(error.errors ?? {}).sort()).toEqual(['email', 'mobile']);
    expect(error.errors?.email?.[0]).toMatch(/email address/);
    expect(popinRequests('capture')).toEqual([]);
  });

  it.each(['priya', 'priya@', '@example.com', 'priya@example', 'priya @example.com', 'a'.repeat(250) + '@example.com', '<x>@example.com'])(
    'a bad email %j → 422 errors.email',
    async (email) => {
      const error = await expectError(await signUp({ name: 'Priya', mobile: '095445 10895', email }), 422, 'validation_failed');
      expect(Object.keys(error.errors ?? {})).toEqual(['email']);
    },
  );

  it('optional fields are checked too: too long or with control characters → 422 by field', async () => {
    const error = await expectError(await signUp({ name: 'Priya', mobile: '095445 10895', email: 'p@example.com', company: 'x'.repeat(101), city: 'Ko\u202echi' }), 422, 'validation_failed');
    expect(Object.keys(error.errors ?? {}).sort()).toEqual(['city', 'company']);
  });

  it('the slots answer tells the widget which fields to show; a site without the option says nothing', async () => {
    expect((await json(await call('/v1/sites/expo/slots', { origin: EXPO_ORIGIN }))).tentimes).toEqual({ fields: ['email', 'company', 'country_name'] });
    expect(await json(await call('/v1/sites/acme/slots'))).not.toHaveProperty('tentimes');
    expect(await json(await call('/v1/sites/acme/tentimes'))).toEqual({ enabled: false, fields: [], floor: [] });
  });

  it('a customer whose 10times details are unknown is sent back to the form (401) before anything is booked', async () => {
    // A token from a sign-up that did not keep them (issued before the site had the option, or before tokens said so).
    const { user_id } = tokenPayload(await signUpExpo());
    const token = await signToken({ site: 'expo', user_id }, TOKEN_TEST_SECRET);
    await runInDurableObject(expoOutbox(), (_instance, state) => void state.storage.sql.exec('DELETE FROM profiles'));
    await expectError(await bookExpo(EVENT, token), 401, 'invalid_token');
    expect(popinRequests('register')).toEqual([]);
  });

  it('a sign-up that kept the details says so in the token; the booking then records the 10times registration without reading them first', async () => {
    const token = await signUpExpo();
    expect(tokenPayload(token)).toMatchObject({ site: 'expo', tt: 1 });
    // A site without the option never says it.
    expect(tokenPayload(await signUpOn('Priya Sharma', '095445 10895', 'acme'))).not.toHaveProperty('tt');
    const { user_id } = tokenPayload(token);
    const { key } = await book();
    await until(async () => (await row(key))?.status === 'done', 'done');
    expect(tentimes.registrations.map((registration) => registration.attendee.email)).toEqual(['priya@example.com']);
    expect(key).toBe(`${user_id}:${EVENT}`);
  });

  it('if the kept details are gone after all: booked in Popin, 401 asking for them again, and booking again after that registers once', async () => {
    const token = await signUpExpo();
    await runInDurableObject(expoOutbox(), (_instance, state) => void state.storage.sql.exec('DELETE FROM profiles'));
    const refused = await expectError(await bookExpo(EVENT, token), 401, 'invalid_token');
    expect(refused.message).toBe('Your demo is booked, but registering you with 10times needs your email address again. Please enter your details, then press Book again (it will not book twice).');
    expect(popinRequests('register')).toHaveLength(1);
    expect(await row(`${tokenPayload(token).user_id}:${EVENT}`)).toBeNull();

    const again = await signUpExpo();
    expect((await bookExpo(EVENT, again)).status).toBe(200);
    await until(() => tentimes.registrations.length === 1, 'the 10times registration');
    expect(popin.state.sellers.get('seller-demo')!.usersById.size).toBe(1);
  });
});

describe('GET /admin/tentimes', () => {
  it('needs the admin secret: 401 without or with a wrong one, never a CORS grant', async () => {
    await expectError(await call('/admin/tentimes', { origin: null }), 401, 'unauthorized');
    const wrong = await call('/admin/tentimes', { headers: { Authorization: 'Bearer not-the-secret' } });
    expect(wrong.headers.get('Access-Control-Allow-Origin')).toBeNull();
    await expectError(wrong, 401, 'unauthorized');
  });

  it('lists every site with the option, with counts by status', async () => {
    const report = await adminReport();
    expect(Object.keys(report.sites)).toEqual(['expo']);
    expect(report.sites.expo).toMatchObject({ counts: { pending: 0, sending: 0, done: 0, dead: 0, cancelled: 0 }, dead: [], pushes: { captured: 0, rejected: 0, failed: 0 } });
  });
});
