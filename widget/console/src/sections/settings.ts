/**
 * Settings: pause bookings (the widget then shows the demos with "Bookings are paused" and no
 * Book buttons), the embed snippet and the shareable link to copy, and what the site is
 * configured with in the worker.
 */
import { html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { messageOf, parseSite, request, sitePath } from '../api.js';
import { emit } from '../events.js';
import { CopyController } from '../shared/copy.js';
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
          <p class="muted">These are set in the worker's configuration (SITES); ask your operator to change them.</p>
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
