import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_MEETING_ID, UPCOMING_MEETING_IDS, WEBINAR_MEETING_ID, PAST_MEETING_ID } from '../../demo/enablex-simulator/seed';
import { EnablexClient } from '../../worker/src/enablex/client';
import { siteLedger } from '../../worker/src/ledger/ledger';
import { ENABLEX_TEST_APP_ID, ENABLEX_TEST_APP_KEY, ENABLEX_TEST_BASE_URL } from './bindings';
import { call, enablex, expectError, json, popin, popinRequests, signUp } from './helpers';

/** Site "live" (test/worker/bindings.ts): the seller's Popin events and the simulator's vc meetings. */
const SITE = 'live';
const slots = (token?: string) => call(`/v1/sites/${SITE}/slots`, { token });
const register = (eventId: unknown, token?: string, headers?: Record<string, string>) =>
  call(`/v1/sites/${SITE}/registrations`, { body: { event_id: eventId }, token, headers });
const cancel = (eventId: string, token?: string) => call(`/v1/sites/${SITE}/registrations/${eventId}`, { method: 'DELETE', token });
const lobby = (eventId: string, token?: string) => call(`/v1/sites/${SITE}/demos/${eventId}/lobby`, { token });

interface Event {
  id: number | string;
  source?: string;
  name: string;
  starts_at: string | null;
  stage?: string;
  capacity?: number;
  seats_left?: number;
  full?: boolean;
  can_join: boolean;
  join_url: string | null;
  ppin?: string;
}
interface Slots {
  events: Event[];
  registered: Array<number | string>;
  enablex?: string;
}

const id = (meetingId: string) => `enablex-${meetingId}`;
const [UP1, UP2, UP3] = UPCOMING_MEETING_IDS.map(id) as [string, string, string];
const LIVE = id(CURRENT_MEETING_ID);

/** Every PIN and join URL the simulator holds: none of them may appear in a general list. */
function joinSecrets() {
  return [...enablex.state.meetings.values()].flatMap((m) => [m.mpin, m.ppin, `/join/${m.room_id}`]);
}
const moderatorPins = () => [...enablex.state.meetings.values()].map((m) => m.mpin);

const enablexClient = () => new EnablexClient({ baseUrl: ENABLEX_TEST_BASE_URL, appId: ENABLEX_TEST_APP_ID, appKey: ENABLEX_TEST_APP_KEY });

/**
 * A meeting of its own for a test (seat stores are Durable Objects, which keep their storage
 * from test to test): scheduled in the simulator `days` ahead, as a seller would.
 */
async function newMeeting(participants = 25, name = 'Galaxy Fold demo', days = 2): Promise<string> {
  const start = new Date(enablex.clock.now().getTime() + days * 86_400_000);
  const meeting = await enablexClient().scheduleMeeting({ name, start_time: start, timezone_id: 2, duration: 30, moderators: 1, participants });
  enablex.requests.length = 0;
  return id(meeting.meeting_id);
}

const seatsLeft = async (eventId: string) => (await json<Slots>(await slots())).events.find((e) => e.id === eventId)?.seats_left;

// Customers' booking objects and seat stores are Durable Objects, which keep their storage from
// test to test: each test's customers get Popin user ids no earlier test used.
let userIds = 7_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
beforeEach(() => {
  popin.state.nextUserId = userIds;
  userIds += 100;
});

/** A new customer per mobile (the simulator's Popin gives each mobile its own user). */
let nextMobile = 9_544_510_000;
const newCustomer = () => signUp('Priya Sharma', `0${nextMobile++}`, SITE);

