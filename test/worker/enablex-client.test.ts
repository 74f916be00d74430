import { describe, expect, it, vi } from 'vitest';
import {
  AGENT_USER_ID,
  CURRENT_MEETING_ID,
  OWNER_USER_ID,
  PAST_MEETING_ID,
  POLLED_ROOM_ID,
  TRAINEE_USER_ID,
  UPCOMING_MEETING_IDS,
  WEBINAR_MEETING_ID,
  createEnablexSimulator,
} from '../../demo/enablex-simulator/app';
import { EnablexClient, EnablexError, formatStartTime, type EnablexClientOptions } from '../../worker/src/enablex/client';
import { ENABLEX_ERROR_CODES } from '../../worker/src/enablex/errors';
import { ENABLEX_TEST_APP_ID, ENABLEX_TEST_APP_KEY, ENABLEX_TEST_BASE_URL } from './bindings';
import { captureConsole, enablex } from './helpers';

const client = (options: Partial<EnablexClientOptions> = {}) =>
  new EnablexClient({ baseUrl: ENABLEX_TEST_BASE_URL, appId: ENABLEX_TEST_APP_ID, appKey: ENABLEX_TEST_APP_KEY, readTimeoutMs: 300, writeTimeoutMs: 500, ...options });

const BASIC = `Basic ${btoa(`${ENABLEX_TEST_APP_ID}:${ENABLEX_TEST_APP_KEY}`)}`;
const HOUR = 3_600_000;

async function failure(call: Promise<unknown>): Promise<EnablexError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(EnablexError);
  return error as EnablexError;
}

/** The one request EnableX received, with the headers every call carries. */
function onlyRequest(appType = 'vc') {
  expect(enablex.requests).toHaveLength(1);
  const request = enablex.requests[0]!;
  expect(request.headers.authorization).toBe(BASIC);
  expect(request.headers['x-app-type']).toBe(appType);
  expect(request.headers.accept).toBe('application/json');
  return request;
}

/** A start time `hours` from the simulator's now, in the document's format. */
const inHours = (hours: number) => formatStartTime(new Date(enablex.clock.now().getTime() + hours * HOUR));

const SCHEDULE = { name: 'Galaxy Fold demo', start_time: '', timezone_id: 2, duration: 30, moderators: 1, participants: 20 };

