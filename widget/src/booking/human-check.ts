/**
 * Cloudflare Turnstile in the sign-up form, for sites that put it in front of sign-ups (the
 * slots answer names a `turnstile_site_key`; the worker checks the token with siteverify).
 * Loaded by the booking form with `import('./human-check.js')` on those sites only. Turnstile's
 * script is added to the host page once, and renders its challenge (an iframe) into a box in
 * the form: explicit rendering, because its automatic scan cannot see into a shadow root.
 */
import { html, nothing, type ReactiveController } from 'lit';
import { ApiError } from '../api.js';
import type { BookingHost } from '../host.js';

/** Turnstile's documented script URL, with explicit rendering. */
const SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

/** The part of Turnstile's client API this uses. */
export interface TurnstileApi {
  render(container: HTMLElement, options: TurnstileOptions): string | undefined;
  reset(widgetId: string): void;
  remove(widgetId: string): void;
}

export interface TurnstileOptions {
  sitekey: string;
  callback(token: string): void;
  'expired-callback'(): void;
  'error-callback'(): void;
  theme: 'auto';
  size: 'flexible';
}

declare global {
  interface Window {
    turnstile?: TurnstileApi;
  }
}

let loading: Promise<TurnstileApi> | undefined;

/** Turnstile's client, from the page if it already has it, else from its script (added once). */
function turnstileApi(): Promise<TurnstileApi> {
  if (window.turnstile) return Promise.resolve(window.turnstile);
  return (loading ??= new Promise<TurnstileApi>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = SCRIPT;
    script.async = true;
    script.onload = () => (window.turnstile ? resolve(window.turnstile) : reject(new Error('no turnstile')));
    script.onerror = () => reject(new Error('turnstile script failed'));
    document.head.append(script);
  }).catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
}

/** The human check of one widget's sign-up form: a reactive controller that removes its challenge with the element. */
export class HumanCheck implements ReactiveController {
  /** The current Turnstile token; empty until the challenge is passed, and after it expires. */
  token = '';
  private widgetId?: string;
  private unavailable = false;
  /**
   * Turnstile's box, made once and rendered as a node: it keeps the challenge when the form
   * closes and opens again (a lit `ref` would cost the first-load module Lit's directive internals).
   */
  private readonly box = Object.assign(document.createElement('div'), { part: 'challenge' });

  constructor(
    private readonly host: BookingHost,
    private readonly sitekey: string,
  ) {
    host.addController(this);
  }

  /** Renders the challenge (again, when the element is put back on the page). */
  hostConnected(): void {
    turnstileApi().then(
      (turnstile) => {
        if (!this.host.isConnected || this.widgetId !== undefined) return;
        this.widgetId = turnstile.render(this.box, {
          sitekey: this.sitekey,
          callback: (token) => (this.token = token),
          'expired-callback': () => (this.token = ''),
          'error-callback': () => (this.token = ''),
          theme: 'auto',
          size: 'flexible',
        });
      },
      () => {
        this.unavailable = true;
        this.host.requestUpdate();
      },
    );
  }

  /** Turnstile's widget goes with the element: no challenge left running on the page. */
  hostDisconnected(): void {
    if (this.widgetId !== undefined) window.turnstile?.remove(this.widgetId);
    this.widgetId = undefined;
    this.token = '';
  }

  render() {
    return html`<div class="field" part="field challenge-field">
      ${this.box}
      ${this.unavailable
        ? html`<p class="error" part="error field-error" role="alert">${this.host.t('checkUnavailable')}</p>`
        : nothing}
    </div>`;
  }

  /** Throws the form's message when the check has not been passed yet. */
  check(): void {
    if (!this.token) throw new ApiError(0, 'invalid_input', this.host.t('completeCheck'));
  }

  /** A fresh challenge: Turnstile tokens are single-use. */
  reset(): void {
    this.token = '';
    if (this.widgetId !== undefined) window.turnstile?.reset(this.widgetId);
  }
}
