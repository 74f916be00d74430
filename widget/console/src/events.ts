/**
 * Events inside the console: the sections tell the app what it must react to. They bubble
 * and cross shadow roots (composed), like the widget's, and are typed in
 * `GlobalEventHandlersEventMap` (popin-console.ts).
 */
import type { SiteRecord } from './api.js';

export interface ConsoleEventDetails {
  /** A request was refused with 401: the session is over, show the sign-in form. */
  'popin-console:session-ended': { message: string };
  /** The site's settings changed (pause, PGi): the header and the other sections follow. */
  'popin-console:site-updated': { site: SiteRecord };
}

export type ConsoleEventMap = { [K in keyof ConsoleEventDetails]: CustomEvent<ConsoleEventDetails[K]> };

export const emit = <K extends keyof ConsoleEventDetails>(host: HTMLElement, type: K, detail: ConsoleEventDetails[K]) =>
  host.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
