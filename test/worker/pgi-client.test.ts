import { describe, expect, it, vi } from 'vitest';
import { FIRST_CLIENT_ID, FIRST_COMPANY_ID, FIRST_HUB_ID } from '../../demo/pgi-simulator/app';
import { PgiClient, PgiError, ProvisionInputSchema, type PgiFailure, type ProvisionInput } from '../../worker/src/pgi/client';
import { PGI_TEST_KEY, PGI_TEST_URL } from './bindings';
import { captureConsole, pgi } from './helpers';

const client = (options: Partial<ConstructorParameters<typeof PgiClient>[0]> = {}) =>
  new PgiClient({ baseUrl: PGI_TEST_URL, apiKey: PGI_TEST_KEY, timeoutMs: 300, ...options });

/** The document's example request, as our caller gives it (no password: always sent blank). */
const input = (overrides: { company?: object; client?: object; contact?: object } = {}): ProvisionInput => ({
  company: { externalId: 50, enterpriseId: 799, name: 'Company Name', isGlobalMeetEnabled: true, isWebConfEnabled: false, ...overrides.company },
  client: { externalId: 100, first: 'First', last: 'Last', email: 'me@example.com', ...overrides.client },
  contact: { address: '123 Street', city: 'Montreal', state: 'Quebec', country: 'Canada', postalCode: 'H1H1H1', ...overrides.contact },
});

async function caught(call: Promise<unknown>): Promise<PgiError> {
  const error = await call.then(() => undefined, (error: unknown) => error);
  expect(error).toBeInstanceOf(PgiError);
  return error as PgiError;
}
const failure = async (call: Promise<unknown>): Promise<PgiFailure> => (await caught(call)).failure;

/** The one request PGi received: a JSON POST with X-AUTH-TOKEN, as documented. */
function onlyRequest() {
  expect(pgi.requests).toHaveLength(1);
  const request = pgi.requests[0]!;
  expect(request.method).toBe('POST');
  expect(request.headers['x-auth-token']).toBe(PGI_TEST_KEY);
  expect(request.headers['content-type']).toBe('application/json');
  return request;
}

/** Provisions the example and forgets the request, for tests about the other calls. */
async function provisioned() {
  const result = await client().provision(input());
  pgi.requests.length = 0;
  return result;
}

describe('PgiClient: the wire format of the four documented calls', () => {
  it("provision: POST /provisioning/client/provision with the document's body, password blank, in its order", async () => {
    const result = await client().provision(input());
    const request = onlyRequest();
    expect(request.path).toBe('/provisioning/client/provision');
    // Byte for byte: the document's keys in the document's order.
    expect(request.raw).toBe(JSON.stringify({
      company: { externalId: 50, enterpriseId: 799, name: 'Company Name', isGlobalMeetEnabled: true, isWebConfEnabled: false },
      client: { externalId: 100, password: '', first: 'First', last: 'Last', email: 'me@example.com' },
      contact: { address: '123 Street', city: 'Montreal', state: 'Quebec', country: 'Canada', postalCode: 'H1H1H1' },
    }));
    const [made] = pgi.snapshot().clients;
    expect(result).toStrictEqual({
      companyId: FIRST_COMPANY_ID,
      clientId: FIRST_CLIENT_ID,
      password: pgi.state.clients.get(FIRST_CLIENT_ID)!.password,
      passCodes: made!.passCodes,
      hub: { hubId: FIRST_HUB_ID, hubUrl: 'company-name.example.com' },
    });
    expect(result.password).toMatch(/^\w{8}$/);
    expect(result.passCodes.moderatorPassCode).toMatch(/^\d{10}$/);
  });

  it('provision: trimmed text; state null outside the USA when not given; sent for the USA', async () => {
    await client().provision(input({ company: { name: '  Acme Gadgets ' }, contact: { state: undefined } }));
    expect(pgi.requests[0]!.body).toMatchObject({ company: { name: 'Acme Gadgets' }, contact: { state: null, country: 'Canada' } });
    await client().provision(input({ client: { externalId: 101 }, contact: { state: 'NY', country: 'USA' } }));
    expect(pgi.requests[1]!.body).toMatchObject({ contact: { state: 'NY', country: 'USA' } });
  });

  it('deactivate: POST /provisioning/client/deactivate { clientId }; again on an inactive client still succeeds', async () => {
    const { clientId } = await provisioned();
    await expect(client().deactivate(clientId)).resolves.toBeUndefined();
    const request = onlyRequest();
    expect(request.path).toBe('/provisioning/client/deactivate');
    expect(request.raw).toBe(JSON.stringify({ clientId }));
    expect(pgi.state.clients.get(clientId)!.active).toBe(false);
    await expect(client().deactivate(clientId)).resolves.toBeUndefined();
    expect(pgi.state.clients.get(clientId)!.active).toBe(false);
  });

  it('reactivate: POST /provisioning/client/reactivate { clientId }; on an active client still succeeds', async () => {
    const { clientId } = await provisioned();
    await expect(client().reactivate(clientId)).resolves.toBeUndefined();
    const request = onlyRequest();
    expect(request.path).toBe('/provisioning/client/reactivate');
    expect(request.raw).toBe(JSON.stringify({ clientId }));
    await client().deactivate(clientId);
    await client().reactivate(clientId);
    expect(pgi.state.clients.get(clientId)!.active).toBe(true);
  });

  it('get: POST /client/get (not under /provisioning) { clientId }; the answer has no status field', async () => {
    const { clientId, hub } = await provisioned();
    expect(await client().get(clientId)).toStrictEqual({ clientId, hub });
    const request = onlyRequest();
    expect(request.path).toBe('/client/get');
    expect(request.raw).toBe(JSON.stringify({ clientId }));
  });

  it('a base URL with a trailing slash, and the key it was built with', async () => {
    await client({ baseUrl: `${PGI_TEST_URL}/` }).get(0).catch(() => {});
    await expect(client({ baseUrl: `${PGI_TEST_URL}/`, apiKey: 'other-key' }).deactivate(42)).rejects.toBeInstanceOf(PgiError);
    expect(pgi.requests.map((r) => [r.path, r.headers['x-auth-token']])).toEqual([['/provisioning/client/deactivate', 'other-key']]);
  });
});

