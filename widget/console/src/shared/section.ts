/**
 * What every console section shares: the site it shows, the console's styles, and one way to
 * treat a failure (a 401 ends the session: the app shows the sign-in form again).
 */
import { LitElement, type CSSResultGroup } from 'lit';
import { ConsoleError, isAbort, type SiteRecord } from '../api.js';
import { emit } from '../events.js';
import theme from './theme.styles.js';

export class ConsoleSection extends LitElement {
  static override styles: CSSResultGroup = theme;

  static override properties = {
    site: {},
    record: { attribute: false },
    actor: {},
  };

  /** The site id. */
  site = '';
  /** The site's settings, as the app last read them. */
  record?: SiteRecord;
  /** Who is signed in: an operator sees more (site details, secrets, adding a site). */
  actor: 'seller' | 'operator' = 'seller';

  /** For every Task's onError: a 401 means the session is over. */
  protected readonly failed = (error: unknown) => {
    if (isAbort(error)) return;
    if (error instanceof ConsoleError && error.status === 401) emit(this, 'popin-console:session-ended', { message: error.message });
  };

  /** Focuses the section's heading (after the app switched to it). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }
}

/** Registers a section's tag once (the console script may be loaded twice). */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
