// ICU's data for the widget's dates, loaded on a thread of its own: intl-data.ts says why. Plain
// JavaScript, served as it is. An AudioWorkletGlobalScope evaluates it: no URL class there, and
// nothing reads what it makes. The languages come in its URL's query (?lang=en-IN&lang=hi).
// It registers a processor last, which makes nothing: a page can tell that it ran to its end.
// Its steps are intl-data.ts SHARED_STEPS and list/times.ts LANGUAGE_STEPS, written again: their
// modules are bundled with code that expects a window, which a worklet has not.
const languages = (import.meta.url.split('?')[1] ?? '')
  .split('&')
  .filter((pair) => pair.startsWith('lang='))
  .map((pair) => decodeURIComponent(pair.slice('lang='.length)));

for (const step of [
  () => new Intl.Locale('und').maximize(),
  () => new Intl.Locale('und').getWeekInfo?.(),
  () => Intl.DateTimeFormat.supportedLocalesOf('en') && Intl.NumberFormat.supportedLocalesOf('en'),
  ...languages.map((tag) => () => {
    const date = (options) => new Intl.DateTimeFormat(tag, options);
    date({ hour: 'numeric', minute: '2-digit' }).formatRangeToParts(0, 9e5);
    date({ timeZoneName: 'long' }).formatToParts(0);
    date({ timeZoneName: 'short' }).formatToParts(0);
    date({ day: '2-digit' }).format(0);
    date({ month: 'short' }).format(0);
    new Intl.PluralRules(tag).select(1);
    (1234).toLocaleString(tag);
  }),
]) {
  try {
    step();
  } catch {
    // An engine without that part of Intl, or a tag it does not know: nothing to load.
  }
}

registerProcessor(
  'popin-booking-intl-data',
  class extends AudioWorkletProcessor {
    process() {
      return false;
    }
  },
);
