import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { validationError } from '../errors';
import { fieldErrors, ProvisionInputSchema } from '../pgi/client';
import { createRouter } from '../routes/router';
import { json } from '../schemas';
import { siteDirectory } from '../sites/directory';
import { rememberRecord } from '../sites/store';
import type { PgiForm, PgiRecord } from '../sites/types';
import { audit } from './audit';
import { authorize } from './auth';
import { pgiCall, pgiClient, pgiEnterpriseId, pgiView, planIdOf, requireProvisioned } from './pgi';
import { consoleBodyErrors, consoleErrors, consoleSecurity, ConsoleSiteParams, PgiCheckedSchema, PgiProvisionedSchema, PgiViewSchema, pgiErrors } from './schemas';

/** What the console sends to provision: PGi's input without the ids the worker fills in (pgi/schemas.ts). */
const { company, client, contact } = ProvisionInputSchema.shape;
export const ProvisionRequestSchema = z
  .object({
    company: company.omit({ externalId: true, enterpriseId: true }),
    client: client.omit({ externalId: true }),
    contact,
  })
  .openapi('ConsolePgiProvision');

const path = (action: string) => `/console/v1/sites/{site}/pgi${action}`;

const getPgi = createRoute({
  method: 'get',
  path: path(''),
  operationId: 'consoleGetPgi',
  summary: "The site's PGi audio conference",
  request: { params: ConsoleSiteParams },
  security: consoleSecurity,
  responses: { 200: json(PgiViewSchema, 'status none when not provisioned'), ...consoleErrors },
});

const provision = createRoute({
  method: 'post',
  path: path('/provision'),
  operationId: 'consoleProvisionPgi',
  summary: 'Provision (or update) the PGi company, client and reservation of the site',
  description:
    "company.externalId is the site's numeric id, client.externalId its plan id (the same number: one plan per site), enterpriseId the operator's PGI_ENTERPRISE_ID. The client password PGi creates is in this answer only.",
  request: { params: ConsoleSiteParams, body: { content: { 'application/json': { schema: ProvisionRequestSchema } }, required: true } },
  security: consoleSecurity,
  responses: { 200: json(PgiProvisionedSchema, 'Provisioned'), ...consoleErrors, ...consoleBodyErrors, ...pgiErrors },
});

const action = (name: 'deactivate' | 'reactivate' | 'check', summary: string) =>
  createRoute({
    method: 'post',
    path: path(`/${name}`),
    operationId: `console${name[0]!.toUpperCase()}${name.slice(1)}Pgi`,
    summary,
    request: { params: ConsoleSiteParams },
    security: consoleSecurity,
    responses: {
      200: json(name === 'check' ? PgiCheckedSchema : PgiViewSchema, 'The record'),
      ...consoleErrors,
      415: consoleBodyErrors[415],
      409: pgiErrors[409],
      502: pgiErrors[502],
    },
  });

async function save(c: Context<AppEnv>, record: PgiRecord): Promise<void> {
  rememberRecord(c.var.site.id, await siteDirectory(c.env).update(c.var.site.id, { pgi: JSON.stringify(record) }));
}

export const pgiRoutes = createRouter()
  .openapi(getPgi, async (c) => {
    await authorize(c, c.req.valid('param').site);
    return c.json(pgiView(c.var.siteState.pgi), 200);
  })
  .openapi(
    provision,
    async (c) => {
      await authorize(c, c.req.valid('param').site);
      const form = c.req.valid('json') as PgiForm;
      const pgi = pgiClient(c.env);
      const enterpriseId = pgiEnterpriseId(c.env);
      // The site's numeric id: allocated with its directory row (a SITES site gets one here).
      const num = c.var.siteState.num ?? (await siteDirectory(c.env).update(c.var.site.id, {})).num;
      const result = await pgiCall(() =>
        pgi.provision({
          company: { ...form.company, externalId: num, enterpriseId },
          client: { ...form.client, externalId: planIdOf(num) },
          contact: form.contact,
        }),
      );
      const previous = c.var.siteState.pgi;
      const now = Date.now();
      // Never the password: it goes to the caller below and nowhere else.
      const record: PgiRecord = {
        // Provisioning again does not change whether the client is active (reactivate does).
        status: previous?.clientId === result.clientId ? previous.status : 'active',
        companyId: result.companyId,
        clientId: result.clientId,
        hubId: result.hub.hubId,
        hubUrl: result.hub.hubUrl,
        participantPasscode: result.passCodes.participantPassCode,
        moderatorPasscode: result.passCodes.moderatorPassCode,
        provisionedAt: now,
        updatedAt: now,
        form,
      };
      await save(c, record);
      await audit(c, 'pgi.provision', `client ${result.clientId}`);
      return c.json({ ...pgiView(record), password: result.password }, 200);
    },
    // Field errors keyed by their full path (contact.state), as the console's form shows them.
    (result) => {
      if (!result.success) throw validationError(fieldErrors(result.error));
      return undefined;
    },
  )
  .openapi(action('deactivate', 'Deactivate the PGi client'), async (c) => {
    await authorize(c, c.req.valid('param').site);
    const record = requireProvisioned(c.var.siteState.pgi);
    await pgiCall(() => pgiClient(c.env).deactivate(record.clientId));
    const next: PgiRecord = { ...record, status: 'inactive', updatedAt: Date.now() };
    await save(c, next);
    await audit(c, 'pgi.deactivate', `client ${record.clientId}`);
    return c.json(pgiView(next), 200);
  })
  .openapi(action('reactivate', 'Reactivate the PGi client'), async (c) => {
    await authorize(c, c.req.valid('param').site);
    const record = requireProvisioned(c.var.siteState.pgi);
    await pgiCall(() => pgiClient(c.env).reactivate(record.clientId));
    const next: PgiRecord = { ...record, status: 'active', updatedAt: Date.now() };
    await save(c, next);
    await audit(c, 'pgi.reactivate', `client ${record.clientId}`);
    return c.json(pgiView(next), 200);
  })
  .openapi(action('check', "Ask PGi for the client's hub"), async (c) => {
    await authorize(c, c.req.valid('param').site);
    const record = requireProvisioned(c.var.siteState.pgi);
    const info = await pgiCall(() => pgiClient(c.env).get(record.clientId));
    let next = record;
    if (info.hub.hubUrl !== record.hubUrl || info.hub.hubId !== record.hubId) {
      next = { ...record, hubId: info.hub.hubId, hubUrl: info.hub.hubUrl, updatedAt: Date.now() };
      await save(c, next);
    }
    await audit(c, 'pgi.check', `client ${record.clientId}`);
    return c.json({ ...pgiView(next), hub: { hub_id: info.hub.hubId, hub_url: info.hub.hubUrl } }, 200);
  });
