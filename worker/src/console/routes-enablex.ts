import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ListMeetingsQuery, LobbyInput, Upload } from '../enablex/client';
import type { AppEnv } from '../env';
import { validationError, type FieldErrors } from '../errors';
import { createRouter } from '../routes/router';
import { json } from '../schemas';
import { audit } from './audit';
import { authorize } from './auth';
import { csvRow } from './csv';
import {
  enablexCall,
  localToUtc,
  meetingView,
  ownMeeting,
  pollSessions,
  roomView,
  siteEnablex,
  timezoneIdValue,
  type SiteEnablex,
} from './enablex';
import {
  CancelledSchema,
  EditRequestSchema,
  EnablexMeetingParams,
  enablexErrors,
  LOBBY_LIMITS,
  LobbyRequestSchema,
  LobbyUploadSchema,
  LobbyViewSchema,
  MeetingsQuery,
  MeetingsSchema,
  MeetingViewSchema,
  PinResetSchema,
  PollsQuery,
  PollsSchema,
  RoomPatchSchema,
  RoomViewSchema,
  ScheduleRequestSchema,
  type LobbyRequest,
} from './enablex-schemas';
import { consoleBodyErrors, consoleErrors, consoleSecurity, ConsoleSiteParams } from './schemas';

/** The console's EnableX sections: meetings (schedule, edit, cancel), lobby, permanent room, poll results. */

const path = (rest: string) => `/console/v1/sites/{site}/enablex${rest}`;
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const PAGE_LENGTH = 20;

const readErrors = { ...consoleErrors, ...enablexErrors, 422: enablexErrors[422] };
const writeErrors = { ...consoleErrors, ...consoleBodyErrors, ...enablexErrors };

const listMeetings = createRoute({
  method: 'get',
  path: path('/meetings'),
  operationId: 'consoleEnablexMeetings',
  summary: "The site's EnableX meetings of one stage, page by page",
  description: 'Upcoming and current soonest first, past latest first. A site with `enablex.userId` sees only that host\'s meetings.',
  request: { params: ConsoleSiteParams, query: MeetingsQuery },
  security: consoleSecurity,
  responses: { 200: json(MeetingsSchema, 'One page'), ...readErrors },
});

const schedule = createRoute({
  method: 'post',
  path: path('/meetings'),
  operationId: 'consoleEnablexSchedule',
  summary: 'Schedule an EnableX meeting',
  description: "start_time is in the site's time zone and goes to EnableX in UTC. A past start is refused by EnableX (1601): the error comes back under start_time.",
  request: { params: ConsoleSiteParams, ...body(ScheduleRequestSchema) },
  security: consoleSecurity,
  responses: { 201: json(MeetingViewSchema, 'Scheduled'), ...writeErrors },
});

const getMeeting = createRoute({
  method: 'get',
  path: path('/meetings/{meeting_id}'),
  operationId: 'consoleEnablexMeeting',
  summary: 'One EnableX meeting',
  request: { params: EnablexMeetingParams },
  security: consoleSecurity,
  responses: { 200: json(MeetingViewSchema, 'The meeting'), ...readErrors },
});

const editMeeting = createRoute({
  method: 'patch',
  path: path('/meetings/{meeting_id}'),
  operationId: 'consoleEnablexEdit',
  summary: 'Edit an EnableX meeting (only the fields sent)',
  request: { params: EnablexMeetingParams, ...body(EditRequestSchema) },
  security: consoleSecurity,
  responses: { 200: json(MeetingViewSchema, 'The meeting after the change'), ...writeErrors },
});

const cancelMeeting = createRoute({
  method: 'delete',
  path: path('/meetings/{meeting_id}'),
  operationId: 'consoleEnablexCancel',
  summary: 'Cancel an EnableX meeting',
  request: { params: EnablexMeetingParams },
  security: consoleSecurity,
  responses: { 200: json(CancelledSchema, 'Cancelled'), ...writeErrors },
});

