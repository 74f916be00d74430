import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type PopinBooking from '../../widget/src/popin-booking.component.js';
import first from '../../widget/src/i18n/en.js';
import errors from '../../widget/src/i18n/errors.en.js';
import list from '../../widget/src/list/en.js';
import account from '../../widget/src/account/en.js';
import booking from '../../widget/src/booking/en.js';
import phone from '../../widget/src/booking/phone.en.js';
import tentimes from '../../widget/src/tentimes/en.js';
import popup from '../../widget/src/popup/en.js';
import calendar from '../../widget/src/calendar/en.js';
import waiting from '../../widget/src/waiting/en.js';
import type { Catalog, Message } from '../../widget/src/i18n/keys.js';
import { $, $$, ACCENTS, bookAsGuest, faults, mount, openForm, reset, text, typeInto, until, watch, workerUrl } from './helpers.js';

/** Every English string of the widget: each chunk's table, and the failures' (errors.en.ts). */
const EN: Record<string, Message> = { ...first, ...errors, ...list, ...account, ...booking, ...phone, ...tentimes, ...popup, ...calendar, ...waiting };

const LANGUAGES = ['hi', 'es', 'fr', 'de', 'pt', 'ar'] as const;
const catalog = async (lang: string) => ((await import(`../../widget/src/i18n/${lang}.ts`)) as { default: Catalog }).default;

/** A widget in `lang`, its slots loaded. */
async function inLanguage(lang: string, site = 'demo'): Promise<PopinBooking> {
  const el = await fixture<PopinBooking>(html`<popin-booking lang=${lang} site=${site} api=${await workerUrl()}></popin-booking>`);
  watch(el);
  await until(() => $(el, '[part~="list"], [part~="empty"], [part~="error-state"]'), 'slots loaded');
  await el.updateComplete;
  return el;
}

/** What a person (or a screen reader) meets in the widget: text, aria-labels, the live region. */
function shown(el: PopinBooking): string[] {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof HTMLStyleElement || node instanceof HTMLOptionElement) return;
    if (node.nodeType === Node.TEXT_NODE && node.textContent!.trim()) out.push(node.textContent!.replace(/\s+/g, ' ').trim());
    if (node instanceof Element) for (const attr of ['aria-label', 'title', 'placeholder']) if (node.getAttribute(attr)) out.push(node.getAttribute(attr)!);
    node.childNodes.forEach(walk);
  };
  walk(el.shadowRoot!);
  // The seller's data (demo names, the site's title) is theirs, in their language.
  const data = [...(el.slots.value?.events.map((e) => e.name) ?? []), el.slots.value?.site.title ?? ''].filter(Boolean);
  return out.map((s) => data.reduce((t, d) => t.replaceAll(d, ''), s));
}

