import { describe, expect, it } from 'vitest';
import {
  AGENT_USER_ID,
  CURRENT_MEETING_ID,
  OWNER_USER_ID,
  PAST_MEETING_ID,
  POLLED_ROOM_ID,
  UPCOMING_MEETING_IDS,
} from '../../demo/enablex-simulator/app';
import { utcToLocal } from '../../worker/src/console/enablex';
import { ENABLEX_TEST_APP_ID, ENABLEX_TEST_APP_KEY } from './bindings';
import { auditActions, consoleCall, consoleRequest, newSite, operator, OWN_ORIGIN, signIn } from './console-helpers';
import { captureConsole, clientIp, enablex, expectError, expectNoLeak, json } from './helpers';
import { exports } from 'cloudflare:workers';

const BASIC = `Basic ${btoa(`${ENABLEX_TEST_APP_ID}:${ENABLEX_TEST_APP_KEY}`)}`;
const HOUR = 3_600_000;
const ZONE = 'Asia/Kolkata';

interface MeetingView {
  meeting_id: string;
  room_id?: string;
  name: string;
  start_time: string;
  start_local: string;
  stage?: string;
  mpin?: string;
  ppin?: string;
}

/** A site in the store with the EnableX option (EnableX's time zone id 2 = Asia/Kolkata in the simulator). */
const enablexSite = (option: Record<string, unknown> = { timezoneId: 2 }) => newSite({ enablex: option, timezone: ZONE });

const base = (site: string) => `/console/v1/sites/${site}/enablex`;

/** "YYYY-MM-DDTHH:mm" in Asia/Kolkata, `hours` after the simulator's now. */
const localIn = (hours: number) => utcToLocal(new Date(enablex.clock.now().getTime() + hours * HOUR).toISOString(), ZONE);

/** The requests EnableX received other than the ownership reads, each with the headers every call carries. */
function sent(method?: string) {
  for (const request of enablex.requests) {
    expect(request.headers.authorization).toBe(BASIC);
    expect(request.headers['x-app-type']).toBe('vc');
  }
  return method ? enablex.requests.filter((r) => r.method === method) : enablex.requests;
}

const SCHEDULE = {
  name: 'Galaxy Fold demo',
  description: 'The new hinge, up close',
  duration: 30,
  moderators: 1,
  participants: 20,
  wait_for_moderator: true,
  knock: false,
  auto_recording: true,
};

/** A multipart lobby upload as the console page sends it. */
function lobbyForm(lobby: unknown, files: Record<string, File> = {}): FormData {
  const form = new FormData();
  form.append('lobby', JSON.stringify(lobby));
  for (const [name, file] of Object.entries(files)) form.append(name, file);
  return form;
}

function putLobby(site: string, meetingId: string, body: FormData | string, headers: Record<string, string> = {}): Promise<Response> {
  const request = consoleRequest(`${base(site)}/meetings/${meetingId}/lobby`, { method: 'PUT', ...operator, origin: OWN_ORIGIN, headers });
  return exports.default.fetch(new Request(request, { body }));
}

describe('Console EnableX: the site option', () => {
  it('a site without the option answers 409 enablex_not_configured, and EnableX is not called', async () => {
    const site = await newSite();
    for (const path of ['/meetings', '/room', `/meetings/${UPCOMING_MEETING_IDS[0]}/polls`]) {
      const error = await expectError(await consoleCall(`${base(site)}${path}`, operator), 409, 'enablex_not_configured');
      expect(error.message).toMatch(/not set up for this site/);
    }
    await expectError(await consoleCall(`${base(site)}/meetings`, { ...operator, body: { ...SCHEDULE, start_time: localIn(48) } }), 409, 'enablex_not_configured');
    expect(enablex.requests).toEqual([]);
  });

  it("refuses another site's seller (403 forbidden_site) and changes from another origin or without one (403)", async () => {
    const site = await enablexSite();
    const acme = await signIn('acme');
    await expectError(await consoleCall(`${base(site)}/meetings`, { cookie: acme }), 403, 'forbidden_site');
    await expectError(await consoleCall(`${base(site)}/meetings`, { cookie: acme, body: { ...SCHEDULE, start_time: localIn(48) } }), 403, 'forbidden_site');
    const own = await signIn(site, 'test-admin-secret-0123456789-0123456789');
    await expectError(await consoleCall(`${base(site)}/meetings`, { cookie: own, origin: 'https://evil.example', body: { ...SCHEDULE, start_time: localIn(48) } }), 403, 'origin_not_allowed');
    await expectError(await consoleCall(`${base(site)}/meetings`, { cookie: own, origin: null, body: { ...SCHEDULE, start_time: localIn(48) } }), 403, 'origin_not_allowed');
    await expectError(await consoleCall(`${base(site)}/meetings`, { body: { ...SCHEDULE, start_time: localIn(48) } }), 401, 'unauthorized');
    expect(enablex.requests).toEqual([]);
  });
});

