import { beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN_SECRET, LOCAL_TENTIMES_WEBHOOK_SECRET } from '../../demo/stack';
import { siteWebhookSecret } from '../../worker/src/tentimes/webhook-secret';
import { DESKTOP, newContext, stackAndBrowser } from './browser';

// The 10times option end to end, as `npm start` runs it: the demo seller page, the worker under
// wrangler dev with its local Queue and Durable Object, the Popin and 10times simulators.

const e2e = stackAndBrowser({ demoTentimes: true });
// Popin's simulator is not reset between these tests: its user ids would start over, and
// the outbox (rightly) treats a user id + event it has sent as sent.
beforeEach(() => e2e.stack.tentimes.reset());

async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Books through the worker's API as the widget does (a page on the demo origin). */
async function bookByApi(name: string, mobile: string, email: string, eventId = 2853) {
  const headers = { 'Content-Type': 'application/json', Origin: e2e.stack.demoUrl! };
  const customer = await fetch(`${e2e.stack.workerUrl}/v1/sites/demo/customers`, { method: 'POST', headers, body: JSON.stringify({ name, mobile, email }) });
  expect(customer.status).toBe(200);
  const { token } = (await customer.json()) as { token: string };
  const registration = await fetch(`${e2e.stack.workerUrl}/v1/sites/demo/registrations`, {
    method: 'POST',
    headers: { ...headers, Authorization: `Bearer ${token}` },
    body: JSON.stringify({ event_id: eventId }),
  });
  expect(registration.status).toBe(200);
  return registration.json();
}

async function outboxReport() {
  const response = await fetch(`${e2e.stack.workerUrl}/admin/tentimes`, { headers: { Authorization: `Bearer ${LOCAL_ADMIN_SECRET}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { sites: Record<string, any> }).sites.demo;
}

describe('the demo site with the 10times option', () => {
  it('booking in the widget registers in Popin, then in 10times, and the FLOOR link shows when the widget is opened again', async () => {
    const page = await (await newContext(e2e.browser, DESKTOP)).newPage();
    await page.goto(e2e.stack.demoUrl!);
    const widget = page.locator('popin-booking');
    const card = widget.locator('[part~="slot"]', { hasText: 'iPhone demo' });
    await card.getByRole('button', { name: /^Book iPhone demo/ }).click();
    await widget.getByLabel('Your name').fill('Priya Sharma');
    await widget.getByLabel('Mobile number').pressSequentially('095445 10895');
    await widget.getByLabel('Email').fill('priya@example.com');
    await widget.getByLabel('Company (optional)').fill('Sharma Retail');
    await widget.getByRole('button', { name: 'Book this demo' }).click();
    await widget.getByText("You're booked!").waitFor();
    const priya = e2e.stack.simulator.state.sellers.get('seller-demo')!.usersByMobile.get('+919544510895')!;
    expect([...e2e.stack.simulator.state.sellers.get('seller-demo')!.registrations.get(priya.user_id)!]).toEqual([2853]);

    await until(() => e2e.stack.tentimes.registrations.length === 1, 'the 10times registration', 15_000);
    expect(e2e.stack.tentimes.registrations[0]!.attendee).toEqual({ name: 'Priya Sharma', email: 'priya@example.com', phone: '919544510895', company: 'Sharma Retail' });
    await until(async () => (await outboxReport()).counts.done === 1, 'the outbox to record it');

    await page.reload();
    const floor = widget.locator('[part~="slot"]', { hasText: 'iPhone demo' }).getByRole('link', { name: /Also join on 10times FLOOR/ });
    await floor.waitFor();
    expect(await floor.getAttribute('href')).toBe(e2e.stack.tentimes.registrations[0]!.floorLink);
    await page.context().close();
  });

  it('with 10times failing for a long run of attempts, every registration arrives exactly once after it recovers', async () => {
    e2e.stack.tentimes.faults.inject({ kind: 'status', status: 503, count: 9 });
    const customers = [
      ['Asha Rao', '095445 10001', 'asha@example.com'],
      ['Bala Iyer', '095445 10002', 'bala@example.com'],
      ['Chitra Das', '095445 10003', 'chitra@example.com'],
    ] as const;
    for (const [name, mobile, email] of customers) expect((await bookByApi(name, mobile, email)).tentimes).toEqual({ status: 'pending' });
    await until(() => e2e.stack.tentimes.registrations.length === 3, 'all three registrations', 55_000);
    // Well after: still exactly one each, and the outage was real.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(e2e.stack.tentimes.registrations.map((r) => r.attendee.email).sort()).toEqual(customers.map(([, , email]) => email));
    expect(e2e.stack.tentimes.requests.length).toBe(12);
    expect(await outboxReport()).toMatchObject({ counts: { pending: 0, sending: 0, done: 4, dead: 0 } });
  }, 90_000);

  it('with 10times answering status 0, the registration is dead-lettered with its reason and reported', async () => {
    e2e.stack.tentimes.faults.inject({ kind: 'rejected', message: 'Event is not accepting registrations', count: 'always' });
    await bookByApi('Dev Kumar', '095445 10004', 'dev@example.com');
    const report = await until(async () => {
      const r = await outboxReport();
      return r.dead.length ? r : undefined;
    }, 'the dead letter');
    expect(report.dead[0].reason).toBe('10times refused it (status 0): Event is not accepting registrations');
    expect(e2e.stack.tentimes.registrations).toEqual([]);
  });

  it("a push of the 10times simulator's example lead becomes a captured lead in the Popin simulator", async () => {
    const hook = `${e2e.stack.workerUrl}/v1/sites/demo/hooks/10times/${await siteWebhookSecret(LOCAL_TENTIMES_WEBHOOK_SECRET, 'demo')}`;
    const response = await fetch(`${e2e.stack.tentimesUrl}/__sim/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: hook }) });
    expect(await response.json()).toMatchObject({ status: 200 });
    const lead = e2e.stack.simulator.state.sellers.get('seller-demo')!.usersByMobile.get('+919847012345');
    expect(lead).toMatchObject({ name: 'Meera Nair', mobile: '+919847012345' });
  });
});
