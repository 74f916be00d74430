/** Icons of the list chunk, and the wrapper the booking and account chunks' icons use too. */
import { svg } from 'lit';

/**
 * Small inline icons, decorative only; stroked in currentColor by the first-load CSS (svg rule).
 * Here, not in a module of its own: shared by three chunks, it became a fourth, which the list
 * could only request once it had arrived and been parsed (a second round trip before the list
 * painted). The booking and account chunks import the list chunk anyway.
 */
export const icon = (body: ReturnType<typeof svg>) => svg`<svg viewBox="0 0 24 24" aria-hidden="true">${body}</svg>`;

/** The error state's icon (the state itself is first-load markup, frame.ts). */
export const alertIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5M12 16.5v.01"/>`);

/** The empty state's. */
export const calendarIcon = icon(svg`<rect x="3" y="4.5" width="18" height="16" rx="2.5"/><path d="M3 9.5h18M8 2.5v4M16 2.5v4"/>`);