describe('provision is idempotent by the external ids', () => {
  it('a repeat returns the same company and client ids (and password), with no duplicate in PGi', async () => {
    const first = await client().provision(input());
    const again = await client().provision(input({ company: { name: 'Company Renamed' }, client: { first: 'Firsty' } }));
    expect(again).toStrictEqual(first);
    const state = pgi.snapshot();
    expect(state.companies).toHaveLength(1);
    expect(state.clients).toHaveLength(1);
    expect(state.companies[0]).toMatchObject({ externalId: 50, name: 'Company Renamed' });
    expect(state.clients[0]).toMatchObject({ externalId: 100, first: 'Firsty', provisioned: 2 });
  });

  it('an answer lost on the way back: the retry finds the same records', async () => {
    pgi.faults.inject({ kind: 'lost-answer', endpoint: 'provision' });
    expect(await failure(client().provision(input()))).toEqual({ kind: 'timeout' });
    const retried = await client().provision(input());
    expect(retried).toMatchObject({ companyId: FIRST_COMPANY_ID, clientId: FIRST_CLIENT_ID });
    expect(pgi.snapshot().clients).toHaveLength(1);
  });

  it('a second plan of the same site: same company, a new client', async () => {
    const a = await client().provision(input());
    const b = await client().provision(input({ client: { externalId: 101 } }));
    expect(b.companyId).toBe(a.companyId);
    expect(b.clientId).not.toBe(a.clientId);
    expect(pgi.snapshot()).toMatchObject({ companies: [{}], clients: [{}, {}] });
  });
});

