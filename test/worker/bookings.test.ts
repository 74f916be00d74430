import { abortAllDurableObjects, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { customerBookingsName } from '../../worker/src/bookings/stub';
import { describe, expect, it, vi } from 'vitest';
import { FIRST_USER_ID } from '../../demo/popin-simulator/app';
import { call, expectError, json, popin, popinRequests, signUp } from './helpers';

const register = (eventId: number, token: string, key?: string) =>
  call('/v1/sites/acme/registrations', { body: { event_id: eventId }, token, headers: key ? { 'Idempotency-Key': key } : {} });
const cancel = (eventId: number, token: string) => call(`/v1/sites/acme/registrations/${eventId}`, { method: 'DELETE', token });
const registrationsInPopin = (userId = FIRST_USER_ID) => [...(popin.state.sellers.get('seller-demo')!.registrations.get(userId) ?? [])].sort();

describe('Idempotency-Key on POST registrations', () => {
  it('a repeat gets the first answer, marked Idempotent-Replayed, without calling Popin again', async () => {
    const token = await signUp();
    const key = crypto.randomUUID();
    const first = await register(2853, token, key);
    expect(first.status).toBe(200);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const repeat = await register(2853, token, key);
    expect(repeat.status).toBe(200);
    expect(repeat.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await json(repeat)).toStrictEqual(await json(first));
    expect(popinRequests('register')).toHaveLength(1);
    expect(registrationsInPopin()).toEqual([2853]);
  });

  it('an error answer is replayed too (422 for a demo the site does not offer)', async () => {
    const token = await signUp();
    const key = crypto.randomUUID();
    await expectError(await register(999999, token, key), 422, 'validation_failed');
    const slotsReads = popinRequests('slots').length;
    const repeat = await register(999999, token, key);
    expect(repeat.headers.get('Idempotent-Replayed')).toBe('true');
    await expectError(repeat, 422, 'validation_failed');
    expect(popinRequests('slots')).toHaveLength(slotsReads);
  });

  it('the same key with a different body → 422 idempotency_key_reused, and Popin is not called', async () => {
    const token = await signUp();
    const key = crypto.randomUUID();
    expect((await register(2853, token, key)).status).toBe(200);
    const error = await expectError(await register(2195, token, key), 422, 'idempotency_key_reused');
    expect(error.message).toMatch(/new key/);
    expect(popinRequests('register')).toHaveLength(1);
    expect(registrationsInPopin()).toEqual([2853]);
  });

  it('ten concurrent submits with one key call Popin once and all get the same answer', async () => {
    const token = await signUp();
    const key = crypto.randomUUID();
    popin.faults.latencyMs = 100;
    const responses = await Promise.all(Array.from({ length: 10 }, () => register(2853, token, key)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(responses.filter((response) => response.headers.get('Idempotent-Replayed') === null)).toHaveLength(1);
    expect(new Set(await Promise.all(responses.map((response) => response.text()))).size).toBe(1);
    expect(popinRequests('register')).toHaveLength(1);
    expect(registrationsInPopin()).toEqual([2853]);
  });

  it('the key survives a Durable Object restart', async () => {
    const token = await signUp();
    const key = crypto.randomUUID();
    const first = await json(await register(2853, token, key));
    await abortAllDurableObjects();
    const repeat = await register(2853, token, key);
    expect(repeat.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await json(repeat)).toStrictEqual(first);
    expect(popinRequests('register')).toHaveLength(1);
  });

  it('keys are kept 24 hours: after that a repeat is a new request (which still does not book twice)', async () => {
    const token = await signUp();
    const key = crypto.randomUUID();
    await register(2853, token, key);
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 24 * 60 * 60 * 1000 + 1000);
    const later = await register(2853, token, key);
    expect(later.status).toBe(200);
    expect(later.headers.get('Idempotent-Replayed')).toBeNull();
    // Popin already has the registration: answered without registering again.
    expect(await json(later)).toStrictEqual({ event_id: 2853, contact: null });
    expect(popinRequests('register')).toHaveLength(1);
  });

  it("one customer's key never replays another customer's answer", async () => {
    const first = await signUp('First Customer', '+91 98765 43210');
    const second = await signUp('Second Customer', '095445 10895');
    const key = crypto.randomUUID();
    const a = await json<{ contact: string }>(await register(2853, first, key));
    const b = await register(2853, second, key);
    expect(b.headers.get('Idempotent-Replayed')).toBeNull();
    expect((await json<{ contact: string }>(b)).contact).not.toBe(a.contact);
    expect(popinRequests('register')).toHaveLength(2);
  });

  it.each(['short', 'has a space in it', 'ü'.repeat(10), 'x'.repeat(256)])('an invalid key %j → 422, Popin not called', async (key) => {
    const token = await signUp();
    const error = await expectError(await register(2853, token, key), 422, 'validation_failed');
    expect(Object.keys(error.errors ?? {})).toEqual(['idempotency-key']);
    expect(popin.requests.filter((request) => request.path.endsWith('/register') || request.query.user_id)).toEqual([]);
  });

  it('after a lost answer (Popin registered, the reply never came) a retry with the key books nothing twice', async () => {
    const token = await signUp();
    const key = crypto.randomUUID();
    popin.faults.inject({ kind: 'lost-answer', endpoint: 'register' });
    const lost = await expectError(await register(2853, token, key), 504, 'upstream_timeout');
    expect(lost.message).toMatch(/will not book you twice/);
    expect(registrationsInPopin()).toEqual([2853]);
    const retry = await register(2853, token, key);
    expect(retry.status).toBe(200);
    expect(popinRequests('register')).toHaveLength(1);
    expect(registrationsInPopin()).toEqual([2853]);
  });
});

describe('active registrations per customer (limits.activeRegistrations, 2 for acme in tests)', () => {
  it('the next booking past the cap → 409 too_many_registrations, Popin not asked; cancelling frees a place', async () => {
    const token = await signUp();
    expect((await register(3011, token)).status).toBe(200);
    expect((await register(2195, token)).status).toBe(200);
    const error = await expectError(await register(2853, token), 409, 'too_many_registrations');
    expect(error.message).toMatch(/2 upcoming demos.*Cancel one/);
    expect(popinRequests('register')).toHaveLength(2);

    expect((await cancel(3011, token)).status).toBe(200);
    expect((await register(2853, token)).status).toBe(200);
    expect(registrationsInPopin()).toEqual([2195, 2853]);
  });

  it('concurrent bookings of three demos: exactly two get through', async () => {
    const token = await signUp();
    popin.faults.latencyMs = 30;
    const responses = await Promise.all([3011, 2195, 2853].map((eventId) => register(eventId, token)));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 409]);
    expect(registrationsInPopin()).toHaveLength(2);
    expect(popinRequests('register')).toHaveLength(2);
  });

  it('booking a demo the customer already has does not count twice and does not call Popin', async () => {
    const token = await signUp();
    await register(2853, token);
    expect(await json(await register(2853, token))).toStrictEqual({ event_id: 2853, contact: null });
    expect(popinRequests('register')).toHaveLength(1);
  });
});