describe('Console EnableX: meetings', () => {
  it('lists upcoming meetings with the documented query, soonest first, times in the site zone, both PINs', async () => {
    const site = await enablexSite();
    const response = await consoleCall(`${base(site)}/meetings`, operator);
    expect(response.status).toBe(200);
    const body = await json<{ stage: string; timezone: string; timezone_id: string; next_page: number | null; meetings: MeetingView[] }>(response);
    const [request] = sent();
    expect(sent()).toHaveLength(1);
    expect(request).toMatchObject({ method: 'GET', path: '/ucaas/v1/meetings', query: { page: '1', page_length: '20', stage: 'upcoming', order_by: 'start_time', order_qualify: 'asc' } });
    expect(body).toMatchObject({ stage: 'upcoming', timezone: ZONE, timezone_id: '2', next_page: null });
    expect(body.meetings.map((m) => m.meeting_id)).toEqual([...UPCOMING_MEETING_IDS]);
    const first = body.meetings[0]!;
    // 10:35 UTC is 16:05 in Kolkata.
    expect(first.start_time).toMatch(/T10:35:00Z$/);
    expect(first.start_local).toMatch(/T16:05$/);
    expect(first).toMatchObject({ name: 'Macbook video walkthrough', stage: 'upcoming', mpin: '602113', ppin: '884120' });

    enablex.requests.length = 0;
    const past = await json<{ meetings: MeetingView[] }>(await consoleCall(`${base(site)}/meetings?stage=past&page=2`, operator));
    expect(sent()[0]).toMatchObject({ query: { page: '2', stage: 'past', order_qualify: 'desc' } });
    expect(past.meetings).toEqual([]);
    await expectError(await consoleCall(`${base(site)}/meetings?stage=later`, operator), 422, 'validation_failed');
  });

  it("with enablex.userId: only that host's meetings (search_by=user_id), and another host's meeting is not found", async () => {
    const site = await enablexSite({ userId: AGENT_USER_ID, timezoneId: 2 });
    const body = await json<{ meetings: MeetingView[] }>(await consoleCall(`${base(site)}/meetings`, operator));
    expect(sent()[0]!.query).toMatchObject({ search_by: 'user_id', search_string: AGENT_USER_ID });
    expect(body.meetings.map((m) => m.meeting_id)).toEqual([UPCOMING_MEETING_IDS[2]]);

    enablex.requests.length = 0;
    await expectError(await consoleCall(`${base(site)}/meetings/${UPCOMING_MEETING_IDS[0]}`, { ...operator, method: 'PATCH', body: { name: 'Taken over' } }), 404, 'enablex_not_found');
    await expectError(await consoleCall(`${base(site)}/meetings/${UPCOMING_MEETING_IDS[0]}`, { ...operator, method: 'DELETE' }), 404, 'enablex_not_found');
    // Only the ownership reads reached EnableX.
    expect(sent().map((r) => r.method)).toEqual(['GET', 'GET']);

    enablex.requests.length = 0;
    const scheduled = await consoleCall(`${base(site)}/meetings`, { ...operator, body: { ...SCHEDULE, start_time: localIn(30) } });
    expect(scheduled.status).toBe(201);
    expect(sent('POST')[0]!.body).toMatchObject({ user_id: AGENT_USER_ID });
  });

  it("schedules with the documented body: the site's local time sent in UTC, its time zone id, our names mapped; the audit log has it", async () => {
    const site = await enablexSite();
    const now = enablex.clock.now();
    const day = new Date(now.getTime() + 2 * 24 * HOUR).toISOString().slice(0, 10);
    const response = await consoleCall(`${base(site)}/meetings`, { ...operator, body: { ...SCHEDULE, start_time: `${day}T16:30` } });
    expect(response.status).toBe(201);
    const meeting = await json<MeetingView>(response);
    const [request] = sent('POST');
    expect(request).toMatchObject({ method: 'POST', path: '/ucaas/v1/meetings' });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toStrictEqual({
      room_name: 'Galaxy Fold demo',
      desc: 'The new hinge, up close',
      start_time: `${day} 11:00:00`,
      timezone_id: 2,
      duration: 30,
      moderators: 1,
      participants: 20,
      wait_for_moderator: true,
      knock: false,
      auto_recording: true,
    });
    expect(meeting).toMatchObject({ name: 'Galaxy Fold demo', start_time: `${day}T11:00:00Z`, start_local: `${day}T16:30` });
    expect((await auditActions(site))[0]).toMatchObject({ actor: 'operator', action: 'enablex.schedule', detail: `meeting ${meeting.meeting_id}` });
  });

  it('a past start comes back from EnableX (1601) as 422 under start_time; our own checks never reach EnableX', async () => {
    const site = await enablexSite();
    const error = await expectError(await consoleCall(`${base(site)}/meetings`, { ...operator, body: { ...SCHEDULE, start_time: localIn(-2) } }), 422, 'validation_failed');
    expect(error.errors).toEqual({ start_time: ['The start time must be in the future.'] });
    expect(error.message).toContain('1601');
    expect(sent('POST')).toHaveLength(1);
    expect((await auditActions(site)).filter((a) => a.action.startsWith('enablex'))).toEqual([]);

    enablex.requests.length = 0;
    const local = await expectError(
      await consoleCall(`${base(site)}/meetings`, { ...operator, body: { ...SCHEDULE, name: 'Go', duration: 5, start_time: 'tomorrow' } }),
      422,
      'validation_failed',
    );
    expect(Object.keys(local.errors!).sort()).toEqual(['duration', 'name', 'start_time']);
    expect(enablex.requests).toEqual([]);
  });

  it('every EnableX field code lands under our field name (1612 name, 1632 duration, 1684 timezone_id), several at once', async () => {
    const site = await enablexSite();
    enablex.faults.inject({ kind: 'code', code: 1612, endpoint: 'meetings.schedule' });
    let error = await expectError(await consoleCall(`${base(site)}/meetings`, { ...operator, body: { ...SCHEDULE, start_time: localIn(30) } }), 422, 'validation_failed');
    expect(error.errors).toEqual({ name: ['The meeting title must be at least 3 characters.'] });
    // The simulator's own checks: an unknown time zone id, with the code of the first one in the message.
    error = await expectError(await consoleCall(`${base(site)}/meetings`, { ...operator, body: { ...SCHEDULE, timezone_id: 77, start_time: localIn(30) } }), 422, 'validation_failed');
    expect(error.errors).toEqual({ timezone_id: ['The time zone id is not valid.'] });
    enablex.faults.inject({ kind: 'code', code: 1632, endpoint: 'meetings.edit' });
    error = await expectError(await consoleCall(`${base(site)}/meetings/${UPCOMING_MEETING_IDS[0]}`, { ...operator, method: 'PATCH', body: { duration: 15 } }), 422, 'validation_failed');
    expect(error.errors).toEqual({ duration: ['The duration must be at least 10 minutes.'] });
  });

  it('without a time zone id (site or request) scheduling is a 422 under timezone_id before EnableX is asked', async () => {
    const site = await enablexSite({});
    const error = await expectError(await consoleCall(`${base(site)}/meetings`, { ...operator, body: { ...SCHEDULE, start_time: localIn(30) } }), 422, 'validation_failed');
    expect(error.errors!.timezone_id![0]).toContain(ZONE);
    expect(enablex.requests).toEqual([]);
    const ok = await consoleCall(`${base(site)}/meetings`, { ...operator, body: { ...SCHEDULE, timezone_id: '3', start_time: localIn(30) } });
    expect(ok.status).toBe(201);
    expect(sent('POST')[0]!.body).toMatchObject({ timezone_id: 3 });
  });

  it('licence codes (1615–1618) become a seller-facing 403 enablex_licence', async () => {
    const site = await enablexSite();
    for (const code of [1615, 1617]) {
      enablex.faults.inject({ kind: 'code', code, status: 403, endpoint: 'meetings.schedule' });
      const error = await expectError(await consoleCall(`${base(site)}/meetings`, { ...operator, body: { ...SCHEDULE, start_time: localIn(30) } }), 403, 'enablex_licence');
      expect(error.message).toMatch(/EnableX portal/);
      expect(error.message).toContain(String(code));
    }
  });

  it('EnableX down: 5xx and unknown codes are 502 enablex_unavailable (the code named), a hang is 504 enablex_timeout; nothing leaks', async () => {
    const logged = captureConsole();
    const site = await enablexSite();
    enablex.faults.inject({ kind: 'status', status: 503, endpoint: 'meetings.list' });
    const down = await expectError(await consoleCall(`${base(site)}/meetings`, operator), 502, 'enablex_unavailable');
    expect(down.message).toMatch(/Try again in a few minutes/);
    enablex.faults.inject({ kind: 'code', code: 9999, endpoint: 'meetings.schedule' });
    const unknown = await expectError(await consoleCall(`${base(site)}/meetings`, { ...operator, body: { ...SCHEDULE, start_time: localIn(30) } }), 502, 'enablex_unavailable');
    expect(unknown.message).toContain('9999');
    enablex.faults.inject({ kind: 'hang', endpoint: 'permanent.get' });
    const timeout = await expectError(await consoleCall(`${base(site)}/room`, operator), 504, 'enablex_timeout');
    expect(timeout.message).toMatch(/did not answer in time/);
    expectNoLeak(logged());
  });

  it('edits only the fields sent (a new start converted to UTC with the time zone id) and cancels; both audited', async () => {
    const site = await enablexSite();
    const id = UPCOMING_MEETING_IDS[1];
    const day = new Date(enablex.clock.now().getTime() + 5 * 24 * HOUR).toISOString().slice(0, 10);
    const response = await consoleCall(`${base(site)}/meetings/${id}`, { ...operator, method: 'PATCH', body: { name: 'iPhone 18 demo', start_time: `${day}T09:15` } });
    expect(response.status).toBe(200);
    const patch = sent('PATCH');
    expect(patch).toHaveLength(1);
    expect(patch[0]!.path).toBe(`/ucaas/v1/meetings/${id}`);
    expect(patch[0]!.body).toStrictEqual({ room_name: 'iPhone 18 demo', start_time: `${day} 03:45:00`, timezone_id: 2 });
    expect(await json(response)).toMatchObject({ meeting_id: id, name: 'iPhone 18 demo', start_local: `${day}T09:15` });

    enablex.requests.length = 0;
    const cancelled = await consoleCall(`${base(site)}/meetings/${id}`, { ...operator, method: 'DELETE' });
    expect(await json(cancelled)).toMatchObject({ meeting_id: id, cancelled: true });
    expect(sent('DELETE').map((r) => r.path)).toEqual([`/ucaas/v1/meetings/${id}`]);
    const list = await json<{ meetings: MeetingView[] }>(await consoleCall(`${base(site)}/meetings`, operator));
    expect(list.meetings.map((m) => m.meeting_id)).not.toContain(id);
    const actions = (await auditActions(site)).slice(0, 2);
    expect(actions).toEqual([
      expect.objectContaining({ action: 'enablex.cancel', detail: `meeting ${id}` }),
      expect.objectContaining({ action: 'enablex.edit', detail: `meeting ${id}: name, start_time` }),
    ]);
  });

  it('a past meeting cannot change: 1000 becomes 409 enablex_rejected', async () => {
    const site = await enablexSite();
    await expectError(await consoleCall(`${base(site)}/meetings/${PAST_MEETING_ID}`, { ...operator, method: 'PATCH', body: { name: 'Too late' } }), 409, 'enablex_rejected');
    await expectError(await consoleCall(`${base(site)}/meetings/${UPCOMING_MEETING_IDS[0]}`, { ...operator, method: 'PATCH', body: {} }), 422, 'validation_failed');
    await expectError(await consoleCall(`${base(site)}/meetings/bad%20id`, operator), 422, 'validation_failed');
  });
});

