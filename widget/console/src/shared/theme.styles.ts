/**
 * The console's visual language: the widget's tokens (same names, same light and dark
 * defaults as widget/src/popin-booking.styles.ts), its buttons, cards, badges and states,
 * plus what a console needs and a widget does not (tables of people, forms, notes).
 * Every section adopts this sheet first, then its own.
 */
import { css } from 'lit';

export default css`
  :host {
    --_accent: var(--popin-accent, light-dark(#4f46e5, #a5b4fc));
    --_accent-contrast: var(--popin-accent-contrast, light-dark(#fff, #13153a));
    --_accent-soft: color-mix(in srgb, var(--_accent) 11%, var(--_surface));
    --_accent-text: light-dark(color-mix(in srgb, var(--_accent) 80%, var(--_text)), color-mix(in srgb, var(--_accent) 50%, var(--_text)));
    --_surface: var(--popin-surface, light-dark(#fff, #17181d));
    --_surface-2: var(--popin-surface-muted, light-dark(#f6f7f9, #1f2128));
    --_text: var(--popin-text, light-dark(#1f2328, #e8eaf0));
    --_muted: var(--popin-muted, light-dark(#59636e, #a7adba));
    --_border: var(--popin-border, light-dark(#d8dee4, #33363f));
    --_danger: var(--popin-danger, light-dark(#c5221f, #ff9c94));
    --_success: var(--popin-success, light-dark(#116329, #6fdd8b));
    --_warning: light-dark(#8a4b00, #f5c26b);
    --_radius: var(--popin-radius, 0.75rem);
    --_r: calc(var(--_radius) * 0.75);
    --_font: var(--popin-font, system-ui, sans-serif);
    --_mono: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
    --_focus: 0 0 0 0.1875rem color-mix(in srgb, var(--_accent) 45%, transparent);

    color-scheme: light dark;
    display: block;
    color: var(--_text);
    font: 400 1rem/1.45 var(--_font);
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  h1,
  h2,
  h3,
  p,
  ul,
  ol,
  dl,
  dd,
  pre,
  fieldset {
    margin: 0;
    padding: 0;
  }

  ul,
  ol {
    list-style: none;
  }

  fieldset {
    border: 0;
    min-width: 0;
  }

  h2 {
    font-size: 1.25rem;
    font-weight: 650;
    line-height: 1.3;
  }

  h3 {
    font-size: 1rem;
    font-weight: 600;
  }

  h4,
  h5 {
    margin: 0;
    font-size: 1rem;
    font-weight: 600;
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

  a {
    color: var(--_accent-text);
    text-underline-offset: 0.15em;
  }

  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .muted {
    color: var(--_muted);
    font-size: 0.875rem;
  }

  .section-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin-block-end: 1rem;
  }

  .section-head p {
    flex-basis: 100%;
  }

  .stack {
    display: grid;
    gap: 0.75rem;
  }

  .card {
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: 2.5rem;
    padding: 0.5rem 1rem;
    border: 1px solid transparent;
    border-radius: var(--_r);
    background: var(--_accent);
    color: var(--_accent-contrast);
    font: 600 0.9375rem/1.2 var(--_font);
    text-decoration: none;
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

  .button[aria-disabled='true'] {
    cursor: progress;
    filter: saturate(0.7);
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

  .danger {
    background: var(--_danger);
    color: var(--_surface);
  }

  .small {
    min-height: 2.25rem;
    padding: 0.375rem 0.75rem;
    font-size: 0.875rem;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  .badge {
    display: grid;
    place-content: center;
    flex: none;
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
  }

  .month {
    margin-top: 0.1875rem;
    font-size: 0.75rem;
    font-weight: 600;
    letter-spacing: 0.06em;
    text-transform: uppercase;
  }

  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0.0625rem 0.5rem;
    border-radius: 62rem;
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--_muted);
    background: var(--_surface-2);
    white-space: nowrap;
  }

  .tag.ok {
    color: var(--_success);
    background: color-mix(in srgb, var(--_success) 12%, var(--_surface));
  }

  .tag.bad {
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
  }

  .tag.warn {
    color: var(--_warning);
    background: color-mix(in srgb, var(--_warning) 12%, var(--_surface));
  }

  /* People, entries: a list of rows that stack on a phone. */
  .rows {
    display: grid;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }

  .rows > li {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr));
    align-items: center;
    gap: 0.25rem 1rem;
    padding: 0.75rem 1rem;
    background: var(--_surface);
  }

  .rows > li + li {
    border-top: 1px solid var(--_border);
  }

  /* A row's buttons (Forget, Open) close it, at the end. */
  .rows > li > .row:last-child {
    grid-column-end: -1;
    justify-content: flex-end;
  }

  .rows dt {
    color: var(--_muted);
    font-size: 0.75rem;
    font-weight: 600;
  }

  .rows dd {
    overflow-wrap: anywhere;
    font-size: 0.9375rem;
  }

  .num {
    font-variant-numeric: tabular-nums;
  }

  code,
  pre {
    font-family: var(--_mono);
    font-size: 0.8125rem;
  }

  pre {
    padding: 0.75rem;
    border-radius: var(--_r);
    background: var(--_surface-2);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  /* Forms */
  .field {
    display: grid;
    align-content: start;
    gap: 0.25rem;
  }

  label {
    font-size: 0.875rem;
    font-weight: 600;
  }

  legend {
    margin-block-end: 0.5rem;
    color: var(--_muted);
    font-size: 0.75rem;
    font-weight: 700;
    letter-spacing: 0.06em;
    text-transform: uppercase;
  }

  fieldset + fieldset {
    padding-top: 0.75rem;
    border-top: 1px solid var(--_border);
  }

  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_r);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: none;
    border-color: var(--_accent);
    box-shadow: var(--_focus);
  }

  textarea {
    min-height: 5rem;
    resize: vertical;
  }

  .hint {
    color: var(--_muted);
    font-size: 0.875rem;
  }

  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  input[type='checkbox'],
  input[type='radio'] {
    flex: none;
    width: 1.125rem;
    height: 1.125rem;
    accent-color: var(--_accent);
  }

  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
  }

  .field-error,
  .form-error {
    color: var(--_danger);
    font-size: 0.875rem;
  }

  .grid-2 {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: 0.75rem 1rem;
  }

  /* Waiting, empty, failed */
  .progress {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    padding: 1rem 0;
    color: var(--_muted);
  }

  .spinner {
    flex: none;
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

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }

  .state {
    display: grid;
    justify-items: center;
    gap: 0.5rem;
    padding: 2rem 1rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    text-align: center;
  }

  .state-title {
    font-weight: 600;
  }

  .error {
    border-color: color-mix(in srgb, var(--_danger) 50%, var(--_border));
  }

  .error .state-title {
    color: var(--_danger);
  }

  .note {
    padding: 0.75rem 1rem;
    border-radius: var(--_r);
    border-inline-start: 0.25rem solid var(--_accent);
    background: var(--_accent-soft);
  }

  .note.warn {
    border-color: var(--_warning);
    background: color-mix(in srgb, var(--_warning) 10%, var(--_surface));
  }
`;
