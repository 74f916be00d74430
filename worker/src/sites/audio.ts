import type { SiteState } from './types';

/** A plain host name, as PGi's document gives hubUrl ("company.example.com"). */
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/** The https URL of a PGi hub, or undefined for anything that is not a plain host name or an https URL. */
export function hubHref(hubUrl: string): string | undefined {
  if (HOST.test(hubUrl)) return `https://${hubUrl.toLowerCase()}`;
  if (!URL.canParse(hubUrl)) return undefined;
  const url = new URL(hubUrl);
  if (url.protocol !== 'https:' || url.username || url.password || !HOST.test(url.hostname)) return undefined;
  return url.href;
}

/**
 * The audio conference a booked customer may dial into: only on a site with an active PGi
 * client, never the moderator passcode. The caller decides that the customer has a booking.
 */
export function audioFor(state: SiteState): { hub_url: string; participant_passcode: string } | undefined {
  const { pgi } = state;
  if (pgi?.status !== 'active') return undefined;
  const href = hubHref(pgi.hubUrl);
  return href ? { hub_url: href, participant_passcode: pgi.participantPasscode } : undefined;
}
