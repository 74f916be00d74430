import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { siteDirectory } from '../../worker/src/sites/directory';
import { PGI_TEST_ENTERPRISE, PGI_TEST_KEY, TEST_BINDINGS } from './bindings';
import { consoleCall, newSite, operator, signIn } from './console-helpers';
import { call, captureConsole, expectError, expectNoLeak, json, pgi } from './helpers';

const FORM = {
  company: { name: 'Acme Gadgets', isGlobalMeetEnabled: true, isWebConfEnabled: false },
  client: { first: 'Priya', last: 'Sharma', email: 'priya@example.com' },
  contact: { address: '12 MG Road', city: 'Kochi', country: 'India', postalCode: '682016' },
};

interface PgiView {
  status: string;
  client_id?: number;
  company_id?: number;
  hub_url?: string;
  participant_passcode?: string;
  moderator_passcode?: string;
  password?: string;
  hub?: { hub_id: number; hub_url: string };
}

async function siteNum(site: string): Promise<number> {
  return (await siteDirectory(env).get(site))!.num;
}

function expectPgiCall(index: number, path: string, body: unknown) {
  const request = pgi.requests[index]!;
  expect(request.method).toBe('POST');
  expect(request.path).toBe(path);
  expect(request.headers['x-auth-token']).toBe(PGI_TEST_KEY);
  expect(request.headers['content-type']).toBe('application/json');
  expect(request.headers.accept).toBe('application/json');
  expect(JSON.parse(request.raw)).toStrictEqual(body);
}

describe('PGi through the console', () => {
  it('provisions with the documented body: the site numeric id as company and plan id, the operator enterprise, a blank password', async () => {
    const logged = captureConsole();
    const site = await newSite();
    const session = await signIn(site, TEST_BINDINGS.ADMIN_SECRET);
    expect(await json(await consoleCall(`/console/v1/sites/${site}/pgi`, { cookie: session }))).toEqual({ status: 'none' });

    const response = await consoleCall(`/console/v1/sites/${site}/pgi/provision`, { body: FORM, cookie: session });
    expect(response.status).toBe(200);
    const provisioned = await json<PgiView>(response);
    const num = await siteNum(site);
    expect(pgi.requests).toHaveLength(1);
    expectPgiCall(0, '/provisioning/client/provision', {
      company: { externalId: num, enterpriseId: PGI_TEST_ENTERPRISE, name: 'Acme Gadgets', isGlobalMeetEnabled: true, isWebConfEnabled: false },
      client: { externalId: num, password: '', first: 'Priya', last: 'Sharma', email: 'priya@example.com' },
      contact: { address: '12 MG Road', city: 'Kochi', state: null, country: 'India', postalCode: '682016' },
    });
    const client = [...pgi.state.clients.values()][0]!;
    expect(provisioned).toMatchObject({
      status: 'active',
      client_id: client.clientId,
      company_id: client.companyId,
      participant_passcode: client.passCodes.participantPassCode,
      moderator_passcode: client.passCodes.moderatorPassCode,
      password: client.password,
    });

    // The password was in that answer only: not in the record, the stored row, a later answer or a log line.
    const view = await json<PgiView>(await consoleCall(`/console/v1/sites/${site}/pgi`, { cookie: session }));
    expect(view).toMatchObject({ status: 'active', client_id: client.clientId, form: FORM });
    expect(view.password).toBeUndefined();
    const row = JSON.stringify(await siteDirectory(env).get(site));
    expect(row).not.toContain(client.password);
    expect(JSON.stringify(view)).not.toContain(client.password);
    expect(logged()).not.toContain(client.password);
    expectNoLeak(logged());
    const audit = await json<{ entries: Array<{ action: string; detail: string }> }>(await consoleCall(`/console/v1/sites/${site}/audit`, operator));
    expect(JSON.stringify(audit)).not.toContain(client.password);
    expect(audit.entries[0]).toMatchObject({ action: 'pgi.provision', detail: `client ${client.clientId}` });

    // Provisioning again updates the record; PGi keeps the same client.
    const again = await json<PgiView>(await consoleCall(`/console/v1/sites/${site}/pgi/provision`, { body: { ...FORM, company: { ...FORM.company, name: 'Acme Audio' } }, cookie: session }));
    expect(again.client_id).toBe(client.clientId);
    expect(pgi.state.clients.size).toBe(1);
    expect((await json<{ form: typeof FORM }>(await consoleCall(`/console/v1/sites/${site}/pgi`, operator))).form.company.name).toBe('Acme Audio');
  });

  it('deactivates, reactivates and checks with { clientId } on the documented paths', async () => {
    const site = await newSite();
    const { client_id: clientId } = await json<PgiView>(await consoleCall(`/console/v1/sites/${site}/pgi/provision`, { body: FORM, ...operator }));
    pgi.requests.length = 0;
    const off = await json<PgiView>(await consoleCall(`/console/v1/sites/${site}/pgi/deactivate`, { method: 'POST', ...operator }));
    expect(off.status).toBe('inactive');
    expect(pgi.state.clients.get(clientId!)!.active).toBe(false);
    const on = await json<PgiView>(await consoleCall(`/console/v1/sites/${site}/pgi/reactivate`, { method: 'POST', ...operator }));
    expect(on.status).toBe('active');
    const checked = await json<PgiView>(await consoleCall(`/console/v1/sites/${site}/pgi/check`, { method: 'POST', ...operator }));
    expect(checked.hub).toEqual({ hub_id: expect.any(Number), hub_url: checked.hub_url });
    expectPgiCall(0, '/provisioning/client/deactivate', { clientId });
    expectPgiCall(1, '/provisioning/client/reactivate', { clientId });
    expectPgiCall(2, '/client/get', { clientId });
  });

  it('pausing may deactivate the PGi client and resuming reactivate it; when PGi refuses, nothing changes', async () => {
    const site = await newSite();
    const { client_id: clientId } = await json<PgiView>(await consoleCall(`/console/v1/sites/${site}/pgi/provision`, { body: FORM, ...operator }));
    pgi.faults.inject({ kind: 'status', status: 503, endpoint: 'deactivate' });
    await expectError(await consoleCall(`/console/v1/sites/${site}`, { method: 'PATCH', body: { paused: true, pgi: 'deactivate' }, ...operator }), 502, 'pgi_unavailable');
    expect(await json(await consoleCall(`/console/v1/sites/${site}`, operator))).toMatchObject({ paused: false, pgi: true });

    expect(await json(await consoleCall(`/console/v1/sites/${site}`, { method: 'PATCH', body: { paused: true, pgi: 'deactivate' }, ...operator }))).toMatchObject({ paused: true, pgi: false });
    expect(pgi.state.clients.get(clientId!)!.active).toBe(false);
    expect(await json(await consoleCall(`/console/v1/sites/${site}`, { method: 'PATCH', body: { paused: false, pgi: 'reactivate' }, ...operator }))).toMatchObject({ paused: false, pgi: true });
    expect(pgi.state.clients.get(clientId!)!.active).toBe(true);
  });

  it('maps PGi failures: 422 field errors before PGi is called, 409 pgi_rejected with its message, 502 pgi_unavailable', async () => {
    const logged = captureConsole();
    const site = await newSite();
    const provision = (body: unknown) => consoleCall(`/console/v1/sites/${site}/pgi/provision`, { body, ...operator });
    const invalid = await expectError(await provision({ ...FORM, contact: { ...FORM.contact, country: 'USA' }, client: { ...FORM.client, email: 'nope' } }), 422, 'validation_failed');
    expect(Object.keys(invalid.errors!).sort()).toEqual(['client.email', 'contact.state']);
    await expectError(await provision({ company: FORM.company }), 422, 'validation_failed');
    expect(pgi.requests).toEqual([]);
    await expectError(await consoleCall(`/console/v1/sites/${site}/pgi/deactivate`, { method: 'POST', ...operator }), 409, 'pgi_not_provisioned');

    pgi.faults.inject({ kind: 'rejected', message: 'Enterprise 799 is closed', endpoint: 'provision' });
    const rejected = await expectError(await provision(FORM), 409, 'pgi_rejected');
    expect(rejected.message).toContain('Enterprise 799 is closed');
    for (const failure of [{ kind: 'status', status: 503 }, { kind: 'status', status: 401 }, { kind: 'malformed' }, { kind: 'wrong-shape' }] as const) {
      pgi.faults.inject({ ...failure, endpoint: 'provision' });
      await expectError(await provision(FORM), 502, 'pgi_unavailable');
    }
    expect(await json(await consoleCall(`/console/v1/sites/${site}/pgi`, operator))).toEqual({ status: 'none' });
    expectNoLeak(logged());
  });
});

