import { describe, expect, it, vi } from 'vitest';
import { FIRST_USER_ID } from '../../demo/popin-simulator/app';
import { PopinClient, PopinError, type PopinFailure } from '../../worker/src/popin/client';
import { POPIN_TEST_KEY, POPIN_TEST_URL } from './bindings';
import { popin } from './helpers';

const client = (options: Partial<ConstructorParameters<typeof PopinClient>[0]> = {}) =>
  new PopinClient({ baseUrl: POPIN_TEST_URL, apiKey: POPIN_TEST_KEY, seller: 'seller-demo', readTimeoutMs: 300, writeTimeoutMs: 500, ...options });

async function failure(call: Promise<unknown>): Promise<PopinFailure> {
  const error = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(PopinError);
  return (error as PopinError).failure;
}

/** The one request Popin received, with the headers as documented: X-API-KEY and X-TOKEN. */
function onlyRequest() {
  expect(popin.requests).toHaveLength(1);
  const request = popin.requests[0]!;
  expect(request.headers['x-api-key']).toBe(POPIN_TEST_KEY);
  expect(request.headers['x-token']).toBe('seller-demo');
  return request;
}

describe('PopinClient: the wire format of the four documented endpoints', () => {
  it('capture: POST /api/v1/external/conference/capture { name, mobile } as JSON', async () => {
    expect(await client().capture({ name: 'John Doe', mobile: '+919544510895' })).toEqual({ userId: FIRST_USER_ID });
    const request = onlyRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/api/v1/external/conference/capture', query: {} });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toStrictEqual({ name: 'John Doe', mobile: '+919544510895' });
  });

  it('slots: GET /api/v1/external/conference/slots without a body, with ?user_id only for a customer', async () => {
    const general = await client().slots();
    expect(general.registeredEvents).toEqual([]);
    expect(general.events.map((event) => event.id)).toEqual([3011, 2195, 2853]);
    const request = onlyRequest();
    expect(request).toMatchObject({ method: 'GET', path: '/api/v1/external/conference/slots', query: {}, body: null });
    expect(request.headers['content-type']).toBeUndefined();

    const { userId } = await client().capture({ name: 'John Doe', mobile: '+919544510895' });
    popin.requests.length = 0;
    const mine = await client().slots(userId);
    expect(mine.events[0]?.join_url).toMatch(new RegExp(`/${btoa(String(userId))}$`));
    expect(onlyRequest()).toMatchObject({ method: 'GET', path: '/api/v1/external/conference/slots', query: { user_id: String(userId) } });
  });

  it('register: POST /api/v1/external/conference/register { user_id, event_id } as JSON integers', async () => {
    const { userId } = await client().capture({ name: 'John Doe', mobile: '+919544510895' });
    popin.requests.length = 0;
    expect(await client().register(userId, 2853)).toEqual({ contact: '+919544510895' });
    const request = onlyRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/api/v1/external/conference/register', query: {} });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toStrictEqual({ user_id: userId, event_id: 2853 });
  });

  it('cancel: POST /api/v1/external/conference/cancel { user_id, event_id } as JSON integers', async () => {
    const { userId } = await client().capture({ name: 'John Doe', mobile: '+919544510895' });
    await client().register(userId, 2853);
    popin.requests.length = 0;
    await client().cancel(userId, 2853);
    const request = onlyRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/api/v1/external/conference/cancel', query: {} });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toStrictEqual({ user_id: userId, event_id: 2853 });
    expect(popin.state.sellers.get('seller-demo')!.registrations.get(userId)?.size).toBe(0);
  });

  it('sends the seller and key it was built with', async () => {
    await client({ seller: 'seller-empty' }).slots();
    expect(popin.requests[0]?.headers['x-token']).toBe('seller-empty');
    await expect(client({ apiKey: 'wrong-key' }).slots()).rejects.toBeInstanceOf(PopinError);
    expect(popin.requests[1]?.headers['x-api-key']).toBe('wrong-key');
  });
});

