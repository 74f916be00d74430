// Seeded users, rooms, meetings, polls and time zones of the EnableX simulator, laid out
// around the simulator's clock. Web-standard APIs only: this file also runs inside workerd.

export type AppType = 'vc' | 'wb';

export interface SimUser {
  user_id: string;
  name: string;
  /** App types this user holds a licence for (1617 / 1618 otherwise). */
  licences: AppType[];
}

export interface SimPermanentRoom {
  room_id: string;
  user_id: string;
  room_name: string;
  desc: string;
  mpin: string;
  ppin: string;
  moderators: number;
  participants: number;
  /** Minutes. */
  duration: number;
  wait_for_moderator: boolean;
  knock: boolean;
  auto_recording: boolean;
}

export interface SimInvitees {
  contact_ids: string[];
  group_ids: string[];
  emails: string[];
}

export interface SimLobby {
  options: { messages: boolean; images: boolean; audio: boolean; video: boolean };
  message: Array<{ text: string }>;
  image: Array<{ url: string; caption: string }>;
  video: Array<{ url: string; embed: string }>;
  audio: Array<{ url: string; embed: string }>;
}

export interface SimMeeting {
  meeting_id: string;
  room_id: string;
  user_id: string;
  app_type: AppType;
  room_name: string;
  desc: string;
  /** Epoch ms. */
  start: number;
  /** Minutes. */
  duration: number;
  timezone_id: number;
  moderators: number;
  participants: number;
  wait_for_moderator: boolean;
  knock: boolean;
  auto_recording: boolean;
  send_mail: boolean;
  invitees: SimInvitees;
  mpin: string;
  ppin: string;
  lobby?: SimLobby;
}

export interface SimPoll {
  id: number;
  room_id: string;
  conf_num: number;
  /** Epoch seconds. */
  timestamp: number;
  duration: string;
  type: 'MCQ1' | 'MCQN';
  question: string;
  options: Record<string, string>;
  status: 'P' | 'D';
  result: Record<string, number>;
  total_result: number;
}

/** The document shows a time zone object but no list of ids: this small table is ours. */
export const TIMEZONES: Record<number, { zone_name: string; zone_abbr: string; gmt_offset: number }> = {
  1: { zone_name: 'UTC', zone_abbr: 'UTC', gmt_offset: 0 },
  2: { zone_name: 'Asia/Kolkata', zone_abbr: 'IST', gmt_offset: 19_800 },
  3: { zone_name: 'Europe/London', zone_abbr: 'GMT', gmt_offset: 0 },
  4: { zone_name: 'America/New_York', zone_abbr: 'EST', gmt_offset: -18_000 },
  5: { zone_name: 'Asia/Singapore', zone_abbr: 'SGT', gmt_offset: 28_800 },
};

/** The account owner: the user whose permanent room `GET /meeting/permanent` answers. */
export const OWNER_USER_ID = 'usr-owner';
export const AGENT_USER_ID = 'usr-agent';
export const TRAINEE_USER_ID = 'usr-trainee';

export const CURRENT_MEETING_ID = '65f1a0c0e4b0a1b2c3d40001';
export const UPCOMING_MEETING_IDS = ['65f1a0c0e4b0a1b2c3d40002', '65f1a0c0e4b0a1b2c3d40003', '65f1a0c0e4b0a1b2c3d40004'] as const;
export const PAST_MEETING_ID = '65f1a0c0e4b0a1b2c3d40005';
export const WEBINAR_MEETING_ID = '65f1a0c0e4b0a1b2c3d40006';
/** The current meeting's room: the seeded polls are there, over two sessions. */
export const POLLED_ROOM_ID = '65f1a0c0e4b0a1b2c3d4a001';
export const POLL_SESSIONS = [101, 102] as const;

export function seedUsers(): SimUser[] {
  return [
    { user_id: OWNER_USER_ID, name: 'Priya Sharma', licences: ['vc', 'wb'] },
    { user_id: AGENT_USER_ID, name: 'Arjun Kumar', licences: ['vc'] },
    { user_id: TRAINEE_USER_ID, name: 'Meera Nair', licences: [] },
  ];
}

export function seedPermanentRooms(): SimPermanentRoom[] {
  const room = (n: number, user_id: string, room_name: string): SimPermanentRoom => ({
    room_id: `65f1a0c0e4b0a1b2c3d4f00${n}`, user_id, room_name, desc: 'Permanent demo room',
    mpin: `40${n}871`, ppin: `71${n}264`, moderators: 2, participants: 48, duration: 60,
    wait_for_moderator: true, knock: false, auto_recording: false,
  });
  return [room(1, OWNER_USER_ID, "Priya's demo room"), room(2, AGENT_USER_ID, "Arjun's demo room"), room(3, TRAINEE_USER_ID, "Meera's demo room")];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Today's 00:00 UTC plus `days` and the given UTC time. */
function dayAt(anchor: number, days: number, h: number, m: number): number {
  const d = new Date(anchor);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, h, m);
}

