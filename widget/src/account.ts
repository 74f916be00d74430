/**
 * The returning customer's parts, loaded with `import('./account.js')` when a token is
 * stored (in parallel with the slots request, so the list renders once) or after a
 * first booking: the "Booking as …" bar, booked slots' join links, Cancel and its
 * confirm step, "Not you?", and their styles.
 */
import { css, html, nothing, svg } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { ApiError, type DemoEvent, type NewCustomer } from './api.js';
import * as calls from './api-bookings.js';
import { emit } from './events.js';
import { GENERIC, isAbort, type default as PopinBooking } from './popin-booking.component.js';
import type { StoredCustomer } from './storage.js';
import type { TentimesForm } from './tentimes.js';
import type { HumanCheck } from './turnstile.js';
import { icon } from './views/icons.js';
import { slotDetail, slotLabel } from './views/slots.js';

/** "Opens elsewhere", after join links (and the 10times FLOOR links in tentimes.ts). */
export const externalIcon = icon(svg`<path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>`);

/**
 * "Join now" (prominent, when the event is live) or the plain join link; only for an
 * http(s) URL. Without one, the confirmation (`block`) says when the link will come.
 */
export function joinLink(e: DemoEvent, block = false) {
  const url = calls.safeHttpUrl(e.join_url);
  if (!url) return block ? html`<p class="muted">The join link will appear here before the demo starts.</p>` : nothing;
  const now = e.can_join;
  return html`<a
    class="button ${now ? 'join-now' : 'secondary'} ${block ? 'block' : ''}"
    part=${now ? 'join join-now' : 'join'}
    href=${url}
    target="_blank"
    rel="noopener noreferrer"
    >${now ? 'Join now' : 'Join link'}<span class="sr-only"> ${e.name} (opens in a new tab)</span>${externalIcon}</a
  >`;
}

export class Account {
  /** Event whose "Cancel booking?" prompt is open. */
  confirming?: number;

  constructor(private readonly host: PopinBooking) {}

  /** The 10times parts (tentimes.ts: extra form fields, FLOOR links); only on sites with that option. */
  form?: TentimesForm;

  /**
   * The site's 10times option (GET /tentimes), fetched again after every reload of the slots,
   * so a booking's FLOOR link shows once 10times has confirmed it. A failure only hides them.
   */
  readonly tentimes = new Task(this.host, {
    args: () => [this.host.customer?.token, this.host.slots.value] as const,
    task: async ([token], { signal }) => {
      const [body] = await this.host.client.request('/tentimes', { token, signal });
      if ((body as { enabled?: unknown } | null)?.enabled !== true) return;
      (this.form ??= new (await import('./tentimes.js')).TentimesForm(this.host)).set(body as Record<string, unknown>);
    },
  });

  /** The sign-up's human check (turnstile.ts), on sites with Turnstile only. */
  private human?: HumanCheck;

  /** The sign-up form's extra parts, for the panel chunk: the 10times fields and the human check. */
  get fields() {
    const key = this.host.slots.value?.site.turnstileSiteKey;
    if (key && !this.human) {
      void import('./turnstile.js').then((m) => {
        this.human ??= new m.HumanCheck(this.host, key);
        this.host.requestUpdate();
      });
    }
    return html`${this.form?.render()}${this.human?.render()}`;
  }

  /** Shows a failed booking's messages under the 10times fields; a selector for the first, if any. */
  show(error: ApiError) {
    return this.form?.show(error.fieldErrors);
  }

  /** Creates the customer, with the 10times fields and the Turnstile token when the site has them (for the panel chunk). */
  async signUp(input: NewCustomer, signal: AbortSignal) {
    this.form?.check();
    this.human?.check();
    try {
      return await calls.createCustomer(this.host.client, { ...input, ...this.form?.filled(), turnstile: this.human?.token }, signal);
    } finally {
      // Turnstile tokens are single-use: whatever the answer, the next attempt needs a fresh one.
      this.human?.reset();
    }
  }

  /** For the confirmation in the panel chunk, which does not import this one: the join link, and the 10times note. */
  readonly join = (e: DemoEvent, block = false) => html`${joinLink(e, block)}${this.form?.note(block)}`;

  /**
   * The booking calls, for the panel chunk too: it reaches them through here so that
   * they ship in this chunk, not in a third one fetched after it (a request waterfall).
   */
  readonly calls = calls;

