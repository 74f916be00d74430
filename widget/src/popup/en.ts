/** English of the popup and the floating launcher (popup/ chunk). */
export default {
  close: 'Close',
  /** The floating launcher's text, unless its `label` attribute says otherwise. */
  launcher: 'Book a demo',
};
