import { describe, expect, it } from 'vitest';
import app from '../../worker/src/index';
import { EXPO_SITE, TEST_BINDINGS, TEST_SITES } from './bindings';
import { durableObjects, expectConfigError, expectError, PLANTED } from './helpers';

type Env = Record<string, unknown>;
const withExpo = (tentimes: unknown): Env => ({ ...TEST_BINDINGS, SITES: JSON.stringify({ ...TEST_SITES, expo: { ...EXPO_SITE, tentimes } }) });
const without = (key: keyof typeof TEST_BINDINGS): Env => {
  const env: Env = { ...TEST_BINDINGS };
  delete env[key];
  return env;
};
const option = EXPO_SITE.tentimes;

const BAD: Array<[string, Env, string]> = [
  ['no event', withExpo({ ...option, event: undefined }), 'SITES.expo.tentimes.event'],
  ['an event id as a string', withExpo({ ...option, event: '998877' }), 'SITES.expo.tentimes.event'],
  ['a blank channel', withExpo({ ...option, channel: ' ' }), 'SITES.expo.tentimes.channel'],
  ['an unknown field to ask', withExpo({ ...option, ask: ['email', 'age'] }), 'SITES.expo.tentimes.ask'],
  ['a ticket with a price in rupees and paise', withExpo({ ...option, ticket: { typeId: 1, name: 'x', price: 9.5 } }), 'SITES.expo.tentimes.ticket.price'],
  ['a question with no answers', withExpo({ ...option, questions: { 123: [] } }), 'SITES.expo.tentimes.questions.123'],
  ['a misspelt key holding a secret', withExpo({ ...option, apikey: PLANTED }), 'SITES.expo.tentimes'],
  ['a short per-site webhook secret', withExpo({ ...option, webhookSecret: PLANTED.slice(0, 20) }), 'SITES.expo.tentimes.webhookSecret'],
  ['TENTIMES_API_KEY missing and no per-site key', without('TENTIMES_API_KEY'), 'TENTIMES_API_KEY'],
  ['TENTIMES_BASE_URL not http', { ...TEST_BINDINGS, TENTIMES_BASE_URL: 'api.10times.test' }, 'TENTIMES_BASE_URL'],
  ['TENTIMES_MAX_ATTEMPTS zero', { ...TEST_BINDINGS, TENTIMES_MAX_ATTEMPTS: '0' }, 'TENTIMES_MAX_ATTEMPTS'],
  ['TENTIMES_WEBHOOK_SECRET short', { ...TEST_BINDINGS, TENTIMES_WEBHOOK_SECRET: PLANTED.slice(0, 23) }, 'TENTIMES_WEBHOOK_SECRET'],
  ['ADMIN_SECRET short', { ...TEST_BINDINGS, ADMIN_SECRET: PLANTED.slice(0, 31) }, 'ADMIN_SECRET'],
];

describe('a bad 10times configuration fails every request with 500 config_error naming the key', () => {
  it.each(BAD)('%s → names %s', (_label, env, key) => expectConfigError(env, key));
});

describe('a good 10times configuration', () => {
  it('TENTIMES_API_KEY is not needed when no site has the option', async () => {
    const { expo: _expo, ...sites } = TEST_SITES;
    const env = { ...without('TENTIMES_API_KEY'), SITES: JSON.stringify(sites) };
    expect((await app.request('/healthz', {}, env)).status).toBe(200);
  });

  it('the operator endpoint is off (404) without ADMIN_SECRET, and the webhook is off without a webhook secret', async () => {
    await expectError(await app.request('/admin/tentimes', { headers: { Authorization: 'Bearer x' } }, without('ADMIN_SECRET')), 404, 'not_found');
    const hook = await app.request('/v1/sites/expo/hooks/10times/anything-at-all-0123456789', { method: 'POST', body: '{}' }, { ...without('TENTIMES_WEBHOOK_SECRET'), ...durableObjects });
    await expectError(hook, 404, 'not_found');
  });
});