  readonly cancelling = new Task(this.host, {
    autoRun: false,
    task: async ([event]: readonly [DemoEvent], { signal }) => {
      const { host } = this;
      const customer = host.customer;
      if (!customer) throw new ApiError(401, 'unauthorized', 'Please book again to manage your bookings.');
      try {
        await calls.cancel(host.client, event.id, customer.token, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          host.forget();
          void host.slots.run();
        }
        throw error;
      }
      emit(host, 'popin-booking:cancelled', slotDetail(event));
      await host.slots.run();
      return event;
    },
    onComplete: (event) => {
      this.confirming = undefined;
      this.host.announce(`Cancelled your booking for ${event.name}.`);
      void this.host.focusLater(`[data-slot="${event.id}"]`);
    },
    onError: (error) => {
      if (isAbort(error)) return;
      this.confirming = undefined;
      this.host.report(error);
      this.host.announce(error instanceof ApiError ? error.message : GENERIC);
    },
  });

  private set(confirming: number | undefined, focus: string) {
    this.confirming = confirming;
    this.host.requestUpdate();
    void this.host.focusLater(focus);
  }

  readonly notYou = () => {
    const { host } = this;
    host.forget();
    host.announce('Signed out. Enter your details to book.');
    void host.slots.run();
    void host.focusLater(host.step.view === 'form' ? '#name' : '[part~="title"]');
  };

  session(customer: StoredCustomer) {
    return html`<p class="session" part="session">
      <span>Booking as <strong>${customer.name}</strong> · ${customer.display}</span>
      <button class="link" part="not-you" type="button" @click=${this.notYou}>Not you?</button>
    </p>`;
  }

  /** A booked slot's buttons: join link + Cancel, or the "Cancel booking?" prompt. */
  actions(e: DemoEvent) {
    if (this.confirming !== e.id) {
      return html`${joinLink(e)}${this.form?.floor(e)}
        <button class="button quiet" part="button cancel" type="button" data-slot=${e.id} @click=${() => this.set(e.id, `[data-keep="${e.id}"]`)}>
          Cancel<span class="sr-only"> booking for ${slotLabel(e)}</span>
        </button>`;
    }
    const busy = this.cancelling.status === TaskStatus.PENDING;
    return html`<div class="confirm-cancel" part="confirm-cancel" role="group" aria-labelledby="cancel-q-${e.id}">
      <span id="cancel-q-${e.id}">Cancel booking?</span>
      <button
        class="button danger"
        part="button cancel-yes"
        type="button"
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => busy || void this.cancelling.run([e])}
      >
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>Cancelling…` : 'Yes, cancel'}
      </button>
      <button class="button secondary" part="button cancel-keep" type="button" data-keep=${e.id} @click=${() => this.set(undefined, `[data-slot="${e.id}"]`)}>
        Keep
      </button>
    </div>`;
  }
}

/** Styles of these parts (and of what the booking panel shares with them). */
export const styles = css`
  :host {
    --_success: var(--popin-success, light-dark(#116329, #6fdd8b));
  }

  h3 {
    margin: 0;
  }

  .button {
    gap: 0.5rem;
    text-decoration: none;
  }

  .button svg {
    flex: none;
    width: 1rem;
    height: 1rem;
  }

  .session {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin-block-end: 0.75rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface-2);
    font-size: 0.875rem;
  }

  .quiet {
    background: transparent;
    color: var(--_muted);
    padding-inline: 0.625rem;
  }

  .quiet:hover {
    background: var(--_surface-2);
    color: var(--_text);
    filter: none;
  }

  .danger {
    background: var(--_danger);
    color: var(--_surface);
  }

  .block {
    width: 100%;
  }

  .button[aria-disabled='true'] {
    cursor: progress;
    filter: saturate(0.7);
  }

  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent-text);
    font: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }

  .spinner {
    width: 1rem;
    height: 1rem;
    border: 0.125rem solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.7s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }

  .slot.booked {
    border-color: color-mix(in srgb, var(--_success) 45%, var(--_border));
  }

  .tag.booked {
    color: var(--_success);
    background: color-mix(in srgb, var(--_success) 12%, var(--_surface));
  }

  .confirm-cancel {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 0.5rem;
    font-size: 0.875rem;
    font-weight: 600;
  }

  .join-now.block {
    min-height: 3rem;
    font-size: 1rem;
  }

  @container popin (max-width: 30rem) {
    .slot.booked,
    .confirming {
      grid-template-columns: auto minmax(0, 1fr);
    }

    .slot.booked .actions,
    .confirming .actions {
      grid-column: 1 / -1;
      justify-content: stretch;
    }

    .slot.booked .actions > *,
    .confirm-cancel > .button {
      flex: 1 1 auto;
    }

    .confirm-cancel {
      justify-content: stretch;
    }

    .confirm-cancel > span {
      flex-basis: 100%;
    }
  }
`;
