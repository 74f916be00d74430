import { css } from 'lit';

/** Styles of the booking panel, form and confirmation: adopted when that chunk loads. */
export default css`
  /* Booking panel and form */
  .panel {
    display: grid;
    gap: var(--_space);
  }

  .back {
    justify-self: start;
    margin-inline-start: -0.625rem;
  }

  .summary {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
    gap: 0.875rem;
    padding: 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface-2);
  }

  .form {
    display: grid;
    gap: 1rem;
  }

  .field {
    display: grid;
    gap: 0.375rem;
  }

  label {
    font-size: 0.875rem;
    font-weight: 600;
  }

  .input,
  .phone {
    width: 100%;
    min-height: 2.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_r);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  .input {
    padding: 0.5rem 0.75rem;
  }

  .input:focus,
  .phone:focus-within {
    outline: none;
    border-color: var(--_accent);
    box-shadow: var(--_focus);
  }

  .phone .input {
    min-height: 0;
    border: 0;
    border-radius: 0;
    background: transparent;
    box-shadow: none;
  }

  .input[aria-invalid='true'],
  .phone.invalid {
    border-color: var(--_danger);
  }

  .phone {
    display: flex;
    align-items: stretch;
    overflow: hidden;
  }

  .country {
    position: relative;
    display: inline-flex;
    flex: none;
    align-items: center;
    gap: 0.375rem;
    padding-inline: 0.75rem 0.625rem;
    border-inline-end: 1px solid var(--_border);
    background: var(--_surface-2);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  .country:focus-within {
    background: var(--_accent-soft);
  }

  .flag {
    font-size: 1.25rem;
    line-height: 1;
  }

  .country svg {
    width: 0.875rem;
    height: 0.875rem;
    color: var(--_muted);
  }

  /* The native select covers the visible flag + dial code: native keyboard and picker, compact look. */
  .country select {
    position: absolute;
    inset: 0;
    width: 100%;
    opacity: 0;
    cursor: pointer;
    font: inherit;
    font-size: 1rem;
  }

  .hint {
    color: var(--_muted);
    font-size: 0.8125rem;
  }

  .error {
    display: flex;
    gap: 0.375rem;
    color: var(--_danger);
    font-size: 0.875rem;
    font-weight: 500;
  }

  .form-error {
    padding: 0.625rem 0.75rem;
    border-radius: var(--_r);
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
  }

  .who,
  .confirmation {
    display: grid;
    gap: 0.625rem;
    justify-items: center;
    text-align: center;
  }

  /* Confirmation */
  .confirmation {
    padding: 0.5rem 0 0.25rem;
  }

  /* A phone number reads as one piece. */
  .confirmation strong {
    white-space: nowrap;
  }

  .check {
    display: grid;
    place-items: center;
    width: 3rem;
    height: 3rem;
    border-radius: 50%;
    background: color-mix(in srgb, var(--_success) 14%, var(--_surface));
    color: var(--_success);
  }

  .check svg {
    width: 1.5rem;
    height: 1.5rem;
  }

  /* The only visible h3 (the panel's own is visually hidden). */
  h3 {
    font-size: 1.25rem;
    font-weight: 650;
  }

  .confirmation .summary {
    width: 100%;
    text-align: start;
  }

  .confirmation .button {
    width: min(100%, 18rem);
  }
`;
