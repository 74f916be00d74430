/** Icons of the lazily loaded parts (panel, confirmation, join links). */
import { svg } from 'lit';
import { icon } from './icons.js';

export const checkIcon = icon(svg`<path d="M5 12.5l4.5 4.5L19 7.5"/>`);
export const backIcon = icon(svg`<path d="M15 18l-6-6 6-6"/>`);
export const chevronIcon = icon(svg`<path d="M6 9l6 6 6-6"/>`);
export const externalIcon = icon(svg`<path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>`);
