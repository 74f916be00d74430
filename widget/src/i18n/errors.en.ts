/**
 * Failures by their code (`err_<code>`), for the languages other than English. English shows the
 * booking service's own words, which can be more precise ("wait 30 seconds"): this table is never
 * loaded, it documents the keys (a seller may set them in `strings`, in any language, English
 * included) and is what the catalogs translate. Codes the widget itself raises in a chunk
 * (session_expired, unauthorized) are in that chunk's English.
 */
export default {
  err_network_error: "Can't reach the booking service. Check your connection and try again.",
  err_bad_response: 'The booking service sent an unexpected answer. Please try again.',
  err_missing_site: 'This booking widget has no site set.',
  err_unknown_site: 'This booking site does not exist.',
  err_origin_not_allowed: 'This page is not allowed to book for this site. The seller can add it to the site.',
  err_invalid_token: 'Your booking session has ended. Enter your name and mobile number again.',
  err_rate_limited: 'Too many requests from your connection. Please wait a minute and try again.',
  err_limiter_unavailable: 'We could not take your request just now; nothing was done. Please try again in a moment.',
  err_bookings_paused: 'Bookings are paused for now. Please try again later.',
  err_upstream_timeout: 'The booking service did not answer in time. Trying again is safe: it will not book you twice.',
  err_upstream_error: 'The booking service is not answering correctly right now. Please try again in a moment.',
  err_upstream_unauthorized: 'The booking service is not set up correctly. Please try again later.',
  err_booking_interrupted: 'Your request was interrupted on our side. Please try again: it will not book you twice.',
  err_too_many_registrations: 'You have as many upcoming bookings as this site allows. Cancel one to book another.',
  err_validation_failed: 'The booking service did not accept this. Please check your details and try again.',
  /** A refused slot (its \`event_id\` field): it ended or was removed. */
  err_not_offered: 'This demo is not open for booking any more. Choose another slot.',
  /** An EnableX demo whose last seat was just taken. */
  err_demo_full: 'This demo is full. Choose another demo.',
  err_tentimes_unavailable: 'Your demo is booked, but we could not pass it on to 10times just now. Please press Book again in a moment.',
  err_turnstile_required: 'Please complete the security check, then send the form again.',
  err_turnstile_failed: 'The security check did not pass. Please try it again.',
  err_turnstile_unavailable: 'We could not run the security check right now, so nothing was sent. Please try again in a minute.',
};
