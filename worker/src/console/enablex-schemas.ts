import { z } from '@hono/zod-openapi';
import { ErrorSchema, json, SiteParam } from '../schemas';

/**
 * The console's EnableX requests and answers (README "Seller console", "EnableX demos").
 * Field names are the ones EnableX's error codes map to (enablex/errors.ts), so a refusal from
 * EnableX lands under the right field of the console's form: `start_time`, `name`, `duration`…
 */

/** The document's limits, checked before EnableX is asked. */
export const LOBBY_LIMITS = {
  messageMin: 5,
  messageMax: 100,
  messages: 20,
  images: 10,
  /** Per image file; JPEG, PNG, GIF or WebP. */
  imageBytes: 2 * 1024 * 1024,
  /** The one .mp3 file. */
  audioBytes: 8 * 1024 * 1024,
  /** The whole multipart body (the route's own body limit: the console's JSON routes keep 16 KB). */
  bodyBytes: 12 * 1024 * 1024,
  captionMax: 200,
} as const;

export const MEETING_ID = /^[A-Za-z0-9_\-]{1,64}$/;

export const EnablexMeetingParams = z.object({
  site: SiteParam,
  meeting_id: z
    .string()
    .regex(MEETING_ID, 'Use the meeting id from the list.')
    .openapi({ param: { name: 'meeting_id', in: 'path' }, example: '65f1a0c0e4b0a1b2c3d40002' }),
});

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const flag = (description: string) => z.boolean().openapi({ description });
const TimezoneId = z
  .union([z.number().int().min(0).max(999_999_999), z.string().regex(/^[0-9]{1,9}$/, "Use EnableX's numeric time zone id.")])
  .openapi({ description: "EnableX's id of the time zone (its own table). Default: the site's `enablex.timezoneId`.", example: 2 });

const meetingFields = {
  name: z.string().trim().min(3, 'Use at least 3 characters.').max(50, 'Use at most 50 characters.').openapi({ example: 'Galaxy Fold demo' }),
  description: z.string().trim().max(500, 'Use at most 500 characters.').openapi({ example: 'A walk through the new hinge.' }),
  start_time: z
    .string()
    .regex(LOCAL_TIME, 'Enter a date and time like 2026-12-02T16:30.')
    .openapi({ description: "The start in the site's time zone (YYYY-MM-DDTHH:mm, as a datetime-local input gives it); sent to EnableX in UTC.", example: '2026-12-02T16:30' }),
  timezone_id: TimezoneId,
  duration: z.number({ error: 'Enter the duration in minutes.' }).int('Use whole minutes.').min(10, 'A meeting lasts at least 10 minutes.').max(1440, 'Use at most 1440 minutes (24 hours).').openapi({ description: 'Minutes.', example: 30 }),
  moderators: z.number({ error: 'Enter the number of moderators.' }).int('Use a whole number.').min(1, 'At least 1 moderator.').max(1000).openapi({ example: 1 }),
  participants: z.number({ error: 'Enter the number of participants.' }).int('Use a whole number.').min(0, 'Use 0 or more.').max(100_000).openapi({ example: 20 }),
  wait_for_moderator: flag('Participants wait until a moderator joins.'),
  knock: flag('A moderator lets each participant in.'),
  auto_recording: flag('Record every session.'),
};

export const ScheduleRequestSchema = z
  .object({
    ...meetingFields,
    description: meetingFields.description.optional(),
    timezone_id: TimezoneId.optional(),
    wait_for_moderator: meetingFields.wait_for_moderator.default(false),
    knock: meetingFields.knock.default(false),
    auto_recording: meetingFields.auto_recording.default(false),
  })
  .strict()
  .openapi('ConsoleEnablexSchedule');

