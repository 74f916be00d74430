import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import app from '../../worker/src/index';
import { EXPO_ORIGIN, TOKEN_TEST_SECRET } from './bindings';
import { signToken } from '../../worker/src/auth/token';
import { expectError, json, popin, popinRequests, tentimes, tokenPayload } from './helpers';
import { freshOutboxes, until } from './tentimes-helpers';

/**
 * The 10times outbox failing around a sign-up or a booking (issue #15: "its errors surface as
 * 500s after Popin already captured the lead"): each failure is a 503 the widget can act on.
 */

beforeEach(freshOutboxes);

const broken = { idFromName: () => ({}), get: () => { throw new Error('outbox unavailable'); } };
const request = (path: string, init: { method?: string; body?: unknown; token?: string }, outbox: unknown = env.TENTIMES_OUTBOX) =>
  app.request(
    path,
    {
      method: init.method ?? 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: EXPO_ORIGIN,
        'CF-Connecting-IP': '2001:db8::15',
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    },
    { ...env, TENTIMES_OUTBOX: outbox },
  );
const SIGN_UP = { name: 'Priya Sharma', mobile: '095445 10895', email: 'priya@example.com' };

describe('the 10times outbox failing', () => {
  it('at sign-up, after Popin captured the lead: 503 tentimes_unavailable with Retry-After; sending again signs up without a second lead', async () => {
    const refused = await request('/v1/sites/expo/customers', { body: SIGN_UP }, broken);
    const error = await expectError(refused, 503, 'tentimes_unavailable');
    expect(error.message).toBe('We could not keep your details for 10times just now. Please send the form again in a moment (it will not sign you up twice).');
    expect(refused.headers.get('Retry-After')).toBe('1');
    expect(popinRequests('capture')).toHaveLength(1);

    const again = await request('/v1/sites/expo/customers', { body: SIGN_UP });
    expect(again.status).toBe(200);
    expect(popin.state.sellers.get('seller-demo')!.usersById.size).toBe(1);
  });

  it('before a booking (the details cannot be read): 503 tentimes_unavailable, and nothing is booked in Popin', async () => {
    const { token: signedUp } = await json<{ token: string }>(await request('/v1/sites/expo/customers', { body: SIGN_UP }));
    // A token that does not say the details were kept at sign-up: they are read before booking.
    const token = await signToken({ site: 'expo', user_id: tokenPayload(signedUp).user_id }, TOKEN_TEST_SECRET);
    const refused = await request('/v1/sites/expo/registrations', { body: { event_id: 2853 }, token }, broken);
    const error = await expectError(refused, 503, 'tentimes_unavailable');
    expect(error.message).toBe('We could not check your 10times details just now; nothing was booked. Please try again in a moment.');
    expect(popinRequests('register')).toEqual([]);
  });

  it('at a booking whose token says the details were kept: booked in Popin, 503 tentimes_unavailable with Retry-After; Book again registers it once', async () => {
    const { token } = await json<{ token: string }>(await request('/v1/sites/expo/customers', { body: SIGN_UP }));
    const refused = await request('/v1/sites/expo/registrations', { body: { event_id: 2853 }, token }, broken);
    const error = await expectError(refused, 503, 'tentimes_unavailable');
    expect(error.message).toBe('Your demo is booked, but we could not pass it on to 10times just now. Please press Book again in a moment.');
    expect(refused.headers.get('Retry-After')).toBe('1');
    expect(popinRequests('register')).toHaveLength(1);

    const again = await request('/v1/sites/expo/registrations', { body: { event_id: 2853 }, token });
    expect(again.status).toBe(200);
    expect((await json<{ tentimes: unknown }>(again)).tentimes).toEqual({ status: 'pending' });
    await until(() => tentimes.registrations.length === 1, 'the 10times registration');
    expect(popin.state.sellers.get('seller-demo')!.usersById.size).toBe(1);
  });
});
