import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { sameSecret } from '../auth/same-secret';
import { readConfig, type Config } from '../config';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { clientAddress } from '../middleware/client-address';
import { PopinClient, popinClientOptions } from '../popin/client';
import { resolveSite, type ResolvedSite } from '../sites/store';
import type { ConsoleActor } from './actor';
import { consoleKeyOf, siteOfKey } from './keys';
import { keyFingerprint, SESSION_COOKIE, verifySession, type SessionClaims } from './session';

/** Sign-in attempts per client address per minute. */
export const SIGN_IN_PER_MINUTE = 10;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every /console/v1 request, before any route reads it: no caching, no CORS (the console is
 * same-origin only), and for state-changing requests the CSRF rules: an `Origin` other than
 * the worker's own is refused, a cookie-authenticated request must carry the worker's own
 * Origin, and a body must be sent as JSON.
 */
export const consoleGuard = createMiddleware<AppEnv>(async (c, next) => {
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
  if (STATE_CHANGING.has(c.req.method)) {
    const origin = c.req.header('Origin');
    const own = new URL(c.req.url).origin;
    const usesCookie = bearerOf(c) === undefined && getCookie(c, SESSION_COOKIE) !== undefined;
    if ((origin !== undefined && origin !== own) || (usesCookie && origin === undefined)) {
      throw new ApiError(403, 'origin_not_allowed', 'The console only accepts changes from its own page.');
    }
    const hasBody = Number(c.req.header('Content-Length') ?? '0') > 0 || c.req.header('Transfer-Encoding') !== undefined;
    const type = c.req.header('Content-Type') ?? '';
    // The lobby upload is the one multipart route (files); the Origin rule above still holds for it.
    const upload = isLobbyUpload(c.req.method, c.req.path);
    if (hasBody && upload && !/^multipart\/form-data\s*;/i.test(type)) {
      throw new ApiError(415, 'unsupported_media_type', 'Send the lobby as multipart/form-data.');
    }
    if (hasBody && !upload && !/^application\/json\s*(;|$)/i.test(type)) {
      throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
    }
  }
  await next();
});

const LOBBY_UPLOAD = /^\/console\/v1\/sites\/[a-z0-9\-]{1,63}\/enablex\/meetings\/[A-Za-z0-9_\-]{1,64}\/lobby$/;

/** PUT …/enablex/meetings/{id}/lobby: multipart, with its own body limit (console/index.ts). */
export const isLobbyUpload = (method: string, path: string) => method === 'PUT' && LOBBY_UPLOAD.test(path);

export function bearerOf(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('Authorization');
  if (header === undefined) return undefined;
  return /^Bearer (\S{1,512})$/.exec(header)?.[1] ?? '';
}

/** The signed-in session of this request, checked against the key it was opened with; undefined when there is none or it is no longer valid. */
export async function currentSession(c: Context<AppEnv>, config: Config): Promise<SessionClaims | undefined> {
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie || cookie.length > 2048) return undefined;
  const claims = await verifySession(cookie, config.tokenSecret);
  if (!claims) return undefined;
  const key = claims.role === 'operator' ? config.adminSecret : await siteKey(c, config, claims.site);
  if (!key || (await keyFingerprint(key)) !== claims.key) return undefined;
  return claims;
}

async function siteKey(c: Context<AppEnv>, config: Config, siteId: string): Promise<string | undefined> {
  const resolved = await resolveSite(c.env, config, siteId, true);
  return resolved && consoleKeyOf(c.env, config, siteId, resolved.state);
}

const unauthorized = () =>
  new ApiError(401, 'unauthorized', 'Sign in to the console first (or send Authorization: Bearer <console key>).', undefined, { 'WWW-Authenticate': 'Bearer' });
const forbiddenSite = () => new ApiError(403, 'forbidden_site', 'You are signed in for another site.');
const operatorOnly = () => new ApiError(403, 'operator_only', "Only the operator can do this.");
const unknownSite = (id: string) => new ApiError(404, 'unknown_site', `There is no booking site called "${id.slice(0, 64)}".`);

/**
 * Who may act on `target` (a site id), or on the operator's routes (`target` null). Sets the
 * site's variables (as the site middleware does for API v1) and `actor`.
 */
export async function authorize(c: Context<AppEnv>, target: string | null): Promise<{ actor: ConsoleActor; resolved?: ResolvedSite }> {
  const config = readConfig(c.env);
  c.set('config', config);
  const bearer = bearerOf(c);
  let actor: ConsoleActor | undefined;
  let resolved: ResolvedSite | undefined;
  if (target !== null) resolved = await resolveSite(c.env, config, target, true);

  if (bearer !== undefined) {
    if (config.adminSecret && (await sameSecret(bearer, config.adminSecret))) actor = { role: 'operator', via: 'key' };
    else if (target !== null && resolved) {
      const key = await consoleKeyOf(c.env, config, target, resolved.state);
      if (key && (await sameSecret(bearer, key))) actor = { role: 'seller', via: 'key', site: target };
    }
    if (!actor) {
      const owner = bearer ? await siteOfKey(c.env, config, bearer) : undefined;
      if (owner !== undefined && owner !== target) throw target === null ? operatorOnly() : forbiddenSite();
      throw new ApiError(401, 'invalid_key', 'This console key is not valid.', undefined, { 'WWW-Authenticate': 'Bearer' });
    }
  } else {
    const session = await currentSession(c, config);
    if (!session) throw unauthorized();
    actor = { role: session.role, via: 'session', site: session.site };
  }

  if (target === null) {
    if (actor.role !== 'operator') throw operatorOnly();
  } else {
    if (actor.role !== 'operator' && actor.site !== target) throw forbiddenSite();
    if (!resolved) throw unknownSite(target);
    c.set('site', resolved.site);
    c.set('siteState', resolved.state);
    c.set('popin', new PopinClient(popinClientOptions(config, resolved.site)));
  }
  c.set('actor', actor);
  return { actor, resolved };
}

/** Sign-in attempts, per client address (RateLimiter objects named apart from the booking API's). */
export async function limitSignIn(c: Context<AppEnv>): Promise<void> {
  const limiter = c.env.RATE_LIMITER;
  // The bucket name inside the object is the booking API's "customers"; the object is this client's console one.
  const decision = await limiter.get(limiter.idFromName(`console-sign-in|${clientAddress(c.req)}`)).take('customers', SIGN_IN_PER_MINUTE);
  if (!decision.allowed) {
    throw new ApiError(429, 'rate_limited', `Too many sign-in attempts. Please wait ${decision.retryAfterSeconds} seconds.`, undefined, {
      'Retry-After': String(decision.retryAfterSeconds),
    });
  }
}
