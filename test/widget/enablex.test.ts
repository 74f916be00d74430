// EnableX demos in the widget (site "live" of the stack: the seller's Popin events and the EnableX
// simulator's vc meetings, with the lobbies of demo/enablex-lobbies.ts), through the real worker.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { UPCOMING_MEETING_IDS } from '../../demo/enablex-simulator/seed.js';
import type PopinBooking from '../../widget/src/popin-booking.component.js';
import { forgetCustomer, storageKey } from '../../widget/src/storage.js';
import { countdown } from '../../widget/src/waiting/waiting-room.js';
import type { Catalog } from '../../widget/src/i18n/keys.js';
import waitingEn from '../../widget/src/waiting/en.js';
import listEn from '../../widget/src/list/en.js';
import accountEn from '../../widget/src/account/en.js';
import { $, mount, reset, text, typeInto, until, watch, workerUrl } from './helpers.js';

/** A guest again: the widget also keeps its customer in memory (storage.ts), not only in localStorage. */
const forget = async () => forgetCustomer(storageKey(await workerUrl(), 'live'));

const [MACBOOK, IPHONE, PIXEL] = UPCOMING_MEETING_IDS;
/** The card of an EnableX demo, found by its Book or Cancel button (both carry the demo id). */
const slot = (el: PopinBooking, meetingId: string) => $(el, `[data-slot="enablex-${meetingId}"]`)?.closest<HTMLElement>('[part~="slot"]') ?? null;

/** A new customer per booking form: the stack's customers and seat stores live for the whole run. */
const newMobile = () => `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

async function book(el: PopinBooking, meetingId: string): Promise<void> {
  const button = slot(el, meetingId)?.querySelector<HTMLElement>('[part~="book"]');
  if (!button) throw new Error(`no Book button for ${meetingId}: ${text(slot(el, meetingId))}`);
  button.click();
  await until(() => $(el, '#name, [part~="book-as"]'), 'form open');
  if ($(el, '#name')) {
    await until(() => (($(el, '[part~="country"] select') as HTMLSelectElement | null)?.options.length ?? 0) > 1, 'countries');
    await typeInto(el, '#name', 'Priya');
    await typeInto(el, '#mobile', newMobile());
  }
  $(el, '[part~="submit"]')!.click();
  await until(() => $(el, '[part~="confirmation"]'), 'confirmation');
}

/** A widget for site "live" in `lang`, its slots loaded. */
async function inLanguage(lang: string): Promise<PopinBooking> {
  const el = await fixture<PopinBooking>(html`<popin-booking lang=${lang} site="live" api=${await workerUrl()}></popin-booking>`);
  watch(el);
  await until(() => $(el, '[part~="list"], [part~="empty"], [part~="error-state"]'), 'slots loaded');
  return el;
}

/** Text and accessible names in `root` (the seller's lobby messages and captions are theirs: left out). */
function shown(root: Element): string[] {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof Element && node.matches('[part~="lobby-message"], figcaption, [part~="slot-name"]')) return;
    if (node.nodeType === Node.TEXT_NODE && node.textContent!.trim()) out.push(node.textContent!.replace(/\s+/g, ' ').trim());
    if (node instanceof Element) for (const attr of ['aria-label', 'title']) if (node.getAttribute(attr)) out.push(node.getAttribute(attr)!);
    node.childNodes.forEach(walk);
  };
  walk(root);
  return out;
}

/** English words of the waiting room, list and account tables (as whole phrases) that `root` still shows. */
function englishIn(root: Element, c: Catalog): string[] {
  const texts = shown(root);
  const english = { ...listEn, ...accountEn, ...waitingEn } as Record<string, string | Record<string, string>>;
  return Object.entries(english).flatMap(([key, m]) =>
    (typeof m === 'string' ? [m] : Object.values(m))
      .filter((m) => m !== c[key as keyof Catalog])
      .flatMap((m) => m.split(/\{\w+\}/))
      .map((f) => f.trim())
      .filter((f) => f.length >= 3 && /\p{L}/u.test(f) && f !== 'PIN')
      .filter((f) => texts.some((t) => new RegExp(`(^|[^\\p{L}])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(t)))
      .map((f) => `${key}: "${f}"`),
  );
}

