import { describe, expect, it } from 'vitest';
import { parsePhpForm } from '../../demo/tentimes-simulator/app';
import { httpBuildQuery, phpUrlencode, registerAttendee, registrationForm } from '../../worker/src/tentimes/client';
import type { ResolvedTentimesSite } from '../../worker/src/tentimes/config';
import { TENTIMES_TEST_EVENT, TENTIMES_TEST_KEY, TENTIMES_TEST_URL } from './bindings';
import { tentimes } from './helpers';
import { bookExpo, signUpExpo, until } from './tentimes-helpers';

const settings = { baseUrl: TENTIMES_TEST_URL, timeoutMs: 300 };
const b = (name: string) => name.replace(/\[/g, '%5B').replace(/\]/g, '%5D');

describe("PHP's http_build_query, as the document's examples send the payload", () => {
  it("encodes the document's first example byte for byte", () => {
    // $data['key']=...; $data['event']=...; $data['attendee']['0'][...]; ['response'][123][]="Female" ...
    const body = httpBuildQuery({
      key: 'k',
      event: 5,
      attendee: { 0: { name: 'Dev', email: 'dev@example.com', designation: 'Developer', noEmail: '1', response: { 123: ['Female'], 456: ['manufacturer'] } } },
    });
    expect(body).toBe(
      'key=k&event=5' +
        `&${b('attendee[0][name]')}=Dev&${b('attendee[0][email]')}=dev%40example.com&${b('attendee[0][designation]')}=Developer` +
        `&${b('attendee[0][noEmail]')}=1&${b('attendee[0][response][123][0]')}=Female&${b('attendee[0][response][456][0]')}=manufacturer`,
    );
  });

  it('encodes like urlencode(): space as +, ~ * \' ( ) ! and UTF-8 bytes as %XX, [A-Za-z0-9_.-] kept', () => {
    expect(phpUrlencode("Dév Kumar ~*'()!+&=/?")).toBe('D%C3%A9v+Kumar+%7E%2A%27%28%29%21%2B%26%3D%2F%3F');
    expect(phpUrlencode('a-b_c.d')).toBe('a-b_c.d');
    expect(httpBuildQuery({ yes: true, no: false, skipped: null, gone: undefined })).toBe('yes=1&no=0');
  });
});

describe('the registration body 10times receives', () => {
  it('with a ticket, billing, noEmail, every optional field and several custom-question answers', async () => {
    const site: ResolvedTentimesSite = {
      apiKey: TENTIMES_TEST_KEY,
      event: TENTIMES_TEST_EVENT,
      channel: 'popin',
      ask: ['designation', 'company', 'city', 'country'],
      noEmail: true,
      ticket: { typeId: 123, name: 'Live demo pass', price: 50, currency: 'INR', billing: true },
      questions: { 456: ['manufacturer', 'retailer'], 123: ['Female'] },
    };
    const attendee = {
      name: 'Dev Kumar', email: 'dev+demo@example.com', mobile: '+919544510895',
      designation: 'Developer', company: 'Acme & Sons', city: 'Kochi', country: 'India',
    };
    const result = await registerAttendee(settings, registrationForm(site, attendee, { orderNo: 'popin-expo-68806-2853', datePurchased: '2026-11-24 10:15:00' }));
    expect(result.kind).toBe('registered');

    const [request] = tentimes.requests;
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.raw).toBe(
      [
        `key=${TENTIMES_TEST_KEY}`, 'event=998877', 'channel=popin',
        `${b('billing[orderNo]')}=popin-expo-68806-2853`,
        `${b('billing[datePurchased]')}=2026-11-24+10%3A15%3A00`,
        `${b('billing[quantity]')}=1`,
        `${b('billing[ticketcost]')}=50`,
        `${b('billing[billingname]')}=Dev+Kumar`,
        `${b('billing[billingemailid]')}=dev%2Bdemo%40example.com`,
        `${b('billing[buyerPhoneNo]')}=919544510895`,
        `${b('billing[currency]')}=INR`,
        `${b('billing[noEmail]')}=1`,
        `${b('attendee[0][name]')}=Dev+Kumar`,
        `${b('attendee[0][email]')}=dev%2Bdemo%40example.com`,
        `${b('attendee[0][phone]')}=919544510895`,
        `${b('attendee[0][designation]')}=Developer`,
        `${b('attendee[0][company]')}=Acme+%26+Sons`,
        `${b('attendee[0][city]')}=Kochi`,
        `${b('attendee[0][country]')}=India`,
        `${b('attendee[0][noEmail]')}=1`,
        `${b('attendee[0][ticketTypeId]')}=123`,
        `${b('attendee[0][ticketName]')}=Live+demo+pass`,
        `${b('attendee[0][ticketPrice]')}=50`,
        // JavaScript lists integer-like keys in ascending order, whatever the config's order.
        `${b('attendee[0][response][123][0]')}=Female`,
        `${b('attendee[0][response][456][0]')}=manufacturer`,
        `${b('attendee[0][response][456][1]')}=retailer`,
      ].join('&'),
    );
    // And PHP would read it back as the document's $data.
    expect(parsePhpForm(request!.raw)).toMatchObject({
      billing: { quantity: '1', currency: 'INR' },
      attendee: { 0: { name: 'Dev Kumar', email: 'dev+demo@example.com', response: { 123: { 0: 'Female' }, 456: { 0: 'manufacturer', 1: 'retailer' } } } },
    });
  });

  it('from a booking in the widget API, through the queue: only what the customer gave, no ticket or billing', async () => {
    const token = await signUpExpo('095445 10895', { company: 'Sharma Retail', country_name: 'India', designation: 'not asked by this site' });
    expect((await bookExpo(2853, token)).status).toBe(200);
    await until(() => tentimes.registrations.length === 1, '10times registration');
    expect(tentimes.requests.map((request) => request.raw)).toEqual([
      [
        `key=${TENTIMES_TEST_KEY}`, 'event=998877', 'channel=popin',
        `${b('attendee[0][name]')}=Priya+Sharma`,
        `${b('attendee[0][email]')}=priya%40example.com`,
        `${b('attendee[0][phone]')}=919544510895`,
        `${b('attendee[0][company]')}=Sharma+Retail`,
        `${b('attendee[0][country]')}=India`,
      ].join('&'),
    ]);
  });
});

