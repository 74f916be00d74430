import { z } from 'zod';

/**
 * EnableX's answers (../shared/vendor-docs/enablex-ucaas-api.txt) as zod schemas that both
 * validate and normalise them into our API's shapes: `room_name` → `name`, `desc` →
 * `description`, `start_time` → ISO 8601 UTC, counts and durations → numbers, flags → booleans.
 * The document types values loosely ("Number" and "String" for the same field in different
 * answers, `"start_time "` with a trailing space), so each value is accepted in every form
 * the document shows, and nothing else. See README.md beside this file.
 */

/** Keys and string values trimmed: the document writes `"start_time "` and `"room_id": "String "`. */
function trimmed(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const k = key.trim();
    // The spelling without the space wins if both are present.
    if (k !== key && k in value) continue;
    out[k] = typeof item === 'string' ? item.trim() : item;
  }
  return out;
}

const Id = z.union([z.string().min(1).max(200), z.number().int().transform(String)]);
const Count = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const Flag = z.union([
  z.boolean(),
  z.literal([0, 1]).transform((n) => n === 1),
  z.enum(['true', 'false', '0', '1']).transform((s) => s === 'true' || s === '1'),
]);
/** Minutes: a number, "30", or "HH:MM[:SS]" (the permanent room types it "String"). */
const Minutes = z.union([
  z.number().nonnegative(),
  z.string().regex(/^\d+(\.\d+)?$/).transform(Number),
  z.string().regex(/^\d{1,3}:\d{2}(:\d{2})?$/).transform((s) => {
    const [h = 0, m = 0, sec = 0] = s.split(':').map(Number);
    return h * 60 + m + sec / 60;
  }),
]);
/** "YYYY-MM-DD HH:ii:ss" in UTC (the document's format) → "YYYY-MM-DDTHH:ii:ssZ". */
const StartTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?(Z|\+00:00)?$/, 'not YYYY-MM-DD HH:ii:ss')
  .transform((s) => {
    const [date, time = ''] = s.replace(/(Z|\+00:00)$/, '').split(/[ T]/);
    return `${date}T${time.length === 5 ? `${time}:00` : time}Z`;
  });
const Text = z.string().max(10_000);
const OptionalText = z.union([Text, z.null().transform(() => undefined)]).optional();

export const MEETING_STAGES = ['upcoming', 'current', 'past'] as const;
export type MeetingStage = (typeof MEETING_STAGES)[number];

const Timezone = z.preprocess(
  trimmed,
  z.object({
    timezone_id: z.union([z.string(), z.number().transform(String)]).optional(),
    zone_name: z.string().optional(),
    zone_abbr: z.string().optional(),
    time_start: z.union([z.string(), z.number().transform(String)]).optional(),
    gmt_offset: z.union([z.string(), z.number().transform(String)]).optional(),
    is_dst: z.union([z.string(), z.number().transform(String), z.boolean().transform(String)]).optional(),
  }),
);
export type Timezone = z.output<typeof Timezone>;

const StringList = z.array(z.union([z.string(), z.number().transform(String)])).optional();
const Invitees = z.object({ contact_ids: StringList, group_ids: StringList, emails: StringList });

/** A meeting room as every answer names it (cancel and lobby answers carry only this). */
const RoomRefWire = z.object({
  meeting_id: Id,
  room_id: Id.optional(),
  user_id: Id.optional(),
  room_name: Text.optional(),
  app_type: z.string().optional(),
});

export const MeetingRef = z.preprocess(
  trimmed,
  RoomRefWire.transform(({ room_name, ...rest }) => ({ ...rest, ...(room_name !== undefined ? { name: room_name } : {}) })),
);
export type MeetingRef = z.output<typeof MeetingRef>;

export const Meeting = z.preprocess(
  trimmed,
  RoomRefWire.extend({
    room_name: Text,
    desc: OptionalText,
    start_time: StartTime,
    timezone: Timezone.optional(),
    duration: Minutes.optional(),
    moderators: Count.optional(),
    participants: Count.optional(),
    wait_for_moderator: Flag.optional(),
    knock: Flag.optional(),
    auto_recording: Flag.optional(),
    mpin: Id.optional(),
    ppin: Id.optional(),
    direct_url: z.string().optional(),
    stage: z.enum(MEETING_STAGES).optional(),
    invitees: Invitees.optional(),
  }).transform(({ room_name, desc, ...rest }) => ({ ...rest, name: room_name, ...(desc !== undefined ? { description: desc } : {}) })),
);
export type Meeting = z.output<typeof Meeting>;

