import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { ConsoleError, isAbort, messageOf, parseSession, parseSite, request, sitePath, type Session, type SiteRecord } from './api.js';
import type { ConsoleEventMap } from './events.js';
import theme from './shared/theme.styles.js';
import { failed, progress } from './shared/states.js';
import styles from './popin-console.styles.js';

/** The sections, in the navigation's order; each is a lazy chunk (sections/<name>.ts). */
const SECTIONS = {
  demos: { label: 'Demos', load: () => import('./sections/demos.js') },
  leads: { label: 'Leads', load: () => import('./sections/leads.js') },
  audio: { label: 'Audio conferencing', load: () => import('./sections/audio.js') },
  enablex: { label: 'EnableX demos', load: () => import('./sections/enablex.js') },
  tentimes: { label: '10times outbox', load: () => import('./sections/tentimes.js') },
  settings: { label: 'Settings', load: () => import('./sections/settings.js') },
  audit: { label: 'Audit log', load: () => import('./sections/audit.js') },
} as const;
export type SectionName = keyof typeof SECTIONS;
const isSection = (v: string | null): v is SectionName => !!v && v in SECTIONS;

/** No answer, or the worker failing: worth a "Try again" rather than the sign-in form. */
const unreachable = (e: unknown) => !(e instanceof ConsoleError) || e.status === 0 || e.status >= 500;

type Focusable = HTMLElement & { focusHeading?: () => Promise<void> };

/**
 * The seller console at /console: sign-in, then the sections of one site (an operator first
 * picks the site). The place (site and section) lives in the query string, so a reload or a
 * shared link comes back to it; the URL fragment carries a one-time sign-in link
 * (`#key=…&site=…`, printed by `npm start`), removed from the address bar at once.
 *
 * @summary Seller console: demos and their bookings, leads, audio conferencing, EnableX demos, 10times, settings, audit log.
 *
 * @csspart header - The top bar: console name, site, "Change site", "Sign out".
 * @csspart nav - The section navigation.
 * @csspart main - Where the current section shows.
 * @csspart sign-in - The sign-in form.
 * @csspart progress - A wait (spinner and what is happening).
 * @csspart error - A failure: what happened and what to do.
 *
 * @cssproperty --popin-accent - As in the widget: buttons, links, focus ring.
 * @cssproperty --popin-surface - As in the widget: cards.
 * @cssproperty --popin-surface-muted - As in the widget: the page behind the cards.
 */
export default class PopinConsole extends LitElement {
  static override styles = [theme, styles];

  static override properties = {
    session: { state: true },
    site: { state: true },
    section: { state: true },
    picking: { state: true },
    announcement: { state: true },
    signInMessage: { state: true },
  };

  private session?: Session;
  /** The site shown (a seller's own; an operator's choice). */
  private site = '';
  private section: SectionName = 'demos';
  /** An operator is choosing a site. */
  private picking = false;
  private announcement = '';
  /** Why the sign-in form is showing again (the session ended). */
  private signInMessage = '';

  /** Who is signed in: a sign-in link in the fragment, else the cookie's session. */
  private readonly sessionTask = new Task(this, {
    autoRun: false,
    task: async (_: readonly [], { signal }) => {
      const link = new URLSearchParams(location.hash.slice(1));
      const key = link.get('key');
      const site = link.get('site');
      if (key && site) {
        // The key must not stay in the address bar, history or a screenshot: drop it first.
        history.replaceState(history.state, '', location.pathname + location.search);
        return parseSession(await request('/session', { method: 'POST', body: { site, key }, signal }));
      }
      try {
        return parseSession(await request('/session', { signal }));
      } catch (error) {
        if (error instanceof ConsoleError && error.status === 401) return undefined;
        throw error;
      }
    },
    onComplete: (session) => this.enter(session),
    onError: (error) => {
      // A sign-in link refused (a wrong or old key, too many tries): say so above the form.
      if (!isAbort(error) && !unreachable(error)) this.signInMessage = `The sign-in link did not work. ${messageOf(error)}`;
    },
  });