describe('EnablexClient: the wire format of every documented endpoint', () => {
  it('permanent room get: GET /meeting/permanent (own) and /meeting/permanent/{user_id}, JSON content type, no body', async () => {
    const own = await client().getPermanentRoom();
    expect(own).toMatchObject({ user_id: OWNER_USER_ID, name: "Priya's demo room", description: 'Permanent demo room', moderators: 2, participants: 48, duration: 60, wait_for_moderator: true, knock: false });
    const request = onlyRequest();
    expect(request).toMatchObject({ method: 'GET', path: '/ucaas/v1/meeting/permanent', query: {}, body: null });
    expect(request.headers['content-type']).toBe('application/json');

    enablex.requests.length = 0;
    expect(await client().getPermanentRoom(AGENT_USER_ID)).toMatchObject({ user_id: AGENT_USER_ID });
    expect(onlyRequest()).toMatchObject({ method: 'GET', path: `/ucaas/v1/meeting/permanent/${AGENT_USER_ID}` });
  });

  it('permanent room update: PATCH /meetings/permanent/{room_id} with only the given fields, our names mapped to the document\'s', async () => {
    const room = await client().getPermanentRoom();
    enablex.requests.length = 0;
    const updated = await client().updatePermanentRoom(room.room_id, { name: 'Priya live', description: 'Walk-ins welcome', knock: true, participants: 30 });
    expect(updated).toMatchObject({ room_id: room.room_id, name: 'Priya live', description: 'Walk-ins welcome', knock: true, participants: 30 });
    const request = onlyRequest();
    expect(request).toMatchObject({ method: 'PATCH', path: `/ucaas/v1/meetings/permanent/${room.room_id}` });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-action']).toBeUndefined();
    expect(request.body).toStrictEqual({ room_name: 'Priya live', desc: 'Walk-ins welcome', participants: 30, knock: true });
  });

  it('reset PINs: the same PATCH with X-Action: reset-pins and { reset_mpin, reset_ppin }', async () => {
    const room = await client().getPermanentRoom();
    enablex.requests.length = 0;
    const reset = await client().resetPermanentRoomPins(room.room_id, { reset_mpin: true });
    expect(reset.mpin).not.toBe(room.mpin);
    expect(reset.ppin).toBe(room.ppin);
    const request = onlyRequest();
    expect(request).toMatchObject({ method: 'PATCH', path: `/ucaas/v1/meetings/permanent/${room.room_id}` });
    expect(request.headers['x-action']).toBe('reset-pins');
    expect(request.body).toStrictEqual({ reset_mpin: true });
  });

  it('schedule: POST /meetings, start_time without the trailing space, in UTC "YYYY-MM-DD HH:mm:ss"', async () => {
    const start = new Date(Date.UTC(2099, 0, 2, 9, 30, 0));
    const meeting = await client().scheduleMeeting({
      ...SCHEDULE, user_id: AGENT_USER_ID, description: 'Folds twice', start_time: start, knock: true, send_mail: true,
      invitees: { emails: ['meera@example.com'], contact_ids: ['c1'], group_ids: [] },
    });
    expect(meeting).toMatchObject({ user_id: AGENT_USER_ID, name: 'Galaxy Fold demo', description: 'Folds twice', start_time: '2099-01-02T09:30:00Z', duration: 30, moderators: 1, participants: 20, knock: true, app_type: 'vc' });
    expect(meeting.meeting_id).toMatch(/^[0-9a-f]{24}$/);
    expect(meeting.direct_url).toMatch(/^https:\/\/enablex\.test\/join\//);
    const request = onlyRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/ucaas/v1/meetings' });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toStrictEqual({
      user_id: AGENT_USER_ID, room_name: 'Galaxy Fold demo', desc: 'Folds twice', start_time: '2099-01-02 09:30:00', timezone_id: 2,
      duration: 30, moderators: 1, participants: 20, knock: true, send_mail: true,
      invitees: { emails: ['meera@example.com'], contact_ids: ['c1'], group_ids: [] },
    });
  });

  it('edit: PATCH /meetings/{id} with the edit invitee shape; get: GET /meetings/{id}', async () => {
    const id = UPCOMING_MEETING_IDS[0];
    const edited = await client().editMeeting(id, { name: 'Macbook Air demo', duration: 40, invitees: { contacts: [{ contact_id: 'c7', name: 'Meera', email: 'm@example.com' }] } });
    expect(edited).toMatchObject({ meeting_id: id, name: 'Macbook Air demo', duration: 40, timezone: { timezone_id: '2', zone_name: 'Asia/Kolkata' } });
    expect(onlyRequest()).toMatchObject({ method: 'PATCH', path: `/ucaas/v1/meetings/${id}`, body: { room_name: 'Macbook Air demo', duration: 40, invitees: { contacts: [{ contact_id: 'c7', name: 'Meera', email: 'm@example.com' }] } } });

    enablex.requests.length = 0;
    const got = await client().getMeeting(id);
    expect(got).toMatchObject({ meeting_id: id, name: 'Macbook Air demo', duration: 40, invitees: { contact_ids: ['c7'] } });
    expect(onlyRequest()).toMatchObject({ method: 'GET', path: `/ucaas/v1/meetings/${id}`, body: null });
  });

  it('list: GET /meetings with page, page_length, stage, search_by/search_string, order_by/order_qualify in the query', async () => {
    const all = await client().listMeetings();
    expect(onlyRequest()).toMatchObject({ method: 'GET', path: '/ucaas/v1/meetings', query: {}, body: null });
    // Only the vc meetings: the webinar is X-App-Type wb.
    expect(all.meetings.map((m) => m.meeting_id)).toEqual([PAST_MEETING_ID, CURRENT_MEETING_ID, ...UPCOMING_MEETING_IDS]);
    expect(all.meetings.map((m) => m.stage)).toEqual(['past', 'current', 'upcoming', 'upcoming', 'upcoming']);

    enablex.requests.length = 0;
    const page = await client().listMeetings({ page: 2, page_length: 1, stage: 'upcoming', search_by: 'user_id', search_string: OWNER_USER_ID, order_by: 'start_time', order_qualify: 'desc' });
    expect(onlyRequest().query).toEqual({ page: '2', page_length: '1', stage: 'upcoming', search_by: 'user_id', search_string: OWNER_USER_ID, order_by: 'start_time', order_qualify: 'desc' });
    expect(page.meetings.map((m) => m.meeting_id)).toEqual([UPCOMING_MEETING_IDS[0]]);
    expect(page.search).toMatchObject({ page: 2, page_length: 1, stage: 'upcoming' });
  });

  it('cancel: DELETE /meetings/{id}; the answer names the meeting `event`', async () => {
    const id = UPCOMING_MEETING_IDS[1];
    expect(await client().cancelMeeting(id)).toEqual({ meeting_id: id, room_id: expect.any(String), user_id: OWNER_USER_ID, name: 'iPhone video tour' });
    expect(onlyRequest()).toMatchObject({ method: 'DELETE', path: `/ucaas/v1/meetings/${id}`, body: null });
    expect((await failure(client().getMeeting(id))).kind).toBe('not_found');
  });

  it('lobby add: POST /meetings/{id}/lobby as multipart/form-data with PHP bracket names; files come back as simulator URLs', async () => {
    const id = UPCOMING_MEETING_IDS[0];
    const image = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'stage.png', { type: 'image/png' });
    const audio = new Blob([new Uint8Array([0x49, 0x44, 0x33])], { type: 'audio/mpeg' });
    const { meeting, lobby } = await client().addLobby(id, {
      options: { image: true, audio: true },
      image: [{ file: image, caption: 'The stage' }, { url: 'https://cdn.example/hall.jpg', caption: 'The hall' }],
      audio: [{ file: audio, filename: 'welcome.mp3' }],
    });
    expect(meeting).toMatchObject({ meeting_id: id, name: 'Macbook video walkthrough' });
    expect(lobby.options).toEqual({ message: false, image: true, audio: true, video: false });
    expect(lobby.image[1]).toEqual({ url: 'https://cdn.example/hall.jpg', caption: 'The hall' });
    expect(lobby.image[0]!.url).toMatch(/^https:\/\/enablex\.test\/files\/[0-9a-f]+\/stage\.png$/);
    expect(lobby.audio[0]!.url).toMatch(/\/welcome\.mp3$/);

    const request = onlyRequest();
    expect(request).toMatchObject({ method: 'POST', path: `/ucaas/v1/meetings/${id}/lobby`, body: null });
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request.form).toEqual([
      { name: 'options[image]', value: '1' },
      { name: 'options[audio]', value: '1' },
      { name: 'image[0][img_file]', file: { name: 'stage.png', type: 'image/png', size: 4 } },
      { name: 'image[0][caption]', value: 'The stage' },
      { name: 'image[1][url]', value: 'https://cdn.example/hall.jpg' },
      { name: 'image[1][caption]', value: 'The hall' },
      { name: 'audio[0][audio_file]', file: { name: 'welcome.mp3', type: 'audio/mpeg', size: 3 } },
    ]);
    // The uploaded bytes are served back at the URL.
    const served = await enablex.app.request(new URL(lobby.image[0]!.url).pathname);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await served.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('lobby update / get / delete: PATCH (multipart), GET and DELETE /meetings/{id}/lobby', async () => {
    const id = UPCOMING_MEETING_IDS[0];
    const updated = await client().updateLobby(id, { options: { message: true }, message: [{ text: 'Starting in a minute' }, { text: 'Grab a coffee' }] });
    expect(updated.lobby).toMatchObject({ options: { message: true, image: false }, message: [{ text: 'Starting in a minute' }, { text: 'Grab a coffee' }] });
    const request = onlyRequest();
    expect(request).toMatchObject({ method: 'PATCH', path: `/ucaas/v1/meetings/${id}/lobby` });
    expect(request.form).toEqual([
      { name: 'options[message]', value: '1' },
      { name: 'message[0][text]', value: 'Starting in a minute' },
      { name: 'message[1][text]', value: 'Grab a coffee' },
    ]);

    enablex.requests.length = 0;
    expect((await client().getLobby(id)).lobby.message).toHaveLength(2);
    expect(onlyRequest()).toMatchObject({ method: 'GET', path: `/ucaas/v1/meetings/${id}/lobby`, body: null });

    enablex.requests.length = 0;
    expect(await client().deleteLobby(id)).toMatchObject({ meeting_id: id });
    expect(onlyRequest()).toMatchObject({ method: 'DELETE', path: `/ucaas/v1/meetings/${id}/lobby` });
    expect((await client().getLobby(id)).lobby).toEqual({ options: { message: false, image: false, audio: false, video: false }, message: [], image: [], video: [], audio: [] });
  });

  it('polls: GET /polls/{room_id} for every session, ?conf_num= for one; an empty answer is PHP\'s []', async () => {
    const all = await client().getPolls(POLLED_ROOM_ID);
    expect(onlyRequest()).toMatchObject({ method: 'GET', path: `/ucaas/v1/polls/${POLLED_ROOM_ID}`, query: {} });
    expect(all.map((p) => [p.id, p.conf_num])).toEqual([[1, 101], [2, 101], [3, 102], [4, 102]]);
    expect(all[0]).toMatchObject({ type: 'MCQ1', question: 'Which colour would you buy?', options: { opt1: 'Black', opt2: 'Silver', opt3: 'Blue' }, status: 'P', result: { opt1: 12, opt2: 7, opt3: 3 }, total_result: 22 });
    expect(all[3]).toMatchObject({ status: 'D', result: {} });

    enablex.requests.length = 0;
    const second = await client().getPolls(POLLED_ROOM_ID, 102);
    expect(onlyRequest().query).toEqual({ conf_num: '102' });
    expect(second.map((p) => p.id)).toEqual([3, 4]);
    expect(await client().getPolls(POLLED_ROOM_ID, 999)).toEqual([]);
  });

  it('X-App-Type is the site\'s: wb sees the webinar, vc does not', async () => {
    const wb = client({ appType: 'wb' });
    expect((await wb.listMeetings()).meetings.map((m) => m.meeting_id)).toEqual([WEBINAR_MEETING_ID]);
    expect(onlyRequest('wb').headers['x-app-type']).toBe('wb');
    expect((await failure(client().getMeeting(WEBINAR_MEETING_ID))).kind).toBe('not_found');
  });

  it('accepts both spellings the document uses in answers: "start_time " and "start_time", options.messages and .message', async () => {
    // The default simulator answers with the document's "start_time " (trailing space).
    const meeting = await client().getMeeting(CURRENT_MEETING_ID);
    expect(meeting.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
    const sim = createEnablexSimulator({ appId: ENABLEX_TEST_APP_ID, appKey: ENABLEX_TEST_APP_KEY, startTimeKey: 'start_time' });
    vi.mocked(globalThis.fetch).mockImplementation(async (input, init) => sim.app.fetch(new Request(input, init)));
    expect((await client().getMeeting(CURRENT_MEETING_ID)).start_time).toBe(meeting.start_time);

    vi.mocked(globalThis.fetch).mockImplementation(async () =>
      Response.json({ result: 1, meeting: { meeting_id: 'm1' }, lobby: { options: { message: true, image: '0', audio: 1 }, message: [{ text: 'Hello there' }] } }));
    expect((await client().getLobby('m1')).lobby).toEqual({ options: { message: true, image: false, audio: true, video: false }, message: [{ text: 'Hello there' }], image: [], video: [], audio: [] });
  });
});

