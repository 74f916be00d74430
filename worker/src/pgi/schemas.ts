import { z } from 'zod';

/**
 * PGi provisioning: what the caller gives (validated before PGi is called, reusable by the
 * console's route) and what PGi answers (../shared/vendor-docs/pgi-provisioning-api.txt).
 * Field lengths are not in the document: ours, generous enough for real names and addresses.
 */

const MAX_ID = Number.MAX_SAFE_INTEGER;

/** A positive integer id, as the document's examples send them (JSON numbers). */
const id = (label: string) => {
  const message = `${label} must be a positive whole number.`;
  return z.number({ error: message }).int(message).positive(message).max(MAX_ID, message);
};

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

const flag = (label: string) => z.boolean({ error: `${label} must be true or false.` });

/** The spellings of the United States a country field plausibly holds (the document's example spells countries out). */
const USA = new Set(['us', 'usa', 'unitedstates', 'unitedstatesofamerica']);

/** "contact.state - cannot be null for USA customers." */
export function isUsa(country: string): boolean {
  return USA.has(country.toLowerCase().replace(/[^a-z]/g, ''));
}

/**
 * One provisioning request. Mirrors the document's body, except `client.password`: it is always
 * sent blank so that PGi creates it ("usually left blank to be created on the PGi side").
 */
export const ProvisionInput = z
  .object({
    company: z.object({
      /** The site's stable numeric id ("customer.id on our end"). */
      externalId: id('Company external id'),
      /** From the operator's configuration. */
      enterpriseId: id('Enterprise id'),
      name: text('Company name', 255),
      isGlobalMeetEnabled: flag('GlobalMeet enabled'),
      isWebConfEnabled: flag('Web conference enabled'),
    }, { error: 'Company is required.' }),
    client: z.object({
      /** The site's plan id ("user_plan.id on our end (not user.id)"). */
      externalId: id('Host external id'),
      first: text('First name', 100),
      last: text('Last name', 100),
      email: z
        .string({ error: 'Email is required.' })
        .trim()
        .min(1, 'Email is required.')
        .max(254, 'Email must be at most 254 characters.')
        .pipe(z.email('Enter a valid email address.')),
    }, { error: 'Host is required.' }),
    contact: z
      .object({
        address: text('Address', 255),
        city: text('City', 100),
        /** Required when the country is the USA; otherwise it may be left out (sent as null). */
        state: z.string({ error: 'State must be text.' }).trim().max(100, 'State must be at most 100 characters.').optional(),
        country: text('Country', 100),
        postalCode: text('Postal code', 20),
      }, { error: 'Contact address is required.' })
      // On the contact object, not the root: zod stops before a root refinement when an id is not an integer.
      .refine(
        (contact) => {
          // `when` below lets this run when other fields failed too, so the value may be partial.
          const { country, state } = contact as { country?: unknown; state?: unknown };
          if (typeof country !== 'string' || !isUsa(country)) return true;
          return typeof state === 'string' && state.trim() !== '';
        },
        {
          message: 'State is required for an address in the USA.',
          path: ['state'],
          // Every message at once, not this one only after the others are fixed.
          when: (payload) => typeof payload.value === 'object' && payload.value !== null,
        },
      ),
  }, { error: 'Send a JSON object.' });
export type ProvisionInput = z.input<typeof ProvisionInput>;
export type ValidProvisionInput = z.output<typeof ProvisionInput>;

/** A PGi ClientId, as deactivate, reactivate and get take it. */
export const ClientId = id('Client id');

/** Field-level messages keyed by dotted path ("contact.state"), like Popin's ValidationError `errors`. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) (errors[issue.path.join('.') || 'body'] ??= []).push(issue.message);
  return errors;
}

// ---- what PGi answers ------------------------------------------------------------

const Hub = z.object({ hubId: z.number().int(), hubUrl: z.string().min(1).max(2048) });
export type PgiHub = z.infer<typeof Hub>;

const Success = z.object({ status: z.literal('success') });

export const ProvisionResponse = Success.extend({
  data: z.object({
    companyId: z.number().int(),
    clientId: z.number().int(),
    // SECRET: the client's password. Returned to the caller once; never logged or put in an error.
    password: z.string(),
    passCodes: z.object({ moderatorPassCode: z.string(), participantPassCode: z.string() }),
    hub: Hub,
  }),
});

export const StatusResponse = Success;

/** Get's documented answer has no `status`; one that is there must still say success. */
export const GetResponse = z.object({
  status: z.literal('success').optional(),
  clientId: z.number().int(),
  hub: Hub,
});

/**
 * PGi's failure answer. The document shows none: `status` other than "success" is the failure,
 * and a `message` is used when there is one.
 */
export const FailureBody = z.object({ status: z.string(), message: z.unknown().optional() });