const getLobby = createRoute({
  method: 'get',
  path: path('/meetings/{meeting_id}/lobby'),
  operationId: 'consoleEnablexLobby',
  summary: "A meeting's lobby (waiting room) content",
  description: 'EnableX\'s `embed` HTML is never passed on: only URLs.',
  request: { params: EnablexMeetingParams },
  security: consoleSecurity,
  responses: { 200: json(LobbyViewSchema, 'The lobby (every option false when there is none)'), ...readErrors },
});

const putLobby = createRoute({
  method: 'put',
  path: path('/meetings/{meeting_id}/lobby'),
  operationId: 'consoleEnablexSaveLobby',
  summary: "Replace a meeting's lobby: messages, images (uploads or URLs) with captions, one audio, one video",
  description: `multipart/form-data: a \`lobby\` JSON part and the files it names. The document's limits are checked first: messages ${LOBBY_LIMITS.messageMin}–${LOBBY_LIMITS.messageMax} characters, one audio (.mp3), one video (.mp4 URL), background audio only beside messages or images. Sent to EnableX as multipart/form-data.`,
  request: { params: EnablexMeetingParams, body: { content: { 'multipart/form-data': { schema: LobbyUploadSchema } }, required: true } },
  security: consoleSecurity,
  responses: {
    200: json(LobbyViewSchema, 'The lobby as EnableX saved it'),
    ...writeErrors,
    413: json(z.object({ message: z.string(), code: z.string() }), `payload_too_large: a lobby upload is limited to ${LOBBY_LIMITS.bodyBytes / 1024 / 1024} MB in all (other console bodies to 16 KB).`),
    415: consoleBodyErrors[415],
  },
});

const deleteLobby = createRoute({
  method: 'delete',
  path: path('/meetings/{meeting_id}/lobby'),
  operationId: 'consoleEnablexDeleteLobby',
  summary: "Remove a meeting's lobby",
  request: { params: EnablexMeetingParams },
  security: consoleSecurity,
  responses: { 204: { description: 'Removed' }, ...writeErrors },
});

const getPolls = createRoute({
  method: 'get',
  path: path('/meetings/{meeting_id}/polls'),
  operationId: 'consoleEnablexPolls',
  summary: "Poll results of a meeting's room, per session (conf_num)",
  request: { params: EnablexMeetingParams, query: PollsQuery },
  security: consoleSecurity,
  responses: { 200: json(PollsSchema, 'Sessions, each with its polls'), ...readErrors },
});

const pollsCsv = createRoute({
  method: 'get',
  path: path('/meetings/{meeting_id}/polls.csv'),
  operationId: 'consoleEnablexPollsCsv',
  summary: 'Poll results as CSV (one row per option)',
  request: { params: EnablexMeetingParams, query: PollsQuery },
  security: consoleSecurity,
  responses: { 200: { description: 'text/csv attachment', content: { 'text/csv': { schema: z.string() } } }, ...readErrors },
});

const getRoom = createRoute({
  method: 'get',
  path: path('/room'),
  operationId: 'consoleEnablexRoom',
  summary: "The host's permanent EnableX room",
  request: { params: ConsoleSiteParams },
  security: consoleSecurity,
  responses: { 200: json(RoomViewSchema, 'The room, with both PINs'), ...readErrors },
});

const patchRoom = createRoute({
  method: 'patch',
  path: path('/room'),
  operationId: 'consoleEnablexUpdateRoom',
  summary: "Update the permanent room's settings",
  request: { params: ConsoleSiteParams, ...body(RoomPatchSchema) },
  security: consoleSecurity,
  responses: { 200: json(RoomViewSchema, 'The room after the change'), ...writeErrors },
});

const resetPins = createRoute({
  method: 'post',
  path: path('/room/reset-pins'),
  operationId: 'consoleEnablexResetPins',
  summary: "Give the permanent room new PINs (moderator, participant or both)",
  request: { params: ConsoleSiteParams, ...body(PinResetSchema) },
  security: consoleSecurity,
  responses: { 200: json(RoomViewSchema, 'The room with its new PINs'), ...writeErrors },
});

