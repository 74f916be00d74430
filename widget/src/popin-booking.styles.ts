import { css } from 'lit';

/**
 * First-paint styles: the frame, header, the slot cards' box (shared with the skeleton) and
 * the skeleton, and nothing else (this is most of the first-load budget). Buttons, icons, focus
 * rings and the states come with the list chunk (list/list.styles.ts), requested beside the
 * slots; the returning customer's parts (account/) and the booking panel (booking/) bring
 * their own styles when they load. Direction-sensitive properties are logical (Arabic is
 * right to left).
 *
 * Light and dark: `color-scheme: light dark` plus `light-dark()` defaults follow the
 * customer's preference, whatever the host page's own colour scheme.
 */
export default css`
  :host {
    /* Public contract (documented on the class). Internal copies resolve the defaults; those
       only the slot cards and later parts use are set by the list chunk (list/slot-list.ts). */
    --_accent: var(--popin-accent, light-dark(#4f46e5, #a5b4fc));
    --_surface: var(--popin-surface, light-dark(#fff, #17181d));
    --_surface-2: var(--popin-surface-muted, light-dark(#f6f7f9, #1f2128));
    --_text: var(--popin-text, light-dark(#1f2328, #e8eaf0));
    --_muted: var(--popin-muted, light-dark(#59636e, #a7adba));
    --_border: var(--popin-border, light-dark(#d8dee4, #33363f));
    --_radius: var(--popin-radius, 0.75rem);
    --_r: calc(var(--_radius) * 0.75);
    --_space: var(--popin-space, 1rem);

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
     rule on * (or all: unset) outranks and which would hand the page's colour down. The
     direction is the widget's language's (the dir attribute on its content), not the page's. */
  :host > * {
    color: var(--_text);
    font-weight: 400;
    font-size: 1rem;
    line-height: 1.45;
    text-align: start;
    letter-spacing: normal;
    word-spacing: normal;
    font-style: normal;
    text-transform: none;
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

  /* Its line is kept while the language's catalog loads (no English first). */
  .title {
    min-height: 1lh;
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
    margin-block-start: 0.5rem;
  }

  /* Where a Book button will be. */
  .pill {
    width: 4.5rem;
    height: 2.5rem;
    border-radius: var(--_r);
  }

  @keyframes pulse {
    to {
      opacity: 0.45;
    }
  }
`;