describe('input is checked before PGi is called', () => {
  it('the USA without a state → invalid, field by field, and PGi never hears of it', async () => {
    for (const country of ['USA', 'United States', 'U.S.A.', 'us', 'United States of America']) {
      expect(await failure(client().provision(input({ contact: { country, state: ' ' } })))).toEqual({
        kind: 'invalid',
        errors: { 'contact.state': ['State is required for an address in the USA.'] },
      });
    }
    expect(pgi.requests).toEqual([]);
  });

  it('every bad field at once, each with its own message', async () => {
    const bad = {
      company: { externalId: 0, enterpriseId: 1.5, name: '', isGlobalMeetEnabled: 'yes', isWebConfEnabled: false },
      client: { externalId: 100, first: 'First', email: 'not-an-email' },
      contact: { address: '1 Main St', city: ' ', country: 'USA', postalCode: '73301' },
    } as unknown as ProvisionInput;
    const result = await failure(client().provision(bad));
    expect(result).toEqual({
      kind: 'invalid',
      errors: {
        'company.externalId': ['Company external id must be a positive whole number.'],
        'company.enterpriseId': ['Enterprise id must be a positive whole number.'],
        'company.name': ['Company name is required.'],
        'company.isGlobalMeetEnabled': ['GlobalMeet enabled must be true or false.'],
        'client.last': ['Last name is required.'],
        'client.email': ['Enter a valid email address.'],
        'contact.city': ['City is required.'],
        'contact.state': ['State is required for an address in the USA.'],
      },
    });
    expect(pgi.requests).toEqual([]);
  });

  it('the schema is exported for the console route', () => {
    expect(ProvisionInputSchema.safeParse(input()).success).toBe(true);
    expect(ProvisionInputSchema.safeParse(null).error?.issues[0]?.message).toBe('Send a JSON object.');
    expect(ProvisionInputSchema.safeParse({}).error?.issues.map((i) => i.message)).toEqual(['Company is required.', 'Host is required.', 'Contact address is required.']);
  });

  it.each([0, -1, 1.5, Number.NaN, '12345678' as unknown as number])('client id %s → invalid, not sent', async (clientId) => {
    for (const call of [client().deactivate(clientId), client().reactivate(clientId), client().get(clientId)]) {
      expect(await failure(call)).toEqual({ kind: 'invalid', errors: { clientId: ['Client id must be a positive whole number.'] } });
    }
    expect(pgi.requests).toEqual([]);
  });
});

