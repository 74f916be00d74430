/**
 * Copy buttons (Clipboard API) with an announced "Copied": a reactive controller, so each
 * section that copies things (settings, audio conferencing) has one and renders its live region.
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';

export class CopyController implements ReactiveController {
  /** What the live region says: "Copied the embed snippet." / a failure with what to do. */
  message = '';
  /** The key of the button that copied last (it shows "Copied" for a moment). */
  private done?: string;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  private async copy(key: string, text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      this.done = key;
      this.message = `Copied ${what}.`;
    } catch {
      this.done = undefined;
      this.message = `Couldn't copy ${what}: select it and copy it yourself.`;
    }
    this.host.requestUpdate();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.done = undefined;
      this.host.requestUpdate();
    }, 2000);
  }

  /** A "Copy" button for `text`; `what` names it for screen readers ("the share link"). */
  button(key: string, text: string, what: string) {
    const copied = this.done === key;
    return html`<button class="button secondary small" part="copy" type="button" data-copy=${key} @click=${() => void this.copy(key, text, what)}>
      ${copied ? 'Copied' : 'Copy'}<span class="sr-only"> ${what}</span>
    </button>`;
  }

  /** The polite live region; render it once per section. */
  status() {
    return html`<p class="sr-only" role="status" aria-live="polite">${this.message}</p>`;
  }
}