/** Authorizes the site and returns its EnableX client (409 without the option). */
async function enter(c: Context<AppEnv>, site: string): Promise<SiteEnablex> {
  await authorize(c, site);
  return siteEnablex(c);
}

async function permanentRoom(x: SiteEnablex) {
  return enablexCall(() => x.client.getPermanentRoom(x.userId));
}

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const MB = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The `lobby` part and its files → the client's input, or 422 keyed by field (message, image, audio, video, options). */
function lobbyInput(form: Record<string, unknown>): LobbyInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(form.lobby ?? ''));
  } catch {
    throw validationError({ lobby: ['Send the lobby as JSON in the "lobby" part.'] });
  }
  const result = LobbyRequestSchema.safeParse(parsed);
  if (!result.success) {
    const errors: FieldErrors = {};
    for (const issue of result.error.issues) (errors[issue.path.length ? String(issue.path[0]) : 'lobby'] ??= []).push(issue.message);
    throw validationError(errors);
  }
  const lobby: LobbyRequest = result.data;
  const errors: FieldErrors = {};
  const file = (name: string, key: 'image' | 'audio', index: number): Upload | undefined => {
    const part = form[name];
    const label = key === 'image' ? `Image ${index + 1}` : 'The audio';
    if (!(part instanceof File)) {
      (errors[key] ??= []).push(`${label}: the file "${name}" was not uploaded.`);
      return undefined;
    }
    const limit = key === 'image' ? LOBBY_LIMITS.imageBytes : LOBBY_LIMITS.audioBytes;
    const typeOk = key === 'image' ? IMAGE_TYPES.has(part.type) : part.type === 'audio/mpeg' || /\.mp3$/i.test(part.name);
    if (!typeOk) (errors[key] ??= []).push(key === 'image' ? `${label} must be a JPEG, PNG, GIF or WebP picture.` : 'The audio must be an .mp3 file.');
    else if (part.size > limit) (errors[key] ??= []).push(`${label} is ${MB(part.size)}: the most is ${MB(limit)}.`);
    else if (part.size === 0) (errors[key] ??= []).push(`${label} is empty.`);
    return { file: part, filename: part.name.slice(-100) || (key === 'image' ? 'image' : 'audio.mp3') };
  };
  const { options } = lobby;
  const input: LobbyInput = { options };
  // Only what the chosen options use is sent: EnableX keeps one kind (plus audio).
  if (options.message) input.message = lobby.message.map((m) => ({ text: m.text }));
  if (options.image) {
    input.image = lobby.image.map((item, i) => {
      const caption = item.caption ? { caption: item.caption } : {};
      if (item.url !== undefined) return { url: item.url, ...caption };
      return { ...(file(item.file!, 'image', i) ?? { url: '' }), ...caption };
    });
  }
  if (options.audio) input.audio = lobby.audio.map((item) => (item.url !== undefined ? { url: item.url } : (file(item.file!, 'audio', 0) ?? { url: '' })));
  if (options.video) input.video = lobby.video.map((item) => ({ url: item.url }));
  if (Object.keys(errors).length) throw validationError(errors);
  return input;
}

function lobbyView(info: { meeting: { meeting_id: string; name?: string }; lobby: { options: Record<'message' | 'image' | 'audio' | 'video', boolean>; message: Array<{ text: string }>; image: Array<{ url: string; caption?: string }>; audio: Array<{ url: string }>; video: Array<{ url: string }> } }) {
  const { lobby } = info;
  return {
    meeting: { meeting_id: info.meeting.meeting_id, ...(info.meeting.name !== undefined ? { name: info.meeting.name } : {}) },
    lobby: {
      options: lobby.options,
      message: lobby.message.map(({ text }) => ({ text })),
      // EnableX's `embed` HTML is left out: the console and the widget use URLs only.
      image: lobby.image.map(({ url, caption }) => ({ url, ...(caption ? { caption } : {}) })),
      audio: lobby.audio.map(({ url }) => ({ url })),
      video: lobby.video.map(({ url }) => ({ url })),
    },
  };
}

