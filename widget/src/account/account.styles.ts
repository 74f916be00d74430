/** Styles of the returning customer's parts (and of what the booking form shares with them). */
import { css } from 'lit';

export default css`
  :host {
    --_success: var(--popin-success, light-dark(#116329, #6fdd8b));
  }

  h3 {
    margin: 0;
  }

  .button {
    gap: 0.5rem;
    text-decoration: none;
  }

  .button svg {
    flex: none;
    width: 1rem;
    height: 1rem;
  }

  /* Arrows point the way the language reads: "All demos" (back) and "opens elsewhere" mirror right to left. */
  .back svg:dir(rtl),
  [part~='join'] svg:dir(rtl) {
    transform: scaleX(-1);
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

  .quiet {
    background: transparent;
    color: var(--_muted);
    padding-inline: 0.625rem;
  }

  .quiet:hover {
    background: var(--_surface-2);
    color: var(--_text);
    filter: none;
  }

  .danger {
    background: var(--_danger);
    /* Black or white, whichever reads on the danger colour (as the accent's text, first-load CSS). */
    color: color(from var(--_danger) xyz-d65 clamp(0, (0.1791 - y) * 1e6, 0.9505) clamp(0, (0.1791 - y) * 1e6, 1) clamp(0, (0.1791 - y) * 1e6, 1.089));
  }

  .block {
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

  /* A booked card's actions (join, add to calendar, cancel) take their own row under the slot. */
  .booked .actions {
    grid-column: 1 / -1;
    justify-content: flex-start;
  }

  /* Add to calendar (calendar/): a line of links under the join link. */
  .calendar {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
    flex-basis: 100%;
    font-size: 0.875rem;
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

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }

  .slot.booked {
    border-color: color-mix(in srgb, var(--_success) 45%, var(--_border));
  }

  .tag.booked {
    color: var(--_success);
    background: color-mix(in srgb, var(--_success) 12%, var(--_surface));
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

  .audio {
    grid-column: 1 / -1;
    padding: 0.625rem 0.75rem;
    border-radius: var(--_r);
    background: var(--_surface-2);
    font-size: 0.875rem;
  }

  .audio-title {
    font-weight: 600;
  }

  .audio dl,
  .audio dd {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin: 0;
  }

  .audio dl {
    gap: 0.5rem 1.5rem;
    margin-block-start: 0.375rem;
  }

  .audio dt {
    color: var(--_muted);
  }

  .audio a {
    color: var(--_accent-text);
    overflow-wrap: anywhere;
  }

  .copy {
    min-height: 2rem;
    padding: 0.25rem 0.625rem;
    font-size: 0.8125rem;
  }

  .join-now.block {
    min-height: 3rem;
    font-size: 1rem;
  }

  /* Three buttons (join, FLOOR, Cancel) leave the name no room beside them: they go below. */
  .slot.booked:has(.actions > :nth-child(3)) {
    grid-template-columns: auto minmax(0, 1fr);
  }

  .slot.booked:has(.actions > :nth-child(3)) .actions {
    grid-column: 1 / -1;
  }

  @container popin (max-width: 30rem) {
    .slot.booked,
    .confirming {
      grid-template-columns: auto minmax(0, 1fr);
    }

    .slot.booked .actions,
    .confirming .actions {
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
`;
