import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { SiteSchema } from '../config';
import type { AppEnv } from '../env';
import { ApiError, validationError, type FieldErrors } from '../errors';
import { createRouter } from '../routes/router';
import { ErrorSchema, json } from '../schemas';
import { siteDirectory, type DirectoryChange } from '../sites/directory';
import { encryptSecrets } from '../sites/secrets';
import { rememberRecord, resolveSite, siteSecrets, type ResolvedSite } from '../sites/store';
import type { SiteSecrets } from '../sites/types';
import { audit } from './audit';
import { authorize } from './auth';
import { keyHash } from './keys';
import { pgiCall, pgiClient, requireProvisioned } from './pgi';
import {
  consoleBodyErrors,
  consoleErrors,
  consoleSecurity,
  ConsoleSiteParams,
  NewSiteSchema,
  pgiErrors,
  SecretsSchema,
  SitePatchSchema,
  SitesPageSchema,
  SitesQuery,
  SiteViewSchema,
} from './schemas';

const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const inEnv = json(ErrorSchema, 'site_exists (POST) or site_in_env: the site is configured in SITES; change it there.');

const getSite = createRoute({
  method: 'get',
  path: '/console/v1/sites/{site}',
  operationId: 'consoleGetSite',
  summary: "A site's settings and embed code",
  request: { params: ConsoleSiteParams },
  security: consoleSecurity,
  responses: { 200: json(SiteViewSchema, 'The site'), ...consoleErrors },
});

const patchSite = createRoute({
  method: 'patch',
  path: '/console/v1/sites/{site}',
  operationId: 'consoleUpdateSite',
  summary: 'Pause or resume bookings, rename, and (operator) change origins, country, timezone, limits',
  description: "`pgi: 'deactivate'` with `paused: true` also deactivates the site's PGi client (first: if PGi refuses, nothing changes).",
  request: { params: ConsoleSiteParams, ...body(SitePatchSchema) },
  security: consoleSecurity,
  responses: { 200: json(SiteViewSchema, 'The site after the change'), ...consoleErrors, ...consoleBodyErrors, ...pgiErrors, 409: inEnv },
});

const putSecrets = createRoute({
  method: 'put',
  path: '/console/v1/sites/{site}/secrets',
  operationId: 'consolePutSecrets',
  summary: "Store a site's secrets (operator only)",
  description: 'Encrypted with SITE_SECRETS_KEY (AES-GCM) and never returned. Keys left out keep their value. A SITES site takes console_key only.',
  request: { params: ConsoleSiteParams, ...body(SecretsSchema) },
  security: consoleSecurity,
  responses: { 204: { description: 'Stored' }, ...consoleErrors, ...consoleBodyErrors, 409: inEnv },
});

const listSites = createRoute({
  method: 'get',
  path: '/console/v1/sites',
  operationId: 'consoleListSites',
  summary: 'All sites, page by page, in id order (operator only)',
  request: { query: SitesQuery },
  security: consoleSecurity,
  responses: { 200: json(SitesPageSchema, 'One page'), ...consoleErrors, 422: consoleBodyErrors[422] },
});

const createSite = createRoute({
  method: 'post',
  path: '/console/v1/sites',
  operationId: 'consoleCreateSite',
  summary: 'Add a site (operator only)',
  request: body(NewSiteSchema),
  security: consoleSecurity,
  responses: { 201: json(SiteViewSchema, 'The new site'), ...consoleErrors, ...consoleBodyErrors, 409: inEnv },
});

export function siteView(c: Context<AppEnv>, { site, state }: ResolvedSite) {
  const origin = new URL(c.req.url).origin;
  return {
    id: site.id,
    title: site.title,
    country: site.country,
    timezone: site.timezone,
    origins: site.origins,
    paused: state.paused,
    retention_days: site.retentionDays,
    tentimes: site.tentimes !== undefined,
    pgi: state.pgi?.status === 'active',
    stored: state.stored,
    limits: site.limits,
    embed: {
      script: `<script type="module" src="${origin}/widget.js"></script>`,
      element: `<popin-booking site="${site.id}"></popin-booking>`,
      share_url: `${origin}/s/${site.id}`,
    },
  };
}

async function fresh(c: Context<AppEnv>, id: string): Promise<ResolvedSite> {
  const resolved = await resolveSite(c.env, c.var.config, id, true);
  if (!resolved) throw new ApiError(404, 'unknown_site', `There is no booking site called "${id}".`);
  return resolved;
}

const OPERATOR_FIELDS = ['origins', 'country', 'timezone', 'limits', 'retention_days'] as const;
/** Secrets never go into settings: they have their own encrypted route. */
const SECRET_FIELDS = ['apiKey', 'consoleKey', 'turnstile.secretKey', 'tentimes.apiKey', 'tentimes.webhookSecret'] as const;

