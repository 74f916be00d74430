/**
 * The popup and floating modes, loaded only by an element whose `mode` is not "inline" (and by
 * the first click on a `data-popin-booking` opener): a modal `<dialog>` around the widget's
 * content, and in floating mode a launcher button fixed in a corner.
 *
 * The modal dialog makes the rest of the page inert (focus stays in), closes on Escape and on
 * the close button (and a click on the backdrop), returns focus to whatever opened it, locks
 * the page's scroll while open and fills the screen under 480 px.
 */
import { css, html, nothing, svg, type ReactiveController, type TemplateResult } from 'lit';
import { emit } from '../events.js';
import type { ShellHost } from '../host.js';
import { base, en } from '../i18n/i18n.js';
import strings from './en.js';

Object.assign(en, strings);

// Whole, not through list/icons.ts: that would load the list chunk with the launcher.
const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>`;

/** The page's own overflow while a popup locks it, restored on close (shared by every element). */
let locks = 0;
let pageOverflow = '';

function lockScroll(): void {
  if (!locks++) {
    pageOverflow = document.documentElement.style.overflow;
    document.documentElement.style.overflow = 'hidden';
  }
}

function unlockScroll(): void {
  if (locks && !--locks) document.documentElement.style.overflow = pageOverflow;
}

/** The focused element, looking into open shadow roots (a launcher inside ours, a seller's own component). */
function deepActive(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}

export class Shell implements ReactiveController {
  /** Where focus goes back to on close. */
  private opener: HTMLElement | null = null;
  private shown = false;

  constructor(private readonly host: ShellHost) {
    host.addController(this);
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog');
  }

  hostUpdated(): void {
    const dialog = this.dialog;
    // An update may run after the page took the element off: it is shown again once put back.
    if (!dialog?.isConnected) return;
    if (this.host.opened && !this.shown) {
      this.shown = true;
      this.opener = this.host.opener ?? deepActive();
      lockScroll();
      dialog.showModal();
      emit(this.host, 'popin-booking:open', {});
    } else if (!this.host.opened && this.shown) {
      this.shown = false;
      if (dialog.open) dialog.close();
      unlockScroll();
      const opener = this.opener;
      this.opener = null;
      opener?.focus();
      emit(this.host, 'popin-booking:close', {});
    }
  }

  hostConnected(): void {
    if (this.host.opened) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    if (this.shown) {
      this.shown = false;
      unlockScroll();
      // Taken off the page, a modal dialog keeps its open attribute but is modal no more: put
      // back (a page re-parenting the element), showModal() would throw and it would show inline.
      this.dialog?.close();
    }
  }

  private readonly cancel = (event: Event) => {
    // Escape: close through the element, so its `open` attribute and the events follow.
    event.preventDefault();
    this.host.close();
  };

  private readonly backdrop = (event: MouseEvent) => {
    if (event.target === event.currentTarget) this.host.close();
  };

  private readonly launch = () => this.host.open(deepActive() ?? undefined);

  render(content: TemplateResult): TemplateResult {
    const { host } = this;
    const { locale, t } = host;
    const dir = base(locale) == 'ar' ? 'rtl' : 'ltr';
    // position and label are read as attributes (no first-load property for them); the launcher
    // waits for the language's catalog rather than showing English first.
    const label = host.getAttribute('label') || t('launcher');
    const launcher =
      host.mode === 'floating' && label
        ? html`<button
            class="button launcher ${host.getAttribute('position') == 'bottom-left' ? 'left' : 'right'}"
            part="button launcher"
            type="button"
            lang=${locale}
            dir=${dir}
            aria-haspopup="dialog"
            aria-expanded=${String(host.opened)}
            @click=${this.launch}
          >
            ${label}
          </button>`
        : nothing;
    return html`${launcher}
      <dialog part="dialog" lang=${locale} dir=${dir} aria-labelledby="title" @cancel=${this.cancel} @click=${this.backdrop}>
        <div class="sheet" part="sheet">
          <button class="close" part="button close" type="button" aria-label=${t('close')} @click=${() => host.close()}>${closeIcon}</button>
          ${content}
        </div>
      </dialog>`;
  }
}

/** The popup of a `data-popin-booking="<site>"` opener: one element per site, kept at the end of the body. */
export async function openFrom(opener: HTMLElement): Promise<void> {
  const site = opener.dataset.popinBooking ?? '';
  let el = [...document.querySelectorAll('popin-booking[data-popin-opener]')].find((e) => e.getAttribute('site') === site) as ShellHost | undefined;
  if (!el) {
    el = document.createElement('popin-booking') as ShellHost;
    el.setAttribute('site', site);
    el.setAttribute('mode', 'popup');
    el.setAttribute('data-popin-opener', '');
    // The opener's language (its own lang or its nearest ancestor's) and any prefill it carries.
    const lang = opener.closest('[lang]')?.getAttribute('lang');
    if (lang) el.setAttribute('lang', lang);
    for (const name of ['api', 'name', 'mobile', 'country']) {
      const value = opener.dataset[`popin${name[0]!.toUpperCase()}${name.slice(1)}`];
      if (value) el.setAttribute(name, value);
    }
    document.body.append(el);
  }
  // The loader (widget.ts) defines the element a task after this chunk's imports are evaluated: a
  // click can come in between.
  await customElements.whenDefined('popin-booking');
  el.open(opener);
}

export const styles = css`
  :host([mode='floating']),
  :host([mode='popup']) {
    display: contents;
    /* As the list chunk's (buttons are styled there): the launcher shows before that chunk loads. */
    --_accent-contrast: var(--popin-accent-contrast, color(from var(--_accent) xyz-d65 clamp(0, (0.1791 - y) * 1e6, 0.9505) clamp(0, (0.1791 - y) * 1e6, 1) clamp(0, (0.1791 - y) * 1e6, 1.089)));
  }

  dialog {
    box-sizing: border-box;
    width: min(40rem, calc(100% - 2rem));
    max-height: calc(100% - 2rem);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.33);
    color: var(--_text);
    background: var(--_surface);
    box-shadow: 0 1.5rem 4rem rgb(0 0 0 / 0.3);
    overscroll-behavior: contain;
  }

  dialog::backdrop {
    background: rgb(10 12 20 / 0.55);
  }

  .sheet {
    position: relative;
    container: popin / inline-size;
    padding: var(--_space);
  }

  /* Room for the close button beside the title. */
  .header {
    padding-inline-end: 2.5rem;
  }

  .close {
    position: absolute;
    inset-block-start: calc(var(--_space) * 0.5);
    inset-inline-end: calc(var(--_space) * 0.5);
    display: grid;
    place-items: center;
    width: 2.5rem;
    height: 2.5rem;
    padding: 0;
    border: 0;
    border-radius: var(--_r);
    color: var(--_muted);
    background: none;
    cursor: pointer;
  }

  .close:hover {
    color: var(--_text);
    background: var(--_surface-2);
  }

  .close svg {
    width: 1.25rem;
    height: 1.25rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
  }

  .launcher {
    border: 0;
    background: var(--_accent);
    color: var(--_accent-contrast);
    font-weight: 600;
    font-size: 1rem;
    font-family: inherit;
    cursor: pointer;
    position: fixed;
    inset-block-end: 1.25rem;
    z-index: 2147483000;
    min-height: 3rem;
    padding-inline: 1.25rem;
    border-radius: 62rem;
    box-shadow: 0 0.5rem 1.5rem rgb(0 0 0 / 0.25);
  }

  /* The corner the seller chose, whatever the language's direction. */
  .right {
    right: 1.25rem;
  }

  .left {
    left: 1.25rem;
  }

  @media (max-width: 480px) {
    dialog {
      width: 100%;
      max-width: none;
      height: 100%;
      max-height: none;
      margin: 0;
      border: 0;
      border-radius: 0;
    }
  }
`;
