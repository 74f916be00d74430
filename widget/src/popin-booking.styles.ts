import { css } from 'lit';

/**
 * First-paint styles: the frame, header, buttons, slot cards, skeleton and the empty
 * and error states. Only what those use: --_success, icons in buttons and link buttons
 * are in account.ts, whose styles are adopted before the panel's. The returning customer's parts (account.ts) and the booking panel
 * (views/panel.styles.ts) bring their own styles when they load.
 */
export default css`
  :host {
    /* Public contract (documented on the class). Internal copies resolve the defaults. */
    --_accent: var(--popin-accent, #4f46e5);
    --_accent-contrast: var(--popin-accent-contrast, #fff);
    --_accent-soft: color-mix(in srgb, var(--_accent) 11%, var(--_surface));
    /* Derived from the accent (a host page that sets only --popin-accent gets matching badges and links). */
    --_accent-text: var(--popin-accent-text, color-mix(in srgb, var(--_accent) 80%, var(--_text)));
    --_surface: var(--popin-surface, #fff);
    --_surface-2: var(--popin-surface-muted, #f6f7f9);
    --_text: var(--popin-text, #1f2328);
    --_muted: var(--popin-muted, #59636e);
    --_border: var(--popin-border, #d8dee4);
    --_danger: var(--popin-danger, #c5221f);
    --_radius: var(--popin-radius, 0.75rem);
    --_r: calc(var(--_radius) * 0.75);
    --_space: var(--popin-space, 1rem);
    --_font: var(--popin-font, system-ui, sans-serif);
    --_focus: 0 0 0 0.1875rem color-mix(in srgb, var(--_accent) 45%, transparent);

    display: block;
    container: popin / inline-size;
    box-sizing: border-box;
    max-width: 40rem;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.33);
    padding: var(--_space);
    font: 400 1rem/1.45 var(--_font);
    text-align: start;
    letter-spacing: normal;
    -webkit-font-smoothing: antialiased;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--popin-accent, #a5b4fc);
      --_accent-contrast: var(--popin-accent-contrast, #13153a);
      /* Lighter in dark mode, so that an accent chosen for light pages still reads. */
      --_accent-text: var(--popin-accent-text, color-mix(in srgb, var(--_accent) 50%, var(--_text)));
      --_surface: var(--popin-surface, #17181d);
      --_surface-2: var(--popin-surface-muted, #1f2128);
      --_text: var(--popin-text, #e8eaf0);
      --_muted: var(--popin-muted, #a7adba);
      --_border: var(--popin-border, #33363f);
      --_danger: var(--popin-danger, #ff9c94);
    }
  }

  :host([hidden]) {
    display: none;
  }

  * {
    box-sizing: inherit;
  }

  h2,
  p,
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
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
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 1rem;
    margin-block-end: calc(var(--_space) * 0.875);
  }

  .title {
    font-size: 1.125rem;
    font-weight: 650;
    line-height: 1.3;
  }

  .subtitle {
    min-height: 1.3em;
  }

  .subtitle,
  .muted,
  .time {
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
    font: 600 0.9375rem/1.2 var(--_font);
    white-space: nowrap;
    cursor: pointer;
    transition: 0.15s;
  }

  .button:hover {
    filter: brightness(1.08);
  }

  .button:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }

  .secondary {
    background: var(--_surface);
    color: var(--_text);
    border-color: var(--_border);
  }

  .secondary:hover {
    background: var(--_surface-2);
    filter: none;
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
    transition: 0.15s;
  }

  .slot:hover {
    border-color: color-mix(in srgb, var(--_accent) 40%, var(--_border));
  }

  .badge,
  .bone {
    display: grid;
    place-content: center;
    width: 3.25rem;
    height: 3.25rem;
    border-radius: var(--_r);
    background: var(--_accent-soft);
    color: var(--_accent-text);
    text-align: center;
    line-height: 1;
  }

  .day {
    font-size: 1.375rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  .month {
    margin-top: 0.1875rem;
    font-size: 0.75rem;
    font-weight: 600;
    letter-spacing: 0.06em;
    text-transform: uppercase;
  }

  .name {
    font-weight: 600;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }

  .time {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin-top: 0.1875rem;
    font-variant-numeric: tabular-nums;
  }

  .time > :first-child {
    white-space: nowrap;
  }

  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0.0625rem 0.5rem;
    border-radius: 62rem;
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
  }

  .live::before {
    content: '';
    width: 0.4375rem;
    height: 0.4375rem;
    border-radius: 50%;
    background: currentColor;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 0.5rem;
  }

  @container popin (max-width: 24rem) {
    .slot {
      gap: 0.625rem;
      padding: 0.625rem;
    }

    .badge,
    .badge .bone {
      width: 2.875rem;
      height: 2.875rem;
    }

    .day {
      font-size: 1.25rem;
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
      flex: 1 1 auto;
    }
  }

  .bone {
    display: block;
    border-radius: 0.375rem;
    background: linear-gradient(90deg, var(--_surface-2) 25%, var(--_border) 50%, var(--_surface-2) 75%) 0 0 / 300% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }

  .skeleton .badge {
    background: none;
  }

  .badge .bone {
    border-radius: var(--_r);
  }

  .line {
    height: 0.875rem;
    width: 70%;
  }

  .short {
    width: 45%;
    margin-top: 0.5rem;
  }

  .btn {
    width: 4.5rem;
    height: 2.5rem;
    border-radius: var(--_r);
  }

  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    * {
      animation-duration: 3s !important;
      transition: none !important;
    }
  }

  /* Empty and error states */
  .state {
    display: grid;
    justify-items: center;
    gap: 0.5rem;
    padding: 2rem 1rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    text-align: center;
  }

  .state svg {
    width: 2rem;
    height: 2rem;
    color: var(--_muted);
  }

  .error svg {
    color: var(--_danger);
  }

  .state-title {
    font-weight: 600;
  }

  .state .button {
    margin-top: 0.5rem;
  }
`;
