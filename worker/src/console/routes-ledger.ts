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
/** Leads per ledger read of the CSV export. */
const CSV_PAGE = 1000;

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
  description:
    'Every lead, newest first, streamed as the ledger is read (1,000 leads at a time). If the ledger fails part-way, the download is broken off: a file that arrives whole is complete.',
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
    const siteId = c.var.site.id;
    const ledger = siteLedger(c.env, siteId);
    // Read before the answer starts: a ledger that cannot be read is an error status, not an empty file.
    let page: Lead[] | null = await ledger.leads(null, CSV_PAGE);
    await audit(c, 'leads.export');
    // Streamed a page at a time as the browser takes it: a ledger of 100,000 leads is 12 MB of
    // CSV (the bench, 2d), which would otherwise sit in the isolate's 128 MB at once, twice
    // (the text and its bytes); here one page of 1,000 rows is held at a time, whatever the size.
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(csvRow(['user_id', 'name', 'mobile', 'first_seen', 'last_seen', 'bookings', 'page'])));
      },
      async pull(controller) {
        if (!page) return;
        const rows = page;
        controller.enqueue(encoder.encode(rows.map((l) => csvRow([l.user_id, l.name, l.mobile, iso(l.first_seen), iso(l.last_seen), l.bookings, l.page])).join('')));
        const last = rows.length === CSV_PAGE ? rows[rows.length - 1]! : undefined;
        if (!last) {
          page = null;
          controller.close();
          return;
        }
        try {
          page = await ledger.leads([last.first_seen, last.user_id], CSV_PAGE);
        } catch (error) {
          // The status has gone out: the download is broken off (the browser shows it failed) rather than ending short as if complete.
          console.error(`console site=${siteId}: leads export broken off (${error instanceof Error ? error.message : 'unknown'})`);
          page = null;
          throw error;
        }
      },
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="leads-${siteId}.csv"`);
    return c.body(body, 200);
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
