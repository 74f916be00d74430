// A seller with many demos: the first screenful of slots paints in the task that renders the
// answer, the rest follow in later tasks (no one long task for 100 cards), and a reload after a
// booking never shortens the list the customer is reading.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type PopinBooking from '../../widget/src/popin-booking.component.js';
import { $, $$, bookAsGuest, create, reset, text, until } from './helpers.js';

const slotCount = (el: PopinBooking) => $$(el, '[part~="slot"]').length;

/** The number of slots at each change of the shadow tree from now on, until stopped. */
function countsOf(el: PopinBooking) {
  const counts: number[] = [];
  const observer = new MutationObserver(() => $(el, '[part~="list"]') && counts.push(slotCount(el)));
  observer.observe(el.shadowRoot!, { childList: true, subtree: true });
  return { counts, stop: () => observer.disconnect() };
}

describe('<popin-booking> with 100 demos', () => {
  beforeEach(async () => {
    await reset();
    await executeServerCommand('sim-demos', { n: 100 });
  });
  after(reset);

  it('shows the first 20 at once, then all 100 in order, each with its Book button', async () => {
    const el = await create();
    expect($(el, '[part~="list"]'), 'still loading').to.equal(null);
    const seen = countsOf(el);
    await until(() => slotCount(el) === 100, 'all 100 demos listed');
    seen.stop();
    // The list as first rendered: a screenful, not 100 cards in one task; then more in each later step.
    expect(seen.counts[0]).to.equal(20);
    expect(new Set(seen.counts).size, 'added in several steps').to.be.above(2);
    const names = $$(el, '[part~="slot-name"]').map(text);
    expect(names[0]).to.equal('Product demo 1');
    expect(names[99]).to.equal('Product demo 100');
    expect($$(el, '[part~="book"]')).to.have.length(100);
  });

  it('keeps all 100 on screen through the reload that follows a booking', async () => {
    const el = await create();
    await until(() => slotCount(el) === 100, 'all 100 demos listed');
    const seen = countsOf(el);
    await bookAsGuest(el, 'Product demo 60');
    $(el, '[part~="done"]')!.click();
    await until(() => $(el, '[part~="slot-booked"]'), 'the booked demo marked in the list');
    seen.stop();
    expect(Math.min(...seen.counts.filter((n) => n > 0)), 'fewest slots listed at any moment of the reload').to.equal(100);
    expect(text($(el, '[part~="slot-booked"] [part~="slot-name"]'))).to.equal('Product demo 60');
  });
});
