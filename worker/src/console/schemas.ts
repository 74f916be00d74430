import { z } from '@hono/zod-openapi';
import { SiteSchema } from '../config';
import { LimitsSchema } from '../limits/settings';
import { ErrorSchema, json, serverErrors, SiteParam } from '../schemas';

/** The console API's request and response schemas (README "Seller console"); /openapi.json is generated from them. */

const SITE_ID = /^[a-z0-9][a-z0-9\-]{0,62}$/;
const at = (description: string) => z.string().openapi({ format: 'date-time', description, example: '2026-12-02T10:35:00.000Z' });

export const ConsoleSiteParams = z.object({ site: SiteParam });

export const SessionRequestSchema = z
  .object({
    site: z.string({ error: 'Choose a site.' }).regex(SITE_ID, 'Choose a site.').openapi({ example: 'acme' }),
    key: z.string({ error: 'Enter the console key.' }).min(1, 'Enter the console key.').max(512, 'This console key is not valid.'),
  })
  .openapi('ConsoleSessionRequest');

export const SessionSchema = z
  .object({
    site: z.string().openapi({ example: 'acme' }),
    role: z.enum(['seller', 'operator']),
    expires_at: at('When the session ends (12 hours after sign-in).'),
  })
  .openapi('ConsoleSession');

export const SiteViewSchema = z
  .object({
    id: z.string().openapi({ example: 'acme' }),
    title: z.string(),
    country: z.string(),
    timezone: z.string(),
    origins: z.array(z.string()),
    paused: z.boolean(),
    retention_days: z.number().int(),
    tentimes: z.boolean().openapi({ description: 'The 10times option is on.' }),
    pgi: z.boolean().openapi({ description: 'The site has an active PGi audio conference.' }),
    stored: z.boolean().openapi({ description: 'true: the settings live in the console\'s store (editable here); false: in the SITES variable.' }),
    limits: LimitsSchema,
    embed: z.object({
      script: z.string().openapi({ example: '<script type="module" src="https://booking.example/widget.js"></script>' }),
      element: z.string().openapi({ example: '<popin-booking site="acme"></popin-booking>' }),
      share_url: z.string().openapi({ example: 'https://booking.example/s/acme' }),
    }),
  })
  .openapi('ConsoleSite');

/** SITES' origins rule, with its pattern written so it compiles in Unicode-sets mode too (schemas.ts). */
const OriginsSchema = z.array(
  z
    .string()
    .regex(/^https?:\/\/[^\/?#\s]+$/, 'must be an origin like https://shop.example (scheme and host, no path)')
    .refine((origin) => !URL.canParse(origin) || new URL(origin).origin === origin, 'must be written as a browser sends it: lower case, no default port'),
);

export const SitePatchSchema = z
  .object({
    paused: z.boolean().optional(),
    title: z.string().trim().min(1, 'Enter the name customers see.').max(100, 'Use at most 100 characters.').optional(),
    pgi: z.enum(['deactivate', 'reactivate']).optional().openapi({ description: 'With paused: also deactivate (reactivate) the PGi client.' }),
    // Operator only:
    /** Operator only (with country, timezone, limits, retention_days). */
    origins: OriginsSchema.optional(),
    country: SiteSchema.shape.country.optional(),
    timezone: SiteSchema.shape.timezone.optional(),
    limits: LimitsSchema.unwrap().optional(),
    retention_days: z.number().int().min(1).max(3650).optional().openapi({ description: 'Operator only.' }),
  })
  .strict()
  .openapi('ConsoleSitePatch');

/** The keys of a SITES entry (README "Configure a site") plus the id; secrets go to PUT …/secrets. */
export const NewSiteSchema = SiteSchema.extend({ id: z.string().regex(SITE_ID, 'Use lower-case letters, digits and dashes.'), origins: OriginsSchema.default([]) });

export const SecretsSchema = z
  .object({
    popin_api_key: z.string().min(1).max(512).optional(),
    tentimes_api_key: z.string().min(1).max(512).optional(),
    webhook_secret: z.string().min(24, 'Use at least 24 random characters.').max(512).optional(),
    console_key: z.string().min(32, 'Use at least 32 random characters.').max(512).optional(),
  })
  .strict()
  .openapi('ConsoleSecrets');

const BookingSchema = z.object({
  user_id: z.number().int(),
  name: z.string().nullable().openapi({ description: 'null when the sign-up was not recorded (before the ledger, or while it was down).' }),
  mobile: z.string().nullable().openapi({ example: '+919544510895' }),
  booked_at: at('When the booking was made.'),
  page: z.string().nullable().openapi({ description: 'The page it was made from (no query).', example: 'https://shop.example/demos' }),
  tentimes_status: z.string().nullable().openapi({ description: 'The 10times status when it was booked (sites with the option).' }),
});

export const DemosSchema = z
  .object({
    demos: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        date: z.string(),
        month: z.string(),
        time: z.string(),
        end_time: z.string(),
        can_join: z.boolean(),
        bookings: z.array(BookingSchema),
      }),
    ),
    stale: z.literal(true).optional(),
  })
  .openapi('ConsoleDemos');

const Cursor = z.string().regex(/^[0-9]{1,16}(\.[0-9]{1,16})?$/, 'Use the next_cursor of the previous page.').max(40);

