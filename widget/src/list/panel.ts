/**
 * The booking panel's loader, in the list chunk (a panel is only ever opened from the list):
 * fetches the booking form's chunk (booking/) when a slot is first chosen, shows the skeleton
 * meanwhile and an error state with "Try again" if it cannot load, then hands over to the form.
 */
import { Task, TaskStatus } from '@lit/task';
import type { DemoEvent } from '../api.js';
import { errorState, skeleton } from '../frame.js';
import type { BookingHost, FormChunk, FormView, Step } from '../host.js';
import { alertIcon } from './icons.js';

export class Panel {
  /** The booking form's code and styles, with the account chunk's. */
  private readonly form = new Task(this.host, {
    autoRun: false,
    task: async (): Promise<FormView> => {
      const [booking] = await Promise.all([this.host.load('booking', this.importer), this.host.loadAccount()]);
      return new booking.BookingForm(this.host);
    },
  });

  /** `importer`: the booking chunk's import, given by the element (a static path here would make the chunks import each other). */
  constructor(
    private readonly host: BookingHost,
    private readonly importer: () => Promise<FormChunk>,
  ) {}

  /**
   * Loads the booking form's code (the form, account and phone chunks) once, unless already there
   * or loading, so that the form opens at once on the click. A listener object: passive, so a
   * finger's touchstart on the list never waits for it to scroll.
   */
  readonly prefetch = {
    passive: true,
    handleEvent: () => this.form.status || void this.form.run([]),
  };

  /**
   * The form is fetched before the first click: once the list has painted and the page is idle
   * (a page that is never booked from pays nothing before its list is on screen), or at once when
   * the list is hovered, focused or touched (`prefetch`, slot-list.ts).
   */
  prefetchSoon() {
    // Each render asks again until it has started: the first to run loads it, the others find it loading.
    // The frame after this render paints the list; the task after that frame is after its paint.
    if (!this.form.status) requestAnimationFrame(() => setTimeout(() => (globalThis.requestIdleCallback ?? setTimeout)(this.prefetch.handleEvent, { timeout: 3000 })));
  }

  /** Opens the form for `event` (a slot's Book button). */
  readonly open = (event: DemoEvent) => {
    this.host.step = { view: 'form', event };
    // No "Cancel booking?" prompt left open for when the list comes back.
    void this.host.loadAccount().then((account) => account.reset(), () => undefined);
    const form = this.form.value;
    if (form) form.open();
    else void this.form.run([]).then(() => this.form.value?.open());
  };

  private readonly retry = () => {
    const { step } = this.host;
    if (step.view !== 'list') this.open(step.event);
  };

  /** Escape goes back to the list (the form's handler, once it is here). */
  get keydown() {
    return this.form.value?.keydown;
  }

  render(step: Exclude<Step, { view: 'list' }>) {
    const { host } = this;
    const form = this.form.value;
    if (form) return form.render(step);
    return this.form.status === TaskStatus.ERROR ? errorState(host.t, 'formFailed', host.t('generic'), this.retry, alertIcon) : skeleton();
  }
}