export const EditRequestSchema = z
  .object(Object.fromEntries(Object.entries(meetingFields).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof typeof meetingFields]: z.ZodOptional<(typeof meetingFields)[K]>;
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Change at least one field.', path: ['body'] })
  .openapi('ConsoleEnablexEdit');

export const MeetingsQuery = z.object({
  stage: z.enum(['upcoming', 'current', 'past']).default('upcoming').openapi({ param: { in: 'query', name: 'stage' } }),
  page: z.coerce.number().int().min(1).max(10_000).default(1).openapi({ param: { in: 'query', name: 'page' }, type: 'integer' }),
});

export const MeetingViewSchema = z
  .object({
    meeting_id: z.string(),
    room_id: z.string().optional(),
    user_id: z.string().optional(),
    name: z.string(),
    description: z.string().optional(),
    start_time: z.string().openapi({ format: 'date-time', description: 'UTC.', example: '2026-12-02T11:00:00Z' }),
    start_local: z.string().openapi({ description: "The start in the site's time zone (YYYY-MM-DDTHH:mm).", example: '2026-12-02T16:30' }),
    duration: z.number().optional().openapi({ description: 'Minutes.' }),
    moderators: z.number().int().optional(),
    participants: z.number().int().optional(),
    wait_for_moderator: z.boolean().optional(),
    knock: z.boolean().optional(),
    auto_recording: z.boolean().optional(),
    stage: z.enum(['upcoming', 'current', 'past']).optional(),
    direct_url: z.string().optional(),
    ppin: z.string().optional().openapi({ description: 'The participant PIN.' }),
    mpin: z.string().optional().openapi({ description: "The moderator PIN: the seller's own, shown in the console only." }),
    timezone_id: z.string().optional(),
  })
  .openapi('ConsoleEnablexMeeting');

export const MeetingsSchema = z
  .object({
    stage: z.enum(['upcoming', 'current', 'past']),
    page: z.number().int(),
    next_page: z.number().int().nullable(),
    timezone: z.string().openapi({ description: "The site's time zone: start_local is in it.", example: 'Asia/Kolkata' }),
    timezone_id: z.string().nullable().openapi({ description: "The site's default EnableX time zone id, when set." }),
    meetings: z.array(MeetingViewSchema),
  })
  .openapi('ConsoleEnablexMeetings');

export const CancelledSchema = z
  .object({ meeting_id: z.string(), name: z.string().optional(), cancelled: z.literal(true) })
  .openapi('ConsoleEnablexCancelled');

const Url = z
  .string()
  .max(2048, 'Use a URL of at most 2048 characters.')
  .regex(/^https?:\/\/[^\s]+$/, 'Enter an http(s) URL.')
  .refine((url) => URL.canParse(url), 'Enter a valid URL.');
const FilePart = z.string().regex(/^file[0-9]{1,2}$/, 'Name an uploaded part (file0, file1…).');
const pathEndsWith = (ext: string) => (url: string) => !URL.canParse(url) || new URL(url).pathname.toLowerCase().endsWith(ext);

/** The `lobby` part of the console's multipart upload (files are the other parts, named in it). */
export const LobbyRequestSchema = z
  .object({
    options: z
      .object({ message: z.boolean().default(false), image: z.boolean().default(false), audio: z.boolean().default(false), video: z.boolean().default(false) })
      .strict(),
    message: z
      .array(
        z.object({
          text: z
            .string()
            .trim()
            .min(LOBBY_LIMITS.messageMin, `A message needs at least ${LOBBY_LIMITS.messageMin} characters.`)
            .max(LOBBY_LIMITS.messageMax, `A message can have at most ${LOBBY_LIMITS.messageMax} characters.`),
        }).strict(),
      )
      .max(LOBBY_LIMITS.messages, `Use at most ${LOBBY_LIMITS.messages} messages.`)
      .default([]),
    image: z
      .array(
        z
          .object({ url: Url.optional(), file: FilePart.optional(), caption: z.string().trim().max(LOBBY_LIMITS.captionMax, `Use at most ${LOBBY_LIMITS.captionMax} characters in a caption.`).optional() })
          .strict()
          .refine((image) => (image.url === undefined) !== (image.file === undefined), 'Give each image a file or a URL.'),
      )
      .max(LOBBY_LIMITS.images, `Use at most ${LOBBY_LIMITS.images} images.`)
      .default([]),
    audio: z
      .array(
        z
          .object({ url: Url.refine(pathEndsWith('.mp3'), 'The audio must be an .mp3 file.').optional(), file: FilePart.optional() })
          .strict()
          .refine((audio) => (audio.url === undefined) !== (audio.file === undefined), 'Give the audio a file or a URL.'),
      )
      .max(1, 'EnableX plays one audio file.')
      .default([]),
    video: z
      .array(z.object({ url: Url.refine(pathEndsWith('.mp4'), 'The video must be an .mp4 URL.') }).strict())
      .max(1, 'EnableX plays one video.')
      .default([]),
  })
  .strict()
  .superRefine((lobby, ctx) => {
    const { message, image, audio, video } = lobby.options;
    const main = [message, image, video].filter(Boolean).length;
    // The document: one of the four; background audio beside messages or images, or alone.
    if (main > 1 || (main === 0 && !audio) || (video && audio)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Choose messages, images or a video; background audio can play beside messages or images, or alone.' });
    }
    const need = [
      ['message', message, lobby.message.length, 'Add at least one message.'],
      ['image', image, lobby.image.length, 'Add at least one image.'],
      ['audio', audio, lobby.audio.length, 'Add the audio file or its URL.'],
      ['video', video, lobby.video.length, 'Add the video URL.'],
    ] as const;
    for (const [key, chosen, count, text] of need) if (chosen && count === 0) ctx.addIssue({ code: 'custom', path: [key], message: text });
  });
export type LobbyRequest = z.output<typeof LobbyRequestSchema>;

/** A file part (the form validator hands Files over as they are). */
const FileBinary = z.custom<File>((value) => value instanceof File, 'must be a file').openapi({ type: 'string', format: 'binary' });

export const LobbyUploadSchema = z
  .object({
    lobby: z.string().openapi({ description: 'JSON: { options, message[], image[{ url | file, caption }], audio[{ url | file }], video[{ url }] }; `file` names another part.' }),
  })
  .catchall(FileBinary)
  .openapi('ConsoleEnablexLobbyUpload', {
    description: `Image parts: JPEG, PNG, GIF or WebP, at most ${LOBBY_LIMITS.imageBytes / 1024 / 1024} MB each; the audio part: one .mp3, at most ${LOBBY_LIMITS.audioBytes / 1024 / 1024} MB; the whole body at most ${LOBBY_LIMITS.bodyBytes / 1024 / 1024} MB.`,
  });

const Media = z.object({ url: z.string(), caption: z.string().optional() });

export const LobbyViewSchema = z
  .object({
    meeting: z.object({ meeting_id: z.string(), name: z.string().optional() }),
    lobby: z.object({
      options: z.object({ message: z.boolean(), image: z.boolean(), audio: z.boolean(), video: z.boolean() }),
      message: z.array(z.object({ text: z.string() })),
      image: z.array(Media),
      audio: z.array(Media.omit({ caption: true })),
      video: z.array(Media.omit({ caption: true })),
    }),
  })
  .openapi('ConsoleEnablexLobby');

export const RoomViewSchema = z
  .object({
    room_id: z.string(),
    user_id: z.string().optional(),
    name: z.string(),
    description: z.string().optional(),
    moderators: z.number().int().optional(),
    participants: z.number().int().optional(),
    duration: z.number().optional(),
    wait_for_moderator: z.boolean().optional(),
    knock: z.boolean().optional(),
    auto_recording: z.boolean().optional(),
    direct_url: z.string().optional(),
    ppin: z.string().optional(),
    mpin: z.string().optional().openapi({ description: "The moderator PIN: the seller's own, shown in the console only, never logged." }),
  })
  .openapi('ConsoleEnablexRoom');

export const RoomPatchSchema = z
  .object({
    name: z.string().trim().min(3, 'Use at least 3 characters.').max(50, 'Use at most 50 characters.').optional(),
    description: meetingFields.description.optional(),
    moderators: meetingFields.moderators.optional(),
    participants: meetingFields.participants.optional(),
    wait_for_moderator: meetingFields.wait_for_moderator.optional(),
    knock: meetingFields.knock.optional(),
    auto_recording: meetingFields.auto_recording.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Change at least one field.', path: ['body'] })
  .openapi('ConsoleEnablexRoomPatch');

export const PinResetSchema = z
  .object({ reset_mpin: z.boolean().default(false), reset_ppin: z.boolean().default(false) })
  .strict()
  .refine((body) => body.reset_mpin || body.reset_ppin, { message: 'Choose the moderator PIN, the participant PIN or both.', path: ['body'] })
  .openapi('ConsoleEnablexPinReset');

export const PollsQuery = z.object({
  conf_num: z
    .string()
    .regex(/^[0-9]{1,12}$/, 'Use a session number from the results.')
    .optional()
    .openapi({ param: { in: 'query', name: 'conf_num' }, description: 'One session only.' }),
});

export const PollsSchema = z
  .object({
    meeting: z.object({ meeting_id: z.string(), room_id: z.string(), name: z.string() }),
    sessions: z.array(
      z.object({
        conf_num: z.number().int(),
        polls: z.array(
          z.object({
            id: z.number().int(),
            question: z.string(),
            multiple: z.boolean().openapi({ description: 'MCQN: a responder may choose several options.' }),
            status: z.enum(['polled', 'draft']),
            asked_at: z.string().nullable().openapi({ format: 'date-time' }),
            options: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() })),
            total_responders: z.number().int(),
          }),
        ),
      }),
    ),
  })
  .openapi('ConsoleEnablexPolls');

export const enablexErrors = {
  403: json(
    ErrorSchema,
    'forbidden_site, operator_only, origin_not_allowed, or enablex_licence: the EnableX account has no subscription or the host no licence (the message says what to fix in the EnableX portal).',
  ),
  404: json(ErrorSchema, 'unknown_site, or enablex_not_found: EnableX does not know this meeting or room (or it belongs to another host).'),
  409: json(ErrorSchema, 'enablex_not_configured: the site has no enablex option; enablex_rejected: the meeting is not active (past) and cannot change.'),
  422: json(ErrorSchema, 'validation_failed: errors keyed by field, from our checks or from EnableX\'s codes (1601 → start_time, 1612 → name, 2432 → message …).'),
  502: json(ErrorSchema, 'enablex_unavailable: EnableX failed, answered something unexpected (an unknown code is named in the message), or refused the worker\'s app key.'),
  504: json(ErrorSchema, 'enablex_timeout: EnableX did not answer in time.'),
};
