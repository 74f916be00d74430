/**
 * Audio conferencing (PGi): set it up once for the site (the provisioning form), then see the
 * hub and pass codes, check the account with PGi, deactivate or reactivate it. Booked
 * customers see the hub and the participant pass code in the widget while it is active.
 * The password PGi creates is shown once, right after provisioning: the worker keeps no copy.
 */
import { html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { ConsoleError, isObject, messageOf, request, sitePath, str, type Json } from '../api.js';
import { CopyController } from '../shared/copy.js';
import { ConsoleSection, define } from '../shared/section.js';
import { failed, progress, when } from '../shared/states.js';

interface Pgi {
  status: 'none' | 'active' | 'inactive';
  company_id: string;
  client_id: string;
  hub_url: string;
  participant_passcode: string;
  moderator_passcode: string;
  provisioned_at: string;
  /** Only right after provisioning. */
  password: string;
  /** The last provision input by dotted path (`contact.city`): the form starts from it. */
  form: Record<string, unknown>;
}

/** PGi gives the hub as a host name ("acme.example.com"): shown as the https URL customers get. */
const hubHref = (hub: string) => (hub && !/^[a-z][a-z0-9+.-]*:/i.test(hub) ? `https://${hub.toLowerCase()}` : hub);

function parse(v: unknown): Pgi {
  const b = isObject(v) ? v : {};
  const form = isObject(b.form) ? b.form : {};
  return {
    status: b.status === 'active' || b.status === 'inactive' ? b.status : 'none',
    company_id: str(b.company_id),
    client_id: str(b.client_id),
    hub_url: hubHref(str(b.hub_url)),
    form: Object.fromEntries(
      Object.entries(form).flatMap(([group, fields]) => (isObject(fields) ? Object.entries(fields).map(([k, x]) => [`${group}.${k}`, x]) : [])),
    ),
    participant_passcode: str(b.participant_passcode),
    moderator_passcode: str(b.moderator_passcode),
    provisioned_at: str(b.provisioned_at),
    password: str(b.password),
  };
}

/** The provisioning form's text fields: [dotted path, label, autocomplete, optional]. */
const FIELDS: Array<[string, string, string, boolean?]> = [
  ['company.name', 'Company name', 'organization'],
  ['client.first', 'Host first name', 'given-name'],
  ['client.last', 'Host last name', 'family-name'],
  ['client.email', 'Host email', 'email'],
  ['contact.address', 'Street address', 'street-address'],
  ['contact.city', 'City', 'address-level2'],
  ['contact.state', 'State (required in the USA)', 'address-level1', true],
  ['contact.country', 'Country', 'country-name'],
  ['contact.postalCode', 'Postal code', 'postal-code'],
];

const id = (path: string) => `f-${path.replace('.', '-')}`;

type Action = 'deactivate' | 'reactivate' | 'check';

export class ConsoleAudio extends ConsoleSection {
  static override properties = { ...ConsoleSection.properties, pgi: { state: true } };

  private readonly copy = new CopyController(this);
  /** The record as the last call left it (with the one-time password after provisioning). */
  private pgi?: Pgi;

  private readonly load = new Task(this, {
    args: () => [this.site] as const,
    task: async ([site], { signal }) => parse(await request(sitePath(site, '/pgi'), { signal })),
    onComplete: (pgi) => (this.pgi = pgi),
    onError: this.failed,
  });

  private readonly provision = new Task(this, {
    autoRun: false,
    task: async ([body]: readonly [Json], { signal }) => parse(await request(sitePath(this.site, '/pgi/provision'), { method: 'POST', body, signal })),
    onComplete: (pgi) => {
      this.pgi = pgi;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#pgi-ready')?.focus());
    },
    onError: (error) => {
      this.failed(error);
      // The first field with a message, else the form's message.
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], #provision-error')?.focus());
    },
  });

  private readonly act = new Task(this, {
    autoRun: false,
    task: async ([action]: readonly [Action], { signal }) => {
      const pgi = parse(await request(sitePath(this.site, `/pgi/${action}`), { method: 'POST', body: {}, signal }));
      return [action, pgi] as const;
    },
    onComplete: ([, pgi]) => (this.pgi = { ...pgi, password: '' }),
    onError: this.failed,
  });

  private readonly submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.provision.status === TaskStatus.PENDING) return;
    const form = new FormData(event.target as HTMLFormElement);
    const text = (path: string) => String(form.get(path) ?? '').trim();
    const body = {
      company: { name: text('company.name'), isGlobalMeetEnabled: form.has('company.isGlobalMeetEnabled'), isWebConfEnabled: form.has('company.isWebConfEnabled') },
      client: { first: text('client.first'), last: text('client.last'), email: text('client.email') },
      contact: {
        address: text('contact.address'),
        city: text('contact.city'),
        ...(text('contact.state') ? { state: text('contact.state') } : {}),
        country: text('contact.country'),
        postalCode: text('contact.postalCode'),
      },
    };
    void this.provision.run([body]);
  };

  private field([path, label, autocomplete, optional]: [string, string, string, boolean?]) {
    const value = str(this.pgi?.form[path]);
    const error = this.provision.error instanceof ConsoleError ? this.provision.error.fieldErrors[path] : undefined;
    return html`<div class="field">
      <label for=${id(path)}>${label}</label>
      <input
        id=${id(path)}
        name=${path}
        autocomplete=${autocomplete}
        type=${path === 'client.email' ? 'email' : 'text'}
        .defaultValue=${value}
        ?required=${!optional}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id(path)}-error` : nothing}
      />
      ${error ? html`<p class="field-error" id="${id(path)}-error">${error.join(' ')}</p>` : nothing}
    </div>`;
  }

  private renderForm() {
    const busy = this.provision.status === TaskStatus.PENDING;
    const error = this.provision.status === TaskStatus.ERROR ? this.provision.error : undefined;
    const fieldErrors = error instanceof ConsoleError ? Object.keys(error.fieldErrors).length : 0;
    return html`<form class="card stack" @submit=${this.submit} aria-labelledby="provision-h" novalidate>
      <h3 id="provision-h">Set up audio conferencing</h3>
      <p class="muted">PGi creates a conferencing account for your company. Booked customers then see the dial-in hub and pass code in the widget.</p>
      <fieldset class="stack">
        <legend>Company</legend>
        ${this.field(FIELDS[0]!)}
        <label class="check"><input type="checkbox" name="company.isGlobalMeetEnabled" ?checked=${this.pgi?.form['company.isGlobalMeetEnabled'] !== false} />GlobalMeet audio</label>
        <label class="check"><input type="checkbox" name="company.isWebConfEnabled" ?checked=${this.pgi?.form['company.isWebConfEnabled'] === true} />Web conferencing</label>
      </fieldset>
      <fieldset class="stack">
        <legend>Host</legend>
        <div class="grid-2">${FIELDS.slice(1, 4).map((f) => this.field(f))}</div>
      </fieldset>
      <fieldset class="stack">
        <legend>Address</legend>
        <div class="grid-2">${FIELDS.slice(4).map((f) => this.field(f))}</div>
      </fieldset>
      ${error
        ? html`<p class="form-error" id="provision-error" role="alert" tabindex="-1">
            ${fieldErrors ? `Check the ${fieldErrors === 1 ? 'field' : `${fieldErrors} fields`} marked above, then try again.` : messageOf(error)}
          </p>`
        : nothing}
      <div class="row">
        <button class="button" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>Setting up with PGi…` : 'Set up audio conferencing'}
        </button>
      </div>
    </form>`;
  }

  private secret(key: string, label: string, value: string) {
    return html`<dl><dt>${label}</dt><dd class="row"><code class="num">${value || '—'}</code>${value ? this.copy.button(key, value, `the ${label.toLowerCase()}`) : nothing}</dd></dl>`;
  }

  private renderAccount(pgi: Pgi) {
    const pending = this.act.status === TaskStatus.PENDING;
    const active = pgi.status === 'active';
    const button = (action: Action, label: string, doing: string, cls = 'secondary') => html`<button
      class="button ${cls}"
      type="button"
      data-action=${action}
      aria-disabled=${pending ? 'true' : 'false'}
      @click=${() => this.run(action, pending)}
    >
      ${pending && this.acting === action ? html`<span class="spinner" aria-hidden="true"></span>${doing}` : label}
    </button>`;
    return html`<div class="stack">
      ${pgi.password
        ? html`<div class="note warn stack" role="alert">
            <p><strong>Copy the host password now: it won't be shown again.</strong></p>
            <p class="row"><code>${pgi.password}</code>${this.copy.button('password', pgi.password, 'the host password')}</p>
          </div>`
        : nothing}
      <section class="card stack" aria-labelledby="pgi-ready">
        <h3 id="pgi-ready" tabindex="-1">
          Audio conferencing <span class="tag ${active ? 'ok' : 'warn'}">${active ? 'Active' : 'Inactive'}</span>
        </h3>
        <p class="muted">
          ${active
            ? 'Customers with a booking see the hub and the participant pass code in the widget.'
            : 'Deactivated: customers no longer see the dial-in details. Reactivate to show them again.'}
        </p>
        <ul class="rows">
          <li>
            <dl><dt>Hub</dt><dd class="row">${pgi.hub_url ? html`<code>${pgi.hub_url}</code>${this.copy.button('hub', pgi.hub_url, 'the hub URL')}` : '—'}</dd></dl>
            ${this.secret('participant', 'Participant pass code', pgi.participant_passcode)} ${this.secret('moderator', 'Moderator pass code', pgi.moderator_passcode)}
          </li>
          <li>
            <dl><dt>Company id</dt><dd class="num">${pgi.company_id || '—'}</dd></dl>
            <dl><dt>Client id</dt><dd class="num">${pgi.client_id || '—'}</dd></dl>
            <dl><dt>Set up</dt><dd>${when(pgi.provisioned_at) || '—'}</dd></dl>
          </li>
        </ul>
        <div class="row">
          ${button('check', 'Check with PGi', 'Checking…')}
          ${active ? button('deactivate', 'Deactivate', 'Deactivating…', 'danger') : button('reactivate', 'Reactivate', 'Reactivating…', '')}
        </div>
        <p class="sr-only" role="status">${this.act.status === TaskStatus.COMPLETE ? this.done() : ''}</p>
        ${this.act.status === TaskStatus.ERROR ? html`<p class="form-error" role="alert">${messageOf(this.act.error)}</p>` : nothing}
      </section>
    </div>`;
  }

  /** The action the pending or last run is for (its button shows the progress). */
  private acting?: Action;

  private run(action: Action, pending: boolean) {
    if (pending) return;
    this.acting = action;
    void this.act.run([action]);
  }

  private done(): string {
    const action = this.act.value?.[0];
    return action === 'check' ? 'PGi has the account as shown.' : action === 'deactivate' ? 'Audio conferencing deactivated.' : 'Audio conferencing reactivated.';
  }

  override render() {
    return html`<div class="section-head">
        <h2 tabindex="-1">Audio conferencing</h2>
        <p class="muted">Dial-in audio for your demos, through PGi.</p>
      </div>
      ${this.copy.status()}
      ${this.pgi
        ? this.pgi.status === 'none'
          ? this.renderForm()
          : this.renderAccount(this.pgi)
        : this.load.render({
            pending: () => progress('Loading audio conferencing…'),
            error: (error) => failed("Couldn't load audio conferencing", error, () => void this.load.run()),
          })}`;
  }
}

define('console-audio', ConsoleAudio);

declare global {
  interface HTMLElementTagNameMap {
    'console-audio': ConsoleAudio;
  }
}
