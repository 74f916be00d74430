import { css } from 'lit';

/**
 * The slot cards' content (their box, shared with the skeleton, is first-load CSS), buttons,
 * icons, focus rings, the empty and error states: adopted when the list chunk arrives, beside
 * the slots. Direction-sensitive properties are logical (Arabic is right to left).
 */
export default css`
  :host {
    --_accent-soft: color-mix(in srgb, var(--_accent) 11%, var(--_surface));
    /* Accent-coloured text on the surface (badges, links): the accent's hue and chroma with its
       lightness kept dark enough on light surfaces and light enough on dark ones, whatever accent is set. */
    --_accent-text: var(
      --popin-accent-text,
      light-dark(lch(from var(--_accent) min(l, 45) c h), lch(from var(--_accent) max(l, 68) c h))
    );
    --_danger: var(--popin-danger, light-dark(#c5221f, #ff9c94));
    /* The text on the accent: white or black, whichever contrasts more with it (WCAG AA). */
    --_accent-contrast: var(--popin-accent-contrast, color(from var(--_accent) xyz-d65 clamp(0, (0.1791 - y) * 1e6, 0.9505) clamp(0, (0.1791 - y) * 1e6, 1) clamp(0, (0.1791 - y) * 1e6, 1.089)));
    --_focus: 0 0 0 0.1875rem color-mix(in srgb, var(--_accent) 45%, transparent);
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
    /* The slot name's size and weight: each pair is one more font to load (fonts.ts). */
    font-weight: 600;
    font-size: 1rem;
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

  .slot:hover {
    border-color: color-mix(in srgb, var(--_accent) 40%, var(--_border));
  }

  .badge {
    background: var(--_accent-soft);
    color: var(--_accent-text);
  }

  .day {
    font-size: 1.375rem;
    font-weight: 700;
  }

  .month {
    margin-block-start: 0.1875rem;
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
    margin-block-start: 0.1875rem;
    color: var(--_muted);
    font-size: 0.875rem;
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

  .full {
    color: var(--_muted);
    background: var(--_surface-2);
  }

  .live::before {
    content: '';
    width: 0.4375rem;
    height: 0.4375rem;
    border-radius: 50%;
    background: currentColor;
  }

  .paused {
    margin-block-end: 0.75rem;
    padding: 0.625rem 0.875rem;
    border-radius: var(--_r);
    border-inline-start: 0.25rem solid var(--_accent);
    background: var(--_accent-soft);
    font-size: 0.875rem;
  }

  /* Secondary buttons: every chunk that has one loads after this one. */
  .secondary {
    background: var(--_surface);
    color: var(--_text);
    border-color: var(--_border);
  }

  .secondary:hover {
    background: var(--_surface-2);
    filter: none;
  }

  /* Empty and error states: the error state is first-load markup, styled once this chunk,
     requested beside the slots, arrives (plain text and a button if even that fails). */
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
    margin-block-start: 0.5rem;
  }

  @container popin (max-width: 24rem) {
    .day {
      font-size: 1.25rem;
    }

    .actions .button {
      padding-inline: 0.875rem;
    }
  }
`;
