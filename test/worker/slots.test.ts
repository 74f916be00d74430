import { describe, expect, it } from 'vitest';
import { POPIN_TEST_KEY } from './bindings';
import { call, json, popin, popinRequests, signUp } from './helpers';

interface Slots {
  events: Array<{ id: number; name: string; date: string; month: string; time: string; end_time: string; can_join: boolean; join_url: string | null }>;
  registered: number[];
  site: { title: string; country: string; timezone: string };
}

describe('GET /v1/sites/{site}/slots', () => {
  it('returns the general slots in the documented shape, without user_id upstream', async () => {
    const response = await call('/v1/sites/acme/slots');
    expect(response.status).toBe(200);
    const body = await json<Slots>(response);
    expect(body.registered).toEqual([]);
    expect(body.site).toEqual({ title: 'Acme Gadgets', country: 'IN', timezone: 'Asia/Kolkata' });
    const names = body.events.map((event) => event.name);
    expect(names).toContain('Public Macbook demo');
    expect(names).toContain('iPhone demo');
    const macbook = body.events.find((event) => event.id === 2195)!;
    expect(Object.keys(macbook).sort()).toEqual(['can_join', 'date', 'end_time', 'ends_at', 'id', 'join_url', 'month', 'name', 'starts_at', 'time']);
    expect(macbook.time).toMatch(/^\d\d:\d\d [ap]m$/);
    // The simulator seeds it tomorrow at 16:05–16:20 in the site's zone.
    const { starts_at, ends_at } = macbook as unknown as { starts_at: string; ends_at: string };
    expect(starts_at).toMatch(/^\d{4}-\d\d-\d\dT16:05:00\+05:30$/);
    expect(ends_at).toBe(starts_at.replace('16:05', '16:20'));
    expect(Date.parse(starts_at) - Date.now()).toBeGreaterThan(0);
    expect(Date.parse(starts_at) - Date.now()).toBeLessThan(2 * 86_400_000);

    const [request] = popinRequests('slots');
    expect(request?.method).toBe('GET');
    expect(request?.query).toEqual({});
    expect(request?.headers['x-api-key']).toBe(POPIN_TEST_KEY);
    expect(request?.headers['x-token']).toBe('seller-demo');
  });

  it("returns the customer's view with a token: their registrations and join links", async () => {
    const token = await signUp();
    const [userId] = [...popin.state.sellers.get('seller-demo')!.usersById.keys()];
    await call('/v1/sites/acme/registrations', { body: { event_id: 2853 }, token });

    const response = await call('/v1/sites/acme/slots', { token });
    expect(response.status).toBe(200);
    const body = await json<Slots>(response);
    expect(body.registered).toEqual([2853]);
    expect(body.events.find((event) => event.id === 2853)?.join_url).toMatch(new RegExp(`/${btoa(String(userId))}$`));
    expect(popinRequests('slots').at(-1)?.query).toEqual({ user_id: String(userId) });
    expect(response.headers.get('Cache-Control')).toContain('no-store');
  });

  it('shows an empty list for a seller with no demos', async () => {
    const response = await call('/v1/sites/empty/slots', { origin: 'https://empty.example' });
    expect(response.status).toBe(200);
    expect((await json<Slots>(response)).events).toEqual([]);
  });

  it('never passes a non-http join link to the page', async () => {
    popin.faults.inject({
      kind: 'status',
      status: 200,
      endpoint: 'slots',
      body: {
        status: 1,
        events: [{ id: 1, name: 'x', date: '02', month: 'Dec', time: '04:05 pm', end_time: '04:20 pm', can_join: true, join_url: 'javascript:alert(1)' }],
        registeredEvents: [],
      },
    });
    const body = await json<Slots>(await call('/v1/sites/acme/slots'));
    expect(body.events[0]?.join_url).toBeNull();
  });
});
