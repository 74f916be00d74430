import { css } from 'lit';

export default css`
  :host {
    /* Public contract (documented on the class). Internal copies resolve the defaults. */
    --_accent: var(--popin-accent, #4f46e5);
    --_accent-contrast: var(--popin-accent-contrast, #ffffff);
    --_accent-soft: color-mix(in srgb, var(--_accent) 11%, var(--_surface));
    --_accent-text: var(--popin-accent-text, #4338ca);
    --_surface: var(--popin-surface, #ffffff);
    --_surface-2: var(--popin-surface-muted, #f6f7f9);
    --_text: var(--popin-text, #1f2328);
    --_muted: var(--popin-muted, #59636e);
    --_border: var(--popin-border, #d8dee4);
    --_danger: var(--popin-danger, #c5221f);
    --_success: var(--popin-success, #116329);
    --_radius: var(--popin-radius, 0.75rem);
    --_space: var(--popin-space, 1rem);
    --_font: var(--popin-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
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
    font-family: var(--_font);
    font-size: 1rem;
    font-weight: 400;
    line-height: 1.45;
    text-align: start;
    letter-spacing: normal;
    -webkit-font-smoothing: antialiased;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--popin-accent, #a5b4fc);
      --_accent-contrast: var(--popin-accent-contrast, #13153a);
      --_accent-text: var(--popin-accent-text, #c7d2fe);
      --_surface: var(--popin-surface, #17181d);
      --_surface-2: var(--popin-surface-muted, #1f2128);
      --_text: var(--popin-text, #e8eaf0);
      --_muted: var(--popin-muted, #a7adba);
      --_border: var(--popin-border, #33363f);
      --_danger: var(--popin-danger, #ff9c94);
      --_success: var(--popin-success, #6fdd8b);
    }
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  h2,
  h3,
  p,
  ul {
    margin: 0;
  }

  ul {
    list-style: none;
    padding: 0;
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
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  /* Header */
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
  .muted {
    color: var(--_muted);
    font-size: 0.875rem;
  }

  .session {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin-block-end: 0.75rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface-2);
    font-size: 0.875rem;
  }

  /* Buttons and links */
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: 2.5rem;
    padding: 0.5rem 1rem;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_accent);
    color: var(--_accent-contrast);
    font: inherit;
    font-size: 0.9375rem;
    font-weight: 600;
    line-height: 1.2;
    text-decoration: none;
    white-space: nowrap;
    cursor: pointer;
    transition: filter 0.15s, background-color 0.15s;
  }

  .button svg {
    flex: none;
    width: 1rem;
    height: 1rem;
  }

  .button:hover {
    filter: brightness(1.08);
  }

  .button:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }

  .button.secondary {
    background: var(--_surface);
    color: var(--_text);
    border-color: var(--_border);
  }

  .button.secondary:hover {
    background: var(--_surface-2);
    filter: none;
  }

  .button.quiet {
    background: transparent;
    color: var(--_muted);
    padding-inline: 0.625rem;
  }

  .button.quiet:hover {
    background: var(--_surface-2);
    color: var(--_text);
    filter: none;
  }

  .button.danger {
    background: var(--_danger);
    color: var(--_surface);
  }

  .button.block {
    width: 100%;
  }

  .button[aria-disabled='true'] {
    cursor: progress;
    filter: saturate(0.7);
  }

  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent-text);
    font: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }

  .spinner {
    width: 1rem;
    height: 1rem;
    border: 0.125rem solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.7s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  /* Slot cards */
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
    background: var(--_surface);
    transition: border-color 0.15s, box-shadow 0.15s;
  }

  .slot:hover {
    border-color: color-mix(in srgb, var(--_accent) 40%, var(--_border));
  }

  .slot.booked {
    border-color: color-mix(in srgb, var(--_success) 45%, var(--_border));
  }

  .badge {
    display: grid;
    place-content: center;
    width: 3.25rem;
    height: 3.25rem;
    border-radius: calc(var(--_radius) * 0.75);
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

  .info {
    min-width: 0;
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
    color: var(--_muted);
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
  }

  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0.0625rem 0.5rem;
    border-radius: 62rem;
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--_success);
    background: color-mix(in srgb, var(--_success) 12%, var(--_surface));
  }

  .tag.live {
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
  }

  .tag.live::before {
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

  .confirm-cancel {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 0.5rem;
    font-size: 0.875rem;
    font-weight: 600;
  }

  .time > span:first-child {
    white-space: nowrap;
  }

  @container popin (max-width: 24rem) {
    .slot {
      gap: 0.625rem;
      padding: 0.625rem;
    }

    .badge,
    .skeleton .badge .bone {
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

  @container popin (max-width: 30rem) {
    .slot.booked,
    .slot.confirming {
      grid-template-columns: auto minmax(0, 1fr);
    }

    .slot.booked .actions,
    .slot.confirming .actions {
      grid-column: 1 / -1;
      justify-content: stretch;
    }

    .slot.booked .actions > *,
    .confirm-cancel > .button {
      flex: 1 1 auto;
    }

    .confirm-cancel {
      justify-content: stretch;
    }

    .confirm-cancel > span {
      flex-basis: 100%;
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

  /* Loading skeleton: same box as a slot card, so nothing moves when data arrives */
  .skeleton .slot {
    border-color: var(--_border);
  }

  .bone {
    border-radius: 0.375rem;
    background: linear-gradient(90deg, var(--_surface-2) 25%, var(--_border) 50%, var(--_surface-2) 75%) 0 0 / 300% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }

  .skeleton .badge {
    background: none;
    padding: 0;
  }

  .skeleton .badge .bone {
    width: 3.25rem;
    height: 3.25rem;
    border-radius: calc(var(--_radius) * 0.75);
  }

  .bone.line {
    height: 0.875rem;
    width: 70%;
  }

  .bone.line.short {
    width: 45%;
    margin-top: 0.5rem;
  }

  .bone.btn {
    width: 4.5rem;
    height: 2.5rem;
    border-radius: calc(var(--_radius) * 0.75);
  }

  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: 0 0;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .bone,
    .spinner {
      animation-duration: 3s;
    }
    .button,
    .slot {
      transition: none;
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

  .state.error svg {
    color: var(--_danger);
  }

  .state-title {
    font-weight: 600;
  }

  .state .button {
    margin-top: 0.5rem;
  }

  .button.block.join-now {
    min-height: 3rem;
    font-size: 1rem;
  }
`;
