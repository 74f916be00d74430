// Shared helpers for the widget tests. The tests talk to the real worker (wrangler dev)
// and the Popin simulator started by the `popin-stack` plugin in web-test-runner.config.mjs.
import { fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type PopinBooking from '../../widget/src/popin-booking.component.js';
import '../../widget/src/popin-booking.js';

import { $, $$, text, until, workerUrl } from './stack.js';

export * from './stack.js';

/** Every `part` name the widgets of this test file rendered, at any moment. */
const renderedParts = new Set<string>();

function watchParts(root: ShadowRoot): void {
  const collect = (node: Node) => {
    if (!(node instanceof Element)) return;
    for (const el of [node, ...node.querySelectorAll('[part]')]) for (const part of el.part) renderedParts.add(part);
  };
  for (const child of root.children) collect(child);
  new MutationObserver((records) => {
    for (const record of records) {
      collect(record.target);
      record.addedNodes.forEach(collect);
    }
  }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['part'] });
}

// The styling contract: every part a seller can see rendered is documented in the
// element's manifest (generated from its JSDoc, served by the worker).
after(async () => {
  if (!renderedParts.size) return;
  const manifest = (await (await fetch(`${await workerUrl()}/custom-elements.json`)).json()) as {
    modules: Array<{ declarations?: Array<{ tagName?: string; cssParts?: Array<{ name: string }> }> }>;
  };
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'popin-booking');
  const documented = new Set(element?.cssParts?.map((p) => p.name));
  const undocumented = [...renderedParts].filter((part) => !documented.has(part));
  if (undocumented.length) throw new Error(`parts rendered but not in custom-elements.json: ${undocumented.join(', ')}`);
});

/** Records the parts `el` renders (for the manifest check), for widgets not made by `create`. */
export const watch = (el: Element) => watchParts(el.shadowRoot!);

/** A widget for `site`, not waiting for anything. */
export async function create(site = 'demo'): Promise<PopinBooking> {
  const el = await fixture<PopinBooking>(html`<popin-booking api=${await workerUrl()} site=${site}></popin-booking>`);
  watchParts(el.shadowRoot!);
  return el;
}

/** A widget whose slots have loaded (list, empty or error state). */
export async function mount(site = 'demo'): Promise<PopinBooking> {
  const el = await create(site);
  await until(() => $(el, '[part~="list"], [part~="empty"], [part~="error-state"]'), 'slots loaded');
  await el.updateComplete;
  return el;
}

/** Slot card by event name. */
export function card(el: PopinBooking, name: string): HTMLElement {
  const found = $$(el, '[part~="slot"]').find((li) => text(li.querySelector('[part~="slot-name"]')) === name);
  if (!found) throw new Error(`no slot named ${name}`);
  return found;
}

/** Opens the booking form for `name` and waits for the phone helpers. */
export async function openForm(el: PopinBooking, name = 'Public Macbook demo'): Promise<void> {
  card(el, name).querySelector<HTMLElement>('[part~="book"]')!.click();
  await until(() => $(el, '#name, [part~="book-as"]'), 'form open');
  if ($(el, '#name')) {
    await until(() => (($(el, '[part~="country"] select') as HTMLSelectElement | null)?.options.length ?? 0) > 1, 'countries');
  }
  await el.updateComplete;
}

/** Types into a field like a person (real key presses). */
export async function typeInto(el: PopinBooking, selector: string, value: string): Promise<void> {
  $(el, selector)!.focus();
  await sendKeys({ type: value });
  await el.updateComplete;
}

/** Simulates pasting `value` into the mobile field. */
export async function paste(el: PopinBooking, value: string): Promise<void> {
  const input = $(el, '#mobile') as HTMLInputElement;
  input.focus();
  input.select();
  const data = new DataTransfer();
  data.setData('text', value);
  input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
  await el.updateComplete;
}

export const country = (el: PopinBooking) => ($(el, '[part~="country"] select') as HTMLSelectElement).value;
export const mobileValue = (el: PopinBooking) => ($(el, '#mobile') as HTMLInputElement).value;

/** Guest booking from the list to the confirmation. */
export async function bookAsGuest(el: PopinBooking, name = 'Public Macbook demo', who = 'Priya', mobile = '9544510895') {
  await openForm(el, name);
  await typeInto(el, '#name', who);
  await typeInto(el, '#mobile', mobile);
  const registered = oneEvent(el, 'popin-booking:registered');
  $(el, '[part~="submit"]')!.click();
  const event = await registered;
  await until(() => $(el, '[part~="confirmation"]'), 'confirmation');
  await el.updateComplete;
  return event;
}

/** A light, a mid (near the black/white tie) and a dark seller accent: axe runs with each. */
export const ACCENTS = { light: '#fde68a', mid: '#2f8f83', dark: '#0b2d4b' };
