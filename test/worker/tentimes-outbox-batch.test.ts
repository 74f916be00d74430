import { abortAllDurableObjects, runInDurableObject } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { outboxFor, type OutboxMessage, type TentimesOutbox } from '../../worker/src/tentimes/outbox';
import { env } from 'cloudflare:workers';
import app from '../../worker/src/index';
import { EXPO_ORIGIN, EXPO_SITE, TEST_SITES } from './bindings';
import { tentimes, tokenPayload } from './helpers';
import { bindings, deliver, freshOutboxes, until } from './tentimes-helpers';

/**
 * Issue #15: the queue consumer takes a whole batch of a site's registrations in one claim and
 * records their outcomes in one settle, instead of one claim and one settle per message. The
 * calls are counted at the Durable Object namespace binding (the platform's, not ours): what
 * the consumer asks the outbox objects, by site and method.
 */

beforeEach(freshOutboxes);

const EVENT = 2853;
/** A second site with the 10times option, for batches that mix sites. */
const SITES = JSON.stringify({ ...TEST_SITES, fair: { ...EXPO_SITE, origins: ['https://fair.example'], title: 'Acme at the Fair' } });

const emailOf = (site: string, userId: number) => `${site}-${userId}@example.com`;

/**
 * Records `count` registrations in a site's outbox the way a booking does, with a queue that
 * accepts every hand-over but delivers nothing (so the test delivers them itself), and returns
 * their queue messages.
 */
async function recorded(site: string, count: number, firstUser = 5000): Promise<OutboxMessage[]> {
  return runInDurableObject(outboxFor(bindings, site), async (instance) => {
    const env = (instance as unknown as { env: Record<string, unknown> }).env;
    const queue = env.TENTIMES_QUEUE;
    const sent: OutboxMessage[] = [];
    env.TENTIMES_QUEUE = { send: async (message: OutboxMessage) => void sent.push(message) };
    try {
      for (let i = 0; i < count; i++) {
        const userId = firstUser + i;
        const result = await (instance as TentimesOutbox).enqueue(site, userId, EVENT, { name: `Customer ${userId}`, email: emailOf(site, userId), mobile: `+9195445${String(userId).padStart(5, '0')}` });
        expect(result).toMatchObject({ status: 'pending', queued: true });
      }
    } finally {
      env.TENTIMES_QUEUE = queue;
    }
    return sent;
  });
}

/** The outbox namespace as the platform gives it, counting every call on its objects. */
function countingOutboxes(before: (method: string) => Promise<void> = async () => {}) {
  const namespace = bindings.TENTIMES_OUTBOX;
  const names = new Map<string, string>();
  const calls: Array<{ site: string; method: string; messages?: number }> = [];
  const counting = {
    idFromName(name: string) {
      const id = namespace.idFromName(name);
      names.set(id.toString(), name);
      return id;
    },
    get(id: DurableObjectId) {
      const stub = namespace.get(id) as unknown as Record<string, (...args: unknown[]) => unknown>;
      return new Proxy({}, {
        get: (_target, method) =>
          method === 'then' ? undefined : async (...args: unknown[]) => {
            calls.push({ site: names.get(id.toString()) ?? '?', method: String(method), ...(Array.isArray(args[0]) ? { messages: args[0].length } : {}) });
            await before(String(method));
            return stub[String(method)]!(...args);
          },
      });
    },
  };
  return { counting, calls };
}

const registrationsBy = (email: string) => tentimes.registrations.filter((registration) => registration.attendee.email === email).length;
const status = (site: string, message: OutboxMessage) => outboxFor(bindings, site).registration(message.key).then((row) => row?.status);

describe('the outbox calls of one booking', () => {
  it('sign-up keeps the details (1 call), the booking records the registration (1 call, no read first), the consumer claims and settles (2 calls per batch)', async () => {
    const { counting, calls } = countingOutboxes();
    const request = (path: string, body: unknown, token?: string) =>
      app.request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: EXPO_ORIGIN, 'CF-Connecting-IP': '2001:db8::15', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }, { ...env, TENTIMES_OUTBOX: counting });
    tentimes.faults.inject({ kind: 'status', status: 503, count: 'always' }); // the real queue's own delivery fails: this test delivers
    const signedUp = await request('/v1/sites/expo/customers', { name: 'Priya Sharma', mobile: '095445 10895', email: 'priya@example.com' });
    expect(signedUp.status).toBe(200);
    const { token } = (await signedUp.json()) as { token: string };
    expect(calls.map((call) => call.method)).toEqual(['saveProfile']);
    const booked = await request('/v1/sites/expo/registrations', { event_id: EVENT }, token);
    expect(booked.status).toBe(200);
    expect(calls.map((call) => call.method)).toEqual(['saveProfile', 'enqueue']);

    const key = `${tokenPayload(token).user_id}:${EVENT}`;
    const outbox = outboxFor(bindings, 'expo');
    await until(async () => (await outbox.registration(key))?.attempts === 1, 'the real queue’s failed delivery');
    tentimes.faults.clear();
    const message = { site: 'expo', key, id: (await outbox.registration(key))!.id };
    expect((await deliver([{ body: message, attempts: 2 }], { TENTIMES_OUTBOX: counting })).acked).toEqual([true]);
    expect(calls.map((call) => call.method)).toEqual(['saveProfile', 'enqueue', 'claimBatch', 'settleBatch']);
    expect(tentimes.registrations).toHaveLength(1);
  });
});

