import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { customerBookingsName } from '../../worker/src/bookings/stub';
import { TEST_SITES } from './bindings';
import { call, json, popin, signUp } from './helpers';

const register = (body: unknown, token?: string) => call('/v1/sites/acme/registrations', { body, token });

/** What the customer's CustomerBookings object kept for an event. */
async function kept(eventId: number): Promise<unknown> {
  const [userId] = [...popin.state.sellers.get('seller-demo')!.usersById.keys()];
  const namespace = env.CUSTOMER_BOOKINGS;
  const stub = namespace.get(namespace.idFromName(customerBookingsName(TEST_SITES.acme.seller, userId!)));
  return stub.attribution(eventId);
}

describe('POST registrations: attribution (page URL and utm_*)', () => {
  it('keeps the page and utm_* with the registration', async () => {
    const token = await signUp();
    const attribution = { page: 'https://shop.example/demo', utm: { source: 'newsletter', medium: 'email', campaign: 'diwali' } };
    const response = await register({ event_id: 2853, attribution }, token);
    expect(response.status).toBe(200);
    expect(await kept(2853)).toMatchObject(attribution);
  });

  it('validates and bounds every field', async () => {
    const token = await signUp();
    for (const attribution of [
      { page: 'javascript:alert(1)' },
      { page: `https://shop.example/${'x'.repeat(2100)}` },
      { utm: { source: 'x'.repeat(201) } },
      { utm: { source: 'a\u202eb' } },
      { utm: { gclid: 'abc' } },
      { utm: { source: '' } },
      { other: 1 },
    ]) {
      const response = await register({ event_id: 2195, attribution }, token);
      expect(response.status, JSON.stringify(attribution).slice(0, 80)).toBe(422);
      expect(Object.keys((await json<{ errors: Record<string, string[]> }>(response)).errors).join()).toMatch(/^attribution/);
    }
    expect(await kept(2195)).toBeUndefined();
  });
});