describe('<popin-booking> EnableX demos', () => {
  before(reset);
  beforeEach(async () => {
    await forget();
    await executeServerCommand('enablex-reset');
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('lists EnableX demos beside the Popin ones; a full one says "Full" and has no Book button', async () => {
    await executeServerCommand('enablex-meeting', { meeting_id: PIXEL, participants: 0 });
    const el = await mount('live');
    // A full demo has no button: found by its name (only EnableX has a Pixel demo).
    expect(slot(el, PIXEL)).to.be.null;
    const pixel = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="slot"]')].find((li) => text(li.querySelector('[part~="slot-name"]')) === 'Pixel camera demo')!;
    expect(text(pixel.querySelector('[part~="full"]'))).to.equal('Full');
    expect(pixel.querySelector('[part~="book"]')).to.be.null;
    expect(slot(el, MACBOOK)!.querySelector('[part~="book"]')).to.exist;
    expect(slot(el, IPHONE)!.querySelector('[part~="book"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('a demo that fills up while the form is open: the form says it is full (409 demo_full)', async () => {
    const el = await mount('live');
    await executeServerCommand('enablex-meeting', { meeting_id: PIXEL, participants: 0 });
    slot(el, PIXEL)!.querySelector<HTMLElement>('[part~="book"]')!.click();
    await until(() => $(el, '#name'), 'form open');
    await until(() => (($(el, '[part~="country"] select') as HTMLSelectElement | null)?.options.length ?? 0) > 1, 'countries');
    await typeInto(el, '#name', 'Priya');
    await typeInto(el, '#mobile', newMobile());
    $(el, '[part~="submit"]')!.click();
    await until(() => $(el, '[part~="form-error"]'), 'form error');
    expect(text($(el, '[part~="form-error"]'))).to.equal('"Pixel camera demo" is full. Choose another demo.');
    await expect(el).to.be.accessible();
  });

  it('books an EnableX demo, shows the waiting room with the lobby, and "Join now" once the meeting is current', async () => {
    const el = await mount('live');
    await book(el, MACBOOK);
    // EnableX sends no message: no "we'll send the link to" line.
    expect($(el, '[part~="contact"]')).to.be.null;
    $(el, '[part~="done"]')!.click();
    await until(() => slot(el, MACBOOK)?.querySelector('[part~="waiting-room"]'), 'waiting room');
    const card = () => slot(el, MACBOOK)!;
    expect(text(card().querySelector('[part~="booked"]'))).to.equal('Booked');
    expect(text(card().querySelector('[part~="countdown"]'))).to.match(/^Starts in (\d+ days?(, \d+ hr)?(, \d+ min)?|\d+:\d\d:\d\d)$/);
    expect(text(card().querySelector('[part~="ppin"]'))).to.match(/^\d{6}$/);
    await until(() => card().querySelector('[part~="lobby-message"]'), 'lobby messages');
    expect(text(card().querySelector('[part~="lobby-message"]'))).to.equal('Welcome! Your Macbook demo starts soon.');
    const audio = card().querySelector<HTMLAudioElement>('[part~="lobby-audio"]')!;
    expect(audio.controls).to.equal(true);
    expect(new URL(audio.src).pathname).to.match(/\/files\/[0-9a-f]+\/lobby-music\.wav$/);
    // Only URLs: no markup of EnableX's (its `embed`) is ever in the widget.
    expect(card().querySelector('iframe, script, embed, object')).to.be.null;
    expect(card().querySelector('[part~="join-now"]')).to.be.null;
    await expect(el).to.be.accessible();

    // The slideshow moves on, and can be paused.
    await until(() => text(card().querySelector('[part~="lobby-message"]')) !== 'Welcome! Your Macbook demo starts soon.', 'next message', 15_000);
    card().querySelector<HTMLElement>('[part~="lobby-pause"]')!.click();
    await el.updateComplete;
    expect(card().querySelector('[part~="lobby-pause"]')!.getAttribute('aria-pressed')).to.equal('true');

    // EnableX's clock reaches the start: the meeting is current, the widget (which reads the list
    // again every minute) offers "Join now" with the meeting's link.
    const { start } = await executeServerCommand<{ start: number }, unknown>('enablex-meeting', { meeting_id: MACBOOK, participants: 25 });
    await executeServerCommand('enablex-clock', { now: new Date(start + 60_000).toISOString() });
    await el.slots.run();
    await until(() => card().querySelector('[part~="join-now"]'), 'Join now');
    const join = card().querySelector<HTMLAnchorElement>('[part~="join-now"]')!;
    expect(join.href).to.match(/\/join\/[0-9a-f]+$/);
    expect(card().querySelector('[part~="countdown"]')).to.be.null;
    expect(text(card().querySelector('[part~="ppin"]'))).to.match(/^\d{6}$/);
    await expect(el).to.be.accessible();
  });

  it('shows images with captions, and every message at once when the customer prefers reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const el = await mount('live');
    await book(el, IPHONE);
    $(el, '[part~="done"]')!.click();
    await until(() => slot(el, IPHONE)?.querySelector('[part~="lobby-image"]'), 'lobby images');
    const figures = [...slot(el, IPHONE)!.querySelectorAll('[part~="lobby-image"]')];
    expect(figures.map((f) => text(f.querySelector('figcaption')))).to.deep.equal(['The new iPhone in blue titanium', 'We will try the camera live']);
    await until(() => figures.every((f) => (f.querySelector('img') as HTMLImageElement).naturalWidth > 0), 'images loaded');

    // Another customer, for the Macbook demo's messages.
    await forget();
    const again = await mount('live');
    await book(again, MACBOOK);
    $(again, '[part~="done"]')!.click();
    await until(() => slot(again, MACBOOK)?.querySelectorAll('[part~="lobby-message"]').length === 3, 'all three messages');
    expect(slot(again, MACBOOK)!.querySelector('[part~="lobby-pause"]')).to.be.null;
    await expect(again).to.be.accessible();
  });

  for (const lang of ['hi', 'ar']) {
    it(`${lang}: the waiting room shows no English (title, countdown, PIN, Pause, music), right to left in Arabic`, async () => {
      const c = (await import(`../../widget/src/i18n/${lang}.ts`) as { default: Catalog }).default;
      const el = await inLanguage(lang);
      await book(el, MACBOOK);
      $(el, '[part~="done"]')!.click();
      await until(() => slot(el, MACBOOK)?.querySelector('[part~="lobby-pause"]'), 'waiting room with its slideshow');
      await until(() => slot(el, MACBOOK)?.querySelector('[part~="lobby-audio"]'), 'music');
      const card = slot(el, MACBOOK)!;
      const room = card.querySelector<HTMLElement>('[part~="waiting-room"]')!;
      expect(text(room.querySelector('.room-title'))).to.equal(c.waitingRoom);
      const [before] = (c.startsIn as string).split('{time}');
      expect(text(room.querySelector('[part~="countdown"]'))).to.contain(before!.trim());
      // The time left in the language's words, not "days"/"hr"/"min".
      expect(text(room.querySelector('[part~="countdown"] strong'))).not.to.match(/day|hr|min/);
      expect(text(room.querySelector('.pin'))).to.contain(c.ppin as string);
      expect(text(room.querySelector('[part~="lobby-pause"]'))).to.equal(c.pause);
      expect(room.querySelector('[part~="lobby-pause"]')!.getAttribute('aria-label')).to.equal(c.pauseMessages);
      expect(room.querySelector('[part~="lobby-audio"]')!.getAttribute('aria-label')).to.equal(c.music);
      expect(englishIn(card, c)).to.deep.equal([]);
      room.querySelector<HTMLElement>('[part~="lobby-pause"]')!.click();
      await el.updateComplete;
      expect(text(room.querySelector('[part~="lobby-pause"]'))).to.equal(c.play);
      expect(englishIn(card, c)).to.deep.equal([]);
      const pin = room.querySelector<HTMLElement>('[part~="ppin"]')!;
      expect(getComputedStyle(pin).direction, 'PIN').to.equal('ltr');
      if (lang === 'ar') {
        expect(getComputedStyle(room).direction).to.equal('rtl');
        // The title's text starts at the room's right edge (inside its padding), not its left.
        const range = document.createRange();
        range.selectNodeContents(room.querySelector('.room-title')!);
        const title = range.getBoundingClientRect();
        const r = room.getBoundingClientRect();
        expect(r.right - title.right, 'title at the right').to.be.lessThan(20);
        expect(title.left - r.left, 'title not at the left').to.be.greaterThan(40);
      }
      await expect(el).to.be.accessible();
    });
  }

  it('says the time left in the language, with or without Intl.DurationFormat', () => {
    const ms = (2 * 86_400 + 3 * 3600 + 15 * 60 + 42) * 1000;
    const check = () => {
      expect(countdown(ms, 'hi')!.time).to.contain('दिन');
      expect(countdown(ms, 'de')!.time).to.match(/\bT(g|age)\b/);
      expect(countdown(ms, 'ar')!.time).not.to.match(/[a-z]/);
      expect(countdown(ms, 'ar-EG')!.time).to.match(/[٠-٩]/);
      const clock = countdown(ms % 86_400_000, 'en')!;
      expect(clock.time).to.match(/^0?3:15:42$/);
      expect(clock.clock).to.equal(true);
      expect(countdown(0, 'en')).to.equal(undefined);
    };
    check();
    const intl = Intl as unknown as { DurationFormat?: unknown };
    const saved = intl.DurationFormat;
    expect(saved, 'this Chromium has Intl.DurationFormat').to.exist;
    delete intl.DurationFormat;
    try {
      check();
      expect(countdown(ms, 'en')!.time).to.equal('2 days 03:15');
    } finally {
      intl.DurationFormat = saved;
    }
  });
});