describe('audio for booked customers', () => {
  it('gives the hub and participant passcode only to a customer with a booking, on a site with an active PGi client', async () => {
    const site = await newSite();
    const provisioned = await json<PgiView>(await consoleCall(`/console/v1/sites/${site}/pgi/provision`, { body: FORM, ...operator }));
    const signUp = async (mobile: string) => (await json<{ token: string }>(await call(`/v1/sites/${site}/customers`, { body: { name: 'Priya', mobile } }))).token;
    const booked = await signUp('095445 10895');
    const notBooked = await signUp('098470 12345');
    expect((await call(`/v1/sites/${site}/registrations`, { body: { event_id: 2853 }, token: booked })).status).toBe(200);

    const slots = await call(`/v1/sites/${site}/slots`, { token: booked });
    const text = await slots.text();
    expect(JSON.parse(text).audio).toEqual({ hub_url: `https://${provisioned.hub_url}`, participant_passcode: provisioned.participant_passcode });
    expect(text).not.toContain(provisioned.moderator_passcode);
    expect((await json(await call(`/v1/sites/${site}/slots`, { token: notBooked }))).audio).toBeUndefined();
    const general = await (await call(`/v1/sites/${site}/slots`)).text();
    expect(JSON.parse(general).audio).toBeUndefined();
    expect(general).not.toContain(provisioned.participant_passcode);

    // Deactivated: no audio.
    await consoleCall(`/console/v1/sites/${site}/pgi/deactivate`, { method: 'POST', ...operator });
    expect((await json(await call(`/v1/sites/${site}/slots`, { token: booked }))).audio).toBeUndefined();
  });

  it('drops hub URLs that are not a plain host name or https', async () => {
    const { hubHref } = await import('../../worker/src/sites/audio');
    expect(hubHref('company.example.com')).toBe('https://company.example.com');
    expect(hubHref('https://company.example.com/join')).toBe('https://company.example.com/join');
    for (const bad of ['javascript:alert(1)', 'http://company.example.com', 'https://user:pw@company.example.com', 'company', 'comp any.example.com', '//evil.example', 'data:text/html,x']) {
      expect(hubHref(bad), bad).toBeUndefined();
    }
  });
});