/** The polls of a meeting's room (one session with `confNum`), grouped by session. */
async function polls(c: Context<AppEnv>, site: string, meetingId: string, confNum?: string) {
  const x = await enter(c, site);
  const meeting = await ownMeeting(x, meetingId);
  if (!meeting.room_id) return { meeting: { meeting_id: meetingId, room_id: '', name: meeting.name }, sessions: [] };
  const list = await enablexCall(() => x.client.getPolls(meeting.room_id!, confNum));
  return { meeting: { meeting_id: meetingId, room_id: meeting.room_id, name: meeting.name }, sessions: pollSessions(list) };
}

/** Registered one statement apart from the export, so the console's router keeps a simple type. */
export const enablexRoutes = createRouter();

enablexRoutes
  .openapi(listMeetings, async (c) => {
    const x = await enter(c, c.req.valid('param').site);
    const { stage, page } = c.req.valid('query');
    const query: ListMeetingsQuery = { page, page_length: PAGE_LENGTH, stage, order_by: 'start_time', order_qualify: stage === 'past' ? 'desc' : 'asc' };
    const { meetings } = await enablexCall(() => x.client.listMeetings(x.userId ? { ...query, search_by: 'user_id', search_string: x.userId } : query));
    return c.json(
      {
        stage,
        page,
        next_page: meetings.length === PAGE_LENGTH ? page + 1 : null,
        timezone: x.timezone,
        timezone_id: x.timezoneId ?? null,
        meetings: meetings.filter((m) => x.userId === undefined || m.user_id === x.userId).map((m) => meetingView(m, x.timezone)),
      },
      200,
    );
  })
  .openapi(schedule, async (c) => {
    const x = await enter(c, c.req.valid('param').site);
    const input = c.req.valid('json');
    const timezoneId = input.timezone_id ?? x.timezoneId;
    if (timezoneId === undefined) {
      throw validationError({ timezone_id: [`Enter EnableX's time zone id for ${x.timezone} (or ask the operator to set the site's enablex.timezoneId).`] });
    }
    const meeting = await enablexCall(() =>
      x.client.scheduleMeeting({
        ...(x.userId ? { user_id: x.userId } : {}),
        name: input.name,
        ...(input.description ? { description: input.description } : {}),
        start_time: localToUtc(input.start_time, x.timezone),
        timezone_id: timezoneIdValue(timezoneId),
        duration: input.duration,
        moderators: input.moderators,
        participants: input.participants,
        wait_for_moderator: input.wait_for_moderator,
        knock: input.knock,
        auto_recording: input.auto_recording,
      }),
    );
    await audit(c, 'enablex.schedule', `meeting ${meeting.meeting_id}`);
    return c.json(meetingView(meeting, x.timezone), 201);
  })
  .openapi(getMeeting, async (c) => {
    const { site, meeting_id } = c.req.valid('param');
    const x = await enter(c, site);
    return c.json(meetingView(await ownMeeting(x, meeting_id), x.timezone), 200);
  })
  .openapi(editMeeting, async (c) => {
    const { site, meeting_id } = c.req.valid('param');
    const x = await enter(c, site);
    await ownMeeting(x, meeting_id);
    const { start_time, timezone_id, ...rest } = c.req.valid('json');
    const zone = timezone_id ?? (start_time !== undefined ? x.timezoneId : undefined);
    const meeting = await enablexCall(() =>
      x.client.editMeeting(meeting_id, {
        ...rest,
        ...(start_time !== undefined ? { start_time: localToUtc(start_time, x.timezone) } : {}),
        ...(zone !== undefined ? { timezone_id: timezoneIdValue(zone) } : {}),
      }),
    );
    await audit(c, 'enablex.edit', `meeting ${meeting_id}: ${Object.keys(c.req.valid('json')).join(', ')}`);
    return c.json(meetingView(meeting, x.timezone), 200);
  })
  .openapi(cancelMeeting, async (c) => {
    const { site, meeting_id } = c.req.valid('param');
    const x = await enter(c, site);
    await ownMeeting(x, meeting_id);
    const ref = await enablexCall(() => x.client.cancelMeeting(meeting_id));
    await audit(c, 'enablex.cancel', `meeting ${meeting_id}`);
    return c.json({ meeting_id: ref.meeting_id, ...(ref.name !== undefined ? { name: ref.name } : {}), cancelled: true as const }, 200);
  })
  .openapi(getLobby, async (c) => {
    const { site, meeting_id } = c.req.valid('param');
    const x = await enter(c, site);
    await ownMeeting(x, meeting_id);
    return c.json(lobbyView(await enablexCall(() => x.client.getLobby(meeting_id))), 200);
  })
  .openapi(putLobby, async (c) => {
    const { site, meeting_id } = c.req.valid('param');
    const x = await enter(c, site);
    const input = lobbyInput(c.req.valid('form') as Record<string, unknown>);
    await ownMeeting(x, meeting_id);
    // Add when the meeting has no lobby yet, else update (the document has both).
    const current = await enablexCall(() => x.client.getLobby(meeting_id));
    const exists = Object.values(current.lobby.options).some(Boolean);
    const saved = await enablexCall(() => (exists ? x.client.updateLobby(meeting_id, input) : x.client.addLobby(meeting_id, input)));
    const chosen = Object.entries(input.options).filter(([, on]) => on).map(([name]) => name);
    await audit(c, 'enablex.lobby', `meeting ${meeting_id}: ${chosen.join(', ')}`);
    return c.json(lobbyView(saved), 200);
  })
  .openapi(deleteLobby, async (c) => {
    const { site, meeting_id } = c.req.valid('param');
    const x = await enter(c, site);
    await ownMeeting(x, meeting_id);
    await enablexCall(() => x.client.deleteLobby(meeting_id));
    await audit(c, 'enablex.lobby.delete', `meeting ${meeting_id}`);
    return c.body(null, 204);
  })
  .openapi(getPolls, async (c) => {
    const { site, meeting_id } = c.req.valid('param');
    return c.json(await polls(c, site, meeting_id, c.req.valid('query').conf_num), 200);
  })
  .openapi(pollsCsv, async (c) => {
    const { site, meeting_id } = c.req.valid('param');
    const result = await polls(c, site, meeting_id, c.req.valid('query').conf_num);
    let csv = csvRow(['conf_num', 'poll_id', 'question', 'multiple', 'status', 'option', 'answer', 'count', 'total_responders']);
    for (const session of result.sessions) {
      for (const poll of session.polls) {
        for (const option of poll.options) {
          csv += csvRow([session.conf_num, poll.id, poll.question, poll.multiple ? 'yes' : 'no', poll.status, option.key, option.label, option.count, poll.total_responders]);
        }
      }
    }
    await audit(c, 'enablex.polls.export', `meeting ${result.meeting.meeting_id}`);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="polls-${result.meeting.meeting_id}.csv"`);
    return c.body(csv, 200);
  })
  .openapi(getRoom, async (c) => {
    const x = await enter(c, c.req.valid('param').site);
    return c.json(roomView(await permanentRoom(x)), 200);
  })
  .openapi(patchRoom, async (c) => {
    const x = await enter(c, c.req.valid('param').site);
    const update = c.req.valid('json');
    const room = await permanentRoom(x);
    const saved = await enablexCall(() => x.client.updatePermanentRoom(room.room_id, update));
    await audit(c, 'enablex.room.update', Object.keys(update).join(', '));
    return c.json(roomView(saved), 200);
  })
  .openapi(resetPins, async (c) => {
    const x = await enter(c, c.req.valid('param').site);
    const { reset_mpin, reset_ppin } = c.req.valid('json');
    const room = await permanentRoom(x);
    const saved = await enablexCall(() => x.client.resetPermanentRoomPins(room.room_id, { ...(reset_mpin ? { reset_mpin } : {}), ...(reset_ppin ? { reset_ppin } : {}) }));
    // Which PINs, never their values.
    await audit(c, 'enablex.room.reset-pins', [reset_mpin ? 'moderator' : '', reset_ppin ? 'participant' : ''].filter(Boolean).join(' and '));
    return c.json(roomView(saved), 200);
  });
