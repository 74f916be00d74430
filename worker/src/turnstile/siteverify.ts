import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { clientAddress } from '../middleware/client-address';
import type { TurnstileBindings } from './config';

/**
 * Optional Cloudflare Turnstile on lead capture. A site that sets `turnstile.siteKey` in SITES
 * gets the challenge rendered by the widget (the slots answer tells it the site key); the
 * widget sends the token with the sign-up and the worker checks it with siteverify before
 * Popin sees anything. Fail closed: no answer from siteverify means no sign-up.
 */

const DEFAULT_VERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';
const VERIFY_TIMEOUT_MS = 5_000;

const VerifyResponse = z.object({ success: z.boolean() });

/** Throws the error to show unless the site has no Turnstile or the token passes siteverify. */
export async function requireHuman(c: Context<AppEnv>, token: string | undefined): Promise<void> {
  const settings = c.var.site.turnstile;
  if (!settings) return;
  const env = c.env as TurnstileBindings;
  // config.ts has already refused a site with Turnstile and no secret.
  const secret = settings.secretKey ?? env.TURNSTILE_SECRET_KEY ?? '';
  if (!token) {
    throw new ApiError(403, 'turnstile_required', 'Please complete the check that you are human, then send the form again.');
  }

  const form = new URLSearchParams({ secret, response: token });
  const address = clientAddress(c.req);
  if (address !== 'unknown') form.set('remoteip', address);
  let success: boolean;
  try {
    const response = await fetch(env.TURNSTILE_VERIFY_URL || DEFAULT_VERIFY_URL, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`siteverify HTTP ${response.status}`);
    success = VerifyResponse.parse(await response.json()).success;
  } catch (error) {
    console.warn(`Turnstile siteverify failed: ${error instanceof Error ? error.name : 'error'}`);
    throw new ApiError(
      503,
      'turnstile_unavailable',
      'We could not check that you are human right now, so nothing was sent. Please try again in a minute.',
      undefined,
      { 'Retry-After': '30' },
    );
  }
  if (!success) {
    throw new ApiError(403, 'turnstile_failed', 'The check that you are human did not pass. Please try it again.');
  }
}
