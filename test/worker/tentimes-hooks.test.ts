import { beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_EXHIBITOR_LEAD, EXAMPLE_VISITOR_LEAD } from '../../demo/tentimes-simulator/app';
import { siteWebhookSecret } from '../../worker/src/tentimes/webhook-secret';
import { WEBHOOK_TEST_SECRET } from './bindings';
import { call, captureConsole, expectError, expectNoLeak, json, popin, popinRequests } from './helpers';
import { adminReport, freshOutboxes } from './tentimes-helpers';

beforeEach(freshOutboxes);

/** Site expo's own secret, derived from the shared one (tentimes/webhook-secret.ts). */
const SECRET = await siteWebhookSecret(WEBHOOK_TEST_SECRET, 'expo');
const HOOK = `/v1/sites/expo/hooks/10times/${SECRET}`;
/** As 10times pushes: a server, no Origin, raw JSON. */
const push = (body: unknown, path = HOOK) =>
  call(path, { origin: null, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

const captured = () => popinRequests('capture').map((request) => request.body);

describe('POST /v1/sites/{site}/hooks/10times/{secret}', () => {
  it("captures the simulator's example visitor lead in Popin for that site's seller", async () => {
    const response = await push(EXAMPLE_VISITOR_LEAD);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: 'captured', push: 1 });
    expect(captured()).toEqual([{ name: 'Meera Nair', mobile: '+919847012345' }]);
    expect(popinRequests('capture')[0]?.headers['x-token']).toBe('seller-demo');
    expect([...popin.state.sellers.get('seller-demo')!.usersByMobile.keys()]).toEqual(['+919847012345']);
    expect((await adminReport()).sites.expo.pushes).toMatchObject({ captured: 1, rejected: 0, failed: 0, recent: [] });
  });

  it('an exhibitor lead: contact person and a number given as country code + digits without "+"', async () => {
    expect((await push(EXAMPLE_EXHIBITOR_LEAD)).status).toBe(200);
    expect(captured()).toEqual([{ name: 'Arjun Kumar', mobile: '+919812345678' }]);
  });

  it('flat leads with first and last names and a national number (the site\'s country)', async () => {
    expect((await push({ first_name: 'Ravi', last_name: 'Menon', 'Mobile No': '098470 12345', Email: 'ravi@example.com' })).status).toBe(200);
    expect(captured()).toEqual([{ name: 'Ravi Menon', mobile: '+919847012345' }]);
  });

  it.each<[string, string]>([
    ['an unknown secret', '/v1/sites/expo/hooks/10times/not-the-secret-not-the-secret'],
    ['the secret of one site on a site without the option', `/v1/sites/acme/hooks/10times/${SECRET}`],
    ['the shared secret itself', `/v1/sites/expo/hooks/10times/${WEBHOOK_TEST_SECRET}`],
    ['a prefix of the secret', `/v1/sites/expo/hooks/10times/${SECRET.slice(0, -1)}`],
  ])('%s → 404, nothing captured, nothing kept', async (_label, path) => {
    await expectError(await push(EXAMPLE_VISITOR_LEAD, path), 404, 'not_found');
    expect(popinRequests('capture')).toEqual([]);
    expect((await adminReport()).sites.expo.pushes).toMatchObject({ captured: 0, rejected: 0, failed: 0 });
  });

  it('a push that is not JSON → 400, kept and reported with its body', async () => {
    const logged = captureConsole();
    const error = await expectError(await push('name=Meera&phone=9847012345'), 400, 'invalid_json');
    expect(error.message).toMatch(/kept as push #1/);
    const { pushes } = (await adminReport()).sites.expo;
    expect(pushes).toMatchObject({ rejected: 1, recent: [{ id: 1, outcome: 'rejected', reason: 'not JSON', body: 'name=Meera&phone=9847012345' }] });
    expect(logged()).toContain('10times push site=expo #1: rejected: not JSON');
    expectNoLeak(logged());
    expect(logged()).not.toContain(WEBHOOK_TEST_SECRET);
    expect(logged()).not.toContain(SECRET);
  });

  it('a lead without a phone number → 422 lead_incomplete with errors.phone, kept and reported', async () => {
    const lead = { leadType: 'Visitor', visitor: { name: 'Meera Nair', email: 'meera@example.com' } };
    const error = await expectError(await push(lead), 422, 'lead_incomplete');
    expect(Object.keys(error.errors ?? {})).toEqual(['phone']);
    expect(popinRequests('capture')).toEqual([]);
    const { pushes } = (await adminReport()).sites.expo;
    expect(pushes.rejected).toBe(1);
    expect(JSON.parse(pushes.recent[0].body)).toEqual(lead);
  });

  it.each<[string, unknown, string[]]>([
    ['an event name is not a lead name', { event: { name: 'Acme Expo' }, phone: '+919847012345' }, ['name']],
    ['a phone that is not a mobile', { name: 'Meera', phone: '12345' }, ['phone']],
    ['a bidi override in the name', { name: 'Meera\u202eNair', phone: '+919847012345' }, ['name']],
    ['a JSON array of leads (one lead per push)', [{ name: 'Meera', phone: '+919847012345' }, { name: 'Ravi', phone: '+919847012346' }], ['body']],
    ['a JSON string', '"Meera +919847012345"', ['body']],
    ['null', 'null', ['body']],
    ['a lead hidden 50 levels deep', JSON.parse('{"a":'.repeat(50) + '{"name":"Meera","phone":"+919847012345"}' + '}'.repeat(50)), ['name', 'phone']],
    ['__proto__ keys', JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}'), ['name', 'phone']],
  ])('hostile or partial: %s → 422, kept, Popin not called', async (_label, body, fields) => {
    const response = await push(typeof body === 'string' ? body : body);
    const error = await expectError(response, 422, 'lead_incomplete');
    expect(Object.keys(error.errors ?? {}).sort()).toEqual(fields);
    expect(popinRequests('capture')).toEqual([]);
    expect((await adminReport()).sites.expo.pushes.rejected).toBe(1);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('a push over 16 KB → 413 before it is parsed', async () => {
    await expectError(await push({ ...EXAMPLE_VISITOR_LEAD, padding: 'x'.repeat(17 * 1024) }), 413, 'payload_too_large');
    expect(popinRequests('capture')).toEqual([]);
  });

  it('Popin down → 502 so that a sender that retries does, and the push is kept as failed', async () => {
    popin.faults.inject({ kind: 'status', status: 503, endpoint: 'capture' });
    await expectError(await push(EXAMPLE_VISITOR_LEAD), 502, 'upstream_error');
    expect((await adminReport()).sites.expo.pushes).toMatchObject({ captured: 0, failed: 1, recent: [{ outcome: 'failed', reason: expect.stringContaining('HTTP 503') }] });
  });
});
