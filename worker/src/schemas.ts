import { z } from '@hono/zod-openapi';
import { FORM_FIELDS, type FormField } from './tentimes/fields';
import { isEmail, isPlainText, MAX_EMAIL_LENGTH } from './text';

/**
 * The public API v1's request and response schemas. Routes validate with them and
 * /openapi.json is generated from them, so the published contract cannot drift.
 */

/**
 * Patterns end up in /openapi.json, where validators may compile them in Unicode-sets mode
 * (the `v` flag): there `(`, `)`, `[`, `]`, `{`, `}`, `/`, `-` and `|` inside a class must be
 * escaped. openapi.test.ts compiles every published pattern with `v`.
 */
export const SiteParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9\-]{0,62}$/)
  .openapi({ param: { name: 'site', in: 'path' }, example: 'acme' });

export const SiteParams = z.object({ site: SiteParam });

const eventIdMessage = 'Choose a demo slot.';

/** Bounds of an event id, 1 to 2^53−1, published with it (an OpenAPI `type` override alone would drop them). */
const EVENT_ID_DOC = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, example: 2853 } as const;

/** An event id in a JSON body: a positive integer, exactly as Popin takes it. */
export const EventId = z
  .number({ error: eventIdMessage })
  .int(eventIdMessage)
  .positive(eventIdMessage)
  .max(Number.MAX_SAFE_INTEGER, eventIdMessage);

/**
 * An EnableX demo's id: `enablex-` and the EnableX meeting id (README "EnableX demos"). A string,
 * so it can never be mistaken for a Popin event id, which stays a positive integer.
 */
export const EnablexDemoId = z
  .string({ error: eventIdMessage })
  .regex(/^enablex-[A-Za-z0-9_\-]{1,64}$/, eventIdMessage)
  .openapi({ example: 'enablex-65f1a0c0e4b0a1b2c3d40002', description: 'An EnableX demo: "enablex-" and the EnableX meeting id.' });

/** A demo in a JSON body: a Popin event id (integer) or an EnableX demo id (string). */
export const DemoId = z.union([EventId.openapi(EVENT_ID_DOC), EnablexDemoId], { error: eventIdMessage });

/** An event id in a path: digits (a Popin event), or an EnableX demo id. */
export const EventIdParam = z
  .string()
  .regex(/^([1-9][0-9]{0,15}|enablex-[A-Za-z0-9_\-]{1,64})$/, eventIdMessage)
  .transform((id) => (id.startsWith('enablex-') ? id : Number(id)))
  .pipe(z.union([EventId, z.string()]))
  .openapi({
    param: { name: 'event_id', in: 'path', description: 'A Popin event id (digits) or an EnableX demo id (enablex-…).' },
    type: 'string',
    pattern: '^([1-9][0-9]{0,15}|enablex-[A-Za-z0-9_\\-]{1,64})$',
    example: '2853',
  });

export const ErrorSchema = z
  .object({
    message: z.string().openapi({ example: 'Some fields are not valid: mobile.' }),
    code: z.string().openapi({ example: 'validation_failed' }),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .openapi({ example: { mobile: ['Enter a valid mobile number.'] } }),
  })
  .openapi('Error');

export const EventSchema = z
  .object({
    id: z.number().int().openapi({ example: 2195 }),
    name: z.string().openapi({ example: 'Public Macbook demo' }),
    date: z.string().openapi({ example: '02' }),
    month: z.string().openapi({ example: 'Dec' }),
    time: z.string().openapi({ example: '04:05 pm' }),
    end_time: z.string().openapi({ example: '04:20 pm' }),
    starts_at: z.string().nullable().openapi({
      description:
        "ISO 8601 with the site zone's offset, from Popin's date and time strings and the site's timezone (the next occurrence: Popin sends no year); null when Popin's strings cannot be read.",
      example: '2026-12-02T16:05:00+05:30',
    }),
    ends_at: z.string().nullable().openapi({ description: 'Like starts_at; the next day when the end time is before the start time.', example: '2026-12-02T16:20:00+05:30' }),
    can_join: z.boolean(),
    join_url: z
      .string()
      .nullable()
      .openapi({ description: 'http(s) only; null when Popin sent something else.', example: 'https://test-meet.popin.to/rooms/5f3d-b5ca/Njg4MDY=' }),
  })
  .openapi('Event');