describe('EnableX demos in the slots list', () => {
  it('lists the upcoming and current vc meetings beside the Popin events, one list sorted by start, without join data', async () => {
    const response = await slots();
    expect(response.status).toBe(200);
    const text = await response.clone().text();
    const body = await json<Slots>(response);
    expect(body.enablex).toBe('available');
    const ids = body.events.map((e) => e.id);
    // The current and the three upcoming meetings; not the past one, not the webinar (X-App-Type wb).
    for (const meeting of [LIVE, UP1, UP2, UP3]) expect(ids).toContain(meeting);
    expect(ids).not.toContain(id(PAST_MEETING_ID));
    expect(ids).not.toContain(id(WEBINAR_MEETING_ID));
    // Popin's integer ids are unchanged.
    expect(ids.filter((i) => typeof i === 'number').length).toBeGreaterThan(0);
    const starts = body.events.map((e) => Date.parse(e.starts_at!));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));

    const macbook = body.events.find((e) => e.id === UP1)!;
    expect(macbook).toMatchObject({ source: 'enablex', name: 'Macbook video walkthrough', stage: 'upcoming', capacity: 25, seats_left: 25, full: false, can_join: false, join_url: null });
    // 10:35 UTC is 16:05 in the site's zone (Asia/Kolkata).
    expect(macbook.starts_at).toMatch(/T16:05:00\+05:30$/);
    expect(macbook).toMatchObject({ time: '04:05 pm', end_time: '04:35 pm' });
    expect(body.events.find((e) => e.id === LIVE)).toMatchObject({ stage: 'current', can_join: false, join_url: null });
    for (const secret of joinSecrets()) expect(text).not.toContain(secret);
    expect(text).not.toContain('ppin');
  });

  it('reads EnableX with the site\'s app type and only the upcoming and current stages', async () => {
    await slots();
    const lists = enablex.requests.filter((r) => r.path === '/ucaas/v1/meetings');
    expect(lists.map((r) => r.query.stage).sort()).toEqual(['current', 'upcoming']);
    for (const r of lists) {
      expect(r.method).toBe('GET');
      expect(r.headers['x-app-type']).toBe('vc');
      expect(r.headers.authorization).toBe(`Basic ${btoa(`${ENABLEX_TEST_APP_ID}:${ENABLEX_TEST_APP_KEY}`)}`);
      expect(r.query).toMatchObject({ page_length: '100', order_by: 'start_time', order_qualify: 'asc' });
    }
  });

  it('EnableX down: the Popin demos are still served and the EnableX part is marked unavailable', async () => {
    enablex.faults.inject({ kind: 'status', status: 503, count: 'always', endpoint: 'meetings.list' });
    const body = await json<Slots>(await slots());
    expect(body.enablex).toBe('unavailable');
    expect(body.events.length).toBeGreaterThan(0);
    expect(body.events.every((e) => typeof e.id === 'number')).toBe(true);
    // A customer's view too.
    const token = await newCustomer();
    const mine = await slots(token);
    expect(mine.status).toBe(200);
    const view = await json<Slots>(mine);
    expect(view.enablex).toBe('unavailable');
    expect(view.events.every((e) => typeof e.id === 'number')).toBe(true);
  });

  it('EnableX hanging: the list still answers, with the Popin demos', async () => {
    enablex.faults.inject({ kind: 'code', code: 9999, count: 'always', endpoint: 'meetings.list' });
    const body = await json<Slots>(await slots());
    expect(body.enablex).toBe('unavailable');
    expect(body.events.length).toBeGreaterThan(0);
  });

  it('a site without the option has no EnableX part and never calls EnableX', async () => {
    const body = await json<Slots>(await call('/v1/sites/acme/slots'));
    expect(body.enablex).toBeUndefined();
    expect(enablex.requests).toEqual([]);
  });

  it('the general list is shared: a second visitor does not make EnableX read again', async () => {
    await slots();
    const after = enablex.requests.length;
    await slots();
    expect(enablex.requests.length).toBe(after);
  });
});

