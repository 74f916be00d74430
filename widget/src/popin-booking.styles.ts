import { css } from 'lit';

/**
 * First-paint styles: the frame, header, buttons, the slot cards' box (shared with the
 * skeleton), the skeleton and the error and empty states, and nothing else (this is
 * most of the first-load budget). The slot cards' content (views/slots.ts), the returning
 * customer's parts (account.ts) and the booking panel (views/panel.styles.ts) bring
 * their own styles when they load.
 *
 * Light and dark: `color-scheme: light dark` plus `light-dark()` defaults follow the
 * customer's preference, whatever the host page's own colour scheme.
 */
export default css`
  :host {
    /* Public contract (documented on the class). Internal copies resolve the defaults; those
       only the slot cards and later parts use are set by the list chunk (list/slot-list.ts). */
    --_accent: var(--popin-accent, light-dark(#4f46e5, #a5b4fc));
    --_accent-contrast: var(--popin-accent-contrast, color(from var(--_accent) xyz-d65 clamp(0, (0.1791 - y) * 1e6, 0.9505) clamp(0, (0.1791 - y) * 1e6, 1) clamp(0, (0.1791 - y) * 1e6, 1.089)));
    --_surface: var(--popin-surface, light-dark(#fff, #17181d));
    --_surface-2: var(--popin-surface-muted, light-dark(#f6f7f9, #1f2128));
    --_text: var(--popin-text, light-dark(#1f2328, #e8eaf0));
    --_muted: var(--popin-muted, light-dark(#59636e, #a7adba));
    --_border: var(--popin-border, light-dark(#d8dee4, #33363f));
    --_radius: var(--popin-radius, 0.75rem);
    --_r: calc(var(--_radius) * 0.75);
    --_space: var(--popin-space, 1rem);
    --_focus: 0 0 0 0.1875rem color-mix(in srgb, var(--_accent) 45%, transparent);

    color-scheme: light dark;
    display: block;
    container: popin / inline-size;
    box-sizing: border-box;
    max-width: 40rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.33);
    padding: var(--_space);
  }

  /* The text is the widget's own: set on its top-level parts, not on the element, which a page
     rule on * (or all: unset) outranks and which would hand the page's colour down. An English
     widget reads left to right on a dir=rtl page too. */
  :host > * {
    color: var(--_text);
    direction: ltr;
    font-weight: 400;
    font-size: 1rem;
    line-height: 1.45;
    text-align: start;
    letter-spacing: normal;
  }

  :host([hidden]) {
    display: none;
  }

  * {
    box-sizing: inherit;
    /* One family for text and controls: --popin-font, else (no value: invalid, so inherited from
       the element) the page's. Set here, not on :host, which a page rule on * outranks. */
    font-family: var(--popin-font);
  }

  h2,
  p,
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  svg {
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  :focus-visible {
    outline: 0.125rem solid var(--_accent);
    outline-offset: 0.125rem;
  }

  [tabindex='-1']:focus {
    outline: none;
  }

  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  /* Title, then the subtitle on its own reserved line: filling it in moves nothing. */
  .header {
    display: grid;
    gap: 0.125rem;
    margin-block-end: calc(var(--_space) * 0.875);
  }

  .title {
    font-size: 1.125rem;
    font-weight: 650;
    line-height: 1.3;
  }

  .subtitle,
  .muted {
    min-height: 1lh;
    color: var(--_muted);
    font-size: 0.875rem;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.5rem;
    padding: 0.5rem 1rem;
    border: 1px solid transparent;
    border-radius: var(--_r);
    background: var(--_accent);
    color: var(--_accent-contrast);
    font-weight: 600;
    font-size: 0.9375rem;
    line-height: 1.2;
    font-family: inherit;
    white-space: nowrap;
    cursor: pointer;
  }

  .button:hover {
    filter: brightness(1.08);
  }

  .button:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }

  /* Slot cards (and the skeleton, same box: nothing moves when data arrives) */
  .list {
    display: grid;
    gap: 0.625rem;
  }

  .slot {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.75rem 0.875rem;
    min-height: 4.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .badge {
    display: grid;
    place-content: center;
    width: 3.25rem;
    height: 3.25rem;
    border-radius: var(--_r);
    text-align: center;
    line-height: 1;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
  }

  @container popin (max-width: 24rem) {
    /* "Shop · Times in India Standard Time" takes two lines here: keep both. */
    .subtitle {
      min-height: 2lh;
    }

    .slot {
      gap: 0.625rem;
      padding: 0.625rem;
    }

    .badge {
      width: 2.875rem;
      height: 2.875rem;
    }

    .actions .button {
      padding-inline: 0.875rem;
    }
  }

  @container popin (max-width: 18rem) {
    .slot {
      grid-template-columns: auto minmax(0, 1fr);
    }

    .actions {
      grid-column: 1 / -1;
    }

    .actions > * {
      flex: auto;
    }
  }

  /* Skeleton: the same boxes, pulsing (still, for those who ask for reduced motion). */
  .skeleton .badge,
  .bone {
    background: var(--_surface-2);
  }

  @media (prefers-reduced-motion: no-preference) {
    .skeleton li > * {
      animation: pulse 0.9s infinite alternate;
    }
  }

  .bone {
    height: 0.875rem;
    width: 70%;
    border-radius: 0.375rem;
  }

  .bone + .bone {
    width: 45%;
    margin-top: 0.5rem;
  }

  .skeleton .button {
    width: 4.5rem;
  }

  @keyframes pulse {
    to {
      opacity: 0.45;
    }
  }
`;