/**
 * An EnableX meeting offered as a demo (sites with the enablex option). Its times are the
 * same fields as a Popin event's; capacity and seats are the worker's (EnableX has no
 * attendee registration). Join data only in the view of a customer booked on it.
 */
export const EnablexEventSchema = z
  .object({
    id: EnablexDemoId,
    source: z.literal('enablex'),
    name: z.string().openapi({ example: 'Public Macbook demo' }),
    description: z.string().optional(),
    date: z.string().openapi({ example: '02' }),
    month: z.string().openapi({ example: 'Dec' }),
    time: z.string().openapi({ example: '04:05 pm', description: "Start, in the site's timezone." }),
    end_time: z.string().openapi({ example: '04:35 pm' }),
    starts_at: z.string().openapi({ example: '2026-12-02T16:05:00+05:30', description: "ISO 8601 with the site zone's offset." }),
    ends_at: z.string().openapi({ example: '2026-12-02T16:35:00+05:30', description: 'Start plus the meeting duration.' }),
    stage: z.enum(['upcoming', 'current']).openapi({ description: "EnableX's stage: current while the meeting runs." }),
    capacity: z.number().int().openapi({ description: "The meeting's participants: the seats customers can book.", example: 25 }),
    seats_left: z.number().int().openapi({ example: 12 }),
    full: z.boolean().openapi({ description: 'No seat left: booking answers 409 demo_full.' }),
    can_join: z.boolean().openapi({ description: 'Booked by this customer and current: "Join now".' }),
    join_url: z
      .string()
      .nullable()
      .openapi({ description: "The meeting's direct_url (http(s) only), only for the customer booked on it; null otherwise." }),
    ppin: z.string().optional().openapi({ description: 'The participant PIN, only for the customer booked on it. The moderator PIN is never given.', example: '884120' }),
  })
  .openapi('EnablexEvent');

/** Present when the site also registers bookings with 10times: the extra form fields to show. */
const TentimesFormSchema = z
  .object({
    fields: z
      .array(z.enum(FORM_FIELDS))
      .openapi({ description: 'Extra customer fields: "email" (required) and the optional ones the site asks for.', example: ['email', 'company'] }),
  })
  .openapi('TentimesForm');

export const SlotsSchema = z
  .object({
    events: z
      .array(z.union([EventSchema, EnablexEventSchema]))
      .openapi({ description: 'Popin events and, on sites with the enablex option, EnableX demos (source: "enablex"), in one list sorted by start.' }),
    registered: z
      .array(z.union([z.number().int(), z.string()]))
      .openapi({ description: "Ids of the demos the token's customer is booked on (Popin event ids and EnableX demo ids)." }),
    enablex: z
      .enum(['available', 'unavailable'])
      .optional()
      .openapi({ description: 'Sites with the enablex option: unavailable when EnableX failed; the list then holds the Popin events only.' }),
    site: z.object({
      title: z.string(),
      country: z.string(),
      timezone: z.string(),
      turnstile_site_key: z.string().optional().openapi({ description: 'Present when sign-ups need a Turnstile token.' }),
      paused: z.literal(true).optional().openapi({ description: 'Present while the seller has paused bookings: sign-ups and bookings answer 423 bookings_paused.' }),
    }),
    stale: z
      .literal(true)
      .optional()
      .openapi({ description: 'Present when Popin is failing and this is the last known general list (its age is in the Age header).' }),
    tentimes: TentimesFormSchema.optional(),
    audio: z
      .object({
        hub_url: z.string().openapi({ example: 'https://company.example.com' }),
        participant_passcode: z.string().openapi({ example: '1234567890' }),
      })
      .optional()
      .openapi({ description: "With a customer token, on a site with PGi audio conferencing, when the customer has at least one booking: how to dial in." }),
  })
  .openapi('Slots');