describe('a queue batch of one site', () => {
  it('is claimed in one call and settled in one call, and every registration reaches 10times exactly once', async () => {
    const messages = await recorded('expo', 8);
    const { counting, calls } = countingOutboxes();
    const result = await deliver(messages.map((body) => ({ body, attempts: 1 })), { TENTIMES_OUTBOX: counting });

    expect(result.acked).toEqual(Array(8).fill(true));
    expect(calls).toEqual([
      { site: 'expo', method: 'claimBatch', messages: 8 },
      { site: 'expo', method: 'settleBatch', messages: 8 },
    ]);
    expect(tentimes.registrations).toHaveLength(8);
    for (let i = 0; i < 8; i++) expect(registrationsBy(emailOf('expo', 5000 + i))).toBe(1);
    for (const message of messages) expect(await status('expo', message)).toBe('done');

    // The platform delivers at least once: the same batch again is one claim, nothing sent, nothing to settle.
    const again = countingOutboxes();
    expect((await deliver(messages.map((body) => ({ body, attempts: 2 })), { TENTIMES_OUTBOX: again.counting })).acked).toEqual(Array(8).fill(true));
    expect(again.calls).toEqual([{ site: 'expo', method: 'claimBatch', messages: 8 }]);
    expect(tentimes.registrations).toHaveLength(8);
  });

  it('a message delivered twice in the same batch is sent once', async () => {
    const [message] = await recorded('expo', 1);
    const result = await deliver([{ body: message!, attempts: 1 }, { body: message!, attempts: 1 }]);
    expect(result.acked).toEqual([true, true]);
    expect(tentimes.registrations).toHaveLength(1);
  });
});

describe('the outbox unreachable when the batch arrives', () => {
  it('every message of that site is retried in 30 s and nothing is sent; the other site of the batch goes ahead', async () => {
    const expo = await recorded('expo', 2);
    const fair = await recorded('fair', 1, 7000);
    const { counting } = countingOutboxes();
    const broken = {
      idFromName: (name: string) => counting.idFromName(name),
      get: (id: DurableObjectId) => (id.toString() === counting.idFromName('expo').toString() ? (() => { throw new Error('outbox unavailable'); })() : counting.get(id)),
    };
    const result = await deliver([expo[0]!, fair[0]!, expo[1]!].map((body) => ({ body, attempts: 1 })), { TENTIMES_OUTBOX: broken, SITES });
    expect(result.acked).toEqual([false, true, false]);
    expect(result.retryDelays).toEqual([30, undefined, 30]);
    expect(tentimes.registrations.map((registration) => registration.attendee.email)).toEqual([emailOf('fair', 7000)]);
    for (const message of expo) expect(await status('expo', message)).toBe('pending');
  });
});

describe('a queue batch mixing sites', () => {
  it('is one claim and one settle per site, each registration sent once', async () => {
    const expo = await recorded('expo', 3);
    const fair = await recorded('fair', 2, 7000);
    // Interleaved, as the queue may deliver them.
    const batch = [expo[0]!, fair[0]!, expo[1]!, fair[1]!, expo[2]!];
    const { counting, calls } = countingOutboxes();
    const result = await deliver(batch.map((body) => ({ body, attempts: 1 })), { TENTIMES_OUTBOX: counting, SITES });

    expect(result.acked).toEqual(Array(5).fill(true));
    expect(calls.sort((a, b) => `${a.site}${a.method}`.localeCompare(`${b.site}${b.method}`))).toEqual([
      { site: 'expo', method: 'claimBatch', messages: 3 },
      { site: 'expo', method: 'settleBatch', messages: 3 },
      { site: 'fair', method: 'claimBatch', messages: 2 },
      { site: 'fair', method: 'settleBatch', messages: 2 },
    ]);
    expect(tentimes.registrations).toHaveLength(5);
    for (const [site, messages] of [['expo', expo], ['fair', fair]] as const) {
      for (const message of messages) {
        const userId = Number(message.key.split(':')[0]);
        expect(registrationsBy(emailOf(site, userId))).toBe(1);
        expect(await status(site, message)).toBe('done');
      }
    }
  });
});

