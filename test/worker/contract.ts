import { Validator, type OutputUnit } from '@cfworker/json-schema';
import { afterEach, expect } from 'vitest';
import app from '../../worker/src/index';

/**
 * Every answer the worker gives in these tests is checked against its own /openapi.json, so
 * the published contract cannot drift from what the worker does. Both ways tests reach the
 * worker go through `app.fetch`: `exports.default.fetch` (helpers.ts `call`) and
 * `app.request(...)` with a test env. The problems are collected and the test fails in
 * afterEach if an answer broke the document (throwing inside fetch would change the answer).
 *
 * Checked, for every request whose path and method are an operation in the document: the
 * status is one the operation documents, and a documented JSON response has a JSON
 * Content-Type and a body that validates against that response's schema (JSON Schema
 * 2020-12, @cfworker/json-schema: no eval, which workerd forbids).
 *
 * Skipped, because the document does not describe them: OPTIONS (CORS preflights, answered by
 * the site middleware before any operation), a method the document has no operation for on
 * a documented path (the 404 not_found of e.g. PUT /customers), and paths that are not in the
 * document: /openapi.json itself, /healthz, /admin/tentimes, /widget.js, /chunks/*, /s/{site}
 * and /console (HTML pages), /console/assets/*, and unknown paths.
 */

interface MediaType {
  schema?: object;
}
interface Operation {
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: object;
}

const original = app.fetch;
let document: Promise<{ doc: Document; routes: Array<{ pattern: RegExp; path: string }> }> | undefined;
const validators = new Map<string, Validator>();
const checks: Array<Promise<string | undefined>> = [];

function loadDocument() {
  document ??= (async () => {
    const response = await original(new Request('https://booking.example/openapi.json'));
    const doc = (await response.json()) as Document;
    const routes = Object.keys(doc.paths).map((path) => ({
      path,
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }));
    return { doc, routes };
  })();
  return document;
}

function validatorFor(key: string, schema: object, components: object | undefined): Validator {
  let validator = validators.get(key);
  if (!validator) {
    // The response schema with the document's components beside it, so `#/components/...` resolves.
    validator = new Validator(structuredClone({ ...schema, components }), '2020-12', false);
    validators.set(key, validator);
  }
  return validator;
}

/** The documented operation a request is for, or undefined when the document does not describe it. */
async function operationOf(request: Request): Promise<{ path: string; operation: Operation } | undefined> {
  const method = request.method.toLowerCase();
  if (method === 'options') return undefined;
  const { pathname } = new URL(request.url);
  const { doc, routes } = await loadDocument();
  const route = routes.find(({ pattern }) => pattern.test(pathname));
  const operation = route && doc.paths[route.path]![method];
  return route && operation ? { path: route.path, operation } : undefined;
}

async function check(request: Request, response: Response, text: string, { path, operation }: { path: string; operation: Operation }): Promise<string | undefined> {
  const method = request.method.toLowerCase();
  const { pathname } = new URL(request.url);
  const { doc } = await loadDocument();

  const where = `${request.method} ${pathname} → ${response.status}`;
  const status = String(response.status);
  const documented = operation.responses[status] ?? operation.responses[`${status[0]}XX`] ?? operation.responses.default;
  if (!documented) return `${where}: status not documented for ${request.method} ${path}`;
  const schema = documented.content?.['application/json']?.schema;
  if (!schema || method === 'head') return undefined;

  const contentType = response.headers.get('Content-Type') ?? '';
  if (!/^application\/json\b/.test(contentType)) return `${where}: Content-Type ${contentType || '(none)'}, documented application/json`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${where}: the body is not JSON`;
  }
  const result = validatorFor(`${method} ${path} ${status}`, schema, doc.components).validate(body);
  if (result.valid) return undefined;
  // The innermost errors say what is wrong; the outer ones only that a subschema failed.
  const detail = result.errors
    .filter((error: OutputUnit) => !/subschema|did not match|does not match/i.test(error.error) || result.errors.length === 1)
    .slice(0, 5)
    .map((error: OutputUnit) => `${error.instanceLocation} ${error.error}`)
    .join('; ');
  return `${where}: the body does not match the documented schema: ${detail || result.errors[0]?.error}`;
}

const wrapped: typeof original = async (request, ...rest) => {
  const response = await original(request, ...rest);
  const documented = await operationOf(request);
  if (!documented || response.body === null) {
    if (documented) checks.push(check(request, response, '', documented));
    return response;
  }
  // The body is read here, inside the request, and handed on as a new Response with the same
  // status and headers: a clone read later, from the test, can stall in workerd.
  const text = await response.text();
  checks.push(check(request, response, text, documented).catch((error: unknown) => `${request.method} ${request.url}: check failed: ${String(error)}`));
  return new Response(text, response);
};
app.fetch = wrapped;

afterEach(async () => {
  const problems = (await Promise.all(checks.splice(0))).filter((problem) => problem !== undefined);
  expect(problems, 'answers that /openapi.json does not describe').toEqual([]);
});