describe('Booking an EnableX demo', () => {
  it('books a seat: the customer view gives the join link and participant PIN, never the moderator PIN; the ledger has it', async () => {
    const demo = await newMeeting();
    const token = await newCustomer();
    const response = await register(demo, token);
    expect(response.status).toBe(200);
    expect(await json(response)).toStrictEqual({ event_id: demo, contact: null });
    // EnableX has no attendee registration: nothing is written there, Popin registers nothing.
    expect(enablex.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(popinRequests('register')).toEqual([]);

    const mine = await slots(token);
    const text = await mine.clone().text();
    const view = await json<Slots>(mine);
    expect(view.registered).toEqual([demo]);
    const meeting = enablex.state.meetings.get(demo.slice('enablex-'.length))!;
    const booked = view.events.find((e) => e.id === demo)!;
    expect(booked).toMatchObject({ ppin: meeting.ppin, seats_left: 24, can_join: false });
    expect(booked.join_url).toMatch(new RegExp(`/join/${meeting.room_id}$`));
    // Only the booked demo carries join data.
    for (const other of view.events.filter((e) => e.id !== demo)) {
      expect(other.join_url === null || typeof other.id === 'number').toBe(true);
      expect(other.ppin).toBeUndefined();
    }
    for (const pin of moderatorPins()) expect(text).not.toContain(pin);

    // The general list counts the seat, and still holds no join data.
    const generalResponse = await slots();
    const generalText = await generalResponse.clone().text();
    const general = await json<Slots>(generalResponse);
    expect(general.events.find((e) => e.id === demo)).toMatchObject({ seats_left: 24, join_url: null });
    for (const secret of joinSecrets()) expect(generalText).not.toContain(secret);

    const ledger = await siteLedger(env, SITE).bookingsFor([demo]);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ event_id: demo, name: 'Priya Sharma' });
  });

  it('"Join now" once EnableX says the meeting is current', async () => {
    const demo = await newMeeting();
    const token = await newCustomer();
    expect((await register(demo, token)).status).toBe(200);
    expect((await json<Slots>(await slots(token))).events.find((e) => e.id === demo)).toMatchObject({ stage: 'upcoming', can_join: false });
    const meeting = enablex.state.meetings.get(demo.slice('enablex-'.length))!;
    enablex.clock.set(new Date(meeting.start + 60_000));
    const view = await json<Slots>(await slots(token));
    expect(view.events.find((e) => e.id === demo)).toMatchObject({ stage: 'current', can_join: true });
  });

  it('capacity holds under concurrent bookings: exactly `participants` seats, the rest 409 demo_full; cancel frees one', async () => {
    const UP2 = await newMeeting(3);
    const tokens = await Promise.all(Array.from({ length: 8 }, () => newCustomer()));
    const answers = await Promise.all(tokens.map((token) => register(UP2, token)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 409, 409, 409, 409, 409]);
    for (const refused of answers.filter((r) => r.status === 409)) await expectError(refused, 409, 'demo_full');
    const general = await json<Slots>(await slots());
    expect(general.events.find((e) => e.id === UP2)).toMatchObject({ capacity: 3, seats_left: 0, full: true });

    const holders = tokens.filter((_, i) => answers[i]!.status === 200);
    const waiting = tokens.filter((_, i) => answers[i]!.status === 409);
    expect(await json(await cancel(UP2, holders[0]))).toStrictEqual({ event_id: UP2, cancelled: true });
    expect((await register(UP2, waiting[0])).status).toBe(200);
    await expectError(await register(UP2, waiting[1]), 409, 'demo_full');
  });

  it('an Idempotency-Key replays the first answer; the same key for another demo is refused', async () => {
    const UP1 = await newMeeting();
    const token = await newCustomer();
    const key = { 'Idempotency-Key': 'enablex-attempt-0001' };
    const first = await register(UP1, token, key);
    expect(first.status).toBe(200);
    const again = await register(UP1, token, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    await expectError(await register(UP2, token, key), 422, 'idempotency_key_reused');
    expect(await seatsLeft(UP1)).toBe(24);
  });

  it('booking twice takes one seat', async () => {
    const UP1 = await newMeeting();
    const token = await newCustomer();
    expect((await register(UP1, token)).status).toBe(200);
    expect(await json(await register(UP1, token))).toStrictEqual({ event_id: UP1, contact: null });
    expect(await seatsLeft(UP1)).toBe(24);
  });

  it('the active-registration cap counts Popin and EnableX bookings together', async () => {
    const token = await newCustomer();
    expect((await register(UP1, token)).status).toBe(200);
    expect((await register(UP2, token)).status).toBe(200);
    expect((await register(2853, token)).status).toBe(200);
    // Three of three (site "live"): neither kind of demo can be added.
    await expectError(await register(UP3, token), 409, 'too_many_registrations');
    await expectError(await register(2195, token), 409, 'too_many_registrations');
    expect((await cancel(UP1, token)).status).toBe(200);
    expect((await register(UP3, token)).status).toBe(200);
  });

  it('after the customer\'s view, an EnableX booking asks Popin nothing and a Popin one only registers; refusals of the cap are confirmed by a read', async () => {
    const [A, B, C] = [await newMeeting(), await newMeeting(), await newMeeting()];
    const token = await newCustomer();
    expect((await slots(token)).status).toBe(200); // the widget's view: the bookings object learns the Popin registrations
    popin.requests.length = 0;
    const customerReads = () => popinRequests('slots').filter((request) => request.query.user_id !== undefined).length;
    expect((await register(A, token)).status).toBe(200);
    expect((await register(B, token)).status).toBe(200);
    expect(customerReads()).toBe(0);
    expect((await register(2853, token)).status).toBe(200);
    expect([customerReads(), popinRequests('register').length]).toEqual([0, 1]);
    // Three of three (site "live"): each refusal comes from a fresh read, never from memory alone.
    await expectError(await register(C, token), 409, 'too_many_registrations');
    expect(customerReads()).toBe(1);
    await expectError(await register(2195, token), 409, 'too_many_registrations');
    expect([customerReads(), popinRequests('register').length]).toEqual([2, 1]);
    expect(await seatsLeft(C)).toBe(25);
  });

  it('a Popin booking whose answer was lost is counted before the next EnableX seat: the object reads first, no over-cap', async () => {
    const [A, B] = [await newMeeting(), await newMeeting()];
    const token = await newCustomer();
    expect((await slots(token)).status).toBe(200);
    expect((await register(A, token)).status).toBe(200);
    expect((await register(2853, token)).status).toBe(200);
    // Popin registers 2195 but its answer never comes back: what the object knew is now stale.
    popin.faults.inject({ kind: 'lost-answer', endpoint: 'register' });
    await expectError(await register(2195, token), 504, 'upstream_timeout');
    popin.requests.length = 0;
    // One seat and two Popin registrations: at the cap of three. Trusting the old [2853] would book a fourth.
    await expectError(await register(B, token), 409, 'too_many_registrations');
    expect(popinRequests('slots').filter((request) => request.query.user_id !== undefined)).toHaveLength(1);
    expect(await seatsLeft(B)).toBe(25);
  });

  it('refuses ids that are not offered: a past meeting, a webinar, an unknown meeting (422), and a malformed id', async () => {
    const token = await newCustomer();
    for (const meeting of [PAST_MEETING_ID, WEBINAR_MEETING_ID, 'aaaaaaaaaaaaaaaaaaaaaaaa']) {
      const error = await expectError(await register(id(meeting), token), 422, 'validation_failed');
      expect(Object.keys(error.errors ?? {})).toEqual(['event_id']);
    }
    for (const bad of ['enablex-', 'enablex-a/b', 'enablex-' + 'a'.repeat(65), 'zoom-123']) {
      await expectError(await register(bad, token), 422, 'validation_failed');
    }
    // On a site without the option, an EnableX id is not offered.
    const acme = await signUp();
    await expectError(await call('/v1/sites/acme/registrations', { body: { event_id: UP1 }, token: acme }), 422, 'validation_failed');
  });

  it('EnableX down while booking: 502 enablex_unavailable, no seat taken; the Popin booking path is unaffected', async () => {
    const UP1 = await newMeeting();
    const token = await newCustomer();
    enablex.faults.inject({ kind: 'status', status: 500, count: 'always', endpoint: 'meetings.list' });
    await expectError(await register(UP1, token), 502, 'enablex_unavailable');
    expect((await register(2853, token)).status).toBe(200);
    enablex.faults.clear();
    expect(await seatsLeft(UP1)).toBe(25);
  });

  it('cancel path accepts both id forms', async () => {
    const token = await newCustomer();
    expect((await cancel(UP1, token)).status).toBe(200);
    expect((await cancel('2853', token)).status).toBe(200);
    await expectError(await cancel('enablex-a.b', token), 422, 'validation_failed');
  });
});

