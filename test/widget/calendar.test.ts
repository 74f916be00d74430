import { expect } from '@open-wc/testing';
import ICAL from 'ical.js';
import { ics } from '../../widget/src/calendar/calendar.js';
import { $, bookAsGuest, mount, reset, until } from './helpers.js';

describe('<popin-booking> add to calendar', () => {
  beforeEach(reset);

  it('offers .ics, Google and Outlook after booking and on the booked slot; the .ics parses with the right UTC times', async () => {
    const el = await mount();
    await bookAsGuest(el);
    await until(() => $(el, '[part~="confirmation"] [part~="calendar"]'), 'calendar links in the confirmation');
    await expect(el).to.be.accessible();
    const google = new URL(($(el, '[part~="google-calendar"]') as HTMLAnchorElement).href);
    const outlook = new URL(($(el, '[part~="outlook-calendar"]') as HTMLAnchorElement).href);
    const event = el.slots.value!.events.find((e) => e.name === 'Public Macbook demo')!;
    const start = Date.parse(event.starts_at!);
    const end = Date.parse(event.ends_at!);
    const utc = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace('.000', '');
    expect(google.searchParams.get('dates')).to.equal(`${utc(start)}/${utc(end)}`);
    expect(google.searchParams.get('location')).to.equal(event.join_url);
    expect(Date.parse(outlook.searchParams.get('startdt')!)).to.equal(start);

    // The download: a real click, its blob read back.
    let blobUrl = '';
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => (blobUrl = create.call(URL, blob));
    try {
      $(el, '[part~="ics"]')!.click();
    } finally {
      URL.createObjectURL = create;
    }
    const body = await (await fetch(blobUrl)).text();
    expect(body).to.match(/\r\n$/);
    expect(body.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).to.equal(true);
    const vevent = new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent('vevent')!;
    const parsed = new ICAL.Event(vevent);
    expect(parsed.startDate.toJSDate().getTime()).to.equal(start);
    expect(parsed.endDate.toJSDate().getTime()).to.equal(end);
    expect(parsed.startDate.zone?.tzid).to.equal('UTC');
    expect(vevent.getFirstPropertyValue('location')).to.equal(event.join_url);
    expect(String(vevent.getFirstPropertyValue('url'))).to.equal(event.join_url);
    expect(String(vevent.getFirstPropertyValue('description'))).to.contain(event.join_url!);
    expect(String(vevent.getFirstSubcomponent('valarm')!.getFirstPropertyValue('trigger'))).to.equal('-PT10M');
    const uid = parsed.uid;
    expect(uid).to.match(/^2195-\w+@popin-booking$/);

    // The booked slot in the list has the same links, and the same UID.
    $(el, '[part~="done"]')!.click();
    await until(() => $(el, '[part~="slot-booked"] [part~="calendar"]'), 'calendar links on the booked slot');
    await expect(el).to.be.accessible();
    expect(new ICAL.Event(new ICAL.Component(ICAL.parse(ics(el.t, event, `${el.key}:${el.customer!.mobile}`)!)).getFirstSubcomponent('vevent')!).uid).to.equal(uid);
  });

  it('escapes and folds long, special text (RFC 5545)', () => {
    const name = 'Demo; with, commas\\ and a very long name — ünïcödé '.repeat(3);
    const body = ics((k) => k, { id: 7, name, date: '02', month: 'Dec', time: '', end_time: '', can_join: false, starts_at: '2026-12-02T16:05:00+05:30', ends_at: '2026-12-02T16:20:00+05:30' }, 'k')!;
    const vevent = new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('summary')).to.equal(name);
    expect(String(vevent.getFirstPropertyValue('dtstart'))).to.equal('2026-12-02T10:35:00Z');
  });
});
