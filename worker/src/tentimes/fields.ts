import type { FieldErrors } from '../errors';
import type { Attendee } from './client';
import type { AskableField, ResolvedTentimesSite } from './config';

/**
 * The extra customer fields of a site with the 10times option: their names in the worker's
 * API (and the widget's form) and how they become the attendee sent to 10times.
 */

/**
 * The extra form fields, in the API's names: always the email, then the askable attendee
 * fields. The one list the request schema (schemas.ts) and the slots answer are built from.
 */
export const FORM_FIELDS = ['email', 'designation', 'company', 'city', 'country_name'] as const;

export type FormField = (typeof FORM_FIELDS)[number];

/** The API's field for each askable 10times attendee field ("country" is taken: it is the phone hint). */
const REQUEST_FIELD = {
  designation: 'designation',
  company: 'company',
  city: 'city',
  country: 'country_name',
} as const satisfies Record<AskableField, Exclude<FormField, 'email'>>;

/** What the widget shows: always the email, then what the site asks, in the config's order. */
export function formFields(site: ResolvedTentimesSite): FormField[] {
  return ['email', ...site.ask.map((field) => REQUEST_FIELD[field])];
}

export type CustomerInput = { name: string; email?: string } & Partial<Record<FormField, string>>;

/** The attendee for 10times, or the field errors to answer with (10times requires the email). */
export function attendeeFrom(site: ResolvedTentimesSite, input: CustomerInput, mobile: string): { attendee: Attendee } | { errors: FieldErrors } {
  if (!input.email) return { errors: { email: ['Enter your email address: it is needed to register you with 10times too.'] } };
  const attendee: Attendee = { name: input.name, email: input.email, mobile };
  for (const field of site.ask) {
    const value = input[REQUEST_FIELD[field]];
    if (value) attendee[field] = value;
  }
  return { attendee };
}