describe('The waiting room (lobby)', () => {
  async function setLobby(meetingId: string) {
    await enablexClient().addLobby(meetingId, {
      options: { message: true, audio: true },
      message: [{ text: 'Welcome! We start soon.' }, { text: 'Have your questions ready.' }],
      audio: [{ url: 'https://cdn.example/lobby.mp3' }],
    });
    enablex.requests.length = 0;
  }

  it('gives a booked customer the messages and https media, never the embed HTML nor any PIN', async () => {
    await setLobby(UPCOMING_MEETING_IDS[0]);
    const token = await newCustomer();
    await expectError(await lobby(UP1, token), 403, 'not_booked');
    expect((await register(UP1, token)).status).toBe(200);
    const response = await lobby(UP1, token);
    expect(response.status).toBe(200);
    const text = await response.clone().text();
    expect(await json(response)).toStrictEqual({
      event_id: UP1,
      messages: ['Welcome! We start soon.', 'Have your questions ready.'],
      images: [],
      audio: 'https://cdn.example/lobby.mp3',
      video: null,
    });
    expect(text).not.toContain('<audio');
    for (const pin of moderatorPins()) expect(text).not.toContain(pin);
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
  });

  it('drops media that are not https', async () => {
    await enablexClient().addLobby(UPCOMING_MEETING_IDS[0], {
      options: { image: true },
      image: [
        { url: 'https://cdn.example/a.png', caption: 'The new colours' },
        { url: 'http://cdn.example/b.png', caption: 'Plain http' },
        { file: new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), filename: 'c.png', caption: 'Uploaded' },
      ],
    });
    const token = await newCustomer();
    expect((await register(UP1, token)).status).toBe(200);
    const body = await json<{ images: Array<{ url: string; caption?: string }> }>(await lobby(UP1, token));
    // The upload is served by the (test) EnableX origin over https: kept; the plain-http URL is not.
    expect(body.images.map((i) => i.caption)).toEqual(['The new colours', 'Uploaded']);
    expect(body.images.every((i) => i.url.startsWith('https://'))).toBe(true);
  });

  it('needs a token; an id that is not an EnableX demo is 422; a site without the option is 404', async () => {
    await expectError(await lobby(UP1), 401, 'unauthorized');
    const token = await newCustomer();
    await expectError(await lobby('2853', token), 422, 'validation_failed');
    const acme = await signUp();
    await expectError(await call(`/v1/sites/acme/demos/${UP1}/lobby`, { token: acme }), 404, 'demo_not_found');
  });

  it('EnableX failing: 502 enablex_unavailable, with nothing of EnableX in it', async () => {
    const token = await newCustomer();
    expect((await register(UP1, token)).status).toBe(200);
    enablex.faults.inject({ kind: 'status', status: 500, count: 'always', endpoint: 'lobby.get' });
    await expectError(await lobby(UP1, token), 502, 'enablex_unavailable');
  });
});