describe('EnablexClient: error codes', () => {
  const start = () => ({ ...SCHEDULE, start_time: inHours(24) });

  it.each([
    ['past start time', { start_time: '2001-01-01 10:00:00' }, 1601, 'start_time'],
    ['start time format', { start_time: 'tomorrow at ten' }, 1602, 'start_time'],
    ['title too short', { name: 'Hi' }, 1612, 'name'],
    ['title too long', { name: 'x'.repeat(51) }, 1613, 'name'],
    ['duration under 10 minutes', { duration: 5 }, 1632, 'duration'],
    ['duration beyond the account', { duration: 10_000 }, 1633, 'duration'],
    ['no moderator', { moderators: 0 }, 1642, 'moderators'],
    ['unknown time zone', { timezone_id: 999 }, 1684, 'timezone_id'],
  ])('scheduling with a %s (%j) → validation %i under field %s, status 422', async (_label, change, code, field) => {
    const error = await failure(client().scheduleMeeting({ ...start(), ...change } as never));
    expect(error).toMatchObject({ kind: 'validation', code, field, status: 422, message: ENABLEX_ERROR_CODES[code]!.message });
  });

  it('several codes in one answer: the first is the error, all are in issues with their fields', async () => {
    const error = await failure(client().scheduleMeeting({ ...start(), name: 'Hi', duration: 5 }));
    expect(error.code).toBe(1612);
    expect(error.issues.map((i) => [i.code, i.field])).toEqual([[1612, 'name'], [1632, 'duration']]);
  });

  it.each([
    ['too short', 'Hi!', 2432],
    ['too long', 'x'.repeat(101), 2433],
  ])('a lobby message %s (%j) → %i under field message', async (_label, text, code) => {
    const error = await failure(client().addLobby(UPCOMING_MEETING_IDS[0], { options: { message: true }, message: [{ text }] }));
    expect(error).toMatchObject({ kind: 'validation', code, field: 'message', status: 422 });
  });

  it('a bad page length → 2501 under page_length; a bad order → 2604 under order_qualify', async () => {
    expect(await failure(client().listMeetings({ page_length: 'ten' as never }))).toMatchObject({ code: 2501, field: 'page_length', kind: 'validation' });
    expect(await failure(client().listMeetings({ order_qualify: 'sideways' as never }))).toMatchObject({ code: 2604, field: 'order_qualify' });
  });

  it('PIN reset with nothing to reset → 1903, a form-level error without a field', async () => {
    const room = await client().getPermanentRoom();
    const error = await failure(client().resetPermanentRoomPins(room.room_id, {}));
    expect(error).toMatchObject({ kind: 'validation', code: 1903, status: 422 });
    expect(error.field).toBeUndefined();
  });

  it('licence and subscription codes (1615–1618) → a seller-facing licence error', async () => {
    // 1617: the user holds no meeting licence (the simulator's trainee).
    const unlicensed = await failure(client().scheduleMeeting({ ...start(), user_id: TRAINEE_USER_ID }));
    expect(unlicensed).toMatchObject({ kind: 'licence', code: 1617, status: 403 });
    expect(unlicensed.message).toMatch(/licence.*EnableX portal/);
    // 1618: the agent has vc only.
    expect(await failure(client({ appType: 'wb' }).getPermanentRoom(AGENT_USER_ID))).toMatchObject({ kind: 'licence', code: 1618 });
    // 1616: an account without a webinar subscription.
    const sim = createEnablexSimulator({ appId: ENABLEX_TEST_APP_ID, appKey: ENABLEX_TEST_APP_KEY, subscriptions: { wb: false } });
    vi.mocked(globalThis.fetch).mockImplementation(async (input, init) => sim.app.fetch(new Request(input, init)));
    const noSubscription = await failure(client({ appType: 'wb' }).listMeetings());
    expect(noSubscription).toMatchObject({ kind: 'licence', code: 1616, status: 403 });
    expect(noSubscription.message).toMatch(/no active webinar subscription/);
  });

  it('1615 with HTTP 200, and codes the simulator never produces, are mapped from the table', async () => {
    enablex.faults.inject({ kind: 'code', code: 1615, status: 200 }, { kind: 'code', code: 1686 }, { kind: 'code', code: 1000 });
    expect(await failure(client().listMeetings())).toMatchObject({ kind: 'licence', code: 1615, status: 403 });
    expect(await failure(client().listMeetings())).toMatchObject({ kind: 'validation', code: 1686, field: 'timezone_id' });
    expect(await failure(client().listMeetings())).toMatchObject({ kind: 'rejected', code: 1000, status: 409 });
  });

  it('an unknown code → a generic upstream error, code kept', async () => {
    enablex.faults.inject({ kind: 'code', code: 9999 });
    const error = await failure(client().getMeeting(CURRENT_MEETING_ID));
    expect(error).toMatchObject({ kind: 'upstream', code: 9999, status: 502 });
    expect(error.field).toBeUndefined();
    expect(error.message).toContain('9999');
  });

  it('the code is found wherever a result-0 answer may carry it', async () => {
    const answers = [
      { result: 0, code: '1601' },
      { result: 0, error: { code: 1601, message: 'x' } },
      { result: 0, errors: [{ code: 1601 }] },
      { result: 0, error_code: 1601 },
      { result: 1601, error: 'Meeting Date Time must be in future' },
    ];
    for (const body of answers) {
      vi.mocked(globalThis.fetch).mockImplementationOnce(async () => Response.json(body, { status: 400 }));
      expect(await failure(client().getMeeting('m1'))).toMatchObject({ code: 1601, field: 'start_time' });
    }
  });

  it('every code of the document is in the table, with a status and a message', () => {
    const documented = [1000, 1601, 1602, 1603, 1611, 1612, 1613, 1615, 1616, 1617, 1618, 1621, 1631, 1632, 1633, 1634, 1641, 1642, 1643, 1644, 1651, 1652, 1653, 1654, 1672, 1681, 1683, 1684, 1685, 1686, 1691, 1692, 1693, 1694, 1695, 1696, 1697, 1698, 1901, 1902, 1903, 2402, 2403, 2404, 2405, 2412, 2421, 2422, 2423, 2432, 2433, 2435, 2438, 2453, 2501, 2603, 2604, 2605, 2606, 2608, 3011, 4201];
    expect(Object.keys(ENABLEX_ERROR_CODES).map(Number).sort()).toEqual(documented);
    for (const code of [1615, 1616, 1617, 1618]) expect(ENABLEX_ERROR_CODES[code]).toMatchObject({ kind: 'licence', status: 403 });
  });
});

