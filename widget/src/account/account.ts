/**
 * The returning customer's parts, loaded with `import('./account/account.js')` when a
 * token is stored (in parallel with the slots request, so the list renders once) or when
 * the booking form opens: the "Booking as …" bar, booked slots' join links, Cancel and its
 * confirm step, "Not you?". The booking calls live here too (booking-calls.ts), so the
 * booking form, which loads beside this chunk, gets them without a third request.
 */
import { html, nothing, type ReactiveController } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { ApiError, isAbort, type DemoEvent } from '../api.js';
import { emit } from '../events.js';
import type { AccountView, BookingHost } from '../host.js';
import { en } from '../i18n/i18n.js';
import strings from './en.js';
import { focusLater, slotDetail, slotLabel } from '../list/slot-list.js';
import type { StoredCustomer } from '../storage.js';
import type { Tentimes } from '../tentimes/tentimes.js';
import type { AudioJoinView } from './audio-join.js';
import type { WaitingRoom } from '../waiting/waiting-room.js';
import type * as Calendar from '../calendar/calendar.js';
import { cancel } from './booking-calls.js';
import { joinLink } from './join-link.js';

export { default as styles } from './account.styles.js';

Object.assign(en, strings);
export { attribution, createCustomer, register } from './booking-calls.js';
export { joinLink } from './join-link.js';

let calendarModule: typeof Calendar | undefined;

/**
 * "Add to calendar" for a booked demo (calendar/, its own chunk): nothing until that chunk is
 * here, then the .ics, Google and Outlook links. Used by booked slots and the confirmation.
 */
export function addToCalendar(host: BookingHost, e: DemoEvent) {
  if (!e.starts_at || !host.customer) return nothing;
  if (!calendarModule) {
    void import('../calendar/calendar.js').then((m) => {
      calendarModule = m;
      host.requestUpdate();
    });
    return nothing;
  }
  return calendarModule.calendarLinks(host, e, `${host.key}:${host.customer.mobile}`);
}

/** "Not you?": forgets the customer and shows the guest view (the list, or the empty form). */
export function signOut(host: BookingHost): void {
  host.forget();
  host.announce(host.t('signedOut'));
  void host.slots.run();
  void focusLater(host, host.step.view === 'form' ? '#name' : '[part~="title"]');
}

/** The returning customer's parts of one `<popin-booking>`: a reactive controller. */
export class Account implements ReactiveController, AccountView {
  confirming?: number | string;
  /** The 10times FLOOR links (tentimes/), on sites with that option. */
  private tentimes?: Tentimes;
  /**
   * Parts loaded on first need: the audio conference's dial-in (audio-join.ts), when the
   * customer's slots carry it; an EnableX demo's PIN, countdown and lobby (waiting/), for the
   * first such booking.
   */
  private parts: { audio?: AudioJoinView; room?: WaitingRoom } = {};
  private loading = new Set<string>();

  constructor(private readonly host: BookingHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancelling.abort();
    this.parts.audio?.disconnect();
  }

  reset(): void {
    this.confirming = undefined;
  }

  readonly cancelling = new Task(this.host, {
    autoRun: false,
    task: async ([event]: readonly [DemoEvent], { signal }) => {
      const { host } = this;
      const customer = host.customer;
      if (!customer) throw new ApiError(401, 'unauthorized', host.t('err_unauthorized'));
      try {
        await cancel(host.client, event.id, customer.token, signal);
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
      this.host.announce(this.host.t('cancelled', { name: event.name }));
      void focusLater(this.host, `[data-slot="${event.id}"]`);
    },
    onError: (error) => {
      if (isAbort(error)) return;
      this.confirming = undefined;
      this.host.report(error);
      this.host.announce(this.host.say(error));
    },
  });

  private set(confirming: number | string | undefined, focus: string) {
    this.confirming = confirming;
    this.host.requestUpdate();
    void focusLater(this.host, focus);
  }

  readonly notYou = () => signOut(this.host);

  /** The 10times part, once, on sites with that option: it fetches the customer's FLOOR links. */
  private loadTentimes(): void {
    if (this.host.slots.value?.tentimes && !this.tentimes) {
      void import('../tentimes/tentimes.js').then((m) => {
        this.tentimes = m.tentimesFor(this.host);
        this.host.requestUpdate();
      });
    }
  }

  /** Below a booked slot: "Join by audio conference", or an EnableX demo's waiting room, loaded on first need. */
  extra(e: DemoEvent) {
    if (e.enablex) {
      const room = this.part('room', () => import('../waiting/waiting-room.js').then((m) => new m.WaitingRoom(this.host)));
      return room ? room.render(e) : nothing;
    }
    const audio = this.host.slots.value?.audio;
    const view = audio && this.part('audio', () => import('./audio-join.js').then((m) => new m.AudioJoinView(this.host)));
    return view ? view.render(e, audio) : nothing;
  }

  /** A part, once it is here; the first call imports it (a failed import is tried again on the next render). */
  private part<K extends keyof Account['parts']>(key: K, load: () => Promise<NonNullable<Account['parts'][K]>>): Account['parts'][K] {
    if (!this.parts[key] && !this.loading.has(key)) {
      this.loading.add(key);
      void load().then(
        (made) => ((this.parts[key] = made), this.host.requestUpdate()),
        () => this.loading.delete(key),
      );
    }
    return this.parts[key];
  }

  session(customer: StoredCustomer) {
    const { t } = this.host;
    // The name in bold where the language puts it; the number reads left to right in every language.
    const [before, after] = t('bookingAs').split('{name}');
    return html`<p class="session" part="session">
      <span>${before}<strong>${customer.name}</strong>${after} · <bdi dir="ltr">${customer.display}</bdi></span>
      <button class="link" part="not-you" type="button" @click=${this.notYou}>${t('notYou')}</button>
    </p>`;
  }

  /** A booked slot's buttons: join link + Cancel, or the "Cancel booking?" prompt. */
  actions(e: DemoEvent) {
    const { host } = this;
    const { t } = host;
    if (this.confirming !== e.id) {
      this.loadTentimes();
      return html`${joinLink(host, e)}${this.tentimes?.floor(e)}${addToCalendar(host, e)}
        <button class="button quiet" part="button cancel" type="button" data-slot=${e.id} @click=${() => this.set(e.id, `[data-keep="${e.id}"]`)}>
          ${t('cancel')}<span class="sr-only"> ${t('cancelFor', { slot: slotLabel(host, e) })}</span>
        </button>`;
    }
    const busy = this.cancelling.status === TaskStatus.PENDING;
    return html`<div class="confirm-cancel" part="confirm-cancel" role="group" aria-labelledby="cancel-q-${e.id}">
      <span id="cancel-q-${e.id}">${t('cancelQuestion')}</span>
      <button
        class="button danger"
        part="button cancel-yes"
        type="button"
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => busy || void this.cancelling.run([e])}
      >
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>${t('cancelling')}` : t('yesCancel')}
      </button>
      <button class="button secondary" part="button cancel-keep" type="button" data-keep=${e.id} @click=${() => this.set(undefined, `[data-slot="${e.id}"]`)}>
        ${t('keep')}
      </button>
    </div>`;
  }
}
