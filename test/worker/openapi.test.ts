import { describe, expect, it } from 'vitest';
import { call, json } from './helpers';

interface Schema {
  $ref?: string;
  type?: string | string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  anyOf?: Schema[];
  required?: string[];
  properties?: Record<string, Schema>;
}
interface Operation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
}
interface Document {
  openapi: string;
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, Record<string, string>>; schemas: Record<string, Schema> };
}

async function openapi(): Promise<Document> {
  const response = await call('/openapi.json', { origin: null });
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  return json<Document>(response);
}

function resolve(document: Document, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return document.components.schemas[name]!;
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.x document with the /v1 operations (four for Popin, two for 10times, the EnableX lobby) and no others under /v1', async () => {
    const document = await openapi();
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(operations).toEqual([
      'DELETE /v1/sites/{site}/registrations/{event_id}',
      'GET /v1/sites/{site}/demos/{event_id}/lobby',
      'GET /v1/sites/{site}/slots',
      'GET /v1/sites/{site}/tentimes',
      'POST /v1/sites/{site}/customers',
      'POST /v1/sites/{site}/hooks/10times/{secret}',
      'POST /v1/sites/{site}/registrations',
    ]);
  });

  it('declares the customerToken bearer scheme and uses it on the registration routes', async () => {
    const document = await openapi();
    expect(document.components.securitySchemes.customerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.paths['/v1/sites/{site}/registrations']!.post!.security).toEqual([{ customerToken: [] }]);
    expect(document.paths['/v1/sites/{site}/registrations/{event_id}']!.delete!.security).toEqual([{ customerToken: [] }]);
  });

  it("generates the customers request body from the route schema: name and mobile required; country, turnstile and the 10times fields optional", async () => {
    const document = await openapi();
    const operation = document.paths['/v1/sites/{site}/customers']!.post!;
    expect(operation.requestBody?.required).toBe(true);
    const schema = resolve(document, operation.requestBody!.content['application/json']!.schema);
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['city', 'company', 'country', 'country_name', 'designation', 'email', 'mobile', 'name', 'turnstile']);
    expect([...(schema.required ?? [])].sort()).toEqual(['mobile', 'name']);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '404', '413', '422', '429', '502', '503', '504']));
  });

  it('documents the Idempotency-Key header and the 409, 429 and 503 answers of POST registrations', async () => {
    const document = await openapi();
    const operation = document.paths['/v1/sites/{site}/registrations']!.post!;
    expect(operation.parameters?.find((parameter) => parameter.in === 'header')?.name.toLowerCase()).toBe('idempotency-key');
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '409', '422', '429', '503']));
  });

  it('describes event_id as a Popin integer or an EnableX "enablex-…" string in the register body and the cancel path', async () => {
    const document = await openapi();
    const body = resolve(document, document.paths['/v1/sites/{site}/registrations']!.post!.requestBody!.content['application/json']!.schema);
    expect(body.required).toEqual(['event_id']);
    expect(body.properties?.event_id?.anyOf?.map((schema) => schema.type)).toEqual(['integer', 'string']);
    expect(body.properties?.event_id?.anyOf?.[1]?.pattern).toBe('^enablex-[A-Za-z0-9_\\-]{1,64}$');
    const cancel = document.paths['/v1/sites/{site}/registrations/{event_id}']!.delete!;
    expect(cancel.parameters?.map((parameter) => `${parameter.in}:${parameter.name}`).sort()).toEqual(['path:event_id', 'path:site']);
  });

  it('publishes the Popin event_id with its bounds, 1 to 2^53-1, in the register body; the cancel path takes digits (at most 16) or an EnableX id', async () => {
    const document = await openapi();
    const body = resolve(document, document.paths['/v1/sites/{site}/registrations']!.post!.requestBody!.content['application/json']!.schema);
    const path = document.paths['/v1/sites/{site}/registrations/{event_id}']!.delete!.parameters!.find((parameter) => parameter.name === 'event_id')!;
    expect(body.properties!.event_id!.anyOf![0]).toMatchObject({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
    expect(path.schema).toMatchObject({ type: 'string', pattern: '^([1-9][0-9]{0,15}|enablex-[A-Za-z0-9_\\-]{1,64})$' });
  });

  it('has patterns that compile in Unicode-sets mode (the v flag), as strict validators compile them', async () => {
    const text = await (await call('/openapi.json', { origin: null })).text();
    const patterns = [...text.matchAll(/"pattern":("(?:[^"\\]|\\.)*")/g)].map((match) => JSON.parse(match[1]!) as string);
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) expect(() => new RegExp(pattern, 'v'), pattern).not.toThrow();
  });

  it('names every operation, marks the public ones security: [] and the webhook body, and names this server', async () => {
    const document = await openapi();
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    const ids = operations.map((operation) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.paths['/v1/sites/{site}/customers']!.post!.security).toEqual([]);
    const hook = document.paths['/v1/sites/{site}/hooks/10times/{secret}']!.post!;
    expect(hook.security).toEqual([]);
    expect(hook.requestBody?.content['application/json']?.schema.type).toBe('object');
    expect(document.servers).toEqual([{ url: 'https://booking.example', description: 'This worker' }]);
  });
});