describe('PgiClient: failures', () => {
  it.each(['deactivate', 'reactivate', 'get'] as const)('%s of an unknown client → rejected with PGi\'s message', async (operation) => {
    const error = await caught(client()[operation](99_999_999));
    expect(error.operation).toBe(operation);
    expect(error.failure).toEqual({ kind: 'rejected', message: 'Client 99999999 not found', httpStatus: 404 });
  });

  it('a wrong X-AUTH-TOKEN → unauthorized', async () => {
    expect(await failure(client({ apiKey: 'wrong-key' }).provision(input()))).toEqual({ kind: 'unauthorized' });
  });

  it.each([
    ['"error"', { kind: 'rejected', message: 'Enterprise 799 is not enabled' } as const, 'Enterprise 799 is not enabled'],
    ['"fail"', { kind: 'rejected', status: 'fail', message: 'Company limit reached' } as const, 'Company limit reached'],
    ['"error" without a message', { kind: 'wrong-shape', body: { status: 'error' } } as const, 'no reason given'],
  ])('HTTP 200 with status %s → rejected, never a success', async (_label, fault, message) => {
    pgi.faults.inject({ ...fault, count: 'always' });
    expect(await failure(client().provision(input()))).toEqual({ kind: 'rejected', message, httpStatus: 200 });
    expect(await failure(client().deactivate(1))).toEqual({ kind: 'rejected', message, httpStatus: 200 });
    expect(await failure(client().get(1))).toEqual({ kind: 'rejected', message, httpStatus: 200 });
  });

  it("PGi's message that echoes the key is passed on without it", async () => {
    pgi.faults.inject({ kind: 'rejected', message: `Token ${PGI_TEST_KEY} has no access to enterprise 799` });
    expect(await failure(client().provision(input()))).toMatchObject({ message: 'Token [key] has no access to enterprise 799' });
  });

  it.each([
    ['a 200 HTML page', { kind: 'malformed' } as const, 'HTTP 200, body is not JSON', false],
    ['a wrong shape', { kind: 'wrong-shape' } as const, /^unexpected body at (status|data|clientId) \(invalid_(value|type)\)$/, false],
    ['HTTP 503', { kind: 'status', status: 503 } as const, 'HTTP 503', true],
    ['HTTP 500 with a message', { kind: 'status', status: 500, body: { status: 'error', message: 'SQLSTATE[42S02] internal detail' } } as const, 'HTTP 500', true],
    ['HTTP 400 that is not the error shape', { kind: 'status', status: 400, body: { error: 'bad' } } as const, 'HTTP 400', false],
  ])('%s → upstream', async (_label, fault, detail, transient) => {
    pgi.faults.inject({ ...fault, count: 'always' });
    for (const call of [client().provision(input()), client().deactivate(1), client().reactivate(1), client().get(1)]) {
      const error = await caught(call);
      expect(error.failure).toEqual({ kind: 'upstream', detail: typeof detail === 'string' ? detail : expect.stringMatching(detail) });
      expect(error.transient).toBe(transient);
      expect(error.message).not.toContain('SQLSTATE');
    }
  });

  it('get without the hub → upstream; success status with missing data → upstream', async () => {
    pgi.faults.inject({ kind: 'wrong-shape', endpoint: 'get', body: { clientId: 1 } });
    expect(await failure(client().get(1))).toEqual({ kind: 'upstream', detail: 'unexpected body at hub (invalid_type)' });
    pgi.faults.inject({ kind: 'wrong-shape', endpoint: 'provision', body: { status: 'success' } });
    expect(await failure(client().provision(input()))).toEqual({ kind: 'upstream', detail: 'unexpected body at data (invalid_type)' });
  });

  it('a 302 is not followed (redirect: manual), so the token never leaves for another host', async () => {
    const sent: string[] = [];
    vi.mocked(globalThis.fetch).mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      sent.push(`${request.url} ${request.headers.get('x-auth-token')}`);
      if (request.redirect !== 'manual') {
        sent.push(`https://attacker.example/steal ${request.headers.get('x-auth-token')}`);
        return Response.json({ status: 'success' });
      }
      return new Response(null, { status: 302, headers: { Location: 'https://attacker.example/steal' } });
    });
    expect(await failure(client().deactivate(1))).toEqual({ kind: 'upstream', detail: 'HTTP 302 (redirect not followed)' });
    expect(sent).toEqual([`${PGI_TEST_URL}/provisioning/client/deactivate ${PGI_TEST_KEY}`]);
  });

  it("the simulator's 302 too", async () => {
    pgi.faults.inject({ kind: 'status', status: 302, body: null });
    expect(await failure(client().get(1))).toEqual({ kind: 'upstream', detail: 'HTTP 302 (redirect not followed)' });
    expect(vi.mocked(globalThis.fetch).mock.calls.at(-1)?.[1]?.redirect).toBe('manual');
  });

  it('no connection → upstream "no connection", worth another try', async () => {
    const error = await caught(client({ baseUrl: 'http://127.0.0.1:9' }).get(1));
    expect(error.failure).toEqual({ kind: 'upstream', detail: 'no connection' });
    expect(error.transient).toBe(true);
  });

  it('a hang → timeout after timeoutMs, for every call', async () => {
    pgi.faults.inject({ kind: 'hang', count: 'always' });
    const quick = client({ timeoutMs: 100 });
    const started = Date.now();
    for (const call of [quick.provision(input()), quick.deactivate(1), quick.reactivate(1), quick.get(1)]) {
      expect(await failure(call)).toEqual({ kind: 'timeout' });
    }
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('latency beyond timeoutMs → timeout; within it → success', async () => {
    const { clientId } = await provisioned();
    pgi.faults.latencyMs = 200;
    expect(await failure(client({ timeoutMs: 50 }).get(clientId))).toEqual({ kind: 'timeout' });
    await expect(client({ timeoutMs: 2_000 }).get(clientId)).resolves.toMatchObject({ clientId });
  });
});

