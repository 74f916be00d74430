import type { z } from 'zod';
import { trimEndOf } from '../text';
import {
  ClientId,
  FailureBody,
  GetResponse,
  ProvisionInput,
  ProvisionResponse,
  StatusResponse,
  fieldErrors,
  type PgiHub,
} from './schemas';

/**
 * The PGi provisioning client: the only module that knows PGi's paths, the X-AUTH-TOKEN
 * header and its JSON shapes (../shared/vendor-docs/pgi-provisioning-api.txt). Input is
 * validated before PGi is called; every answer is validated; anything unexpected becomes a
 * PgiError whose message never holds the key, the client password or an unfiltered body.
 * This module logs nothing.
 */

export type { PgiHub, ProvisionInput } from './schemas';
export { ProvisionInput as ProvisionInputSchema, ClientId as ClientIdSchema, fieldErrors, isUsa } from './schemas';

export type PgiOperation = 'provision' | 'deactivate' | 'reactivate' | 'get';

export type PgiFailure =
  /** Our own check failed before PGi was called: field-level messages keyed by dotted path. */
  | { kind: 'invalid'; errors: Record<string, string[]> }
  /** PGi refused the X-AUTH-TOKEN (401 or 403). */
  | { kind: 'unauthorized' }
  /** PGi answered with a `status` other than "success" (e.g. an unknown client); its message, filtered. */
  | { kind: 'rejected'; message: string; httpStatus: number }
  /** PGi did not answer within the timeout. */
  | { kind: 'timeout' }
  /** Anything else: 5xx, a redirect, a non-JSON body, a wrong shape, no connection. */
  | { kind: 'upstream'; detail: string };

export class PgiError extends Error {
  constructor(
    readonly operation: PgiOperation,
    readonly failure: PgiFailure,
    /** Worth another try: no connection, or PGi said 5xx/429. (Provision is idempotent per the document.) */
    readonly transient = false,
  ) {
    super(`PGi ${operation} failed: ${describe(failure)}`);
    this.name = 'PgiError';
  }
}

function describe(failure: PgiFailure): string {
  switch (failure.kind) {
    case 'invalid': return `invalid (${Object.keys(failure.errors).join(', ')})`;
    case 'rejected': return `rejected (HTTP ${failure.httpStatus}: ${failure.message})`;
    case 'upstream': return `upstream (${failure.detail})`;
    default: return failure.kind;
  }
}

export interface PgiClientOptions {
  /** e.g. https://testapi.zipconferencing.com (PGI_BASE_URL); no trailing slash needed. */
  baseUrl: string;
  /** Sent as X-AUTH-TOKEN (PGI_API_KEY). */
  apiKey: string;
  /** Milliseconds before a call is abandoned; default 10000. */
  timeoutMs?: number;
}

export interface PgiProvisioned {
  companyId: number;
  clientId: number;
  /**
   * SECRET: the client password PGi created. Show it to the operator once; never log it,
   * store it in plain text or put it in an error.
   */
  password: string;
  passCodes: { moderatorPassCode: string; participantPassCode: string };
  hub: PgiHub;
}

export interface PgiClientInfo {
  clientId: number;
  hub: PgiHub;
}

const PATHS: Record<PgiOperation, string> = {
  provision: '/provisioning/client/provision',
  deactivate: '/provisioning/client/deactivate',
  reactivate: '/provisioning/client/reactivate',
  // Not under /provisioning: as the document has it.
  get: '/client/get',
};

export class PgiClient {
  private readonly baseUrl: string;

  constructor(private readonly options: PgiClientOptions) {
    this.baseUrl = trimEndOf(options.baseUrl, '/');
  }

