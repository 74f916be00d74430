/**
 * Add to calendar, loaded when a booked demo is first shown (the confirmation, a booked slot):
 * an .ics file (RFC 5545) and Google Calendar / Outlook links. Only for slots whose instants the
 * API gave (`starts_at`).
 */
import { html, nothing } from 'lit';
import type { DemoEvent } from '../api.js';
import type { BookingHost } from '../host.js';
import { en } from '../i18n/i18n.js';
import strings from './en.js';

Object.assign(en, strings);

type T = BookingHost['t'];

const utc = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** TEXT escaping (RFC 5545 3.3.11). */
const text = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** Lines of at most 75 octets, continued with CRLF and a space (3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = new TextEncoder().encode(ch).length;
    if (bytes + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** A short, stable hash (FNV-1a) so the UID names the customer without carrying their number. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

interface Times {
  start: number;
  end: number;
}

function times(e: DemoEvent): Times | undefined {
  const start = Date.parse(e.starts_at ?? '');
  if (Number.isNaN(start)) return undefined;
  const end = Date.parse(e.ends_at ?? '');
  // No end time from Popin: a demo of half an hour.
  return { start, end: end > start ? end : start + 30 * 60_000 };
}

const joinUrl = (e: DemoEvent) => (e.join_url && /^https?:\/\//i.test(e.join_url) ? e.join_url : '');

/** The .ics text: one VEVENT with a stable UID per customer and demo, times in UTC, a 10-minute alarm. */
export function ics(tr: T, e: DemoEvent, customer: string, now = Date.now()): string | undefined {
  const t = times(e);
  if (!t) return undefined;
  const url = joinUrl(e);
  const description = url ? tr('joinTheDemo', { url }) : tr('liveDemo');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//popin-booking//widget//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${e.id}-${hash(customer)}@popin-booking`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(t.start)}`,
    `DTEND:${utc(t.end)}`,
    `SUMMARY:${text(e.name)}`,
    `DESCRIPTION:${text(description)}`,
    ...(url ? [`LOCATION:${text(url)}`, `URL:${url}`] : []),
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${text(e.name)}`,
    'TRIGGER:-PT10M',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

export function googleUrl(tr: T, e: DemoEvent): string | undefined {
  const t = times(e);
  if (!t) return undefined;
  const url = joinUrl(e);
  const q = new URLSearchParams({ action: 'TEMPLATE', text: e.name, dates: `${utc(t.start)}/${utc(t.end)}`, details: url ? tr('joinTheDemo', { url }) : '', location: url });
  return `https://calendar.google.com/calendar/render?${q}`;
}

export function outlookUrl(tr: T, e: DemoEvent): string | undefined {
  const t = times(e);
  if (!t) return undefined;
  const url = joinUrl(e);
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}/, '');
  const q = new URLSearchParams({ path: '/calendar/action/compose', rru: 'addevent', subject: e.name, startdt: iso(t.start), enddt: iso(t.end), body: url ? tr('joinTheDemo', { url }) : '', location: url });
  return `https://outlook.live.com/calendar/0/action/compose?${q}`;
}

/** Downloads the .ics (a blob URL: no data: URL, which a strict CSP or the browser may block). */
function download(t: T, e: DemoEvent, customer: string): void {
  const body = ics(t, e, customer);
  if (!body) return;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([body], { type: 'text/calendar;charset=utf-8' }));
  a.download = `${e.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'demo'}.ics`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** "Add to calendar: .ics · Google · Outlook" for a booked demo. */
export function calendarLinks({ t }: Pick<BookingHost, 't'>, e: DemoEvent, customer: string) {
  const google = googleUrl(t, e);
  const outlook = outlookUrl(t, e);
  if (!google || !outlook) return nothing;
  const name = e.name;
  return html`<p class="calendar" part="calendar">
    <span class="muted">${t('addToCalendar')}</span>
    <button class="link" part="ics" type="button" @click=${() => download(t, e, customer)}><bdi dir="ltr">.ics</bdi><span class="sr-only"> ${t('icsFor', { name })}</span></button>
    <a class="link" part="google-calendar" href=${google} target="_blank" rel="noopener noreferrer">Google<span class="sr-only"> ${t('calendarFor', { name })}</span></a>
    <a class="link" part="outlook-calendar" href=${outlook} target="_blank" rel="noopener noreferrer">Outlook<span class="sr-only"> ${t('calendarFor', { name })}</span></a>
  </p>`;
}
