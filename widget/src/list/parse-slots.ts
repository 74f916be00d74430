/**
 * The slots response of the worker API v1, checked: loaded with the list view
 * (slot-list.ts), in parallel with the request itself.
 */
import { isObject, malformed, optStr, type Slots } from '../api.js';
import { forgetFormatsOfAnotherZone } from './times.js';

/** A string field, or a number as a string, else empty (list chunk; the account chunk's calls use it too). */
export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function parseSlots(body: unknown, status: number): Slots {
  forgetFormatsOfAnotherZone();
  if (!isObject(body) || !Array.isArray(body.events)) throw malformed(status);
  const site = isObject(body.site) ? body.site : {};
  const zone = optStr(site.timezone);
  return {
    events: body.events.flatMap((v: unknown) =>
      // Popin events have integer ids; EnableX demos string ids and source "enablex".
      isObject(v) && (typeof v.id === 'number' || (typeof v.id === 'string' && v.source === 'enablex')) && typeof v.name === 'string'
        ? [
            {
              id: v.id,
              name: v.name,
              date: str(v.date),
              month: str(v.month),
              time: str(v.time),
              end_time: str(v.end_time),
              starts_at: optStr(v.starts_at),
              ends_at: optStr(v.ends_at),
              zone,
              can_join: v.can_join === true,
              // Checked for http(s) where it becomes a link (account/join-link.ts).
              join_url: optStr(v.join_url),
              enablex: typeof v.id === 'string' ? { live: v.stage === 'current', full: v.full === true, ppin: optStr(v.ppin) } : undefined,
            },
          ]
        : [],
    ),
    registered: Array.isArray(body.registered) ? body.registered.filter((id) => typeof id === 'number' || typeof id === 'string') : [],
    site: {
      title: str(site.title),
      country: optStr(site.country),
      timezone: zone,
      turnstileSiteKey: optStr(site.turnstile_site_key),
      paused: site.paused === true,
    },
    tentimes: isObject(body.tentimes),
    audio: isObject(body.audio) ? { hub_url: str(body.audio.hub_url), participant_passcode: str(body.audio.participant_passcode) } : undefined,
  };
}