  /**
   * Creates (or, for the same external ids, finds again: PGi does not duplicate) the company,
   * the client and its reservation. Input is checked first: an `invalid` PgiError means PGi
   * was not called.
   */
  async provision(input: ProvisionInput): Promise<PgiProvisioned> {
    const parsed = ProvisionInput.safeParse(input);
    if (!parsed.success) throw new PgiError('provision', { kind: 'invalid', errors: fieldErrors(parsed.error) });
    const { company, client, contact } = parsed.data;
    // In the document's order; `state` null outside the USA ("cannot be null for USA customers").
    const body = {
      company: {
        externalId: company.externalId,
        enterpriseId: company.enterpriseId,
        name: company.name,
        isGlobalMeetEnabled: company.isGlobalMeetEnabled,
        isWebConfEnabled: company.isWebConfEnabled,
      },
      client: { externalId: client.externalId, password: '', first: client.first, last: client.last, email: client.email },
      contact: {
        address: contact.address,
        city: contact.city,
        state: contact.state || null,
        country: contact.country,
        postalCode: contact.postalCode,
      },
    };
    const { data } = await this.call('provision', ProvisionResponse, body);
    return {
      companyId: data.companyId,
      clientId: data.clientId,
      password: data.password,
      passCodes: { moderatorPassCode: data.passCodes.moderatorPassCode, participantPassCode: data.passCodes.participantPassCode },
      hub: { hubId: data.hub.hubId, hubUrl: data.hub.hubUrl },
    };
  }

  /** Succeeds for an already inactive client too (as documented). */
  async deactivate(clientId: number): Promise<void> {
    await this.call('deactivate', StatusResponse, { clientId: checkedClientId('deactivate', clientId) });
  }

  /** Succeeds for an already active client too (as documented). */
  async reactivate(clientId: number): Promise<void> {
    await this.call('reactivate', StatusResponse, { clientId: checkedClientId('reactivate', clientId) });
  }

  /** POST /client/get, despite being a read. */
  async get(clientId: number): Promise<PgiClientInfo> {
    const body = await this.call('get', GetResponse, { clientId: checkedClientId('get', clientId) });
    return { clientId: body.clientId, hub: { hubId: body.hub.hubId, hubUrl: body.hub.hubUrl } };
  }

  private async call<T>(operation: PgiOperation, schema: z.ZodType<T>, body: unknown): Promise<T> {
    const { apiKey, timeoutMs = 10_000 } = this.options;
    let response: Response;
    try {
      response = await fetch(this.baseUrl + PATHS[operation], {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-AUTH-TOKEN': apiKey },
        body: JSON.stringify(body),
        // A redirect would carry X-AUTH-TOKEN elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (isTimeout(error)) throw new PgiError(operation, { kind: 'timeout' });
      throw new PgiError(operation, { kind: 'upstream', detail: 'no connection' }, true);
    }

    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      if (isTimeout(error)) throw new PgiError(operation, { kind: 'timeout' });
      json = undefined;
    }

    const { status } = response;
    if (status === 401 || status === 403) throw new PgiError(operation, { kind: 'unauthorized' });
    if (status >= 300 && status < 400) throw new PgiError(operation, { kind: 'upstream', detail: `HTTP ${status} (redirect not followed)` });
    // A server error's body is never passed on, even when it has a message.
    if (status >= 500 || status === 429) throw new PgiError(operation, { kind: 'upstream', detail: `HTTP ${status}` }, true);
    if (json === undefined) throw new PgiError(operation, { kind: 'upstream', detail: `HTTP ${status}, body is not JSON` });

    const failed = FailureBody.safeParse(json);
    if (failed.success && failed.data.status !== 'success') {
      throw new PgiError(operation, { kind: 'rejected', message: this.filtered(failed.data.message), httpStatus: status });
    }
    if (status !== 200) throw new PgiError(operation, { kind: 'upstream', detail: `HTTP ${status}` });
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      // The path and code only: a message could quote a value (the password is in this body).
      const issue = parsed.error.issues[0]!;
      throw new PgiError(operation, { kind: 'upstream', detail: `unexpected body at ${issue.path.join('.') || '(root)'} (${issue.code})` });
    }
    return parsed.data;
  }

  /** PGi's own words, capped, one line, and never with the key in them should PGi echo it. */
  private filtered(message: unknown): string {
    const text = (typeof message === 'string' ? message : '').replace(/\s+/g, ' ').trim().slice(0, 300);
    if (!text) return 'no reason given';
    return this.options.apiKey ? text.replaceAll(this.options.apiKey, '[key]') : text;
  }
}

function checkedClientId(operation: PgiOperation, clientId: number): number {
  const parsed = ClientId.safeParse(clientId);
  if (!parsed.success) throw new PgiError(operation, { kind: 'invalid', errors: { clientId: parsed.error.issues.map((i) => i.message) } });
  return parsed.data;
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}
