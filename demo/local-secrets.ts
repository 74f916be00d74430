/**
 * The local demo's keys and secrets: public, for loopback runs only (the worker accepts them only
 * with LOCAL_DEMO=1 and loopback vendor URLs; worker/src/secrets.ts lists them as refused values).
 * No Node imports: the worker tests import this file inside workerd.
 */

/** The simulator's key and a token secret for local runs only; never used against the real Popin. */
export const LOCAL_POPIN_API_KEY = 'sim-api-key';
export const LOCAL_TOKEN_SECRET = 'local-demo-token-secret-never-use-in-production';
/** The 10times simulator's key, the shared secret the push webhooks' secrets derive from, and the operator secret. */
export const LOCAL_TENTIMES_API_KEY = 'sim-10times-key';
export const LOCAL_TENTIMES_WEBHOOK_SECRET = 'local-demo-webhook-secret-0123456789';
export const LOCAL_ADMIN_SECRET = 'local-demo-admin-secret-never-use-in-production';
/** The EnableX simulator's app id and key, for local runs only. */
export const LOCAL_ENABLEX_APP_ID = 'sim-enablex-app';
export const LOCAL_ENABLEX_APP_KEY = 'sim-enablex-key';
/** Cloudflare's documented always-passing Turnstile test site key; the secret only reaches the local fake. */
export const LOCAL_TURNSTILE_SITE_KEY = '1x00000000000000000000AA';
export const LOCAL_TURNSTILE_SECRET = 'local-demo-turnstile-secret';
/** The PGi simulator's X-AUTH-TOKEN, for local runs only. */
export const LOCAL_PGI_API_KEY = 'sim-pgi-key';
/** The demo site's seller-console key and the key of the console's stored secrets: local runs only. */
export const LOCAL_CONSOLE_KEY = 'local-demo-console-key-never-use-in-production';
export const LOCAL_SITE_SECRETS_KEY = 'local-demo-site-secrets-key-never-use-in-production';
/** Any positive number: the PGi simulator knows no enterprises. */
export const LOCAL_PGI_ENTERPRISE_ID = '799';
