import { createRoute } from '@hono/zod-openapi';
import { sameSecret } from '../auth/same-secret';
import { readConfig } from '../config';
import { ApiError } from '../errors';
import { createRouter } from '../routes/router';
import { ErrorSchema, json, serverErrors } from '../schemas';
import { resolveSite } from '../sites/store';
import { audit } from './audit';
import { currentSession, limitSignIn } from './auth';
import { consoleKeyOf } from './keys';
import { keyFingerprint, SESSION_SECONDS, sessionCookie, signSession } from './session';
import { consoleBodyErrors, SessionRequestSchema, SessionSchema } from './schemas';

const signIn = createRoute({
  method: 'post',
  path: '/console/v1/session',
  operationId: 'consoleSignIn',
  summary: 'Sign in to the seller console',
  description:
    "Exchanges the site's console key (or the operator's ADMIN_SECRET) for a 12-hour session cookie (HttpOnly, Secure, SameSite=Strict, Path=/console). Rate limited per client.",
  request: { body: { content: { 'application/json': { schema: SessionRequestSchema } }, required: true } },
  security: [],
  responses: {
    200: json(SessionSchema, 'Signed in; the session is in Set-Cookie.'),
    ...consoleBodyErrors,
    401: json(ErrorSchema, 'invalid_key: the site or the key is wrong (the same answer for a site that does not exist).'),
    403: json(ErrorSchema, 'origin_not_allowed: sent from another page.'),
    404: json(ErrorSchema, 'unknown_site (operator key only).'),
    429: json(ErrorSchema, 'rate_limited: too many sign-in attempts from this client; wait Retry-After seconds.'),
    ...serverErrors,
  },
});

const getSession = createRoute({
  method: 'get',
  path: '/console/v1/session',
  operationId: 'consoleGetSession',
  summary: 'The current console session',
  security: [{ consoleSession: [] }],
  responses: { 200: json(SessionSchema, 'Signed in'), 401: json(ErrorSchema, 'unauthorized: no valid session.'), ...serverErrors },
});

const signOut = createRoute({
  method: 'delete',
  path: '/console/v1/session',
  operationId: 'consoleSignOut',
  summary: 'Sign out of the console',
  security: [{ consoleSession: [] }, {}],
  responses: {
    204: { description: 'Signed out; the cookie is cleared.' },
    403: json(ErrorSchema, 'origin_not_allowed'),
    ...serverErrors,
  },
});

/** A key no real key equals, compared when there is nothing to compare with: every attempt costs the same. */
const NO_KEY = '\u0000no console key\u0000';

export const sessionRoutes = createRouter()
  .openapi(signIn, async (c) => {
    await limitSignIn(c);
    const { site: siteId, key } = c.req.valid('json');
    const config = readConfig(c.env);
    const resolved = await resolveSite(c.env, config, siteId, true);
    const siteKey = resolved && (await consoleKeyOf(c.env, config, siteId, resolved.state));
    const [seller, operator] = await Promise.all([sameSecret(key, siteKey ?? NO_KEY), sameSecret(key, config.adminSecret ?? NO_KEY)]);
    const role: 'operator' | 'seller' | undefined = config.adminSecret && operator ? 'operator' : siteKey && seller ? 'seller' : undefined;
    if (!role) {
      console.warn(`console sign-in refused (site "${siteId}")`);
      throw new ApiError(401, 'invalid_key', 'This site and console key do not match.');
    }
    if (!resolved) throw new ApiError(404, 'unknown_site', `There is no booking site called "${siteId}".`);
    const exp = Math.floor(Date.now() / 1000) + SESSION_SECONDS;
    const fingerprint = await keyFingerprint(role === 'operator' ? config.adminSecret! : siteKey!);
    const value = await signSession({ site: siteId, role, exp, key: fingerprint }, config.tokenSecret);
    c.header('Set-Cookie', sessionCookie(value, SESSION_SECONDS));
    c.set('actor', { role, via: 'session', site: siteId });
    await audit(c, 'sign_in', '', resolved.site);
    return c.json({ site: siteId, role, expires_at: new Date(exp * 1000).toISOString() }, 200);
  })
  .openapi(getSession, async (c) => {
    const session = await currentSession(c, readConfig(c.env));
    if (!session) throw new ApiError(401, 'unauthorized', 'Not signed in.');
    return c.json({ site: session.site, role: session.role, expires_at: new Date(session.exp * 1000).toISOString() }, 200);
  })
  .openapi(signOut, async (c) => {
    const config = readConfig(c.env);
    const session = await currentSession(c, config);
    c.header('Set-Cookie', sessionCookie('', 0));
    if (session) {
      const resolved = await resolveSite(c.env, config, session.site, true);
      c.set('actor', { role: session.role, via: 'session', site: session.site });
      if (resolved) await audit(c, 'sign_out', '', resolved.site);
    }
    return c.body(null, 204);
  });