describe('what 10times answers', () => {
  const site: ResolvedTentimesSite = { apiKey: TENTIMES_TEST_KEY, event: TENTIMES_TEST_EVENT, channel: 'popin', ask: [], noEmail: false };
  const form = () => registrationForm(site, { name: 'Dev', email: 'dev@example.com', mobile: '+919544510895' }, { orderNo: 'x', datePurchased: 'y' });

  it('status 1 → registered with the FLOOR link', async () => {
    const result = await registerAttendee(settings, form());
    expect(result).toEqual({ kind: 'registered', floorLink: tentimes.registrations[0]!.floorLink });
  });

  it('status 0 → rejected with its message; a wrong key is status 0 too', async () => {
    tentimes.faults.inject({ kind: 'rejected', message: 'Registrations are closed for this event' });
    expect(await registerAttendee(settings, form())).toEqual({ kind: 'rejected', message: 'Registrations are closed for this event' });
    expect(await registerAttendee(settings, registrationForm({ ...site, apiKey: 'wrong' }, { name: 'Dev', email: 'dev@example.com', mobile: '+919544510895' }, { orderNo: 'x', datePurchased: 'y' }))).toEqual({ kind: 'rejected', message: 'Invalid key' });
    expect(tentimes.registrations).toEqual([]);
  });

  it('a status 0 message that echoes the key is stored without it', async () => {
    tentimes.faults.inject({ kind: 'rejected', message: `Key ${TENTIMES_TEST_KEY} is not allowed for this event` });
    expect(await registerAttendee(settings, form())).toEqual({ kind: 'rejected', message: 'Key [key] is not allowed for this event' });
  });

  it.each([
    ['HTTP 503', { kind: 'status' as const, status: 503 }, 'HTTP 503'],
    ['an HTML page', { kind: 'malformed' as const }, 'not JSON'],
    ['no answer', { kind: 'hang' as const }, 'no answer within 300 ms'],
  ])('%s → unavailable (retry later)', async (_label, failure, detail) => {
    tentimes.faults.inject(failure);
    const result = await registerAttendee(settings, form());
    expect(result.kind).toBe('unavailable');
    expect(result.kind === 'unavailable' && result.detail).toContain(detail);
  });

  it('HTTP 200 without status 1 or 0 → unavailable, never taken for a success', async () => {
    tentimes.faults.inject({ kind: 'status', status: 200 });
    expect(await registerAttendee(settings, form())).toEqual({ kind: 'unavailable', detail: 'HTTP 200 without status 1 or 0' });
  });
});