describe('PopinClient: failures', () => {
  it('401 → unauthorized', async () => {
    expect(await failure(client({ apiKey: 'wrong-key' }).slots())).toEqual({ kind: 'unauthorized' });
  });

  it("422 → validation with Popin's message and errors", async () => {
    expect(await failure(client().register(FIRST_USER_ID, 2853))).toEqual({
      kind: 'validation',
      message: 'Validation failed',
      errors: { user_id: ['The selected user id is invalid.'] },
    });
  });

  it('a 302 is an upstream error and is not followed (redirect: manual)', async () => {
    popin.faults.inject({ kind: 'status', status: 302, endpoint: 'slots' });
    expect(await failure(client().slots())).toEqual({ kind: 'upstream', detail: 'HTTP 302' });
    const init = vi.mocked(globalThis.fetch).mock.calls.at(-1)?.[1];
    expect(init?.redirect).toBe('manual');
    expect(popin.requests).toHaveLength(1);
  });

  it('a redirect to another host is not followed, so the key never leaves for it', async () => {
    const sent: string[] = [];
    vi.mocked(globalThis.fetch).mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      sent.push(`${request.url} ${request.headers.get('x-api-key')}`);
      // What fetch would do for a mode other than manual: follow, with the same headers.
      if (request.redirect !== 'manual') {
        sent.push(`https://attacker.example/steal ${request.headers.get('x-api-key')}`);
        return Response.json({ status: 1, user_id: 1 });
      }
      return new Response(null, { status: 302, headers: { Location: 'https://attacker.example/steal' } });
    });
    expect(await failure(client().capture({ name: 'John Doe', mobile: '+919544510895' }))).toEqual({ kind: 'upstream', detail: 'HTTP 302' });
    expect(sent).toEqual([`${POPIN_TEST_URL}/api/v1/external/conference/capture ${POPIN_TEST_KEY}`]);
  });

  it.each([
    ['a 200 HTML body', { kind: 'malformed' } as const],
    ['status: 0', { kind: 'wrong-shape', variant: 'status-0' } as const],
    ['missing fields', { kind: 'wrong-shape', variant: 'missing-fields' } as const],
    ['503', { kind: 'status', status: 503 } as const],
  ])('%s → upstream', async (_label, fault) => {
    popin.faults.inject({ ...fault, endpoint: 'capture' });
    expect(await failure(client().capture({ name: 'John Doe', mobile: '+919544510895' }))).toMatchObject({ kind: 'upstream' });
  });

  it('no connection → upstream "no connection"', async () => {
    expect(await failure(client({ baseUrl: 'http://127.0.0.1:9' }).slots())).toEqual({ kind: 'upstream', detail: 'no connection' });
  });

  it('a hang → timeout after the read timeout for slots', async () => {
    popin.faults.inject({ kind: 'hang', endpoint: 'slots' });
    const started = Date.now();
    expect(await failure(client({ readTimeoutMs: 100, writeTimeoutMs: 5_000 }).slots())).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a hang → timeout after the write timeout for capture, register and cancel', async () => {
    const { userId } = await client().capture({ name: 'John Doe', mobile: '+919544510895' });
    popin.faults.inject({ kind: 'hang', count: 'always' });
    const quick = client({ readTimeoutMs: 5_000, writeTimeoutMs: 100 });
    const started = Date.now();
    expect(await failure(quick.capture({ name: 'John Doe', mobile: '+919544510895' }))).toEqual({ kind: 'timeout' });
    expect(await failure(quick.register(userId, 2853))).toEqual({ kind: 'timeout' });
    expect(await failure(quick.cancel(userId, 2853))).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reads and writes have their own timeouts', async () => {
    const { userId } = await client().capture({ name: 'John Doe', mobile: '+919544510895' });
    popin.faults.latencyMs = 300;
    const split = client({ readTimeoutMs: 50, writeTimeoutMs: 3_000 });
    expect(await failure(split.slots(userId))).toEqual({ kind: 'timeout' });
    expect(await split.register(userId, 2853)).toEqual({ contact: '+919544510895' });
  });
});
