/** English of the booking form, its confirmation and the human check (booking/ and turnstile chunks). */
export default {
  allDemos: 'All demos',
  bookTitle: 'Book {name}',
  yourName: 'Your name',
  mobile: 'Mobile number',
  countryCode: 'Country code',
  mobileHint: "We'll send the join link to this number.",
  bookThis: 'Book this demo',
  bookAs: 'Book as {name} · {phone}',
  booking: 'Booking…',
  enterName: 'Enter your name.',
  checkFields: 'Please check the highlighted fields.',
  /** A field the booking service refused (its own words are shown in English). */
  fieldRefused: 'Please check this field.',
  err_session_expired: 'Please enter your details again to book.',
  bookedSlot: 'Booked: {slot}.',
  youreBooked: "You're booked!",
  sendTo: "We'll also send the join link to {contact}.",
  backToAll: 'Back to all demos',
  checkUnavailable: 'The security check could not load. Check your connection (or allow challenges.cloudflare.com), then reload the page.',
  completeCheck: 'Please complete the security check above the button.',
};