describe('one Popin round trip per booking (issue #15; FAULTS.md "How a booking reaches Popin")', () => {
  const customerReads = () => popinRequests('slots').filter((request) => request.query.user_id !== undefined);
  /** The simulator hands out the same user ids in every test: start from an object that has never seen this one. */
  const newCustomer = async () => {
    const token = await signUp();
    const stub = env.CUSTOMER_BOOKINGS.get(env.CUSTOMER_BOOKINGS.idFromName(customerBookingsName('seller-demo', FIRST_USER_ID)));
    await runInDurableObject(stub, (_instance, state) => state.storage.deleteAll());
    await abortAllDurableObjects(); // and from a fresh instance, as after an eviction
    return token;
  };

  it("after the customer's own view of the slots, booking and cancelling each call Popin once, and nothing else", async () => {
    const token = await newCustomer();
    expect((await call('/v1/sites/acme/slots', { token })).status).toBe(200);
    expect((await call('/v1/sites/acme/slots')).status).toBe(200); // the shared general list, as the page loads it
    const before = popin.requests.length;
    expect((await register(2853, token, crypto.randomUUID())).status).toBe(200);
    expect((await cancel(2853, token)).status).toBe(200);
    expect(popin.requests.slice(before).map((request) => request.path.split('/').at(-1) + JSON.stringify(request.query))).toEqual(['register{}', 'cancel{}']);
    expect(registrationsInPopin()).toEqual([]);
  });

  it('a write that ended without an answer makes the next attempt read first: the retry finds the registration and books nothing twice', async () => {
    const token = await newCustomer();
    expect((await call('/v1/sites/acme/slots', { token })).status).toBe(200);
    const key = crypto.randomUUID();
    popin.faults.inject({ kind: 'lost-answer', endpoint: 'register' });
    await expectError(await register(2853, token, key), 504, 'upstream_timeout');
    const readsBefore = customerReads().length;
    const retry = await register(2853, token, key);
    expect(await json(retry)).toStrictEqual({ event_id: 2853, contact: null });
    expect(customerReads()).toHaveLength(readsBefore + 1);
    expect(popinRequests('register')).toHaveLength(1);
    expect(popin.state.repeatedRegistrations).toBe(0);
  });
});