describe('the key and the client password never appear in an error or a log line', () => {
  it('across a success and every kind of failure', async () => {
    const logged = captureConsole();
    const { password, clientId } = await client().provision(input());
    expect(password.length).toBeGreaterThan(0);
    // A password we can search for, in answers that then fail validation.
    const planted = 'pw-planted-9f8e7d6c';
    const texts: string[] = [];
    const record = (error: PgiError) => texts.push(error.message, String(error), error.stack ?? '', JSON.stringify(error.failure));
    const faults = [
      { kind: 'wrong-shape', endpoint: 'provision', body: { status: 'success', data: { companyId: 1, clientId: 2, password: planted } } },
      { kind: 'wrong-shape', endpoint: 'provision', body: { status: 'success', data: { companyId: 1, clientId: 2, password: 12345, passCodes: {}, hub: {} } } },
      { kind: 'rejected', endpoint: 'provision', message: `Token ${PGI_TEST_KEY} rejected` },
      { kind: 'status', endpoint: 'provision', status: 500, body: { status: 'error', message: `${planted} ${PGI_TEST_KEY}` } },
      { kind: 'malformed', endpoint: 'provision', body: `<html>${planted} ${PGI_TEST_KEY}</html>` },
      { kind: 'hang', endpoint: 'provision' },
    ] as const;
    for (const fault of faults) {
      pgi.faults.inject(fault);
      record(await caught(client().provision(input())));
    }
    record(await caught(client({ apiKey: `${PGI_TEST_KEY}-wrong` }).get(clientId)));
    record(await caught(client().get(99_999_999)));
    record(await caught(client().provision(input({ contact: { country: 'USA', state: '' } }))));
    const all = texts.join('\n') + '\n' + logged();
    for (const secret of [PGI_TEST_KEY, password, planted]) expect(all).not.toContain(secret);
    // The only rejected message that named them came back filtered: the key as [key].
    expect(all).toContain('[key]');
    expect(logged()).toBe('');
  });
});

describe('the PGi simulator itself', () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = { 'X-AUTH-TOKEN': PGI_TEST_KEY }) =>
    pgi.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('X-AUTH-TOKEN missing or wrong → 401 in the error shape; not POST → 405; other paths → 404', async () => {
    expect(await (await post('/client/get', { clientId: 1 }, {})).json()).toEqual({ status: 'error', message: 'X-AUTH-TOKEN header is required' });
    const wrong = await post('/client/get', { clientId: 1 }, { 'X-AUTH-TOKEN': 'nope' });
    expect([wrong.status, await wrong.json()]).toEqual([401, { status: 'error', message: 'Invalid API token' }]);
    const get = await pgi.app.request('/client/get');
    expect([get.status, get.headers.get('Allow')]).toEqual([405, 'POST']);
    expect((await post('/provisioning/client/get', { clientId: 1 })).status).toBe(404);
  });

  it('a provision body with problems → 400 naming them all; the USA without a state among them', async () => {
    const response = await post('/provisioning/client/provision', {
      company: { externalId: 50, enterpriseId: 799, name: 'Co', isGlobalMeetEnabled: true, isWebConfEnabled: false },
      client: { externalId: 100, password: '', first: 'A', last: 'B', email: 'nope' },
      contact: { address: '1 Main St', city: 'Austin', state: null, country: 'United States', postalCode: '73301' },
    });
    expect([response.status, await response.json()]).toEqual([400, {
      status: 'error', message: 'client.email is not a valid email address; contact.state cannot be null for USA customers',
    }]);
    expect((await post('/provisioning/client/deactivate', 'not json')).status).toBe(400);
  });

  it('one external id under another company → 409, nothing changed', async () => {
    await client().provision(input());
    const other = await caught(client().provision(input({ company: { externalId: 51 } })));
    expect(other.failure).toEqual({ kind: 'rejected', message: 'client 100 belongs to another company', httpStatus: 409 });
    expect(pgi.snapshot()).toMatchObject({ companies: [{ externalId: 50 }], clients: [{ externalId: 100 }] });
  });

  it('/__sim/*: state hides passwords, faults over HTTP, request log, reset', async () => {
    await client().provision(input());
    const state = await (await pgi.app.request('/__sim/state')).json() as { clients: Array<{ password: string }> };
    expect(state.clients[0]!.password).toBe('(set)');
    const set = await pgi.app.request('/__sim/faults', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ latencyMs: 5, failures: [{ kind: 'rejected', endpoint: 'get', count: 2 }] }),
    });
    expect(await set.json()).toEqual({ latencyMs: 5, failures: [{ kind: 'rejected', endpoint: 'get', count: 2 }] });
    const bad = await pgi.app.request('/__sim/faults', { method: 'POST', body: JSON.stringify({ kind: 'rejected', status: 'success' }) });
    expect(bad.status).toBe(400);
    expect(await (await pgi.app.request('/__sim/requests')).json()).toHaveLength(1);
    await pgi.app.request('/__sim/reset', { method: 'POST' });
    expect(pgi.snapshot()).toEqual({ companies: [], clients: [] });
    expect(pgi.faults.failures).toEqual([]);
    expect(pgi.requests).toEqual([]);
  });
});
