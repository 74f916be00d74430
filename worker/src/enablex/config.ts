import { z } from 'zod';
import { trimEndOf } from '../text';
import { badBaseUrl, placeholderKey } from '../secrets';
import { DEFAULT_ENABLEX_BASE_URL, type EnablexClientOptions } from './client';

/**
 * A site's optional EnableX option (`SITES.<id>.enablex`): the site's demos also include its
 * EnableX meetings (README "EnableX"). The app id and key are the worker's secrets, shared by
 * every site; the option only says which meetings and which product.
 */
export const EnablexSiteSchema = z
  .object({
    /** Only this EnableX user's (host's) meetings; default: every meeting of the app. */
    userId: z.string().trim().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'must be an EnableX user id (visible ASCII, no spaces)').optional(),
    /** `X-App-Type`: `vc` video meetings (default) or `wb` webinars. */
    appType: z.enum(['vc', 'wb']).default('vc'),
    /**
     * EnableX's id of the site's time zone (its own table; the document gives none), sent as
     * `timezone_id` when the console schedules a meeting. The console can also send one per meeting.
     */
    timezoneId: z.union([z.string().regex(/^[0-9]{1,9}$/, 'must be EnableX\'s numeric time zone id'), z.number().int().min(0)]).optional(),
  })
  .strict();

export type EnablexSite = z.infer<typeof EnablexSiteSchema>;

export interface EnablexBindings {
  ENABLEX_BASE_URL?: string;
  /** Secret: the EnableX app id (HTTP Basic user; an assumption to confirm with EnableX). */
  ENABLEX_APP_ID?: string;
  /** Secret: the EnableX app key (HTTP Basic password). */
  ENABLEX_APP_KEY?: string;
}

/**
 * The client options for a site with the option, or a ConfigError-worthy message naming the
 * binding that is missing or unsafe. Read per request (cheap) so the console's stored sites work too.
 */
export function enablexClientOptions(
  site: { enablex?: EnablexSite },
  env: EnablexBindings,
  localDemo: boolean,
): { options?: EnablexClientOptions; problem?: string } {
  if (!site.enablex) return {};
  const baseUrl = trimEndOf(env.ENABLEX_BASE_URL || DEFAULT_ENABLEX_BASE_URL, '/');
  const badUrl = badBaseUrl(baseUrl);
  if (badUrl) return { problem: `ENABLEX_BASE_URL ${badUrl}.` };
  const appId = env.ENABLEX_APP_ID ?? '';
  const appKey = env.ENABLEX_APP_KEY ?? '';
  if (!appId) return { problem: 'ENABLEX_APP_ID is not set (wrangler secret put ENABLEX_APP_ID).' };
  if (!appKey) return { problem: 'ENABLEX_APP_KEY is not set (wrangler secret put ENABLEX_APP_KEY).' };
  // EnableX issues the key (its format is theirs): only published example values are refused.
  if (!localDemo && placeholderKey(appKey)) return { problem: 'ENABLEX_APP_KEY is a published example or simulator value.' };
  return { options: { baseUrl, appId, appKey, appType: site.enablex.appType } };
}