/** GET /v1/sites/{site}/tentimes: the 10times option as the widget needs it. */
export const TentimesInfoSchema = z
  .object({
    enabled: z.boolean(),
    fields: TentimesFormSchema.shape.fields,
    floor: z
      .array(z.object({ event_id: z.number().int(), floor_link: z.string() }))
      .openapi({ description: "With a customer token: that customer's 10times FLOOR links (registered, not cancelled)." }),
  })
  .openapi('TentimesInfo');

/**
 * A free-text field under the one plain-text rule (text.ts): one check that looks at the
 * length first and at the characters only when the length held, so a 16 KB value costs
 * nothing, and a single issue per field.
 */
export const plainText = (max: number, { required, plain = 'Use letters, spaces and punctuation only.' }: { required?: string; plain?: string } = {}) =>
  z
    .string(required ? { error: required } : undefined)
    .trim()
    .superRefine((text, ctx) => {
      if (required && text.length === 0) ctx.addIssue({ code: 'custom', message: required });
      else if (text.length > max) ctx.addIssue({ code: 'custom', message: `Use at most ${max} characters.` });
      else if (!isPlainText(text)) ctx.addIssue({ code: 'custom', message: plain });
    });

const optionalText = (label: string, example: string) =>
  plainText(100).optional().openapi({ example, maxLength: 100, description: `${label}; only for sites with the 10times option that ask for it.` });

/** The extra attendee details a site with the 10times option asks for (tentimes/config.ts). */
const TentimesCustomerFields = {
  email: z
    .string()
    .trim()
    // Length first, then one linear pass (text.ts isEmail): no pattern that can backtrack.
    .superRefine((email, ctx) => {
      if (email.length > MAX_EMAIL_LENGTH || !isEmail(email)) ctx.addIssue({ code: 'custom', message: 'Enter a valid email address, like name@example.com.' });
    })
    .optional()
    .openapi({ example: 'priya@example.com', description: 'Required on sites with the 10times option.', maxLength: MAX_EMAIL_LENGTH }),
  designation: optionalText('Job title', 'Store manager'),
  company: optionalText('Company', 'Sharma Retail'),
  city: optionalText('City', 'Kochi'),
  country_name: optionalText('Country (the attendee\'s, not the phone hint)', 'India'),
} satisfies Record<FormField, z.ZodType>;

export const CustomerRequestSchema = z
  .object({
    // Control, format (bidi, zero-width) and separator characters have no place in a name shown to the seller.
    name: plainText(100, { required: 'Enter your name.' }).openapi({ example: 'Priya Sharma', minLength: 1, maxLength: 100 }),
    mobile: z
      .string({ error: 'Enter your mobile number.' })
      .trim()
      .min(1, 'Enter your mobile number.')
      .max(40, 'Enter a valid mobile number.')
      .openapi({ example: '095445 10895', description: 'As typed; normalised to E.164.' }),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'Use a two-letter country code such as IN.')
      .transform((code) => code.toUpperCase())
      .optional()
      .openapi({ example: 'IN', description: "ISO 3166 alpha-2 hint for numbers without +; defaults to the site's country." }),
    turnstile: z
      .string()
      .max(2048, 'The human check answer is too long.')
      .optional()
      .openapi({ description: "The Turnstile token, required when the site's slots name a turnstile_site_key." }),
    ...TentimesCustomerFields,
  })
  .openapi('CustomerRequest');

export const CustomerSchema = z
  .object({
    token: z.string().openapi({ description: 'Opaque customer token; send as Authorization: Bearer.' }),
    customer: z.object({
      name: z.string().openapi({ example: 'Priya Sharma' }),
      mobile: z.string().openapi({ example: '+919544510895' }),
      email: z.string().optional().openapi({ example: 'priya@example.com' }),
    }),
  })
  .openapi('Customer');

/** A campaign value: 1–200 visible characters, under the one plain-text rule (no controls, line separators or bidi overrides). */
const UtmValue = plainText(200, { required: 'Leave out empty campaign values.', plain: 'Use visible characters only.' });

