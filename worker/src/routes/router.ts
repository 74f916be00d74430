import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import type { AppEnv } from '../env';
import { validationError, type FieldErrors } from '../errors';

/** A router whose schema failures become 422s keyed by field, like Popin's ValidationError. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(fieldErrors(result.error));
    },
  });
}

function fieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : 'body';
    (errors[field] ??= []).push(issue.code === 'invalid_type' && issue.input === undefined ? requiredMessage(field) : issue.message);
  }
  return errors;
}

function requiredMessage(field: string): string {
  return field === 'body' ? 'Send a JSON object.' : `The ${field.replace(/_/g, ' ')} field is required.`;
}
