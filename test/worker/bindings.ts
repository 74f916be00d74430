/** The worker's configuration in tests: two sites on the simulator's two sellers, and one with the 10times option. */
export const POPIN_TEST_URL = 'https://popin.test';
export const POPIN_TEST_KEY = 'test-popin-api-key';
export const TOKEN_TEST_SECRET = 'test-token-secret-test-token-secret-0123';
export const SHOP_ORIGIN = 'https://shop.example';
/** A local fake of Turnstile's siteverify (demo/turnstile-fake.ts). */
export const TURNSTILE_TEST_URL = 'https://turnstile.test';
export const TURNSTILE_TEST_SECRET = 'test-turnstile-secret-key';

/** 10times: the simulator answers TENTIMES_TEST_URL; site "expo" has the option, "acme" does not. */
export const TENTIMES_TEST_URL = 'https://tentimes.test';
export const TENTIMES_TEST_KEY = 'test-10times-key';
export const TENTIMES_TEST_EVENT = 998877;
export const WEBHOOK_TEST_SECRET = 'test-webhook-secret-0123456789';
export const ADMIN_TEST_SECRET = 'test-admin-secret-0123456789-0123456789';
export const EXPO_ORIGIN = 'https://expo.example';
/** PGi provisioning: the simulator answers PGI_TEST_URL. */
export const PGI_TEST_URL = 'https://pgi.test';
export const PGI_TEST_KEY = 'test-pgi-auth-token';

/** EnableX: the simulator answers ENABLEX_TEST_URL; the API is under /ucaas/v1, as on EnableX. */
export const ENABLEX_TEST_URL = 'https://enablex.test';
export const ENABLEX_TEST_BASE_URL = `${ENABLEX_TEST_URL}/ucaas/v1`;
export const ENABLEX_TEST_APP_ID = 'test-enablex-app-id';
export const ENABLEX_TEST_APP_KEY = 'test-enablex-app-key-0123456789';

export const EXPO_SITE = {
  seller: 'seller-demo',
  origins: [EXPO_ORIGIN],
  title: 'Acme at the Expo',
  country: 'IN',
  timezone: 'Asia/Kolkata',
  tentimes: { event: TENTIMES_TEST_EVENT, channel: 'popin', ask: ['company', 'country'] },
};

export const TEST_SITES = {
  acme: {
    seller: 'seller-demo',
    origins: [SHOP_ORIGIN],
    title: 'Acme Gadgets',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    // The simulator's seller has three demos: a cap of two can be reached.
    limits: { activeRegistrations: 2 },
  },
  // The property tests' site: limits high enough that thousands of cases reach validation.
  fuzz: {
    seller: 'seller-demo',
    origins: [SHOP_ORIGIN],
    title: 'Fuzz Shop',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    limits: { customersPerMinute: 10_000, registrationsPerMinute: 10_000, registrationsPerAddressPerMinute: 10_000, slotsPerMinute: 10_000, webhookPerMinute: 10_000, activeRegistrations: 3 },
  },
  // Sign-ups need a Turnstile token.
  guarded: {
    seller: 'seller-demo',
    origins: [SHOP_ORIGIN],
    title: 'Guarded Shop',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    turnstile: { siteKey: '1x00000000000000000000AA' },
  },
  empty: {
    seller: 'seller-empty',
    origins: ['https://empty.example'],
    title: 'Empty Shop',
    country: 'GB',
    timezone: 'Europe/London',
  },
  expo: EXPO_SITE,
  // EnableX meetings are demos too (the simulator's vc meetings), beside the same seller's Popin events.
  live: {
    seller: 'seller-demo',
    origins: [SHOP_ORIGIN],
    title: 'Acme Live',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    limits: { activeRegistrations: 3 },
    enablex: { appType: 'vc' },
  },
};

export const TENTIMES_BINDINGS = {
  TENTIMES_BASE_URL: TENTIMES_TEST_URL,
  TENTIMES_API_KEY: TENTIMES_TEST_KEY,
  TENTIMES_WEBHOOK_SECRET: WEBHOOK_TEST_SECRET,
  ADMIN_SECRET: ADMIN_TEST_SECRET,
  // Short, so that the timeout tests finish quickly.
  TENTIMES_TIMEOUT_MS: '300',
};

/** Seller console (issue #12): acme's console key, the key of the stored secrets, the PGi enterprise. */
export const CONSOLE_TEST_KEY = 'test-console-key-acme-0123456789-abcdef';
export const EXPO_CONSOLE_TEST_KEY = 'test-console-key-expo-0123456789-abcdef';
export const SITE_SECRETS_TEST_KEY = 'test-site-secrets-key-0123456789-abcdef';
export const PGI_TEST_ENTERPRISE = 799;

export const TEST_BINDINGS = {
  POPIN_BASE_URL: POPIN_TEST_URL,
  POPIN_API_KEY: POPIN_TEST_KEY,
  // Short, so that the timeout tests finish quickly.
  POPIN_READ_TIMEOUT_MS: '300',
  POPIN_WRITE_TIMEOUT_MS: '500',
  // Out of the way of the other tests (the property tests call Popin thousands of times a
  // second); test/worker/popin-budget.test.ts sets its own.
  POPIN_CALLS_PER_SECOND: '100000',
  TOKEN_SECRET: TOKEN_TEST_SECRET,
  TURNSTILE_SECRET_KEY: TURNSTILE_TEST_SECRET,
  TURNSTILE_VERIFY_URL: `${TURNSTILE_TEST_URL}/siteverify`,
  SITES: JSON.stringify(TEST_SITES),
  ...TENTIMES_BINDINGS,
  PGI_BASE_URL: PGI_TEST_URL,
  PGI_API_KEY: PGI_TEST_KEY,
  PGI_ENTERPRISE_ID: String(PGI_TEST_ENTERPRISE),
  CONSOLE_KEYS: JSON.stringify({ acme: CONSOLE_TEST_KEY, expo: EXPO_CONSOLE_TEST_KEY }),
  SITE_SECRETS_KEY: SITE_SECRETS_TEST_KEY,
  ENABLEX_BASE_URL: ENABLEX_TEST_BASE_URL,
  ENABLEX_APP_ID: ENABLEX_TEST_APP_ID,
  ENABLEX_APP_KEY: ENABLEX_TEST_APP_KEY,
};
