/**
 * "Join by audio conference": the PGi hub and participant pass code under each booked demo,
 * each with a copy button (Clipboard API; "Copied" is announced). Loaded by the account chunk
 * only when the customer's slots view carries `audio` (a PGi site, a customer with a booking),
 * so everyone else's account chunk stays as it was. Its styles are in account.styles.ts.
 */
import { html, nothing } from 'lit';
import type { AudioJoin, DemoEvent } from '../api.js';
import type { BookingHost } from '../host.js';
import { slotLabel } from '../list/slot-list.js';

/** The hub only as an absolute https URL: a dial-in page must not be a downgrade or a script. */
function httpsUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export class AudioJoinView {
  /** `<event id>:<hub|code>` of the button that copied last (it reads "Copied" for a while). */
  private copied = '';
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: BookingHost) {}

  private async copy(key: string, text: string, hub: boolean) {
    const { t } = this.host;
    try {
      await navigator.clipboard.writeText(text);
      this.copied = key;
      this.host.announce(t(hub ? 'copiedHub' : 'copiedCode'));
    } catch {
      this.host.announce(t('copyFailed'));
    }
    this.host.requestUpdate();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.copied = '';
      this.host.requestUpdate();
    }, 2000);
  }

  private button(key: string, text: string, hub: boolean, e: DemoEvent) {
    const { host } = this;
    return html`<button class="button secondary copy" part="button copy" type="button" @click=${() => void this.copy(key, text, hub)}>
      ${host.t(this.copied === key ? 'copied' : 'copy')}<span class="sr-only"> ${host.t(hub ? 'copyHubFor' : 'copyCodeFor', { slot: slotLabel(host, e) })}</span>
    </button>`;
  }

  render(e: DemoEvent, audio: AudioJoin) {
    const hub = httpsUrl(audio.hub_url);
    if (!hub) return nothing;
    const { t } = this.host;
    // The URL and the passcode read left to right in every language.
    return html`<div class="audio" part="audio" role="group" aria-labelledby="audio-${e.id}">
      <p class="audio-title" id="audio-${e.id}">${t('audio')}</p>
      <dl>
        <div>
          <dt>${t('hub')}</dt>
          <dd><a part="audio-hub" dir="ltr" href=${hub} target="_blank" rel="noopener noreferrer">${hub}</a>${this.button(`${e.id}:hub`, hub, true, e)}</dd>
        </div>
        ${audio.participant_passcode
          ? html`<div>
              <dt>${t('passcode')}</dt>
              <dd><code part="audio-passcode" dir="ltr">${audio.participant_passcode}</code>${this.button(`${e.id}:code`, audio.participant_passcode, false, e)}</dd>
            </div>`
          : nothing}
      </dl>
    </div>`;
  }

  disconnect(): void {
    clearTimeout(this.timer);
  }
}
