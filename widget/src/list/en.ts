/** English of the slot list (list/ chunk): added to the widget's English when the chunk loads. */
export default {
  /** The panel's error state (list/panel.ts), with "Try again". */
  formFailed: "Couldn't open the booking form",
  timesIn: 'Times in {zone}',
  upcoming: 'Upcoming demos',
  book: 'Book',
  /** A slot for screen readers, after "Book", "Cancel", … */
  slot: '{name}, {day} {month}, {time}',
  live: 'Live now',
  booked: 'Booked',
  /** An EnableX demo with no seat left, in place of Book. */
  full: 'Full',
  none: 'No demos scheduled right now',
  noneHint: 'New dates are added often. Check back soon.',
  paused: 'Bookings are paused.',
  pausedHint: 'New bookings will open again soon.',
  /** Announced when the list loads. */
  available: { one: '{n} demo available.', other: '{n} demos available.' },
  /** Announced when the list loads and bookings are paused (then "Bookings are paused."). */
  listed: { one: '{n} demo.', other: '{n} demos.' },
};
