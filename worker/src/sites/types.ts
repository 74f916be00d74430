/**
 * What the worker knows about a site beyond its settings: kept in the site directory
 * (sites/directory.ts) for every site, also for the ones configured in SITES.
 * A leaf module (types only), so env.ts can name it without an import cycle.
 */

/** The PGi audio conference of a site, as provisioned through the console (never the client password). */
export interface PgiRecord {
  status: 'active' | 'inactive';
  companyId: number;
  clientId: number;
  hubId: number;
  /** As PGi gave it (a host name in the document's example); checked again before a customer sees it. */
  hubUrl: string;
  participantPasscode: string;
  /** Shown in console responses only. */
  moderatorPasscode: string;
  provisionedAt: number;
  updatedAt: number;
  /** The last provision input without the ids the worker fills in (there is no password in it). */
  form: PgiForm;
}

export interface PgiForm {
  company: { name: string; isGlobalMeetEnabled: boolean; isWebConfEnabled: boolean };
  client: { first: string; last: string; email: string };
  contact: { address: string; city: string; state?: string; country: string; postalCode: string };
}

/** The per-site secrets the console stores, encrypted (sites/secrets.ts). */
export interface SiteSecrets {
  popin_api_key?: string;
  tentimes_api_key?: string;
  webhook_secret?: string;
  console_key?: string;
}

export interface SiteState {
  /** The site's stable numeric id (PGi company.externalId); absent until the directory has a row for it. */
  num?: number;
  paused: boolean;
  pgi?: PgiRecord;
  /** The site's secrets as stored (AES-GCM ciphertext); decrypted only where needed (sites/store.ts). */
  sealedSecrets?: string;
  /** True when the settings come from the directory, false when from SITES. */
  stored: boolean;
  /** The directory row's version (0 without a row). */
  version: number;
}

/** The bindings the console and the site directory read (secrets unless said otherwise). */
export interface ConsoleBindings {
  /** JSON `{ "<site>": "<console key>" }`, each key at least 32 random characters. */
  CONSOLE_KEYS?: string;
  /** At least 32 random characters: the AES-GCM key (through HKDF) of the secrets stored per site. */
  SITE_SECRETS_KEY?: string;
  /** PGi provisioning: X-AUTH-TOKEN. */
  PGI_API_KEY?: string;
  /** PGi provisioning: the operator's enterprise id (company.enterpriseId). A var. */
  PGI_ENTERPRISE_ID?: string;
  /** PGi provisioning: the API's base URL. A var (wrangler.jsonc). */
  PGI_BASE_URL?: string;
}