export const siteRoutes = createRouter()
  .openapi(getSite, async (c) => {
    const { resolved } = await authorize(c, c.req.valid('param').site);
    return c.json(siteView(c, resolved!), 200);
  })
  .openapi(patchSite, async (c) => {
    const { site: id } = c.req.valid('param');
    const { actor, resolved } = await authorize(c, id);
    const patch = c.req.valid('json');
    const errors: FieldErrors = {};
    if (actor.role !== 'operator') for (const field of OPERATOR_FIELDS) if (patch[field] !== undefined) errors[field] = ['Only the operator can change this.'];
    if (patch.pgi && patch.paused === undefined) errors.pgi = ["Send it with paused (true with 'deactivate', false with 'reactivate')."];
    if (Object.keys(errors).length) throw validationError(errors);

    const settingsChange = { title: patch.title, origins: patch.origins, country: patch.country, timezone: patch.timezone, limits: patch.limits, retentionDays: patch.retention_days };
    const changedSettings = Object.entries(settingsChange).filter(([, value]) => value !== undefined);
    const change: DirectoryChange = {};
    if (changedSettings.length) {
      if (!resolved!.state.stored) throw new ApiError(409, 'site_in_env', 'This site is configured in SITES: change it there.');
      const current = await siteDirectory(c.env).get(id);
      const merged = SiteSchema.safeParse({ ...JSON.parse(current?.settings ?? '{}'), ...Object.fromEntries(changedSettings) });
      if (!merged.success) throw validationError({ [String(merged.error.issues[0]!.path[0] ?? 'body')]: [merged.error.issues[0]!.message] });
      change.settings = JSON.stringify(merged.data);
    }
    if (patch.paused !== undefined) change.paused = patch.paused;
    if (patch.pgi) {
      // PGi first: when it refuses, nothing here changes.
      const record = requireProvisioned(resolved!.state.pgi);
      const client = pgiClient(c.env);
      await pgiCall(() => (patch.pgi === 'deactivate' ? client.deactivate(record.clientId) : client.reactivate(record.clientId)));
      change.pgi = JSON.stringify({ ...record, status: patch.pgi === 'deactivate' ? 'inactive' : 'active', updatedAt: Date.now() });
    }
    if (Object.keys(change).length) {
      rememberRecord(id, await siteDirectory(c.env).update(id, change));
      if (patch.paused !== undefined) await audit(c, patch.paused ? 'bookings.pause' : 'bookings.resume');
      if (patch.pgi) await audit(c, `pgi.${patch.pgi}`, 'with the pause switch');
      if (changedSettings.length) await audit(c, 'site.update', changedSettings.map(([key]) => key).join(', '));
    }
    return c.json(siteView(c, await fresh(c, id)), 200);
  })
  .openapi(putSecrets, async (c) => {
    const { site: id } = c.req.valid('param');
    const { actor, resolved } = await authorize(c, id);
    if (actor.role !== 'operator') throw new ApiError(403, 'operator_only', 'Only the operator can do this.');
    const given = c.req.valid('json') as SiteSecrets;
    const names = (Object.keys(given) as Array<keyof SiteSecrets>).filter((name) => given[name] !== undefined);
    if (!resolved!.state.stored && names.some((name) => name !== 'console_key')) {
      throw new ApiError(409, 'site_in_env', 'This site is configured in SITES: only its console_key can be stored here.');
    }
    if (names.length) {
      const merged = { ...(await siteSecrets(c.env, id, resolved!.state)), ...given };
      const change: DirectoryChange = { secrets: await encryptSecrets(merged, id, c.env.SITE_SECRETS_KEY) };
      if (given.console_key) change.consoleKeyHash = await keyHash(given.console_key);
      rememberRecord(id, await siteDirectory(c.env).update(id, change));
      // The names only, never a value.
      await audit(c, 'secrets.update', names.join(', '));
    }
    return c.body(null, 204);
  })
  .openapi(listSites, async (c) => {
    await authorize(c, null);
    const { cursor = '', limit } = c.req.valid('query');
    const { config } = c.var;
    // One directory query per page, merged with the SITES ids (at most a few dozen) in id order.
    const stored = await siteDirectory(c.env).list(cursor, limit + 1);
    const byId = new Map<string, { id: string; title: string; paused: boolean }>();
    for (const row of stored) {
      const seeded = config.sites.get(row.id);
      if (row.stored || seeded) byId.set(row.id, { id: row.id, title: row.title ?? seeded?.title ?? row.id, paused: row.paused });
    }
    for (const [id, site] of config.sites) if (id > cursor && !byId.has(id)) byId.set(id, { id, title: site.title, paused: false });
    const lastStored = stored.length > limit ? stored[limit]!.id : undefined;
    const all = [...byId.values()].filter((site) => lastStored === undefined || site.id < lastStored).sort((a, b) => (a.id < b.id ? -1 : 1));
    const sites = all.slice(0, limit);
    const more = all.length > limit || lastStored !== undefined;
    const next = sites.length ? sites[sites.length - 1]!.id : stored[limit - 1]?.id;
    return c.json({ sites, next_cursor: more && next ? next : null }, 200);
  })
  .openapi(createSite, async (c) => {
    await authorize(c, null);
    const { id, ...settings } = c.req.valid('json');
    const errors: FieldErrors = {};
    for (const path of SECRET_FIELDS) {
      const [head, tail] = path.split('.') as [string, string | undefined];
      const value = (settings as Record<string, unknown>)[head];
      if (tail ? (value as Record<string, unknown> | undefined)?.[tail] !== undefined : value !== undefined) {
        errors[head] = [`${path} is a secret: store it with PUT /console/v1/sites/${id}/secrets.`];
      }
    }
    if (Object.keys(errors).length) throw validationError(errors);
    if (c.var.config.sites.has(id)) throw new ApiError(409, 'site_exists', `Site "${id}" already exists (in SITES).`);
    const record = await siteDirectory(c.env).create(id, JSON.stringify(settings));
    if (!record) throw new ApiError(409, 'site_exists', `Site "${id}" already exists.`);
    rememberRecord(id, record);
    const resolved = await fresh(c, id);
    await audit(c, 'site.create', '', resolved.site);
    return c.json(siteView(c, resolved), 201);
  });
