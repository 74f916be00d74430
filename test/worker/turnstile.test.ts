import { describe, expect, it } from 'vitest';
import { TURNSTILE_TEST_SECRET } from './bindings';
import { call, clientIp, expectError, json, popinRequests } from './helpers';
import { turnstile } from '../../demo/turnstile-fake';

const CUSTOMER = { name: 'Priya Sharma', mobile: '095445 10895' };
const capture = (body: Record<string, unknown>, site = 'guarded') => call(`/v1/sites/${site}/customers`, { body });

describe('Turnstile on lead capture (sites with turnstile in SITES)', () => {
  it('the slots answer tells the widget the site key; sites without Turnstile say nothing', async () => {
    const guarded = await json<{ site: Record<string, string> }>(await call('/v1/sites/guarded/slots'));
    expect(guarded.site.turnstile_site_key).toBe('1x00000000000000000000AA');
    const plain = await json<{ site: Record<string, string> }>(await call('/v1/sites/acme/slots'));
    expect(plain.site).not.toHaveProperty('turnstile_site_key');
  });

  it('a passing token: siteverify is asked with the secret, the token and the client address, then Popin', async () => {
    const response = await capture({ ...CUSTOMER, turnstile: 'pass-123' });
    expect(response.status).toBe(200);
    expect(turnstile.requests).toEqual([{ secret: TURNSTILE_TEST_SECRET, response: 'pass-123', remoteip: clientIp }]);
    expect(popinRequests('capture')).toHaveLength(1);
  });

  it('no token → 403 turnstile_required; siteverify and Popin are not asked', async () => {
    await expectError(await capture(CUSTOMER), 403, 'turnstile_required');
    expect(turnstile.requests).toEqual([]);
    expect(popinRequests('capture')).toEqual([]);
  });

  it('a failing token → 403 turnstile_failed; Popin is not asked', async () => {
    const error = await expectError(await capture({ ...CUSTOMER, turnstile: 'fail-123' }), 403, 'turnstile_failed');
    expect(error.message).toMatch(/try it again/);
    expect(popinRequests('capture')).toEqual([]);
  });

  it.each<[string, typeof turnstile.mode]>([
    ['answers 503', 'down'],
    ['answers something that is not JSON', 'garbage'],
    ['does not answer', 'hang'],
  ])('siteverify %s → 503 turnstile_unavailable (fail closed); Popin is not asked', async (_label, mode) => {
    turnstile.mode = mode;
    const response = await capture({ ...CUSTOMER, turnstile: 'pass-123' });
    const error = await expectError(response, 503, 'turnstile_unavailable');
    expect(error.message).toMatch(/nothing was sent/);
    expect(response.headers.get('Retry-After')).toBe('30');
    expect(popinRequests('capture')).toEqual([]);
  }, 15_000);

  it('sites without Turnstile ignore the field and never ask siteverify', async () => {
    expect((await capture({ ...CUSTOMER, turnstile: 'fail-123' }, 'acme')).status).toBe(200);
    expect(turnstile.requests).toEqual([]);
  });

  it('the field is length-limited like every other', async () => {
    const error = await expectError(await capture({ ...CUSTOMER, turnstile: 'x'.repeat(2049) }), 422, 'validation_failed');
    expect(Object.keys(error.errors ?? {})).toEqual(['turnstile']);
    expect(turnstile.requests).toEqual([]);
  });
});