export const LeadsQuery = z.object({
  cursor: Cursor.optional().openapi({ param: { in: 'query', name: 'cursor' } }),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ param: { in: 'query', name: 'limit' }, type: 'integer' }),
});

export const LeadsSchema = z
  .object({
    leads: z.array(
      z.object({
        user_id: z.number().int(),
        name: z.string(),
        mobile: z.string(),
        first_seen: at('First sign-up.'),
        last_seen: at('Last sign-up, booking or cancellation.'),
        bookings: z.number().int().openapi({ description: 'Bookings not cancelled.' }),
        page: z.string().nullable(),
      }),
    ),
    next_cursor: z.string().nullable(),
  })
  .openapi('ConsoleLeads');

export const AuditQuery = z.object({ cursor: Cursor.optional().openapi({ param: { in: 'query', name: 'cursor' } }) });

export const AuditSchema = z
  .object({
    entries: z.array(z.object({ at: at('When.'), actor: z.enum(['seller', 'operator']), action: z.string(), detail: z.string() })),
    next_cursor: z.string().nullable(),
  })
  .openapi('ConsoleAudit');

export const CustomerParams = z.object({
  site: SiteParam,
  user_id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'Use the customer\'s Popin user id.')
    .transform(Number)
    .openapi({ param: { name: 'user_id', in: 'path' }, type: 'integer', example: 1234 }),
});

export const TentimesReportSchema = z
  .object({
    enabled: z.boolean(),
    counts: z.record(z.string(), z.number().int()),
    cancelledAfterRegistration: z.number().int(),
    notQueued: z.number().int(),
    dead: z.array(z.object({ key: z.string(), event_id: z.number().int(), attempts: z.number().int(), reason: z.string(), at: z.string() })),
    pushes: z.object({
      captured: z.number().int(),
      rejected: z.number().int(),
      failed: z.number().int(),
      recent: z.array(z.object({ id: z.number().int(), outcome: z.string(), reason: z.string().nullable(), at: z.string(), body: z.string() })),
    }),
  })
  .openapi('ConsoleTentimesReport');

export const SitesQuery = z.object({
  cursor: z.string().regex(SITE_ID).optional().openapi({ param: { in: 'query', name: 'cursor' } }),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ param: { in: 'query', name: 'limit' }, type: 'integer' }),
});

export const SitesPageSchema = z
  .object({
    sites: z.array(z.object({ id: z.string(), title: z.string(), paused: z.boolean() })),
    next_cursor: z.string().nullable(),
  })
  .openapi('ConsoleSites');

const PgiForm = z.object({
  company: z.object({ name: z.string(), isGlobalMeetEnabled: z.boolean(), isWebConfEnabled: z.boolean() }),
  client: z.object({ first: z.string(), last: z.string(), email: z.string() }),
  contact: z.object({ address: z.string(), city: z.string(), state: z.string().optional(), country: z.string(), postalCode: z.string() }),
});

export const PgiViewSchema = z
  .object({
    status: z.enum(['none', 'active', 'inactive']),
    company_id: z.number().int().optional(),
    client_id: z.number().int().optional(),
    hub_url: z.string().optional(),
    participant_passcode: z.string().optional(),
    moderator_passcode: z.string().optional(),
    provisioned_at: at('Last provisioned.').optional(),
    form: PgiForm.optional().openapi({ description: 'The last provision input (there is no password in it).' }),
  })
  .openapi('ConsolePgi');

export const PgiProvisionedSchema = PgiViewSchema.extend({
  password: z.string().openapi({ description: 'The PGi client password: shown this once, never stored.' }),
}).openapi('ConsolePgiProvisioned');

export const PgiCheckedSchema = PgiViewSchema.extend({
  hub: z.object({ hub_id: z.number().int(), hub_url: z.string() }),
}).openapi('ConsolePgiChecked');

/** The errors of every route that needs a console sign-in. */
export const consoleErrors = {
  401: json(ErrorSchema, 'unauthorized (no or expired session) or invalid_key (a wrong Bearer key).'),
  403: json(ErrorSchema, 'forbidden_site (signed in for another site), operator_only, or origin_not_allowed (a change from another page).'),
  404: json(ErrorSchema, 'unknown_site'),
  // The body limit runs before any route, whatever the method.
  413: json(ErrorSchema, 'payload_too_large: bodies are limited to 16 KB.'),
  ...serverErrors,
};

export const consoleBodyErrors = {
  400: json(ErrorSchema, 'invalid_json'),
  413: json(ErrorSchema, 'payload_too_large: bodies are limited to 16 KB.'),
  415: json(ErrorSchema, 'unsupported_media_type'),
  422: json(ErrorSchema, 'validation_failed, with errors keyed by field.'),
};

export const pgiErrors = {
  409: json(ErrorSchema, "pgi_not_provisioned, or pgi_rejected: PGi refused the request (its message, as text)."),
  422: json(ErrorSchema, 'validation_failed: errors keyed by field path (e.g. contact.state), checked before PGi is called.'),
  502: json(ErrorSchema, 'pgi_unavailable: PGi did not answer, answered with an error, or rejected our key.'),
};

export const consoleSecurity: Array<Record<string, string[]>> = [{ consoleSession: [] }, { consoleKey: [] }];
