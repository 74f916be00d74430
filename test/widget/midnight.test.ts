// A demo that crosses midnight in a zone shows its times in that zone, not two dates: ICU's
// formatRange adds both dates across midnight ("11/30/2026, 11:40 PM – 12/1/2026, 12:10 AM"),
// which the card's badge already gives and which wrapped the card's line. A file of its own: the
// list keeps its formatters per page, made in the zone the page had first.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { DemoEvent } from '../../widget/src/api.js';
import { slotTimes } from '../../widget/src/list/times.js';

const demo = (starts_at: string, ends_at: string): DemoEvent => ({
  id: 1,
  name: 'Late demo',
  date: '30',
  month: 'Nov',
  time: '11:40 pm',
  end_time: '12:10 am',
  starts_at,
  ends_at,
  zone: 'Asia/Kolkata',
  can_join: false,
});

describe('<popin-booking> a demo across midnight', () => {
  before(() => executeServerCommand('emulate-timezone', 'Europe/London'));
  after(() => executeServerCommand('emulate-timezone', ''));

  it("in the seller's zone: the seller's two times, without dates", () => {
    // 18:10–18:40 in London, 23:40–00:10 in Kolkata.
    const times = slotTimes('en', demo('2026-11-30T18:10:00Z', '2026-11-30T18:40:00Z'));
    expect(times.range).to.match(/^6:10\s–\s6:40\sPM$/u);
    expect(times.seller).to.match(/^11:40\sPM\s–\s12:10\sAM GMT\+5:30$/u);
    expect(times.day).to.equal('30');
  });

  it("in the customer's zone: their two times, without dates, in their language", () => {
    // 23:50–00:20 in London, 05:20–05:50 in Kolkata.
    const late = demo('2026-11-30T23:50:00Z', '2026-12-01T00:20:00Z');
    expect(slotTimes('en', late).range).to.match(/^11:50\sPM\s–\s12:20\sAM$/u);
    expect(slotTimes('de', late).range).to.match(/^23:50\s–\s00:20$/u);
    // The badge: the day it starts.
    expect(slotTimes('en', late).day).to.equal('30');
  });
});