export const PermanentRoom = z.preprocess(
  trimmed,
  z
    .object({
      room_id: Id,
      user_id: Id.optional(),
      room_name: Text,
      app_type: z.string().optional(),
      desc: OptionalText,
      mpin: Id.optional(),
      ppin: Id.optional(),
      direct_url: z.string().optional(),
      moderators: Count.optional(),
      participants: Count.optional(),
      duration: Minutes.optional(),
      wait_for_moderator: Flag.optional(),
      knock: Flag.optional(),
      auto_recording: Flag.optional(),
    })
    .transform(({ room_name, desc, ...rest }) => ({ ...rest, name: room_name, ...(desc !== undefined ? { description: desc } : {}) })),
);
export type PermanentRoom = z.output<typeof PermanentRoom>;

const Success = z.object({ result: z.union([z.literal(1), z.literal('1').transform(() => 1 as const)]) });

export const PermanentRoomAnswer = Success.extend({ permanent_room: PermanentRoom });
export const MeetingAnswer = Success.extend({ meeting: Meeting });
export const MeetingsAnswer = Success.extend({
  search: z.preprocess(trimmed, z.record(z.string(), z.unknown())).optional(),
  // PHP encodes an empty list as [], a missing one as null.
  meetings: z.array(Meeting).nullable().transform((list) => list ?? []),
});
/** The document's cancel answer names the meeting `event`; `meeting` is accepted too. */
export const CancelAnswer = Success.extend({ event: MeetingRef.optional(), meeting: MeetingRef.optional() }).refine(
  (body) => body.event !== undefined || body.meeting !== undefined,
  { message: 'neither event nor meeting', path: ['event'] },
);

const LobbyMedia = z.preprocess(trimmed, z.object({ url: z.string().max(4096), caption: OptionalText, embed: OptionalText }));
const MediaList = z.array(LobbyMedia).nullish();

/**
 * The lobby: the answers spell the options `messages` / `images`, the requests `message` /
 * `image`; both are accepted and given back as `message` / `image`.
 */
export const Lobby = z.object({
  options: z
    .preprocess(
      trimmed,
      z.object({ messages: Flag.optional(), message: Flag.optional(), images: Flag.optional(), image: Flag.optional(), audio: Flag.optional(), video: Flag.optional() }),
    )
    .transform((o) => ({
      message: o.message ?? o.messages ?? false,
      image: o.image ?? o.images ?? false,
      audio: o.audio ?? false,
      video: o.video ?? false,
    })),
  message: z.array(z.preprocess(trimmed, z.object({ text: Text }))).nullish(),
  image: MediaList,
  video: MediaList,
  audio: MediaList,
}).transform((l) => ({ options: l.options, message: l.message ?? [], image: l.image ?? [], video: l.video ?? [], audio: l.audio ?? [] }));
export type Lobby = z.output<typeof Lobby>;

export const LobbyAnswer = Success.extend({ meeting: MeetingRef, lobby: Lobby });
export const LobbyDeletedAnswer = Success.extend({ meeting: MeetingRef });

const Poll = z.object({
  conf_num: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  timestamp: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  duration: z.union([z.string(), z.number().transform(String)]).optional(),
  /** MCQ1 = one answer, MCQN = several. */
  type: z.string().max(20),
  question: Text,
  options: z.record(z.string(), z.union([z.string(), z.number().transform(String)])),
  /** P = polled, D = draft. */
  status: z.string().max(5),
  // A draft has no results yet: PHP gives [] or null for it.
  result: z.union([z.record(z.string(), Count), z.array(z.never()).transform(() => ({})), z.null().transform(() => ({}))]).optional(),
  total_result: Count.optional(),
  id: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
});
export type Poll = z.output<typeof Poll>;

/** `polls` is an object keyed by poll id; PHP gives [] for an empty one. */
export const PollsAnswer = Success.extend({
  polls: z.union([z.record(z.string(), Poll), z.array(Poll), z.null().transform(() => [])]),
}).transform((body) => ({ polls: Array.isArray(body.polls) ? body.polls : Object.values(body.polls) }));

/** Where the code may be in a `result: 0` answer (the document shows none): see README.md. */
export const FailureBody = z.object({
  result: z.union([z.number(), z.string()]).optional(),
  code: z.unknown().optional(),
  error_code: z.unknown().optional(),
  error: z.unknown().optional(),
  errors: z.unknown().optional(),
});
