import { describe, expect, it } from 'vitest';
import { FIRST_USER_ID } from '../../demo/popin-simulator/app';
import { POPIN_TEST_KEY } from './bindings';
import { call, expectError, json, popin, popinRequests, signUp } from './helpers';

const register = (body: unknown, token?: string) => call('/v1/sites/acme/registrations', { body, token });
const cancel = (eventId: string | number, token?: string) =>
  call(`/v1/sites/acme/registrations/${eventId}`, { method: 'DELETE', token });
const registered = async (token: string) =>
  (await json<{ registered: number[] }>(await call('/v1/sites/acme/slots', { token }))).registered;

function expectPopinWrite(endpoint: 'register' | 'cancel', body: { user_id: number; event_id: number }) {
  const requests = popinRequests(endpoint);
  expect(requests).toHaveLength(1);
  const [request] = requests;
  expect(request?.method).toBe('POST');
  expect(request?.path).toBe(`/api/v1/external/conference/${endpoint}`);
  expect(request?.query).toEqual({});
  expect(request?.body).toStrictEqual(body);
  expect(request?.headers['x-api-key']).toBe(POPIN_TEST_KEY);
  expect(request?.headers['x-token']).toBe('seller-demo');
  expect(request?.headers['content-type']).toBe('application/json');
}

describe('POST /v1/sites/{site}/registrations', () => {
  it('registers the customer and answers { event_id, contact }', async () => {
    const token = await signUp('Priya Sharma', '095445 10895');
    const response = await register({ event_id: 2853 }, token);
    expect(response.status).toBe(200);
    expect(await json(response)).toStrictEqual({ event_id: 2853, contact: '+919544510895' });
    // Integers on the wire, not strings.
    expectPopinWrite('register', { user_id: FIRST_USER_ID, event_id: 2853 });
  });

  it('needs a token: 401 unauthorized and Popin is not called', async () => {
    await expectError(await register({ event_id: 2853 }), 401, 'unauthorized');
    expect(popinRequests('register')).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['missing', {}],
    ['null', { event_id: null }],
    ['a string', { event_id: '2853' }],
    ['zero', { event_id: 0 }],
    ['negative', { event_id: -2853 }],
    ['a float', { event_id: 2853.5 }],
    ['huge', { event_id: 1e20 }],
    ['unsafe', { event_id: Number.MAX_SAFE_INTEGER + 2 }],
    ['true', { event_id: true }],
    ['an array', { event_id: [2853] }],
  ])('event_id %s → 422 errors.event_id, Popin not called', async (_label, body) => {
    const token = await signUp();
    const error = await expectError(await register(body, token), 422, 'validation_failed');
    expect(Object.keys(error.errors ?? {})).toEqual(['event_id']);
    expect(error.errors?.event_id?.[0]).toMatch(/\S/);
    expect(popinRequests('register')).toEqual([]);
  });

  it('an event the site does not offer → 422 errors.event_id before Popin is asked to register', async () => {
    const token = await signUp();
    const error = await expectError(await register({ event_id: 999999 }, token), 422, 'validation_failed');
    expect(error.errors?.event_id?.[0]).toMatch(/not open for booking/);
    expect(popinRequests('register')).toEqual([]);
    // The check uses the site's shared general list (no user_id), not the customer's own.
    expect(popinRequests('slots').map((request) => request.query)).toEqual([{}]);
  });

  it("passes Popin's own 422 on register through with its message and errors", async () => {
    const token = await signUp();
    popin.faults.inject({ kind: 'status', status: 422, endpoint: 'register', body: { message: 'Event is full', errors: { event_id: ['This event is full.'] } } });
    const error = await expectError(await register({ event_id: 2853 }, token), 422, 'validation_failed');
    expect(error).toMatchObject({ message: 'Event is full', errors: { event_id: ['This event is full.'] } });
    expectPopinWrite('register', { user_id: FIRST_USER_ID, event_id: 2853 });
  });
});

describe('a customer Popin no longer knows', () => {
  it('gets 401 invalid_token (identify again) instead of an error about a field they never sent', async () => {
    const token = await signUp();
    popin.reset(); // Popin forgot every user: the token's user_id is unknown upstream.
    await expectError(await register({ event_id: 2853 }, token), 401, 'invalid_token');
    await expectError(await call('/v1/sites/acme/slots', { token }), 401, 'invalid_token');
    // The read before the write already finds out: Popin is never asked to register an unknown user.
    expect(popinRequests('register')).toEqual([]);
  });
});

describe('DELETE /v1/sites/{site}/registrations/{event_id}', () => {
  it('cancels and answers { event_id, cancelled: true }', async () => {
    const token = await signUp();
    await register({ event_id: 2853 }, token);
    const response = await cancel(2853, token);
    expect(response.status).toBe(200);
    expect(await json(response)).toStrictEqual({ event_id: 2853, cancelled: true });
    expectPopinWrite('cancel', { user_id: FIRST_USER_ID, event_id: 2853 });
  });

  it('needs a token: 401 unauthorized and Popin is not called', async () => {
    await expectError(await cancel(2853), 401, 'unauthorized');
    expect(popinRequests('cancel')).toEqual([]);
  });

  it.each(['abc', '0', '-1', '01', '2853.0', '1e3', '99999999999999999', '%20'])(
    'path id %j → 422 errors.event_id, Popin not called',
    async (eventId) => {
      const token = await signUp();
      const error = await expectError(await cancel(eventId, token), 422, 'validation_failed');
      expect(Object.keys(error.errors ?? {})).toEqual(['event_id']);
      expect(popinRequests('cancel')).toEqual([]);
    },
  );

  it('an event the site does not offer → 422 errors.event_id, Popin not asked to cancel', async () => {
    const token = await signUp();
    const error = await expectError(await cancel(999999, token), 422, 'validation_failed');
    expect(error.errors?.event_id?.[0]).toMatch(/not open for booking/);
    expect(popinRequests('cancel')).toEqual([]);
  });

  it('cancelling a demo the customer is not booked on answers cancelled without asking Popin', async () => {
    const token = await signUp();
    expect(await json(await cancel(2853, token))).toStrictEqual({ event_id: 2853, cancelled: true });
    expect(popinRequests('cancel')).toEqual([]);
  });
});

describe('the whole journey', () => {
  it('capture → slots → register → slots shows it → cancel → gone', async () => {
    const token = await signUp('Priya Sharma', '+91 95445 10895');
    expect(await registered(token)).toEqual([]);

    expect((await register({ event_id: 2853 }, token)).status).toBe(200);
    expect(await registered(token)).toEqual([2853]);
    expect(popin.state.sellers.get('seller-demo')!.registrations.get(FIRST_USER_ID)).toEqual(new Set([2853]));

    expect((await cancel(2853, token)).status).toBe(200);
    expect(await registered(token)).toEqual([]);

    // Three views of the customer's own slots and one read of the shared general list: register
    // and cancel read nothing of their own (the bookings object took what the first view saw),
    // so each costs Popin one round trip.
    const customerView = { user_id: String(FIRST_USER_ID) };
    expect(popinRequests('slots').map((request) => request.query)).toEqual([customerView, {}, customerView, customerView]);
    expect(popinRequests('register')).toHaveLength(1);
    expect(popinRequests('cancel')).toHaveLength(1);
  });
});