/** Where a booking came from: the page's URL (no query but utm_*, no fragment) and its utm_* parameters. */
export const AttributionSchema = z
  .object({
    page: z
      .string()
      .max(2048, 'Use at most 2048 characters.')
      .regex(/^https?:\/\/[^\s]+$/, 'Use an http(s) URL.')
      .optional()
      .openapi({ example: 'https://shop.example/demo', description: 'The page the widget was on, without its query string and fragment.' }),
    utm: z
      .object({
        source: UtmValue.optional(),
        medium: UtmValue.optional(),
        campaign: UtmValue.optional(),
        term: UtmValue.optional(),
        content: UtmValue.optional(),
      })
      .strict()
      .optional()
      .openapi({ example: { source: 'newsletter', campaign: 'diwali' }, description: "The page's utm_source, utm_medium, utm_campaign, utm_term and utm_content." }),
  })
  .strict()
  .openapi('Attribution');

export const RegistrationRequestSchema = z
  .object({
    event_id: DemoId.openapi({ description: 'A Popin event id (integer) or an EnableX demo id (enablex-…), from the slots list.' }),
    attribution: AttributionSchema.optional().openapi({ description: 'Kept with the registration (the last one given for a customer and event).' }),
  })
  .openapi('RegistrationRequest');

/** Optional on POST registrations; header names arrive lower-cased. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{8,255}$/, 'Use 8 to 255 printable characters without spaces, such as a UUID.')
    .optional()
    .openapi({ param: { in: 'header', description: 'One per booking attempt (HTTP header names are case-insensitive).' }, example: '4f6c1a9e-8a53-4c1f-9d0e-2b7b5f0c9a11' }),
});

/** Where the 10times side of a registration stands (sites with the 10times option only). */
const TentimesStatusSchema = z
  .object({
    status: z.enum(['pending', 'sending', 'done', 'dead', 'cancelled', 'unknown']),
    note: z.string().optional(),
  })
  .openapi('TentimesStatus');

/** A demo id in an answer: as the request gave it. */
const DemoIdOut = z.union([z.number().int(), z.string()]).openapi({ example: 2853, description: 'A Popin event id (integer) or an EnableX demo id (string).' });

export const RegistrationSchema = z
  .object({
    event_id: DemoIdOut,
    contact: z
      .string()
      .nullable()
      .openapi({ example: '+919544510895', description: 'The mobile Popin will contact; null when the customer was already registered.' }),
    tentimes: TentimesStatusSchema.optional(),
  })
  .openapi('Registration');

export const CancellationSchema = z
  .object({ event_id: DemoIdOut, cancelled: z.literal(true), tentimes: TentimesStatusSchema.optional() })
  .openapi('Cancellation');

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** Any route: the configuration is invalid (it fails loudly, naming the key), or an unexpected failure. */
export const serverErrors = {
  500: json(ErrorSchema, 'config_error: the worker is misconfigured (the message names the setting); internal_error: anything unexpected.'),
};

/** The error responses every site route can give. */
export const siteErrors = {
  403: json(ErrorSchema, 'origin_not_allowed: the browser Origin is not in the site\'s origins.'),
  404: json(ErrorSchema, 'unknown_site'),
  // The body limit runs before any route, whatever the method (a DELETE with a body too).
  413: json(ErrorSchema, 'payload_too_large: bodies are limited to 16 KB.'),
  429: json(ErrorSchema, "rate_limited: too many requests from this client for the site's limits; wait Retry-After seconds."),
  503: json(
    ErrorSchema,
    'limiter_unavailable: the rate limiter could not be asked; popin_busy: the seller\'s Popin budget is spent or Popin said 429. Nothing was done; retry after Retry-After seconds.',
  ),
  502: json(ErrorSchema, 'upstream_error or upstream_unauthorized: Popin failed or rejected the seller key.'),
  504: json(ErrorSchema, 'upstream_timeout'),
  ...serverErrors,
};

export const bodyErrors = {
  400: json(ErrorSchema, 'invalid_json'),
  413: json(ErrorSchema, 'payload_too_large: bodies are limited to 16 KB.'),
  415: json(ErrorSchema, 'unsupported_media_type'),
  422: json(ErrorSchema, 'validation_failed, with errors keyed by field like Popin\'s ValidationError.'),
};

export const authErrors = {
  401: json(ErrorSchema, 'unauthorized or invalid_token'),
};

export { json };
