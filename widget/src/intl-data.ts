/**
 * ICU's shared data, the part no language or time zone picks, loaded in steps of one task each
 * (list/times.ts says why and how the steps were found). The loader (widget.ts) starts them while
 * the element's chunk is on its way, when the page's main thread is otherwise idle; the list's
 * warm-up (times.ts warmIntl) waits for them, then goes on in the widget's language.
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

let loading: Promise<unknown> | undefined;

/** Loads the shared data once per page. */
export const loadIntlData = () => (loading ??= inSteps(SHARED_STEPS, undefined));
