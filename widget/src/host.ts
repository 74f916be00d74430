/**
 * What a lazily loaded part may use of `<popin-booking>` (types only: nothing here runs).
 *
 * The element implements `BookingHost` and composes the parts (reactive controllers);
 * the parts reach the element only through this interface, so no chunk imports the
 * element's module and none of them sets its state behind its back.
 */
import type { nothing, ReactiveControllerHost, TemplateResult } from 'lit';
import type { Task } from '@lit/task';
import type { BookingApi, DemoEvent, Slots } from './api.js';
import type { StoredCustomer } from './storage.js';

/** What the element shows below its header. */
export type Step =
  | { view: 'list' }
  | { view: 'form'; event: DemoEvent }
  | { view: 'done'; event: DemoEvent; contact: string };

/** The returning customer's parts (account/account.ts), as the list (list/) and the element use them. */
export interface AccountView {
  /** The booked slot whose "Cancel booking?" prompt is open. */
  readonly confirming?: number;
  /** The "Booking as …" bar. */
  session(customer: StoredCustomer): TemplateResult;
  /** A booked slot's buttons: join links and Cancel. */
  actions(event: DemoEvent): TemplateResult;
  /** What a booked slot shows below its row: the audio conference's dial-in, on PGi sites. */
  extra(event: DemoEvent): TemplateResult | typeof nothing;
  /** Closes an open "Cancel booking?" prompt. */
  reset(): void;
}

export interface BookingHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The worker API of this element's site. */
  readonly client: BookingApi;
  /** Where this site's customer is kept in localStorage. */
  readonly key: string;
  /** The customer the widget books as, once known (a stored token or a new sign-up). */
  customer?: StoredCustomer;
  step: Step;
  /** The slot list; `run()` reloads it (after sign-in, booking, cancelling, "Not you?"). */
  readonly slots: Task<readonly [string, string, boolean], Slots>;
  /** Sets the polite live region's text. */
  announce(message: string): void;
  /** Tells the host page about a failed request (`popin-booking:error`). */
  report(error: unknown): void;
  /** Focuses the first match in the shadow root after the next render. */
  focusLater(selector: string): Promise<void>;
  /** Forgets the stored customer (a token the worker refused, or "Not you?"). */
  forget(): void;
}

/** What the slot list (list/) uses of the element. */
export interface ListHost {
  /** Shows the booking form for `event`. */
  openForm(event: DemoEvent): void;
  /** The booking form's code (booking/ and account/); run early, a click then finds it loaded. */
  readonly panel: Pick<Task, 'run' | 'status'>;
}

/** What the popup and floating modes (popup/popup.ts) use of the element. */
export interface ShellHost extends BookingHost {
  readonly mode: string;
  /** The `open` attribute: the popup is showing. */
  readonly opened: boolean;
  /** What `open(opener)` was given. */
  readonly opener?: HTMLElement;
  /** Opens the popup; focus returns to `opener` (default: whatever has focus) on close. */
  open(opener?: HTMLElement): void;
  close(): void;
}