/**
 * One meeting running now (started 10 minutes ago, 60 minutes long), three upcoming in the
 * next three days, one past (yesterday), and one webinar (X-App-Type wb) in four days.
 */
export function seedMeetings(anchor: number): SimMeeting[] {
  const base = {
    desc: '', timezone_id: 2, moderators: 1, participants: 25, wait_for_moderator: false, knock: false,
    auto_recording: false, send_mail: false, invitees: { contact_ids: [], group_ids: [], emails: [] },
  };
  const liveStart = Math.floor(anchor / MINUTE) * MINUTE - 10 * MINUTE;
  const [up1, up2, up3] = UPCOMING_MEETING_IDS;
  return [
    { ...base, meeting_id: CURRENT_MEETING_ID, room_id: POLLED_ROOM_ID, user_id: OWNER_USER_ID, app_type: 'vc', room_name: 'Live: AirPods Pro video call', desc: 'Noise cancelling, up close', start: liveStart, duration: 60, mpin: '518204', ppin: '730915' },
    { ...base, meeting_id: up1, room_id: '65f1a0c0e4b0a1b2c3d4a002', user_id: OWNER_USER_ID, app_type: 'vc', room_name: 'Macbook video walkthrough', start: dayAt(anchor, 1, 10, 35), duration: 30, mpin: '602113', ppin: '884120' },
    { ...base, meeting_id: up2, room_id: '65f1a0c0e4b0a1b2c3d4a003', user_id: OWNER_USER_ID, app_type: 'vc', room_name: 'iPhone video tour', start: dayAt(anchor, 2, 12, 0), duration: 45, mpin: '615522', ppin: '893341', knock: true },
    { ...base, meeting_id: up3, room_id: '65f1a0c0e4b0a1b2c3d4a004', user_id: AGENT_USER_ID, app_type: 'vc', room_name: 'Pixel camera demo', start: dayAt(anchor, 3, 9, 0), duration: 30, mpin: '627731', ppin: '902256' },
    { ...base, meeting_id: PAST_MEETING_ID, room_id: '65f1a0c0e4b0a1b2c3d4a005', user_id: OWNER_USER_ID, app_type: 'vc', room_name: 'Smart watch demo', start: dayAt(anchor, -1, 15, 0), duration: 30, mpin: '639940', ppin: '911467' },
    { ...base, meeting_id: WEBINAR_MEETING_ID, room_id: '65f1a0c0e4b0a1b2c3d4a006', user_id: OWNER_USER_ID, app_type: 'wb', room_name: 'Autumn launch webinar', start: dayAt(anchor, 4, 14, 0), duration: 90, participants: 100, mpin: '641158', ppin: '920678' },
  ].map((m) => ({ ...m, invitees: { contact_ids: [], group_ids: [], emails: [] } }) as SimMeeting);
}

/** Polls in the current meeting's room over two sessions: answered ones with counts, and a draft. */
export function seedPolls(anchor: number): SimPoll[] {
  const at = (minutesAgo: number) => Math.floor((anchor - minutesAgo * MINUTE) / 1000);
  const [s1, s2] = POLL_SESSIONS;
  return [
    { id: 1, room_id: POLLED_ROOM_ID, conf_num: s1, timestamp: at(DAY / MINUTE + 20), duration: '00:01:00', type: 'MCQ1', question: 'Which colour would you buy?', options: { opt1: 'Black', opt2: 'Silver', opt3: 'Blue' }, status: 'P', result: { opt1: 12, opt2: 7, opt3: 3 }, total_result: 22 },
    { id: 2, room_id: POLLED_ROOM_ID, conf_num: s1, timestamp: at(DAY / MINUTE + 10), duration: '00:02:00', type: 'MCQN', question: 'Which features matter most to you?', options: { opt1: 'Battery life', opt2: 'Noise cancelling', opt3: 'Price', opt4: 'Fit' }, status: 'P', result: { opt1: 9, opt2: 14, opt3: 11, opt4: 4 }, total_result: 18 },
    { id: 3, room_id: POLLED_ROOM_ID, conf_num: s2, timestamp: at(5), duration: '00:01:30', type: 'MCQ1', question: 'Would you book a follow-up demo?', options: { opt1: 'Yes', opt2: 'No' }, status: 'P', result: { opt1: 9, opt2: 2 }, total_result: 11 },
    { id: 4, room_id: POLLED_ROOM_ID, conf_num: s2, timestamp: at(1), duration: '00:00:00', type: 'MCQ1', question: 'Which demo should come next?', options: { opt1: 'Macbook', opt2: 'iPhone' }, status: 'D', result: {}, total_result: 0 },
  ];
}