  private readonly signIn = new Task(this, {
    autoRun: false,
    task: async ([site, key]: readonly [string, string], { signal }) =>
      parseSession(await request('/session', { method: 'POST', body: { site, key }, signal })),
    onComplete: (session) => {
      this.signInMessage = '';
      this.enter(session);
      this.announce(`Signed in to ${session.site}.`);
      void this.focusMain();
    },
    onError: (error) => {
      if (!isAbort(error)) void this.focusLater('#sign-in-error');
    },
  });

  private readonly signOut = new Task(this, {
    autoRun: false,
    task: async (_: readonly [], { signal }) => request('/session', { method: 'DELETE', signal }),
    onComplete: () => this.ended('Signed out.'),
  });

  /** The site's settings: the header (title, paused) and the sections read them. */
  private readonly siteTask = new Task(this, {
    args: () => [this.session ? this.site : ''] as const,
    task: async ([site], { signal }): Promise<SiteRecord | undefined> =>
      site ? parseSite(await request(sitePath(site), { signal })) : undefined,
    onError: (error) => this.onRequestError(error),
  });

  /** The current section's chunk. */
  private readonly sectionTask = new Task(this, {
    args: () => [this.section] as const,
    task: async ([name]): Promise<void> => {
      await SECTIONS[name].load();
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.readPlace();
    addEventListener('popstate', this.onPopState);
    addEventListener('hashchange', this.onHashChange);
    this.addEventListener('popin-console:session-ended', this.onSessionEnded);
    this.addEventListener('popin-console:site-updated', this.onSiteUpdated);
    void this.sessionTask.run([]);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('popstate', this.onPopState);
    removeEventListener('hashchange', this.onHashChange);
    this.sessionTask.abort();
    this.siteTask.abort();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('section') || changed.has('site') || changed.has('picking')) this.writePlace(changed);
  }

  // ---- place: ?site=…&section=… -----------------------------------------------

  private readPlace(): void {
    const query = new URLSearchParams(location.search);
    const section = query.get('section');
    this.section = isSection(section) ? section : 'demos';
    this.site = query.get('site') ?? this.site;
  }

  private writePlace(changed: PropertyValues): void {
    if (!this.session) return;
    const query = new URLSearchParams();
    if (this.site) query.set('site', this.site);
    if (this.section !== 'demos') query.set('section', this.section);
    const url = `${location.pathname}${query.size ? `?${query}` : ''}`;
    if (url === location.pathname + location.search) return;
    // A new section is a step back can undo; the first site filled in is not.
    if (changed.get('section') !== undefined || changed.get('site')) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  private readonly onPopState = () => {
    const site = this.site;
    this.readPlace();
    if (this.session?.role === 'seller') this.site = this.session.site;
    this.picking = this.session?.role === 'operator' && !this.site;
    if (site !== this.site) this.announce(`Showing site ${this.site}.`);
  };

  /** A sign-in link opened in a tab that already shows the console. */
  private readonly onHashChange = () => {
    if (new URLSearchParams(location.hash.slice(1)).has('key')) void this.sessionTask.run([]);
  };

  // ---- session ----------------------------------------------------------------

  private enter(session: Session | undefined): void {
    this.session = session;
    if (!session) return;
    // A seller sees their own site whatever the address says; an operator may pick any.
    if (session.role === 'seller' || !this.site) this.site = session.role === 'seller' ? session.site : session.site === '*' ? '' : session.site;
    this.picking = session.role === 'operator' && !this.site;
  }

  private ended(message: string): void {
    this.session = undefined;
    this.site = '';
    this.picking = false;
    this.signInMessage = message;
    this.announce(message);
    history.replaceState(null, '', location.pathname);
    void this.focusLater('#site');
  }

  private readonly onSessionEnded = (event: ConsoleEventMap['popin-console:session-ended']) => {
    if (this.session) this.ended(event.detail.message);
  };

  private readonly onSiteUpdated = (event: ConsoleEventMap['popin-console:site-updated']) => {
    // The header follows at once; the Task keeps its value until it is next asked.
    this.record = event.detail.site;
    this.requestUpdate();
  };

  /** The record a section just saved, newer than the Task's. */
  private record?: SiteRecord;

  private onRequestError(error: unknown): void {
    if (error instanceof ConsoleError && error.status === 401 && this.session) this.ended(error.message);
  }

  private readonly submitSignIn = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const site = String(form.get('site') ?? '').trim();
    const key = String(form.get('key') ?? '');
    if (this.signIn.status === TaskStatus.PENDING) return;
    void this.signIn.run([site, key]);
  };

  // ---- navigation -----------------------------------------------------------

  private go(section: SectionName): void {
    this.section = section;
    this.announce(`${SECTIONS[section].label}.`);
    void this.focusMain();
  }

  private readonly navigate = (event: MouseEvent) => {
    // Real links (open in a new tab works); a plain click stays in the app.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const name = (event.currentTarget as HTMLElement).dataset.section ?? null;
    if (!isSection(name)) return;
    event.preventDefault();
    this.go(name);
  };

  readonly pick = (site: string) => {
    this.site = site;
    this.picking = false;
    this.record = undefined;
    this.announce(`Showing site ${site}.`);
    void this.focusMain();
  };

  private readonly changeSite = () => {
    this.picking = true;
    this.site = '';
    this.record = undefined;
    void this.focusMain();
  };

  private announce(message: string): void {
    this.announcement = message;
  }

  private async focusLater(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Focuses the heading of what the main area shows, once its chunk has rendered it. */
  private async focusMain(): Promise<void> {
    // The render that starts the section's Task, the chunk, then the render that shows it.
    await this.updateComplete;
    await this.sectionTask.taskComplete.catch(() => undefined);
    await this.updateComplete;
    const el = this.renderRoot.querySelector<Focusable>('main > *');
    if (el?.focusHeading) await el.focusHeading();
    else this.renderRoot.querySelector<HTMLElement>('main h2, main h1')?.focus();
  }

  // ---- rendering ----------------------------------------------------------------

  private renderSignIn() {
    const busy = this.signIn.status === TaskStatus.PENDING;
    const error = this.signIn.status === TaskStatus.ERROR ? messageOf(this.signIn.error) : '';
    const fragment = new URLSearchParams(location.hash.slice(1));
    return html`<main class="sign-in-page">
      <form class="card sign-in" part="sign-in" @submit=${this.submitSignIn} aria-describedby="sign-in-intro" novalidate>
        <h1 tabindex="-1">Sign in to the Popin console</h1>
        <p class="muted" id="sign-in-intro">Use your site id and the console key you were given.</p>
        ${this.signInMessage ? html`<p class="note">${this.signInMessage}</p>` : nothing}
        <div class="field">
          <label for="site">Site id</label>
          <input id="site" name="site" autocomplete="username" required spellcheck="false" autocapitalize="off" .value=${fragment.get('site') ?? ''} />
        </div>
        <div class="field">
          <label for="key">Console key</label>
          <input id="key" name="key" type="password" autocomplete="current-password" required aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? 'sign-in-error' : nothing} />
        </div>
        ${error ? html`<p class="form-error" id="sign-in-error" role="alert" tabindex="-1">${error}</p>` : nothing}
        <button class="button" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>Signing in…` : 'Sign in'}
        </button>
      </form>
    </main>`;
  }

  private renderHeader(session: Session) {
    const record = this.record?.id === this.site ? this.record : this.siteTask.value;
    return html`<header class="top" part="header">
      <h1 class="brand"><span class="logo" aria-hidden="true"></span>Popin console</h1>
      <div class="who">
        ${this.site
          ? html`<p class="site"><span>${record?.title || this.site}</span>${record?.paused ? html` <span class="tag warn">Bookings paused</span>` : nothing}
              <span class="muted">· ${this.site}</span></p>`
          : nothing}
        ${session.role === 'operator' && this.site ? html`<button class="button secondary small" type="button" @click=${this.changeSite}>Change site</button>` : nothing}
        <button
          class="button secondary small"
          type="button"
          aria-disabled=${this.signOut.status === TaskStatus.PENDING ? 'true' : 'false'}
          @click=${() => this.signOut.status !== TaskStatus.PENDING && void this.signOut.run([])}
        >
          ${this.signOut.status === TaskStatus.PENDING ? html`<span class="spinner" aria-hidden="true"></span>Signing out…` : 'Sign out'}
        </button>
      </div>
      ${this.signOut.status === TaskStatus.ERROR ? html`<p class="form-error" role="alert">${messageOf(this.signOut.error)}</p>` : nothing}
    </header>`;
  }

  private renderNav() {
    return html`<nav part="nav" aria-label="Console sections">
      <ul>
        ${Object.entries(SECTIONS).map(
          ([name, { label }]) => html`<li>
            <a
              href="?site=${encodeURIComponent(this.site)}&section=${name}"
              data-section=${name}
              aria-current=${name === this.section ? 'page' : 'false'}
              @click=${this.navigate}
              >${label}</a
            >
          </li>`,
        )}
      </ul>
    </nav>`;
  }

  private renderSection() {
    const record = this.record?.id === this.site ? this.record : this.siteTask.value;
    return this.sectionTask.render({
      pending: () => progress(`Loading ${SECTIONS[this.section].label}…`),
      error: () => failed(`Couldn't open ${SECTIONS[this.section].label}`, new ConsoleError(0, 'chunk', 'This part of the console did not load. Check your connection and try again.'), () => void this.sectionTask.run()),
      complete: () => {
        switch (this.section) {
          case 'demos':
            return html`<console-demos site=${this.site} .record=${record}></console-demos>`;
          case 'leads':
            return html`<console-leads site=${this.site} .record=${record}></console-leads>`;
          case 'audio':
            return html`<console-audio site=${this.site} .record=${record}></console-audio>`;
          case 'enablex':
            return html`<console-enablex site=${this.site} .record=${record}></console-enablex>`;
          case 'tentimes':
            return html`<console-tentimes site=${this.site} .record=${record}></console-tentimes>`;
          case 'settings':
            return html`<console-settings site=${this.site} actor=${this.session?.role ?? 'seller'} .record=${record}></console-settings>`;
          case 'audit':
            return html`<console-audit site=${this.site} .record=${record}></console-audit>`;
        }
      },
    });
  }

  private readonly picker = new Task(this, {
    args: () => [this.picking] as const,
    task: ([picking]) => (picking ? import('./sections/sites.js') : undefined),
  });

  private renderBody() {
    if (this.picking || !this.site) {
      return html`<main id="main" part="main" class="solo">
        ${this.picker.render({
          pending: () => progress('Loading the site list…'),
          error: (error) => failed("Couldn't open the site list", error, () => void this.picker.run()),
          complete: () => html`<console-sites actor=${this.session?.role ?? 'seller'} .choose=${this.pick}></console-sites>`,
        })}
      </main>`;
    }
    return html`<div class="layout">
      ${this.renderNav()}
      <main id="main" part="main">
        ${this.siteTask.status === TaskStatus.ERROR
          ? failed(`Couldn't open site ${this.site}`, this.siteTask.error, () => void this.siteTask.run())
          : this.renderSection()}
      </main>
    </div>`;
  }

  override render() {
    const session = this.session;
    let body;
    if (session) body = html`${this.renderHeader(session)}${this.renderBody()}`;
    else if (this.sessionTask.status === TaskStatus.PENDING || this.sessionTask.status === TaskStatus.INITIAL)
      body = html`<main class="sign-in-page">${progress('Checking your session…')}</main>`;
    else if (this.sessionTask.status === TaskStatus.ERROR && unreachable(this.sessionTask.error))
      body = html`<main class="sign-in-page">${failed("Couldn't check your session", this.sessionTask.error, () => void this.sessionTask.run([]))}</main>`;
    else body = this.renderSignIn();
    return html`${body}<p class="sr-only" role="status" aria-live="polite">${this.announcement}</p>`;
  }
}
