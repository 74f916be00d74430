/**
 * Settings: pause bookings (the widget then shows the demos with "Bookings are paused" and no
 * Book buttons), the embed snippet and the shareable link to copy, the site's details (its
 * title; for the operator also origins, country, timezone, retention) when the console stores
 * them, and for the operator the site's secrets (write-only: never shown again).
 */
import { html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { ConsoleError, messageOf, parseSite, request, sitePath, type Json, type SiteRecord } from '../api.js';
import { emit } from '../events.js';
import { CopyController } from '../shared/copy.js';
import { field, focusProblem, formError, linesOf, submitButton } from '../shared/form.js';
import { ConsoleSection, define } from '../shared/section.js';
import { progress } from '../shared/states.js';

export class ConsoleSettings extends ConsoleSection {
  private readonly copy = new CopyController(this);

  private readonly pausing = new Task(this, {
    autoRun: false,
    task: async ([paused]: readonly [boolean], { signal }) =>
      parseSite(await request(sitePath(this.site), { method: 'PATCH', body: { paused }, signal })),
    onComplete: (site) => emit(this, 'popin-console:site-updated', { site }),
    onError: this.failed,
  });

  private readonly saving = new Task(this, {
    autoRun: false,
    task: async ([body]: readonly [Json], { signal }) => {
      const days = body.retention_days;
      if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 3650)) {
        throw new ConsoleError(422, 'validation_failed', '', { retention_days: ['Enter a whole number of days from 1 to 3650.'] });
      }
      return parseSite(await request(sitePath(this.site), { method: 'PATCH', body, signal }));
    },
    onComplete: (site) => emit(this, 'popin-console:site-updated', { site }),
    onError: (error) => {
      this.failed(error);
      void focusProblem(this, '#details-form', 'details-error');
    },
  });

  private readonly storing = new Task(this, {
    autoRun: false,
    task: async ([body]: readonly [Record<string, string>], { signal }) => {
      await request(sitePath(this.site, '/secrets'), { method: 'PUT', body, signal });
      return Object.keys(body);
    },
    onComplete: () => {
      // Nothing typed stays on the page.
      this.renderRoot.querySelector<HTMLFormElement>('#secrets-form')?.reset();
    },
    onError: (error) => {
      this.failed(error);
      void focusProblem(this, '#secrets-form', 'secrets-error');
    },
  });

  /** A secrets form sent with nothing in it. */
  private secretsEmpty = false;

  private get operator() {
    return this.actor === 'operator';
  }

  private readonly saveDetails = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.saving.status === TaskStatus.PENDING) return;
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const body: Json = { title: text('title') };
    if (this.operator) {
      body.origins = linesOf(text('origins'));
      body.country = text('country').toUpperCase();
      body.timezone = text('timezone');
      body.retention_days = text('retention_days') === '' ? null : Number(text('retention_days'));
    }
    void this.saving.run([body]);
  };

  private readonly storeSecrets = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.storing.status === TaskStatus.PENDING) return;
    const form = new FormData(event.target as HTMLFormElement);
    const body = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]).filter(([, v]) => v !== ''));
    this.secretsEmpty = Object.keys(body).length === 0;
    if (this.secretsEmpty) {
      this.requestUpdate();
      void focusProblem(this, '#secrets-form', 'secrets-error');
      return;
    }
    void this.storing.run([body]);
  };

  /** A SITES site cannot be changed here: say who can, in words the reader can act on. */
  private readonly inEnv = (error: ConsoleError) =>
    error.code === 'site_in_env'
      ? this.operator
        ? "This site is configured in the worker's SITES variable: change it there."
        : "This site's details are set in the worker's configuration, so they can't be changed here. Ask your operator to change them."
      : undefined;

  private renderDetails(site: SiteRecord) {
    const busy = this.saving.status === TaskStatus.PENDING;
    const error = this.saving.status === TaskStatus.ERROR ? this.saving.error : undefined;
    const f = (spec: Omit<Parameters<typeof field>[0], 'form'>) => field({ ...spec, form: 'details' }, error);
    const fields = this.operator ? ['title', 'origins', 'country', 'timezone', 'retention_days'] : ['title'];
    return html`<form id="details-form" class="card stack" aria-labelledby="details-h" novalidate @submit=${this.saveDetails}>
      <h3 id="details-h">Site details</h3>
      ${f({ name: 'title', label: 'Title', value: site.title, hint: 'The name customers see above your demos.', required: true })}
      ${this.operator
        ? html`${f({ name: 'origins', label: 'Pages allowed to embed', type: 'textarea', value: site.origins.join('\n'), hint: 'One origin per line, like https://shop.example (scheme and host, no path).' })}
            <div class="grid-2">
              ${f({ name: 'country', label: 'Country', value: site.country, hint: 'Two letters, such as IN.', required: true })}
              ${f({ name: 'timezone', label: 'Timezone', value: site.timezone, hint: 'Such as Asia/Kolkata.', required: true })}
              ${f({ name: 'retention_days', label: 'Keep leads for (days)', type: 'number', inputmode: 'numeric', value: String(site.retention_days || ''), required: true })}
            </div>`
        : nothing}
      ${formError('details-error', error, fields, this.inEnv)}
      <p class="sr-only" role="status">${this.saving.status === TaskStatus.COMPLETE ? 'Site details saved.' : ''}</p>
      ${this.saving.status === TaskStatus.COMPLETE ? html`<p class="note" data-saved>Saved. Customers see “${site.title}”.</p>` : nothing}
      <div class="row">${submitButton(busy, 'Save details', 'Saving…')}</div>
    </form>`;
  }

  private renderSecrets(site: SiteRecord) {
    const busy = this.storing.status === TaskStatus.PENDING;
    const error = this.storing.status === TaskStatus.ERROR ? this.storing.error : undefined;
    const secret = (name: string, label: string, hint?: string) => field({ form: 'secrets', name, label, hint, type: 'password', autocomplete: 'off' }, error);
    const names = site.stored ? ['popin_api_key', 'tentimes_api_key', 'webhook_secret', 'console_key'] : ['console_key'];
    return html`<form id="secrets-form" class="card stack" aria-labelledby="secrets-h" novalidate autocomplete="off" @submit=${this.storeSecrets}>
      <h3 id="secrets-h">Secrets</h3>
      <p class="muted">Stored encrypted and never shown again. Leave a field empty to keep its current value.</p>
      ${site.stored
        ? html`${secret('popin_api_key', 'Popin API key')} ${secret('tentimes_api_key', '10times API key')}
          ${secret('webhook_secret', '10times webhook secret', 'At least 24 random characters.')}`
        : html`<p class="muted">This site is configured in SITES: only its console key can be stored here.</p>`}
      ${secret('console_key', 'Console key', "The seller's key to sign in to this console: at least 32 random characters.")}
      ${this.secretsEmpty && !busy
        ? html`<p class="form-error" id="secrets-error" role="alert" tabindex="-1">Enter at least one secret to store.</p>`
        : formError('secrets-error', error, names, this.inEnv)}
      <p class="sr-only" role="status">${this.storing.status === TaskStatus.COMPLETE && !this.secretsEmpty ? 'Secrets stored. They will not be shown again.' : ''}</p>
      ${this.storing.status === TaskStatus.COMPLETE && !this.secretsEmpty
        ? html`<p class="note" data-stored>Stored. They will not be shown again: keep your own copy where you keep secrets.</p>`
        : nothing}
      <div class="row">${submitButton(busy, 'Store secrets', 'Storing…')}</div>
    </form>`;
  }

  override render() {
    const site = this.record;
    if (!site) return html`<h2 tabindex="-1">Settings</h2>${progress('Loading the settings…')}`;
    const busy = this.pausing.status === TaskStatus.PENDING;
    const snippet = `${site.embed.script}\n${site.embed.element}`;
    return html`<div class="section-head">
        <h2 tabindex="-1">Settings</h2>
        <p class="muted">${site.title} · ${site.id}</p>
      </div>
      ${this.copy.status()}
      <div class="stack">
        <section class="card stack" aria-labelledby="pause-h">
          <h3 id="pause-h">Bookings</h3>
          <p>
            ${site.paused
              ? html`<span class="tag warn">Paused</span> Customers see your demos with a “Bookings are paused” note and cannot book. Existing bookings stay.`
              : html`<span class="tag ok">Open</span> Customers can book your demos in the widget.`}
          </p>
          <div class="row">
            <button
              class="button ${site.paused ? '' : 'secondary'}"
              type="button"
              data-action="pause"
              aria-disabled=${busy ? 'true' : 'false'}
              @click=${() => busy || void this.pausing.run([!site.paused])}
            >
              ${busy ? html`<span class="spinner" aria-hidden="true"></span>Saving…` : site.paused ? 'Resume bookings' : 'Pause bookings'}
            </button>
          </div>
          <p class="sr-only" role="status">${this.pausing.status === TaskStatus.COMPLETE ? (site.paused ? 'Bookings paused.' : 'Bookings resumed.') : ''}</p>
          ${this.pausing.status === TaskStatus.ERROR ? html`<p class="form-error" role="alert">${messageOf(this.pausing.error)}</p>` : nothing}
        </section>

        <section class="card stack" aria-labelledby="embed-h">
          <h3 id="embed-h">Embed the widget</h3>
          <p class="muted">Paste this where the demos should show on your page.</p>
          <pre><code>${snippet}</code></pre>
          <div class="row">${this.copy.button('snippet', snippet, 'the embed snippet')}</div>
        </section>

        <section class="card stack" aria-labelledby="share-h">
          <h3 id="share-h">Shareable link</h3>
          <p class="muted">A page with your demos that you can send to anyone.</p>
          <p><a href=${site.embed.share_url} target="_blank" rel="noopener noreferrer">${site.embed.share_url}<span class="sr-only"> (opens in a new tab)</span></a></p>
          <div class="row">${this.copy.button('share', site.embed.share_url, 'the share link')}</div>
        </section>

        ${site.stored ? this.renderDetails(site) : nothing}
        ${this.operator ? this.renderSecrets(site) : nothing}

        <section class="card stack" aria-labelledby="config-h">
          <h3 id="config-h">Configuration</h3>
          <ul class="rows">
            <li>
              <dl><dt>Country</dt><dd>${site.country || '—'}</dd></dl>
              <dl><dt>Timezone</dt><dd>${site.timezone || '—'}</dd></dl>
              <dl><dt>Leads kept for</dt><dd>${site.retention_days ? `${site.retention_days} days` : '—'}</dd></dl>
            </li>
            <li>
              <dl><dt>Pages allowed to embed</dt><dd>${site.origins.length ? site.origins.join(', ') : '—'}</dd></dl>
              <dl><dt>10times</dt><dd>${site.tentimes ? 'On' : 'Off'}</dd></dl>
              <dl><dt>Audio conferencing</dt><dd>${site.pgi ? 'On' : 'Off'}</dd></dl>
            </li>
          </ul>
          <p class="muted" data-config-note>
            ${site.stored
              ? this.operator
                ? 'Change them under Site details above.'
                : 'Your operator sets the pages, country and timezone: ask them to change these.'
              : this.operator
                ? "This site is configured in the worker's SITES variable: change it there."
                : "This site's details are set in the worker's configuration, so they can't be changed here. Ask your operator to change them."}
          </p>
        </section>
      </div>`;
  }
}

define('console-settings', ConsoleSettings);

declare global {
  interface HTMLElementTagNameMap {
    'console-settings': ConsoleSettings;
  }
}
