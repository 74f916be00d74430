import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Field errors keyed by field name, the same shape as Popin's ValidationError. */
export type FieldErrors = Record<string, string[]>;

/** The body of every error response: `{ message, code, errors? }`. */
export interface ErrorBody {
  message: string;
  code: string;
  errors?: FieldErrors;
}

/**
 * An error a client can act on. Thrown anywhere in a request; `app.onError` turns it into
 * its JSON response. Anything that is not an ApiError becomes a generic 500.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly errors?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return this.errors
      ? { message: this.message, code: this.code, errors: this.errors }
      : { message: this.message, code: this.code };
  }
}

export const validationError = (errors: FieldErrors) =>
  new ApiError(422, 'validation_failed', 'Some fields are not valid: ' + Object.keys(errors).join(', ') + '.', errors);
