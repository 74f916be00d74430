/** Icons of the list chunk. */
import { svg } from 'lit';
import { icon } from '../icons.js';

/** The error state's icon (the state itself is first-load markup, frame.ts). */
export const alertIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5M12 16.5v.01"/>`);

/** The empty state's. */
export const calendarIcon = icon(svg`<rect x="3" y="4.5" width="18" height="16" rx="2.5"/><path d="M3 9.5h18M8 2.5v4M16 2.5v4"/>`);
