import { ConfigError } from '../config';
import type { Bindings } from '../env';
import { ApiError } from '../errors';
import { PgiClient, PgiError } from '../pgi/client';
import { badBaseUrl } from '../secrets';
import type { PgiRecord } from '../sites/types';
import { trimEndOf } from '../text';

/** The console's side of PGi: the client from the operator's configuration, its errors as API errors, the record as the console shows it. */

export function pgiClient(env: Bindings): PgiClient {
  const baseUrl = trimEndOf(env.PGI_BASE_URL ?? '', '/');
  // Like the other vendors' base URLs: https, plain http only to a loopback host (the local simulator).
  const bad = !/^https?:\/\/[^/\s]+/.test(baseUrl) ? 'must be an https URL' : badBaseUrl(baseUrl);
  if (bad) throw new ConfigError(`PGI_BASE_URL ${bad}, such as https://testapi.zipconferencing.com.`);
  if (!env.PGI_API_KEY) throw new ConfigError('PGI_API_KEY is not set (wrangler secret put PGI_API_KEY).');
  return new PgiClient({ baseUrl, apiKey: env.PGI_API_KEY });
}

export function pgiEnterpriseId(env: Bindings): number {
  const raw = env.PGI_ENTERPRISE_ID ?? '';
  const value = Number(raw);
  if (!/^[1-9][0-9]{0,15}$/.test(raw) || !Number.isSafeInteger(value)) {
    throw new ConfigError('PGI_ENTERPRISE_ID must be your PGi enterprise id (a positive whole number).');
  }
  return value;
}

/**
 * The PGi client.externalId of a site ("user_plan.id on our end"): each site has one
 * conferencing plan, so it is the site's own numeric id, stable for ever (never reused).
 */
export const planIdOf = (siteNum: number) => siteNum;

/** Runs a PGi call; its failure becomes the console's answer (PGi's own words only for a refusal). */
export async function pgiCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof PgiError)) throw error;
    // PgiError messages never hold the key, the password or an unfiltered body (pgi/client.ts).
    console.warn(error.message);
    const { failure } = error;
    switch (failure.kind) {
      case 'invalid':
        return Promise.reject(new ApiError(422, 'validation_failed', 'Some fields are not valid: ' + Object.keys(failure.errors).join(', ') + '.', failure.errors));
      case 'rejected':
        return Promise.reject(new ApiError(409, 'pgi_rejected', `PGi refused this: ${failure.message}`));
      case 'unauthorized':
        return Promise.reject(new ApiError(502, 'pgi_unavailable', "PGi rejected the operator's API key. The operator has to fix PGI_API_KEY."));
      case 'timeout':
        return Promise.reject(new ApiError(502, 'pgi_unavailable', 'PGi did not answer in time. Please try again.'));
      case 'upstream':
        return Promise.reject(new ApiError(502, 'pgi_unavailable', 'PGi is not answering correctly right now. Please try again in a moment.'));
    }
  }
}

export function requireProvisioned(record: PgiRecord | undefined): PgiRecord {
  if (!record) throw new ApiError(409, 'pgi_not_provisioned', 'This site has no PGi audio conference yet: provision it first.');
  return record;
}

/** The record as console responses carry it (the moderator passcode included; never a password). */
export function pgiView(record: PgiRecord | undefined) {
  if (!record) return { status: 'none' as const };
  return {
    status: record.status,
    company_id: record.companyId,
    client_id: record.clientId,
    hub_url: record.hubUrl,
    participant_passcode: record.participantPasscode,
    moderator_passcode: record.moderatorPasscode,
    provisioned_at: new Date(record.provisionedAt).toISOString(),
    form: record.form,
  };
}
