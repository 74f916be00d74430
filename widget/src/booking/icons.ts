/** Icons of the booking panel and confirmation (the booking chunk). */
import { svg } from 'lit';
import { icon } from '../list/icons.js';

export const checkIcon = icon(svg`<path d="M5 12.5l4.5 4.5L19 7.5"/>`);
export const backIcon = icon(svg`<path d="M15 18l-6-6 6-6"/>`);
export const chevronIcon = icon(svg`<path d="M6 9l6 6 6-6"/>`);
