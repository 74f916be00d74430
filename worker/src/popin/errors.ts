import { ApiError } from '../errors';
import { PopinError } from './client';
import { vendorText } from '../text';

/**
 * Maps a Popin failure to the error the widget shows. Popin's own 422 keeps its shape
 * (message + errors by field); everything else says what happened without Popin's body.
 */
export function toApiError(error: PopinError): ApiError {
  const { failure } = error;
  switch (failure.kind) {
    case 'validation':
      // The user_id comes from the customer's token, never from the browser: if Popin no longer
      // knows it, the customer has to identify themselves again, which is what a 401 tells the widget.
      if (Object.keys(failure.errors).every((field) => field === 'user_id')) {
        return new ApiError(
          401,
          'invalid_token',
          'We could not find your details any more. Enter your name and mobile number again.',
        );
      }
      // Popin's words, bounded and without controls or bidi characters; shown as text, never HTML.
      return new ApiError(
        422,
        'validation_failed',
        vendorText(failure.message) || 'Popin did not accept the request.',
        Object.fromEntries(Object.entries(failure.errors).map(([field, messages]) => [vendorText(field, 100), messages.map((message) => vendorText(message))])),
      );
    case 'unauthorized':
      return new ApiError(
        502,
        'upstream_unauthorized',
        'The booking service is not set up correctly (Popin rejected the seller key). Please try again later; the seller has to fix this.',
      );
    case 'timeout':
      return new ApiError(
        504,
        'upstream_timeout',
        error.operation === 'slots'
          ? 'Popin did not answer in time. Please try again.'
          : error.operation === 'capture'
            ? 'Popin did not answer in time. Please try again.'
            : // A write that ended without an answer makes the next attempt read before writing (bookings/customer-bookings.ts).
              'Popin did not answer in time, so your request may or may not have gone through. Trying again is safe: it will not book you twice.',
      );
    case 'upstream':
      return new ApiError(502, 'upstream_error', 'Popin is not answering correctly right now. Please try again in a moment.');
    case 'busy':
      // Nothing was sent (or Popin refused it with 429): trying again later is safe, for a write too.
      return new ApiError(
        503,
        'popin_busy',
        `Popin is busy right now; nothing was done. Please try again in ${failure.retryAfterSeconds} second${failure.retryAfterSeconds === 1 ? '' : 's'}.`,
        undefined,
        { 'Retry-After': String(failure.retryAfterSeconds) },
      );
  }
}

/** Runs a Popin call, turning its failure into the API error for the customer. */
export async function upstream<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof PopinError) {
      console.warn(error.message);
      throw toApiError(error);
    }
    throw error;
  }
}