describe('EnablexClient: stages move with the simulator clock', () => {
  it('upcoming → current → past, and a past meeting can no longer be edited (1000)', async () => {
    const id = UPCOMING_MEETING_IDS[0];
    const stageOf = async () => (await client().listMeetings({ page_length: 100 })).meetings.find((m) => m.meeting_id === id)?.stage;
    const meeting = await client().getMeeting(id);
    expect(await stageOf()).toBe('upcoming');
    expect((await client().listMeetings({ stage: 'current' })).meetings.map((m) => m.meeting_id)).toEqual([CURRENT_MEETING_ID]);

    enablex.clock.set(new Date(Date.parse(meeting.start_time) + 60_000));
    expect(await stageOf()).toBe('current');
    expect((await client().listMeetings({ stage: 'current' })).meetings.map((m) => m.meeting_id)).toEqual([id]);

    enablex.clock.advance(meeting.duration! * 60_000);
    expect(await stageOf()).toBe('past');
    expect(await failure(client().editMeeting(id, { name: 'Too late' }))).toMatchObject({ kind: 'rejected', code: 1000 });
  });

  it('the now() option: a simulator on a fixed clock seeds around it, and POST /__sim/clock moves it', async () => {
    const fixed = new Date('2030-06-01T08:00:00Z');
    const sim = createEnablexSimulator({ now: () => fixed });
    const current = sim.state.meetings.get(CURRENT_MEETING_ID)!;
    expect(new Date(current.start).toISOString()).toBe('2030-06-01T07:50:00.000Z');
    const moved = await sim.app.request('/__sim/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 2 * HOUR }) });
    expect(await moved.json()).toEqual({ now: '2030-06-01T10:00:00.000Z' });
    expect((sim.snapshot() as { meetings: Array<{ meeting_id: string; stage: string }> }).meetings.find((m) => m.meeting_id === CURRENT_MEETING_ID)?.stage).toBe('past');
  });

  it('a start time that has become past is refused with 1601', async () => {
    const start = inHours(1);
    enablex.clock.advance(2 * HOUR);
    expect(await failure(client().scheduleMeeting({ ...SCHEDULE, start_time: start }))).toMatchObject({ code: 1601, field: 'start_time' });
  });
});

describe('EnablexClient: transport failures', () => {
  it('wrong app key → unauthorized (502), never the key in the message', async () => {
    const error = await failure(client({ appKey: 'wrong-key-0123456789' }).listMeetings());
    expect(error).toMatchObject({ kind: 'unauthorized', status: 502 });
    expect(error.message).not.toContain('wrong-key-0123456789');
    expect(enablex.requests[0]!.headers.authorization).toBe(`Basic ${btoa(`${ENABLEX_TEST_APP_ID}:wrong-key-0123456789`)}`);
  });

  it.each([
    ['a 200 HTML body', { kind: 'malformed' } as const, /not JSON/],
    ['a body of the wrong shape', { kind: 'wrong-shape' } as const, /unexpected body at meetings/],
    ['a meeting without a start time', { kind: 'wrong-shape', body: { result: 1, meetings: [{ meeting_id: 'm', room_name: 'Demo' }] } } as const, /unexpected body at meetings\.0\.start_time/],
    ['a 503', { kind: 'status', status: 503 } as const, /HTTP 503/],
    ['a 500 with a non-JSON body', { kind: 'status', status: 500, body: 'x' } as const, /HTTP 500/],
  ])('%s → upstream (502)', async (_label, fault, message) => {
    enablex.faults.inject(fault);
    const error = await failure(client().listMeetings());
    expect(error).toMatchObject({ kind: 'upstream', status: 502 });
    expect(error.message).toMatch(message);
  });

  it('a hang → timeout (504) after the read timeout; writes wait longer', async () => {
    enablex.faults.inject({ kind: 'hang', count: 2 });
    let started = Date.now();
    expect(await failure(client().listMeetings())).toMatchObject({ kind: 'timeout', status: 504, message: 'EnableX did not answer within 300 ms.' });
    const read = Date.now() - started;
    started = Date.now();
    expect(await failure(client().cancelMeeting(CURRENT_MEETING_ID))).toMatchObject({ kind: 'timeout', message: 'EnableX did not answer within 500 ms.' });
    expect(Date.now() - started).toBeGreaterThan(read);
  });

  it('a redirect is not followed (redirect: manual) → upstream, and the key never leaves for the other host', async () => {
    const sent: string[] = [];
    vi.mocked(globalThis.fetch).mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      sent.push(`${request.url} ${request.headers.get('authorization')}`);
      if (request.redirect !== 'manual') sent.push(`https://attacker.example/ ${request.headers.get('authorization')}`);
      return new Response(null, { status: 302, headers: { Location: 'https://attacker.example/' } });
    });
    expect(await failure(client().scheduleMeeting({ ...SCHEDULE, start_time: '2099-01-01 10:00:00' }))).toMatchObject({ kind: 'upstream', status: 502 });
    expect(sent).toEqual([`${ENABLEX_TEST_BASE_URL}/meetings ${BASIC}`]);
  });

  it('a 302 from the simulator → upstream with the status', async () => {
    enablex.faults.inject({ kind: 'status', status: 302, endpoint: 'meetings.get' });
    expect((await failure(client().getMeeting(CURRENT_MEETING_ID))).message).toMatch(/redirect \(HTTP 302\)/);
  });

  it('no connection → upstream', async () => {
    vi.mocked(globalThis.fetch).mockRejectedValueOnce(new TypeError('fetch failed'));
    expect(await failure(client().getMeeting('m1'))).toMatchObject({ kind: 'upstream', message: 'EnableX could not be reached.' });
  });

  it('an unknown meeting → not_found (404)', async () => {
    expect(await failure(client().getMeeting('does-not-exist'))).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('the app key is in no error message and no console line, whatever EnableX answers', async () => {
    const logged = captureConsole();
    const key = ENABLEX_TEST_APP_KEY;
    // EnableX echoing the key back in every form of answer.
    const echoes = [
      Response.json({ result: 0, msg: `bad key ${key}` }, { status: 401 }),
      Response.json({ result: 0, code: 9999, msg: key }),
      Response.json({ result: 1, meetings: [{ meeting_id: key, room_name: key, start_time: key }] }),
      new Response(`<html>${key}</html>`, { status: 500 }),
      Response.json({ result: 1, [key]: key }),
    ];
    const messages: string[] = [];
    for (const answer of echoes) {
      vi.mocked(globalThis.fetch).mockImplementationOnce(async () => answer);
      const error = await failure(client().listMeetings());
      messages.push(`${error.name}: ${error.message} ${JSON.stringify(error)} ${String(error.stack)}`);
      console.error(error);
    }
    enablex.faults.inject({ kind: 'hang' });
    const timeout = await failure(client().listMeetings());
    messages.push(timeout.message);
    console.error(timeout);
    for (const text of [...messages, logged()]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(btoa(`${ENABLEX_TEST_APP_ID}:${key}`));
    }
  });
});
