/** English of the 10times parts (tentimes/ chunk). */
export default {
  email: 'Email',
  jobTitle: 'Job title',
  company: 'Company',
  city: 'City',
  countryName: 'Country',
  optional: '(optional)',
  tentimesHint: 'We also register you for this event on 10times.',
  enterEmail: 'Enter your email address.',
  invalidEmail: 'Enter a valid email address, like name@example.com.',
  floor: 'Also join on 10times FLOOR',
  /** After "Also join on 10times FLOOR", for screen readers. */
  floorFor: 'for {name} (opens in a new tab)',
  tentimesNote: 'You\'re also being registered for this event on 10times: "Also join on 10times FLOOR" will appear on your booking.',
};
