/**
 * The English strings of the first-load module. Each lazy chunk keeps its own English beside
 * it (list/en.ts, booking/en.ts, …) and adds it to `en` (i18n.ts) when it loads, so that no
 * chunk carries another's words. Keys are the `strings` a seller can override (README).
 */
import { GENERIC } from '../api.js';

export default {
  title: 'Book a live demo',
  retry: 'Try again',
  loadFailed: "Couldn't load demos",
  generic: GENERIC,
};
