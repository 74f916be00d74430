import { describe, expect, it } from 'vitest';
import { POPIN_TEST_KEY } from './bindings';
import { call, expectError, json, popin, popinRequests, tokenPayload } from './helpers';

interface Customer {
  token: string;
  customer: { name: string; mobile: string };
}

const capture = (body: unknown, site = 'acme') =>
  call(`/v1/sites/${site}/customers`, { body, origin: site === 'acme' ? 'https://shop.example' : 'https://empty.example' });

describe('POST /v1/sites/{site}/customers: mobile numbers as people type them', () => {
  it.each([
    ['095445 10895', undefined, 'acme', '+919544510895'],
    ['+91 95445-10895', undefined, 'acme', '+919544510895'],
    ['9544510895', undefined, 'acme', '+919544510895'],
    [' (0)95445 10895 ', undefined, 'acme', '+919544510895'],
    ['0044 7911 123456', undefined, 'acme', '+447911123456'],
    ['+44 7911 123456', 'IN', 'acme', '+447911123456'],
    ['07911 123456', 'GB', 'acme', '+447911123456'],
    ['07911 123456', 'gb', 'acme', '+447911123456'],
    ['07911 123456', undefined, 'empty', '+447911123456'],
  ])('%j (country %s, site %s) reaches Popin as %s', async (mobile, country, site, e164) => {
    const response = await capture(country === undefined ? { name: 'Priya Sharma', mobile } : { name: 'Priya Sharma', mobile, country }, site);
    expect(response.status).toBe(200);
    const body = await json<Customer>(response);
    expect(body.customer).toEqual({ name: 'Priya Sharma', mobile: e164 });
    expect(Object.keys(body).sort()).toEqual(['customer', 'token']);

    const requests = popinRequests('capture');
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.query).toEqual({});
    expect(request?.body).toEqual({ name: 'Priya Sharma', mobile: e164 });
    expect(request?.headers['x-api-key']).toBe(POPIN_TEST_KEY);
    expect(request?.headers['x-token']).toBe(site === 'acme' ? 'seller-demo' : 'seller-empty');
    expect(request?.headers['content-type']).toBe('application/json');
  });
});

describe('POST /v1/sites/{site}/customers: the customer and their token', () => {
  it('returns a token for the Popin user the lead was captured as', async () => {
    const body = await json<Customer>(await capture({ name: 'Priya Sharma', mobile: '095445 10895' }));
    expect(body.token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const userId = popin.state.sellers.get('seller-demo')!.usersByMobile.get('+919544510895')!.user_id;
    expect(tokenPayload(body.token)).toMatchObject({ site: 'acme', user_id: userId });
  });

  it('gives the same Popin user for the same mobile however it is typed', async () => {
    const first = await json<Customer>(await capture({ name: 'Priya', mobile: '095445 10895' }));
    const second = await json<Customer>(await capture({ name: 'Priya S', mobile: '+91 95445-10895' }));
    const other = await json<Customer>(await capture({ name: 'Ravi', mobile: '+91 98765 43210' }));
    expect(tokenPayload(second.token).user_id).toBe(tokenPayload(first.token).user_id);
    expect(tokenPayload(other.token).user_id).not.toBe(tokenPayload(first.token).user_id);

    // And the second token books as that same user at Popin.
    await call('/v1/sites/acme/registrations', { body: { event_id: 2853 }, token: second.token });
    expect(popinRequests('register')[0]?.body).toEqual({ user_id: tokenPayload(first.token).user_id, event_id: 2853 });
  });

  it('trims the name before Popin and the response see it', async () => {
    const body = await json<Customer>(await capture({ name: '  Priya Sharma \t', mobile: '9544510895' }));
    expect(body.customer.name).toBe('Priya Sharma');
    expect(popinRequests('capture')[0]?.body).toEqual({ name: 'Priya Sharma', mobile: '+919544510895' });
  });

  it('accepts a name of exactly 100 characters', async () => {
    const name = 'a'.repeat(100);
    expect((await capture({ name, mobile: '9544510895' })).status).toBe(200);
    expect(popinRequests('capture')[0]?.body).toEqual({ name, mobile: '+919544510895' });
  });
});

describe('POST /v1/sites/{site}/customers: 422 before Popin is called', () => {
  const valid = { name: 'Priya Sharma', mobile: '9544510895' };

  it.each<[string, Record<string, unknown>, string[]]>([
    ['no name', { mobile: valid.mobile }, ['name']],
    ['no mobile', { name: valid.name }, ['mobile']],
    ['an empty object', {}, ['name', 'mobile']],
    ['an empty name', { ...valid, name: '' }, ['name']],
    ['a blank name', { ...valid, name: '   ' }, ['name']],
    ['a null name', { ...valid, name: null }, ['name']],
    ['a numeric name', { ...valid, name: 42 }, ['name']],
    ['a name of 101 characters', { ...valid, name: 'a'.repeat(101) }, ['name']],
    ['a NUL in the name', { ...valid, name: 'Priya\u0000Sharma' }, ['name']],
    ['a newline in the name', { ...valid, name: 'Priya\nSharma' }, ['name']],
    ['an escape in the name', { ...valid, name: 'Priya\u001b[31mSharma' }, ['name']],
    ['a DEL in the name', { ...valid, name: 'Priya\u007fSharma' }, ['name']],
    ['a C1 control (NEL) in the name', { ...valid, name: 'Priya\u0085Sharma' }, ['name']],
    ['an empty mobile', { ...valid, mobile: '' }, ['mobile']],
    ['a numeric mobile', { ...valid, mobile: 9544510895 }, ['mobile']],
    ['a short number', { ...valid, mobile: '12345' }, ['mobile']],
    ['letters', { ...valid, mobile: 'abc' }, ['mobile']],
    ['a number inside text', { ...valid, mobile: 'call 9544510895' }, ['mobile']],
    ['a mobile of 41 characters', { ...valid, mobile: '9'.repeat(41) }, ['mobile']],
    ['an Indian landline', { ...valid, mobile: '011 2345 6789' }, ['mobile']],
    ['a London landline with a GB hint', { ...valid, mobile: '020 7946 0958', country: 'GB' }, ['mobile']],
    ['a GB mobile without a hint on an IN site', { ...valid, mobile: '07911 123456' }, ['mobile']],
    ['a country name', { ...valid, country: 'India' }, ['country']],
    ['a country with a digit', { ...valid, country: '1N' }, ['country']],
  ])('%s → 422 on its fields', async (_label, body, fields) => {
    const error = await expectError(await capture(body), 422, 'validation_failed');
    expect(Object.keys(error.errors ?? {}).sort()).toEqual([...fields].sort());
    for (const field of fields) {
      expect(error.errors?.[field]?.length).toBeGreaterThan(0);
      for (const message of error.errors![field]!) expect(message).toMatch(/\S/);
    }
    expect(popinRequests('capture')).toEqual([]);
  });
});

describe("POST /v1/sites/{site}/customers: Popin's own validation error", () => {
  it('is passed through as 422 with the same message and errors', async () => {
    popin.faults.inject({
      kind: 'status',
      status: 422,
      endpoint: 'capture',
      body: { message: 'Validation failed', errors: { mobile: ['Invalid phone number'] } },
    });
    const error = await expectError(await capture({ name: 'Priya Sharma', mobile: '9544510895' }), 422, 'validation_failed');
    expect(error).toEqual({ message: 'Validation failed', code: 'validation_failed', errors: { mobile: ['Invalid phone number'] } });
    expect(popinRequests('capture')).toHaveLength(1);
  });
});
