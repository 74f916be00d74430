/**
 * ICU's shared data, the part no language or time zone picks. The loader (widget.ts) starts it
 * as soon as it has found the page's inline widgets: on another thread where the browser can
 * (intl-data.worklet.js), then in steps of one task each on the main thread, which cost little
 * once the other thread has loaded the data (list/times.ts says why and how the steps were
 * found). The list's warm-up (times.ts warmIntl) waits for them, then goes on in the widget's
 * language.
 */
import { nextTask } from './tasks.js';

/** Runs each step in a task of its own; a step the engine cannot do is skipped. */
export const inSteps = <A>(steps: Array<(arg: A) => unknown>, arg: A) =>
  steps.reduce<Promise<unknown>>(
    (done, step) =>
      done.then(nextTask).then(() => {
        try {
          step(arg);
        } catch {
          /* an engine without that part of Intl: nothing to warm */
        }
      }),
    Promise.resolve(),
  );

/** The likely-subtags table, the calendar and supplemental data, the lists of locales of date and number formats. */
const SHARED_STEPS = [
  () => new Intl.Locale('und').maximize(),
  () => (new Intl.Locale('und') as { getWeekInfo?: () => unknown }).getWeekInfo?.(),
  () => Intl.DateTimeFormat.supportedLocalesOf('en') && Intl.NumberFormat.supportedLocalesOf('en'),
];

/** The worklet's module (the build names it chunks/intl-<hash>.js: vite.config.ts intlWorklet). */
const WORKLET = new URL('./intl-data.worklet.js', import.meta.url).href;

/** How long the main thread waits for the worklet before it loads the data itself (a worklet's fetch may hang). */
const WORKLET_WAIT_MS = 1000;

/**
 * Loads the same data, and the languages' date formats, on another thread: an AudioWorklet of an
 * OfflineAudioContext (no audio device, no sound, no user gesture). ICU's data and caches belong
 * to the process, not to a thread, so the main thread's own steps then take a few ms instead of
 * 100-150 at the bench's 4x CPU slowdown. A worklet is a script from the widget's origin, allowed
 * by the `script-src` that lets the page load widget.js; a Worker would have to come from a blob
 * (a Worker cannot be cross-origin), which a strict policy refuses, with a violation report.
 * Settles when the module has run, or failed, or after WORKLET_WAIT_MS; the main thread's steps
 * follow in every case.
 */
function loadOffThread(languages: readonly string[]): Promise<unknown> {
  try {
    const url = new URL(WORKLET);
    for (const tag of new Set(languages)) url.searchParams.append('lang', tag);
    const loaded = new OfflineAudioContext(1, 1, 8000).audioWorklet.addModule(url.href);
    return Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, WORKLET_WAIT_MS))]).catch(() => undefined);
  } catch {
    return Promise.resolve(); // no AudioWorklet in this browser
  }
}

let loading: Promise<unknown> | undefined;

/** Loads the shared data once per page: off the main thread where the browser can, with the first call's languages. */
export const loadIntlData = (languages: readonly string[]) =>
  (loading ??= loadOffThread(languages).then(() => inSteps(SHARED_STEPS, undefined)));