describe('a partial failure inside a batch', () => {
  it('only the message whose 10times call failed is retried (with backoff); the others are settled done', async () => {
    const messages = await recorded('expo', 5);
    tentimes.faults.inject({ kind: 'status', status: 503 }); // the first call of the five
    const { counting, calls } = countingOutboxes();
    const result = await deliver(messages.map((body) => ({ body, attempts: 1 })), { TENTIMES_OUTBOX: counting });

    expect(calls.map((call) => call.method)).toEqual(['claimBatch', 'settleBatch']);
    expect(result.acked.filter((acked) => !acked)).toHaveLength(1);
    const failed = result.acked.indexOf(false);
    expect(result.retryDelays[failed]).toBe(30);
    expect(result.retryDelays.filter((delay) => delay !== undefined)).toHaveLength(1);
    for (const [i, message] of messages.entries()) expect(await status('expo', message)).toBe(i === failed ? 'pending' : 'done');
    expect(tentimes.registrations).toHaveLength(4);
    expect(await outboxFor(bindings, 'expo').registration(messages[failed]!.key)).toMatchObject({ attempts: 1, reason: 'attempt 1: HTTP 503' });

    // The queue's retry of that one message registers it; every customer is registered once.
    expect((await deliver([{ body: messages[failed]!, attempts: 2 }])).acked).toEqual([true]);
    expect(tentimes.registrations).toHaveLength(5);
    for (let i = 0; i < 5; i++) expect(registrationsBy(emailOf('expo', 5000 + i))).toBe(1);
  });

  it('one refused by 10times (status 0) is dead-lettered; the rest of the batch is registered', async () => {
    const messages = await recorded('expo', 3);
    tentimes.faults.inject({ kind: 'rejected', message: 'Registrations are closed for this event' });
    const result = await deliver(messages.map((body) => ({ body, attempts: 1 })));
    expect(result.acked).toEqual([true, true, true]);
    const statuses = await Promise.all(messages.map((message) => status('expo', message)));
    expect(statuses.filter((s) => s === 'dead')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'done')).toHaveLength(2);
    expect(tentimes.registrations).toHaveLength(2);
  });
});

describe('the outbox restarts between the claim and the settle', () => {
  it('no registration is lost or sent twice: the settle reaches the restarted object', async () => {
    const messages = await recorded('expo', 4);
    tentimes.faults.latencyMs = 300;
    const delivering = deliver(messages.map((body) => ({ body, attempts: 1 })));
    // Claimed, and the 10times calls under way: restart every Durable Object.
    const deadline = Date.now() + 5_000;
    while (tentimes.requests.length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(tentimes.requests).toHaveLength(4);
    for (const message of messages) expect(await status('expo', message)).toBe('sending');
    await abortAllDurableObjects();

    expect((await delivering).acked).toEqual([true, true, true, true]);
    for (const message of messages) expect(await status('expo', message)).toBe('done');
    expect(tentimes.registrations).toHaveLength(4);

    // The queue delivering the batch again after the restart sends nothing.
    expect((await deliver(messages.map((body) => ({ body, attempts: 2 })))).acked).toEqual([true, true, true, true]);
    expect(tentimes.registrations).toHaveLength(4);
    for (let i = 0; i < 4; i++) expect(registrationsBy(emailOf('expo', 5000 + i))).toBe(1);
  });

  it('the restart cuts the settle call itself: it is sent once more, through a new stub, and lands', async () => {
    const messages = await recorded('expo', 3);
    let cut = false;
    const { counting, calls } = countingOutboxes(async (method) => {
      if (method !== 'settleBatch' || cut) return;
      cut = true;
      await abortAllDurableObjects();
      throw new Error('Durable Object reset because its code was updated.');
    });
    expect((await deliver(messages.map((body) => ({ body, attempts: 1 })), { TENTIMES_OUTBOX: counting })).acked).toEqual([true, true, true]);
    expect(calls.map((call) => call.method)).toEqual(['claimBatch', 'settleBatch', 'settleBatch']);
    for (const message of messages) expect(await status('expo', message)).toBe('done');
    expect(tentimes.registrations).toHaveLength(3);
    expect((await deliver(messages.map((body) => ({ body, attempts: 2 })))).acked).toEqual([true, true, true]);
    expect(tentimes.registrations).toHaveLength(3);
  });
});
