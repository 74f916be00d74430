import { z } from 'zod';

/**
 * A site's optional Turnstile setting (`SITES.<id>.turnstile`) and the bindings it falls back
 * on. Parsed with the rest of the configuration; the check itself is in siteverify.ts.
 */

export const TurnstileSiteSchema = z
  .object({
    /** Public; the widget renders the challenge with it. */
    siteKey: z.string().trim().min(1, 'must be the Turnstile site key'),
    /** Secret; falls back to the TURNSTILE_SECRET_KEY secret (better: keep it out of SITES). */
    secretKey: z.string().min(1).optional(),
  })
  .strict();

/** Bindings read by Turnstile only (declared beside the others in config.ts's ConfigBindings). */
export interface TurnstileBindings {
  /** Turnstile secret for every site without its own turnstile.secretKey. Secret. */
  TURNSTILE_SECRET_KEY?: string;
  /** siteverify endpoint; tests point it at a local fake. */
  TURNSTILE_VERIFY_URL?: string;
}
