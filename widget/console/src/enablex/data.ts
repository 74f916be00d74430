/** The EnableX answers of /console/v1/sites/{site}/enablex/…, read loosely (a missing field shows blank). */
import { isObject, list, str, type Json } from '../api.js';

export type Stage = 'upcoming' | 'current' | 'past';

export interface Meeting {
  meeting_id: string;
  name: string;
  description: string;
  start_time: string;
  /** "YYYY-MM-DDTHH:mm" in the site's time zone (what the datetime-local input takes). */
  start_local: string;
  duration: number;
  moderators: number;
  participants: number;
  wait_for_moderator: boolean;
  knock: boolean;
  auto_recording: boolean;
  stage: Stage | '';
  direct_url: string;
  ppin: string;
  mpin: string;
  timezone_id: string;
}

export interface MeetingPage {
  stage: Stage;
  page: number;
  next_page: number | null;
  timezone: string;
  timezone_id: string;
  meetings: Meeting[];
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function parseMeeting(v: unknown): Meeting {
  const m = isObject(v) ? v : {};
  const stage = m.stage === 'upcoming' || m.stage === 'current' || m.stage === 'past' ? m.stage : '';
  return {
    meeting_id: str(m.meeting_id),
    name: str(m.name),
    description: str(m.description),
    start_time: str(m.start_time),
    start_local: str(m.start_local),
    duration: num(m.duration),
    moderators: num(m.moderators),
    participants: num(m.participants),
    wait_for_moderator: m.wait_for_moderator === true,
    knock: m.knock === true,
    auto_recording: m.auto_recording === true,
    stage,
    direct_url: str(m.direct_url),
    ppin: str(m.ppin),
    mpin: str(m.mpin),
    timezone_id: str(m.timezone_id),
  };
}

export function parseMeetingPage(v: unknown): MeetingPage {
  const b = isObject(v) ? v : {};
  const stage = b.stage === 'current' || b.stage === 'past' ? b.stage : 'upcoming';
  return {
    stage,
    page: num(b.page) || 1,
    next_page: typeof b.next_page === 'number' ? b.next_page : null,
    timezone: str(b.timezone),
    timezone_id: str(b.timezone_id),
    meetings: list(b.meetings).map(parseMeeting),
  };
}

export interface LobbyView {
  options: { message: boolean; image: boolean; audio: boolean; video: boolean };
  message: string[];
  image: Array<{ url: string; caption: string }>;
  audio: string[];
  video: string[];
}

export function parseLobby(v: unknown): LobbyView {
  const b = isObject(v) && isObject(v.lobby) ? v.lobby : {};
  const o = isObject(b.options) ? b.options : {};
  return {
    options: { message: o.message === true, image: o.image === true, audio: o.audio === true, video: o.video === true },
    message: list(b.message).map((m) => str(m.text)),
    image: list(b.image).map((m) => ({ url: str(m.url), caption: str(m.caption) })),
    audio: list(b.audio).map((m) => str(m.url)),
    video: list(b.video).map((m) => str(m.url)),
  };
}

export interface PollOption {
  key: string;
  label: string;
  count: number;
}

export interface Poll {
  id: number;
  question: string;
  multiple: boolean;
  status: 'polled' | 'draft';
  asked_at: string;
  options: PollOption[];
  total_responders: number;
}

export interface PollSession {
  conf_num: number;
  polls: Poll[];
}

export function parsePolls(v: unknown): PollSession[] {
  const b = isObject(v) ? v : {};
  return list(b.sessions).map((s: Json) => ({
    conf_num: num(s.conf_num),
    polls: list(s.polls).map((p) => ({
      id: num(p.id),
      question: str(p.question),
      multiple: p.multiple === true,
      status: p.status === 'draft' ? 'draft' : 'polled',
      asked_at: str(p.asked_at),
      options: list(p.options).map((o) => ({ key: str(o.key), label: str(o.label), count: num(o.count) })),
      total_responders: num(p.total_responders),
    })),
  }));
}

export interface Room {
  room_id: string;
  name: string;
  description: string;
  moderators: number;
  participants: number;
  duration: number;
  wait_for_moderator: boolean;
  knock: boolean;
  auto_recording: boolean;
  direct_url: string;
  ppin: string;
  mpin: string;
}

export function parseRoom(v: unknown): Room {
  const r = isObject(v) ? v : {};
  return {
    room_id: str(r.room_id),
    name: str(r.name),
    description: str(r.description),
    moderators: num(r.moderators),
    participants: num(r.participants),
    duration: num(r.duration),
    wait_for_moderator: r.wait_for_moderator === true,
    knock: r.knock === true,
    auto_recording: r.auto_recording === true,
    direct_url: str(r.direct_url),
    ppin: str(r.ppin),
    mpin: str(r.mpin),
  };
}

/** "2 Dec 2026, 4:30 pm" for a local "2026-12-02T16:30" in the site's zone (already local: formatted as UTC). */
export function localWhen(local: string): string {
  const date = new Date(`${local}:00Z`);
  if (!local || Number.isNaN(date.getTime())) return local;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}

export const STAGES: Array<[Stage, string]> = [
  ['upcoming', 'Upcoming'],
  ['current', 'Live now'],
  ['past', 'Past'],
];