/** English strings left on screen in a widget whose language has its own words for them. */
function english(el: PopinBooking, translated: Catalog): string[] {
  const texts = shown(el);
  const forms = (m: Message) => (typeof m === 'string' ? [m] : Object.values(m));
  return Object.entries(EN).flatMap(([key, message]) => {
    const own = forms(translated[key as keyof Catalog]);
    return forms(message)
      .filter((m) => !own.includes(m))
      .flatMap((m) => m.split(/\{\w+\}/))
      .map((fragment) => fragment.trim())
      .filter((fragment) => fragment.length >= 3 && /\p{L}/u.test(fragment))
      // As a whole phrase: "for" in "formulário" is no English left.
      .filter((fragment) => {
        const phrase = new RegExp(`(^|[^\\p{L}])${fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u');
        return texts.some((t) => phrase.test(t));
      })
      .map((fragment) => `${key}: "${fragment}"`);
  });
}

describe('<popin-booking> languages', () => {
  beforeEach(reset);
  after(() => emulateMedia({ colorScheme: 'light' }));

  // First in this file: the Hindi catalog has not been imported yet, so its request is seen.
  it('requests the catalog in parallel with the slots, before their answer arrives', async () => {
    await faults({ latencyMs: 1500 });
    const since = performance.now();
    const el = await inLanguage('hi');
    const entries = performance.getEntriesByType('resource').filter((e) => e.startTime >= since) as PerformanceResourceTiming[];
    const hi = entries.find((e) => e.name.includes('/i18n/hi.'));
    const slots = entries.find((e) => e.name.includes('/v1/sites/demo/slots'));
    expect(hi, 'catalog request').to.exist;
    expect(slots, 'slots request').to.exist;
    expect(hi!.startTime).to.be.below(slots!.responseEnd);
    // The list rendered once, in Hindi: no English first.
    expect(text($(el, '[part~="title"]'))).to.equal('लाइव डेमो बुक करें');
  });

  it('has exactly the English keys in every catalog, plurals where English has them', async () => {
    const keys = Object.keys(EN).sort();
    for (const lang of LANGUAGES) {
      const c = await catalog(lang);
      expect(Object.keys(c).sort(), lang).to.deep.equal(keys);
      for (const [key, message] of Object.entries(EN)) {
        const own = c[key as keyof Catalog];
        expect(typeof own, `${lang} ${key}`).to.equal(typeof message);
        if (typeof own === 'object') expect(own.other, `${lang} ${key}.other`).to.be.a('string');
        // The same placeholders as English (a translation may drop {n} where the form says the number).
        const slots = (m: Message) => new Set(JSON.stringify(m).match(/\{\w+\}/g) ?? []);
        if (typeof message === 'string') expect([...slots(own)].sort(), `${lang} ${key}`).to.deep.equal([...slots(message)].sort());
      }
    }
  });

  it('documents every key for sellers: the README table and the manifest', async () => {
    const readme = await (await fetch('/README.md')).text();
    const manifest = (await (await fetch(`${await workerUrl()}/custom-elements.json`)).json()) as {
      modules: Array<{ declarations?: Array<{ tagName?: string; members?: Array<{ name: string; description?: string }> }> }>;
    };
    const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'popin-booking');
    const described = element?.members?.find((m) => m.name === 'strings')?.description ?? '';
    for (const key of Object.keys(EN)) {
      expect(readme, `README: ${key}`).to.contain(`| \`${key}\` |`);
      expect(described, `manifest: ${key}`).to.match(new RegExp(`[ :,]${key}(,|$|\\n)`, 'm'));
    }
  });

  for (const lang of LANGUAGES) {
    it(`${lang}: the first screen and the form show no English`, async () => {
      const c = await catalog(lang);
      const el = await inLanguage(lang);
      expect(text($(el, '[part~="title"]'))).to.equal(c.title);
      expect(text($(el, '[part~="book"]'))).to.contain(c.book as string);
      expect(english(el, c), 'list').to.deep.equal([]);
      expect(text($(el, '[part~="status"]'))).to.not.equal('');
      await openForm(el);
      expect(english(el, c), 'form').to.deep.equal([]);
      // The form's own checks speak the language too.
      $(el, '[part~="submit"]')!.click();
      await until(() => $(el, '#name-error'), 'errors');
      expect(text($(el, '#name-error'))).to.equal(c.enterName);
      expect(english(el, c), 'form errors').to.deep.equal([]);
      el.remove();
    });
  }

  it('says what failed in the language, by the error code (the host page gets the same words)', async () => {
    await faults({ failures: [{ kind: 'status', status: 503, endpoint: 'slots', count: 'always' }] });
    const c = await catalog('de');
    const api = await workerUrl();
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = Object.assign(document.createElement('popin-booking'), { site: 'demo', api });
    el.lang = 'de';
    const failed = oneEvent(el, 'popin-booking:error');
    wrap.append(el);
    const { detail } = await failed;
    await until(() => $(el, '[part~="error-state"]'), 'error state');
    const state = text($(el, '[part~="error-state"]'));
    expect(state).to.contain(c.loadFailed as string);
    expect(state).to.contain(c[`err_${detail.code}` as keyof Catalog] as string);
    expect(text($(el, '[part~="retry"]'))).to.equal(c.retry);
    expect(detail.message).to.equal(c[`err_${detail.code}` as keyof Catalog]);
    expect(english(el, c)).to.deep.equal([]);
  });

  it('formats dates and times in the language', async () => {
    const el = await inLanguage('hi');
    // A demo at a fixed hour (the live one's, near now, may cross midnight: midnight.test.ts).
    const event = el.slots.value!.events.find((e) => e.name == 'Public Macbook demo')!;
    const start = Date.parse(event.starts_at!);
    const month = new Intl.DateTimeFormat('hi', { month: 'short' }).format(start);
    const card = $$(el, '[part~="slot"]').find((li) => li.textContent!.includes(event.name))!;
    expect(text(card.querySelector('[part~="date"]'))).to.contain(month);
    const range = new Intl.DateTimeFormat('hi', { hour: 'numeric', minute: '2-digit' }).formatRange(start, Date.parse(event.ends_at!));
    expect(text(card.querySelector('[part~="slot-time"]'))).to.contain(range);
  });

  it('takes the language from the element, else the nearest ancestor (across shadow roots), else the browser', async () => {
    const api = await workerUrl();
    const own = await fixture<HTMLDivElement>(html`<div lang="fr"><popin-booking lang="de" site="demo" api=${api}></popin-booking></div>`);
    expect(own.querySelector('popin-booking')!.locale).to.equal('de');

    // A new lang is read when the element is put (back) on the page.
    const switched = own.querySelector('popin-booking')!;
    await until(() => text($(switched, '[part~="title"]')) === 'Live-Demo buchen', 'German title');
    switched.lang = 'es';
    own.append(switched);
    expect(switched.locale).to.equal('es');
    await until(() => text($(switched, '[part~="title"]')) === 'Reserva una demo en directo', 'Spanish title');
    await until(() => text($(switched, '[part~="book"]')).startsWith('Reservar'), 'Spanish list');

    const ancestor = await fixture<HTMLDivElement>(html`<div lang="es-MX"><section><popin-booking site="demo" api=${api}></popin-booking></section></div>`);
    expect(ancestor.querySelector('popin-booking')!.locale).to.equal('es-MX');

    // Inside another component's shadow root: the host's ancestors count.
    const outer = await fixture<HTMLDivElement>(html`<div lang="pt-BR"><div></div></div>`);
    const root = outer.firstElementChild!.attachShadow({ mode: 'open' });
    const inner = Object.assign(document.createElement('popin-booking'), { site: 'demo', api });
    root.append(inner);
    expect(inner.locale).to.equal('pt-BR');

    // A language the widget does not ship: English, with the page's choice of language respected.
    const unknown = await fixture<HTMLDivElement>(html`<div lang="ja"><popin-booking site="demo" api=${api}></popin-booking></div>`);
    expect(unknown.querySelector('popin-booking')!.locale).to.equal('en');

    // No lang anywhere: the first of the browser's languages that the widget ships.
    const html_ = document.documentElement;
    const pageLang = html_.getAttribute('lang');
    html_.removeAttribute('lang');
    Object.defineProperty(navigator, 'languages', { value: ['ja-JP', 'ar-EG', 'fr'], configurable: true });
    try {
      const plain = await fixture<HTMLDivElement>(html`<div><popin-booking site="demo" api=${api}></popin-booking></div>`);
      const el = plain.querySelector('popin-booking')!;
      expect(el.locale).to.equal('ar-EG');
      await until(() => text($(el, '[part~="title"]')) === 'احجز عرضًا توضيحيًا مباشرًا', 'Arabic title');
    } finally {
      delete (navigator as { languages?: unknown }).languages;
      if (pageLang !== null) html_.setAttribute('lang', pageLang);
    }
  });

  it('lets a seller override any string, in any language (property and JSON attribute)', async () => {
    const el = await inLanguage('hi');
    el.strings = { title: 'Book a call', book: 'Reserve', available: { one: 'One slot open.', other: '{n} slots open.' } };
    await el.updateComplete;
    expect(text($(el, '[part~="title"]'))).to.equal('Book a call');
    expect(text($(el, '[part~="book"]'))).to.match(/^Reserve /);
    expect(el.t('available', { n: 3 })).to.equal('3 slots open.');
    // Keys it does not set keep the language's own.
    expect($(el, '[part~="list"]')!.getAttribute('aria-label')).to.equal('आने वाले डेमो');
    el.remove();

    const api = await workerUrl();
    const attr = await fixture<PopinBooking>(html`<popin-booking site="demo" api=${api} strings='{"title":"Talk to us","timesIn":"Hours: {zone}"}'></popin-booking>`);
    await until(() => $(attr, '[part~="list"]'), 'list');
    expect(text($(attr, '[part~="title"]'))).to.equal('Talk to us');
    expect(text($(attr, '[part~="subtitle"]'))).to.contain('Hours: ');
  });

  it('picks plural forms with Intl.PluralRules', async () => {
    const en = await inLanguage('en');
    expect([1, 2].map((n) => en.t('available', { n }))).to.deep.equal(['1 demo available.', '2 demos available.']);
    en.remove();
    const ar = await inLanguage('ar');
    expect([0, 1, 2, 3, 11, 100].map((n) => ar.t('available', { n }))).to.deep.equal([
      'لا توجد عروض متاحة.',
      'عرض واحد متاح.',
      'عرضان متاحان.',
      '3 عروض متاحة.',
      '11 عرضًا متاحًا.',
      '100 عرض متاح.',
    ]);
    // The live region announces the list with the right form.
    const n = ar.slots.value!.events.length;
    expect(text($(ar, '[part~="status"]'))).to.equal(ar.t('available', { n }));
    ar.remove();
    // Counts in the language's digits, as its dates are written (Arabic-Indic in ar-EG).
    const eg = await inLanguage('ar-EG');
    expect(eg.t('available', { n: 3 })).to.equal(`${(3).toLocaleString('ar-EG')} عروض متاحة.`);
    eg.remove();
    const fr = await inLanguage('fr');
    expect([0, 1, 2].map((n) => fr.t('available', { n }))).to.deep.equal(['0 démo disponible.', '1 démo disponible.', '2 démos disponibles.']);
  });

  it('ar: lays out right to left, mirrors arrows, keeps numbers and phone numbers left to right', async () => {
    const el = await inLanguage('ar');
    const root = $(el, '[dir]')!;
    expect(root.getAttribute('dir')).to.equal('rtl');
    expect(root.getAttribute('lang')).to.equal('ar');
    const card = $(el, '[part~="slot"]')!;
    const book = card.querySelector('[part~="book"]')!.getBoundingClientRect();
    const name = card.querySelector('[part~="slot-name"]')!.getBoundingClientRect();
    const badge = card.querySelector('[part~="date"]')!.getBoundingClientRect();
    // The date badge at the right edge, the Book button at the left edge of the row.
    expect(badge.right).to.be.above(name.right);
    expect(book.right).to.be.at.most(name.left);
    expect(book.left - card.getBoundingClientRect().left).to.be.below(20);

    await openForm(el);
    // "All demos": its arrow points right (back, in a right-to-left page).
    const arrow = $(el, '[part~="back"] svg')!;
    expect(getComputedStyle(arrow).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    // The dial code and the number read left to right; the label sits at the right.
    const phoneBox = $(el, '.phone')!;
    expect(getComputedStyle(phoneBox).direction).to.equal('ltr');
    expect(getComputedStyle($(el, '#mobile')!).direction).to.equal('ltr');
    const label = $(el, 'label[for="mobile"]')!.getBoundingClientRect();
    expect(label.right).to.be.closeTo(phoneBox.getBoundingClientRect().right, 2);
    expect($(el, '[part~="country"]')!.getBoundingClientRect().left).to.be.below($(el, '#mobile')!.getBoundingClientRect().left);
    // The chevron of the country picker points down: not mirrored.
    expect(getComputedStyle($(el, '[part~="country"] svg')!).transform).to.equal('none');

    await typeInto(el, '#name', 'Priya');
    await typeInto(el, '#mobile', '9544510895');
    const registered = oneEvent(el, 'popin-booking:registered');
    $(el, '[part~="submit"]')!.click();
    await registered;
    await until(() => $(el, '[part~="contact"] strong'), 'confirmation');
    const contact = $(el, '[part~="contact"] strong')!;
    expect(getComputedStyle(contact).direction).to.equal('ltr');
    expect(text(contact)).to.match(/^\+91 /);
    $(el, '[part~="done"]')!.click();
    await until(() => $(el, '[part~="session"]'), 'session bar');
    const number = $(el, '[part~="session"] bdi')!;
    expect(getComputedStyle(number).direction).to.equal('ltr');
    expect(getComputedStyle(number).unicodeBidi).to.equal('isolate');
  });

  it('translates the popup close button and the floating launcher', async () => {
    const api = await workerUrl();
    for (const lang of ['hi', 'ar', 'de'] as const) {
      const c = await catalog(lang);
      const el = await fixture<PopinBooking>(html`<popin-booking mode="floating" lang=${lang} site="demo" api=${api}></popin-booking>`);
      watch(el);
      await until(() => $(el, '[part~="launcher"]'), 'launcher');
      expect(text($(el, '[part~="launcher"]'))).to.equal(c.launcher);
      $(el, '[part~="launcher"]')!.click();
      await until(() => $(el, '[part~="list"]'), 'slots in the popup');
      expect($(el, '[part~="close"]')!.getAttribute('aria-label')).to.equal(c.close);
      expect($(el, 'dialog')!.getAttribute('dir')).to.equal(lang === 'ar' ? 'rtl' : 'ltr');
      await expect(el).to.be.accessible();
      el.close();
      el.remove();
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds nothing in any language, list and form, ${scheme} scheme, with a light, a mid and a dark seller accent`, async () => {
      await emulateMedia({ colorScheme: scheme });
      for (const lang of ['en', ...LANGUAGES]) {
        for (const [name, accent] of Object.entries(ACCENTS)) {
          const el = await inLanguage(lang);
          el.style.setProperty('--popin-accent', accent);
          await el.updateComplete;
          await expect(el, `${lang} list, ${name} accent`).to.be.accessible();
          await openForm(el);
          await expect(el, `${lang} form, ${name} accent`).to.be.accessible();
          el.remove();
        }
      }
    });
  }

  it('hi: a booked customer sees their booking, cancel prompt and join link in Hindi', async () => {
    const el = await inLanguage('hi');
    await bookAsGuest(el, 'Live: AirPods Pro demo');
    const c = await catalog('hi');
    expect(text($(el, '[part~="confirmation-title"]'))).to.equal(c.youreBooked);
    expect(english(el, c), 'confirmation').to.deep.equal([]);
    $(el, '[part~="done"]')!.click();
    await until(() => $(el, '[part~="cancel"]'), 'booked list');
    $(el, '[part~="cancel"]')!.click();
    await until(() => $(el, '[part~="cancel-yes"]'), 'prompt');
    expect(english(el, c), 'booked list').to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
