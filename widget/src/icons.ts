import { svg } from 'lit';

// Small inline icons, decorative only; stroked in currentColor by the first-load CSS (svg rule).
export const icon = (body: ReturnType<typeof svg>) => svg`<svg viewBox="0 0 24 24" aria-hidden="true">${body}</svg>`;
