/** English of "Add to calendar" (calendar/ chunk). */
export default {
  addToCalendar: 'Add to calendar:',
  /** After ".ics", for screen readers. */
  icsFor: 'file for {name}',
  /** After "Google" and "Outlook", for screen readers. */
  calendarFor: 'Calendar: {name} (opens in a new tab)',
  /** In the calendar entry. */
  joinTheDemo: 'Join the live demo: {url}',
  liveDemo: 'Live product demo',
};
