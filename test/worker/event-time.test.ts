import { describe, expect, it } from 'vitest';
import { eventTimes } from '../../worker/src/popin/event-time';

const at = (iso: string) => Date.parse(iso);
const ev = (date: string, month: string, time: string, end_time = '') => ({ date, month, time, end_time });

describe('eventTimes: Popin wall-clock strings → ISO 8601 instants', () => {
  it('reads the site zone and 12-hour times', () => {
    expect(eventTimes(ev('02', 'Dec', '04:05 pm', '04:20 pm'), 'Asia/Kolkata', at('2026-11-30T01:00:00Z'))).toEqual({
      starts_at: '2026-12-02T16:05:00+05:30',
      ends_at: '2026-12-02T16:20:00+05:30',
    });
    expect(eventTimes(ev('02', 'Dec', '12:00 am', '12:30 pm'), 'Asia/Kolkata', at('2026-11-30T01:00:00Z'))).toEqual({
      starts_at: '2026-12-02T00:00:00+05:30',
      ends_at: '2026-12-02T12:30:00+05:30',
    });
  });

  it('picks the next occurrence across the year boundary, both ways', () => {
    // Seen on 30 Dec: "02 Jan" is next year's.
    expect(eventTimes(ev('02', 'Jan', '10:00 am'), 'Asia/Kolkata', at('2026-12-30T06:00:00Z')).starts_at).toBe('2027-01-02T10:00:00+05:30');
    // Seen on 1 Jan just after midnight: a demo live since 31 Dec 11:30 pm is last year's.
    expect(
      eventTimes(ev('31', 'Dec', '11:30 pm', '12:30 am'), 'Asia/Kolkata', at('2026-12-31T18:40:00Z')), // 1 Jan 00:10 IST
    ).toEqual({ starts_at: '2026-12-31T23:30:00+05:30', ends_at: '2027-01-01T00:30:00+05:30' });
    // The site's zone decides the year, not UTC: 1 Jan 2027 04:00 in Kolkata is still 31 Dec in UTC.
    expect(eventTimes(ev('01', 'Jan', '09:00 am'), 'Asia/Kolkata', at('2026-12-31T22:30:00Z')).starts_at).toBe('2027-01-01T09:00:00+05:30');
  });

  it('ends the next day when the end time is before the start', () => {
    expect(eventTimes(ev('02', 'Dec', '11:45 pm', '12:15 am'), 'Asia/Kolkata', at('2026-11-30T01:00:00Z')).ends_at).toBe('2026-12-03T00:15:00+05:30');
  });

  it('follows DST in Europe/London: offsets either side, a skipped hour, a repeated hour', () => {
    const now = at('2026-03-01T00:00:00Z');
    expect(eventTimes(ev('28', 'Mar', '10:00 am'), 'Europe/London', now).starts_at).toBe('2026-03-28T10:00:00+00:00');
    expect(eventTimes(ev('30', 'Mar', '10:00 am'), 'Europe/London', now).starts_at).toBe('2026-03-30T10:00:00+01:00');
    // 29 Mar 2026 01:30 does not exist in London (01:00 → 02:00): moved forward by the gap.
    expect(eventTimes(ev('29', 'Mar', '01:30 am', '02:30 am'), 'Europe/London', now)).toEqual({
      starts_at: '2026-03-29T02:30:00+01:00',
      ends_at: '2026-03-29T02:30:00+01:00',
    });
    // 25 Oct 2026 01:30 happens twice (02:00 BST → 01:00 GMT): the first one, in BST.
    const autumn = eventTimes(ev('25', 'Oct', '01:30 am', '02:30 am'), 'Europe/London', at('2026-10-01T00:00:00Z'));
    expect(autumn).toEqual({ starts_at: '2026-10-25T01:30:00+01:00', ends_at: '2026-10-25T02:30:00+00:00' });
    expect(Date.parse(autumn.ends_at!) - Date.parse(autumn.starts_at!)).toBe(2 * 3600_000);
    // New York, for a zone west of UTC.
    expect(eventTimes(ev('08', 'Mar', '03:00 am'), 'America/New_York', now).starts_at).toBe('2026-03-08T03:00:00-04:00');
  });

  it('gives null for strings it cannot read, never a wrong date', () => {
    const now = at('2026-11-30T01:00:00Z');
    expect(eventTimes(ev('31', 'Feb', '10:00 am'), 'Asia/Kolkata', now)).toEqual({ starts_at: null, ends_at: null });
    expect(eventTimes(ev('02', 'Dez', '10:00 am'), 'Asia/Kolkata', now)).toEqual({ starts_at: null, ends_at: null });
    expect(eventTimes(ev('02', 'Dec', '13:00 pm'), 'Asia/Kolkata', now)).toEqual({ starts_at: null, ends_at: null });
    expect(eventTimes(ev('02', 'Dec', '10:00 am', 'soon'), 'Asia/Kolkata', now)).toEqual({ starts_at: '2026-12-02T10:00:00+05:30', ends_at: null });
    // 29 Feb: only when this or the next year has one (Popin lists weeks ahead, not years).
    expect(eventTimes(ev('29', 'Feb', '10:00 am'), 'Asia/Kolkata', now).starts_at).toBeNull();
    expect(eventTimes(ev('29', 'Feb', '10:00 am'), 'Asia/Kolkata', at('2027-12-01T00:00:00Z')).starts_at).toBe('2028-02-29T10:00:00+05:30');
  });
});
