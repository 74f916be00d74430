import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../routes/router';
import { json, siteErrors } from '../schemas';
import { siteLedger, type Lead } from '../ledger/ledger';
import { generalSlots } from '../popin/general-slots';
import { upstream } from '../popin/errors';
import { outboxFor } from '../tentimes/outbox';
import { audit } from './audit';
import { authorize } from './auth';
import { csvRow } from './csv';
import {
  AuditQuery,
  AuditSchema,
  consoleBodyErrors,
  consoleErrors,
  consoleSecurity,
  ConsoleSiteParams,
  CustomerParams,
  DemosSchema,
  LeadsQuery,
  LeadsSchema,
  TentimesReportSchema,
} from './schemas';

const iso = (ms: number) => new Date(ms).toISOString();

const demos = createRoute({
  method: 'get',
  path: '/console/v1/sites/{site}/demos',
  operationId: 'consoleListDemos',
  summary: 'Upcoming demos and who is booked on each',
  description: "The demos are Popin's general list (shared with the widget's cache); the bookings come from the site's ledger.",
  request: { params: ConsoleSiteParams },
  security: consoleSecurity,
  responses: { 200: json(DemosSchema, 'The demos'), ...consoleErrors, 502: siteErrors[502], 504: siteErrors[504] },
});

const leads = createRoute({
  method: 'get',
  path: '/console/v1/sites/{site}/leads',
  operationId: 'consoleListLeads',
  summary: 'Leads (everyone who signed up), newest first, page by page',
  request: { params: ConsoleSiteParams, query: LeadsQuery },
  security: consoleSecurity,
  responses: { 200: json(LeadsSchema, 'One page'), ...consoleErrors, 422: consoleBodyErrors[422] },
});

const leadsCsv = createRoute({
  method: 'get',
  path: '/console/v1/sites/{site}/leads.csv',
  operationId: 'consoleExportLeads',
  summary: 'All leads as CSV',
  request: { params: ConsoleSiteParams },
  security: consoleSecurity,
  responses: { 200: { description: 'text/csv attachment', content: { 'text/csv': { schema: z.string() } } }, ...consoleErrors },
});

const forget = createRoute({
  method: 'delete',
  path: '/console/v1/sites/{site}/customers/{user_id}',
  operationId: 'consoleForgetCustomer',
  summary: 'Forget a customer',
  description: "Deletes the customer's ledger rows and refuses every token they were given until now. Their bookings in Popin stay.",
  request: { params: CustomerParams },
  security: consoleSecurity,
  responses: { 204: { description: 'Forgotten' }, ...consoleErrors, 422: consoleBodyErrors[422] },
});

const tentimes = createRoute({
  method: 'get',
  path: '/console/v1/sites/{site}/tentimes',
  operationId: 'consoleTentimesReport',
  summary: "The site's 10times outbox report",
  request: { params: ConsoleSiteParams },
  security: consoleSecurity,
  responses: { 200: json(TentimesReportSchema, 'The report (enabled: false and zero counts without the option)'), ...consoleErrors },
});

const auditLog = createRoute({
  method: 'get',
  path: '/console/v1/sites/{site}/audit',
  operationId: 'consoleAuditLog',
  summary: "The console's audit log of the site, newest first",
  request: { params: ConsoleSiteParams, query: AuditQuery },
  security: consoleSecurity,
  responses: { 200: json(AuditSchema, 'One page of 50'), ...consoleErrors, 422: consoleBodyErrors[422] },
});

const EMPTY_REPORT = {
  counts: { pending: 0, sending: 0, done: 0, dead: 0, cancelled: 0 },
  cancelledAfterRegistration: 0,
  notQueued: 0,
  dead: [],
  pushes: { captured: 0, rejected: 0, failed: 0, recent: [] },
};

const toLead = (lead: Lead) => ({ ...lead, first_seen: iso(lead.first_seen), last_seen: iso(lead.last_seen) });

export const ledgerRoutes = createRouter()
  .openapi(demos, async (c) => {
    await authorize(c, c.req.valid('param').site);
    const general = await upstream(generalSlots(c));
    const booked = await siteLedger(c.env, c.var.site.id).bookingsFor(general.events.map((event) => event.id));
    const body = {
      demos: general.events.map(({ join_url: _joinUrl, ...event }) => ({
        ...event,
        bookings: booked
          .filter((booking) => booking.event_id === event.id)
          .map(({ event_id: _eventId, booked_at, ...booking }) => ({ ...booking, booked_at: iso(booked_at) })),
      })),
    };
    return c.json(general.stale ? { ...body, stale: true as const } : body, 200);
  })
  .openapi(leads, async (c) => {
    await authorize(c, c.req.valid('param').site);
    const { cursor, limit } = c.req.valid('query');
    const before = cursor ? (cursor.split('.').map(Number) as [number, number]) : null;
    const rows = await siteLedger(c.env, c.var.site.id).leads(before && before.length === 2 ? before : null, limit);
    const last = rows.length === limit ? rows[rows.length - 1] : undefined;
    return c.json({ leads: rows.map(toLead), next_cursor: last ? `${last.first_seen}.${last.user_id}` : null }, 200);
  })
  .openapi(leadsCsv, async (c) => {
    await authorize(c, c.req.valid('param').site);
    const ledger = siteLedger(c.env, c.var.site.id);
    let csv = csvRow(['user_id', 'name', 'mobile', 'first_seen', 'last_seen', 'bookings', 'page']);
    let before: [number, number] | null = null;
    for (;;) {
      const rows = await ledger.leads(before, 1000);
      for (const lead of rows) csv += csvRow([lead.user_id, lead.name, lead.mobile, iso(lead.first_seen), iso(lead.last_seen), lead.bookings, lead.page]);
      if (rows.length < 1000) break;
      const last = rows[rows.length - 1]!;
      before = [last.first_seen, last.user_id];
    }
    await audit(c, 'leads.export');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="leads-${c.var.site.id}.csv"`);
    return c.body(csv, 200);
  })
  .openapi(forget, async (c) => {
    const { site, user_id } = c.req.valid('param');
    await authorize(c, site);
    await siteLedger(c.env, site).forget(user_id, Date.now());
    await audit(c, 'customer.forget', `user ${user_id}`);
    return c.body(null, 204);
  })
  .openapi(tentimes, async (c) => {
    await authorize(c, c.req.valid('param').site);
    const { site } = c.var;
    if (!site.tentimes) return c.json({ enabled: false, ...EMPTY_REPORT }, 200);
    return c.json({ enabled: true, ...(await outboxFor(c.env, site.id).report()) }, 200);
  })
  .openapi(auditLog, async (c) => {
    await authorize(c, c.req.valid('param').site);
    const { cursor } = c.req.valid('query');
    const rows = await siteLedger(c.env, c.var.site.id).auditPage(cursor ? Number(cursor) : null, 50);
    const last = rows.length === 50 ? rows[rows.length - 1] : undefined;
    return c.json({ entries: rows.map(({ id: _id, at, ...entry }) => ({ at: iso(at), ...entry })), next_cursor: last ? String(last.id) : null }, 200);
  });