describe('Console EnableX: lobby', () => {
  it('saves messages and an uploaded .mp3 as multipart/form-data with the bracket names; reads it back without embed HTML', async () => {
    const site = await enablexSite();
    const id = UPCOMING_MEETING_IDS[0];
    const mp3 = new File([new Uint8Array(2048)], 'welcome.mp3', { type: 'audio/mpeg' });
    const lobby = { options: { message: true, audio: true }, message: [{ text: 'Welcome to the demo!' }, { text: 'We start in a minute.' }], audio: [{ file: 'file0' }] };
    const response = await putLobby(site, id, lobbyForm(lobby, { file0: mp3 }));
    expect(response.status, await response.clone().text()).toBe(200);
    const write = sent().filter((r) => r.path.endsWith('/lobby') && r.method !== 'GET');
    expect(write).toHaveLength(1);
    // No lobby yet: added (POST), with the document's parts in order.
    expect(write[0]).toMatchObject({ method: 'POST', path: `/ucaas/v1/meetings/${id}/lobby` });
    expect(write[0]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(write[0]!.form).toEqual([
      { name: 'options[message]', value: '1' },
      { name: 'options[image]', value: '0' },
      { name: 'options[audio]', value: '1' },
      { name: 'options[video]', value: '0' },
      { name: 'message[0][text]', value: 'Welcome to the demo!' },
      { name: 'message[1][text]', value: 'We start in a minute.' },
      { name: 'audio[0][audio_file]', file: { name: 'welcome.mp3', type: 'audio/mpeg', size: 2048 } },
    ]);
    const saved = await json<{ lobby: { options: Record<string, boolean>; message: unknown[]; audio: Array<Record<string, string>> } }>(response);
    expect(saved.lobby.options).toEqual({ message: true, image: false, audio: true, video: false });
    expect(saved.lobby.audio).toHaveLength(1);
    expect(Object.keys(saved.lobby.audio[0]!)).toEqual(['url']);

    // Saving again updates (PATCH); images by URL with captions.
    enablex.requests.length = 0;
    const again = await putLobby(site, id, lobbyForm({ options: { image: true }, image: [{ url: 'https://cdn.example/fold.jpg', caption: 'Fold, open' }] }));
    expect(again.status).toBe(200);
    const patch = sent('PATCH');
    expect(patch[0]!.form).toEqual([
      { name: 'options[message]', value: '0' },
      { name: 'options[image]', value: '1' },
      { name: 'options[audio]', value: '0' },
      { name: 'options[video]', value: '0' },
      { name: 'image[0][url]', value: 'https://cdn.example/fold.jpg' },
      { name: 'image[0][caption]', value: 'Fold, open' },
    ]);
    const read = await json(await consoleCall(`${base(site)}/meetings/${id}/lobby`, operator));
    expect(read).toEqual({
      meeting: { meeting_id: id, name: 'Macbook video walkthrough' },
      lobby: { options: { message: false, image: true, audio: false, video: false }, message: [], image: [{ url: 'https://cdn.example/fold.jpg', caption: 'Fold, open' }], audio: [], video: [] },
    });
    expect(JSON.stringify(read)).not.toContain('<');
    expect((await auditActions(site)).slice(0, 2).map((a) => a.detail)).toEqual([`meeting ${id}: image`, `meeting ${id}: message, audio`]);

    const removed = await consoleCall(`${base(site)}/meetings/${id}/lobby`, { ...operator, method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect(sent('DELETE').map((r) => r.path)).toEqual([`/ucaas/v1/meetings/${id}/lobby`]);
  });

  it("checks the document's limits before sending: message length, one audio, option combinations, file types and sizes", async () => {
    const site = await enablexSite();
    const id = UPCOMING_MEETING_IDS[0];
    const cases: Array<[unknown, Record<string, File>, string]> = [
      [{ options: { message: true }, message: [{ text: 'Hi' }] }, {}, 'message'],
      [{ options: { message: true }, message: [{ text: 'x'.repeat(101) }] }, {}, 'message'],
      [{ options: { message: true, image: true }, message: [{ text: 'Hello there' }], image: [{ url: 'https://cdn.example/a.png' }] }, {}, 'options'],
      [{ options: { video: true, audio: true }, video: [{ url: 'https://cdn.example/a.mp4' }], audio: [{ url: 'https://cdn.example/a.mp3' }] }, {}, 'options'],
      [{ options: { audio: true }, audio: [{ url: 'https://cdn.example/a.mp3' }, { url: 'https://cdn.example/b.mp3' }] }, {}, 'audio'],
      [{ options: { video: true }, video: [{ url: 'https://cdn.example/a.mov' }] }, {}, 'video'],
      [{ options: { image: true }, image: [] }, {}, 'image'],
      [{ options: { image: true }, image: [{ file: 'file0' }] }, { file0: new File(['<svg/>'], 'a.svg', { type: 'image/svg+xml' }) }, 'image'],
      [{ options: { image: true }, image: [{ file: 'file0' }] }, { file0: new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'big.png', { type: 'image/png' }) }, 'image'],
      [{ options: { image: true }, image: [{ file: 'file3' }] }, {}, 'image'],
    ];
    for (const [lobby, files, field] of cases) {
      const error = await expectError(await putLobby(site, id, lobbyForm(lobby, files)), 422, 'validation_failed');
      expect(Object.keys(error.errors!), JSON.stringify(lobby)).toContain(field);
    }
    expect(sent().filter((r) => r.path.endsWith('/lobby'))).toEqual([]);
  });

  it("EnableX's lobby codes land under our fields (2433 → message); a past meeting's lobby is 409", async () => {
    const site = await enablexSite();
    enablex.faults.inject({ kind: 'code', code: 2433, endpoint: 'lobby.add' });
    const error = await expectError(
      await putLobby(site, UPCOMING_MEETING_IDS[0], lobbyForm({ options: { message: true }, message: [{ text: 'Welcome, everyone' }] })),
      422,
      'validation_failed',
    );
    expect(error.errors).toEqual({ message: ['A lobby message must be at most 100 characters.'] });
    await expectError(await putLobby(site, PAST_MEETING_ID, lobbyForm({ options: { message: true }, message: [{ text: 'Welcome, everyone' }] })), 409, 'enablex_rejected');
  });

  it('the upload has its own limit (413 past 12 MB, JSON is 415 there) while JSON routes keep 16 KB', async () => {
    const site = await enablexSite();
    const id = UPCOMING_MEETING_IDS[0];
    const huge = lobbyForm({ options: { image: true }, image: [{ file: 'file0' }] }, { file0: new File([new Uint8Array(12 * 1024 * 1024 + 10)], 'huge.png', { type: 'image/png' }) });
    const tooBig = await expectError(await putLobby(site, id, huge), 413, 'payload_too_large');
    expect(tooBig.message).toContain('12 MB');
    // 3 MB passes the body limit and is refused per image (2 MB each): a 422 under image.
    const large = lobbyForm({ options: { image: true }, image: [{ file: 'file0' }] }, { file0: new File([new Uint8Array(3 * 1024 * 1024)], 'large.png', { type: 'image/png' }) });
    expect((await expectError(await putLobby(site, id, large), 422, 'validation_failed')).errors!.image![0]).toMatch(/3 MB: the most is 2 MB/);
    await expectError(await putLobby(site, id, JSON.stringify({ lobby: '{}' }), { 'Content-Type': 'application/json' }), 415, 'unsupported_media_type');
    // Another origin is refused before the body is read.
    const request = consoleRequest(`${base(site)}/meetings/${id}/lobby`, { method: 'PUT', ...operator, origin: 'https://evil.example' });
    await expectError(await exports.default.fetch(new Request(request, { body: lobbyForm({ options: {} }) })), 403, 'origin_not_allowed');
    // JSON routes: still 16 KB, multipart still refused there.
    await expectError(await consoleCall(`${base(site)}/room`, { ...operator, method: 'PATCH', body: { description: 'x'.repeat(17 * 1024) } }), 413, 'payload_too_large');
    const multipart = consoleRequest(`${base(site)}/room`, { method: 'PATCH', ...operator, origin: OWN_ORIGIN });
    await expectError(await exports.default.fetch(new Request(multipart, { body: lobbyForm({}) })), 415, 'unsupported_media_type');
    expect(sent().filter((r) => r.path.endsWith('/lobby'))).toEqual([]);
    expect(clientIp).toBeTruthy();
  });
});

describe('Console EnableX: permanent room', () => {
  it('shows the room with both PINs, updates it with the documented PATCH, resets PINs with X-Action; PINs are never logged or audited', async () => {
    const logged = captureConsole();
    const site = await enablexSite();
    const room = await json<{ room_id: string; mpin: string; ppin: string; name: string }>(await consoleCall(`${base(site)}/room`, operator));
    expect(sent()[0]).toMatchObject({ method: 'GET', path: '/ucaas/v1/meeting/permanent' });
    expect(room).toMatchObject({ name: "Priya's demo room", mpin: '401871', ppin: '711264' });

    enablex.requests.length = 0;
    const updated = await consoleCall(`${base(site)}/room`, { ...operator, method: 'PATCH', body: { name: 'Acme demo room', participants: 30, knock: true } });
    expect(updated.status).toBe(200);
    const patch = sent('PATCH')[0]!;
    expect(patch.path).toBe(`/ucaas/v1/meetings/permanent/${room.room_id}`);
    expect(patch.headers['x-action']).toBeUndefined();
    expect(patch.body).toStrictEqual({ room_name: 'Acme demo room', participants: 30, knock: true });

    enablex.requests.length = 0;
    const reset = await consoleCall(`${base(site)}/room/reset-pins`, { ...operator, body: { reset_mpin: true, reset_ppin: true } });
    const fresh = await json<{ mpin: string; ppin: string }>(reset);
    const resetRequest = sent('PATCH')[0]!;
    expect(resetRequest.headers['x-action']).toBe('reset-pins');
    expect(resetRequest.body).toStrictEqual({ reset_mpin: true, reset_ppin: true });
    expect(fresh.mpin).not.toBe(room.mpin);
    const audit = await auditActions(site);
    expect(audit.slice(0, 2)).toEqual([
      expect.objectContaining({ action: 'enablex.room.reset-pins', detail: 'moderator and participant' }),
      expect.objectContaining({ action: 'enablex.room.update', detail: 'name, participants, knock' }),
    ]);
    for (const pin of [room.mpin, fresh.mpin]) {
      expect(JSON.stringify(audit)).not.toContain(pin);
      expect(logged()).not.toContain(pin);
    }
    const none = await expectError(await consoleCall(`${base(site)}/room/reset-pins`, { ...operator, body: {} }), 422, 'validation_failed');
    expect(none.errors!.body![0]).toMatch(/moderator PIN, the participant PIN or both/);
  });

  it("with enablex.userId the host's own room is read (GET /meeting/permanent/{user_id})", async () => {
    const site = await enablexSite({ userId: AGENT_USER_ID });
    const room = await json(await consoleCall(`${base(site)}/room`, operator));
    expect(sent()[0]!.path).toBe(`/ucaas/v1/meeting/permanent/${AGENT_USER_ID}`);
    expect(room).toMatchObject({ user_id: AGENT_USER_ID, name: "Arjun's demo room" });
  });
});

describe('Console EnableX: poll results', () => {
  it("gives each session's polls with their options' counts and responders, from the meeting's room", async () => {
    const site = await enablexSite();
    const response = await consoleCall(`${base(site)}/meetings/${CURRENT_MEETING_ID}/polls`, operator);
    expect(response.status).toBe(200);
    expect(sent().map((r) => r.path)).toEqual([`/ucaas/v1/meetings/${CURRENT_MEETING_ID}`, `/ucaas/v1/polls/${POLLED_ROOM_ID}`]);
    const body = await json<{ meeting: unknown; sessions: Array<{ conf_num: number; polls: Array<Record<string, unknown>> }> }>(response);
    expect(body.meeting).toEqual({ meeting_id: CURRENT_MEETING_ID, room_id: POLLED_ROOM_ID, name: 'Live: AirPods Pro video call' });
    expect(body.sessions.map((s) => s.conf_num)).toEqual([101, 102]);
    expect(body.sessions[0]!.polls[0]).toMatchObject({
      id: 1,
      question: 'Which colour would you buy?',
      multiple: false,
      status: 'polled',
      options: [
        { key: 'opt1', label: 'Black', count: 12 },
        { key: 'opt2', label: 'Silver', count: 7 },
        { key: 'opt3', label: 'Blue', count: 3 },
      ],
      total_responders: 22,
    });
    expect(body.sessions[0]!.polls[1]).toMatchObject({ multiple: true, total_responders: 18 });
    expect(body.sessions[1]!.polls.find((p) => p.status === 'draft')).toMatchObject({ total_responders: 0, options: [{ count: 0 }, { count: 0 }] });

    enablex.requests.length = 0;
    const one = await json<{ sessions: Array<{ conf_num: number }> }>(await consoleCall(`${base(site)}/meetings/${CURRENT_MEETING_ID}/polls?conf_num=102`, operator));
    expect(sent()[1]).toMatchObject({ path: `/ucaas/v1/polls/${POLLED_ROOM_ID}`, query: { conf_num: '102' } });
    expect(one.sessions.map((s) => s.conf_num)).toEqual([102]);
    await expectError(await consoleCall(`${base(site)}/meetings/${CURRENT_MEETING_ID}/polls?conf_num=abc`, operator), 422, 'validation_failed');
  });

  it('exports the polls as CSV, one row per option, with formula cells neutralised; the export is audited', async () => {
    const site = await enablexSite();
    enablex.state.polls.push({
      id: 9, room_id: POLLED_ROOM_ID, conf_num: 103, timestamp: Math.floor(enablex.clock.now().getTime() / 1000), duration: '00:01:00', type: 'MCQ1',
      question: '=HYPERLINK("https://evil.example","Click")', options: { opt1: '+44 call me', opt2: '@SUM(A1)', opt3: '-1' }, status: 'P', result: { opt1: 1, opt2: 2, opt3: 0 }, total_result: 3,
    });
    const response = await consoleCall(`${base(site)}/meetings/${CURRENT_MEETING_ID}/polls.csv`, operator);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="polls-${CURRENT_MEETING_ID}.csv"`);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe('conf_num,poll_id,question,multiple,status,option,answer,count,total_responders');
    expect(lines[1]).toBe('101,1,Which colour would you buy?,no,polled,opt1,Black,12,22');
    const evil = lines.filter((line) => line.startsWith('103,'));
    expect(evil).toEqual([
      `103,9,"'=HYPERLINK(""https://evil.example"",""Click"")",no,polled,opt1,'+44 call me,1,3`,
      `103,9,"'=HYPERLINK(""https://evil.example"",""Click"")",no,polled,opt2,'@SUM(A1),2,3`,
      `103,9,"'=HYPERLINK(""https://evil.example"",""Click"")",no,polled,opt3,'-1,0,3`,
    ]);
    expect((await auditActions(site))[0]).toMatchObject({ action: 'enablex.polls.export', detail: `meeting ${CURRENT_MEETING_ID}` });
    expect(OWNER_USER_ID).toBeTruthy();
  });
});
