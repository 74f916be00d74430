import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import app from '../../worker/src/index';
import { forgetBudgets } from '../../worker/src/popin/budget';
import { expectError, popin, popinRequests, signUp } from './helpers';
import { SHOP_ORIGIN } from './bindings';

/**
 * The per-API-key Popin budget (worker/src/popin/budget.ts): once it is spent the worker answers
 * 503 popin_busy with Retry-After and does not call Popin; a 429 from Popin is never retried and
 * makes the key rest. A customer's own view of their slots is never cached, so each one is a
 * Popin call: the simplest way to spend the budget.
 */

const withBudget = (callsPerSecond: number) => ({ ...env, POPIN_CALLS_PER_SECOND: String(callsPerSecond) });
const view = (token: string, environment: object) =>
  app.request('/v1/sites/acme/slots', { headers: { Authorization: `Bearer ${token}`, Origin: SHOP_ORIGIN, 'CF-Connecting-IP': '198.51.100.7' } }, environment);

beforeEach(forgetBudgets);
// The rest a 429 left in the Cache API must not reach other tests.
afterEach(async () => {
  vi.restoreAllMocks();
  await forgetBudgets();
});

describe('Popin budget per API key', () => {
  it('a budget of 2 calls a second: the third call in the same second gets 503 popin_busy with Retry-After, and Popin is not called', async () => {
    const token = await signUp();
    const environment = withBudget(2);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now); // the same second for all three
    const before = popinRequests('slots').length;
    expect((await view(token, environment)).status).toBe(200);
    expect((await view(token, environment)).status).toBe(200);
    const refused = await view(token, environment);
    const error = await expectError(refused, 503, 'popin_busy');
    expect(error.message).toBe('Popin is busy right now; nothing was done. Please try again in 1 second.');
    expect(refused.headers.get('Retry-After')).toBe('1');
    expect(popinRequests('slots').length - before).toBe(2);

    // A second later the budget has refilled.
    vi.spyOn(Date, 'now').mockReturnValue(now + 1_000);
    expect((await view(token, environment)).status).toBe(200);
    expect(popinRequests('slots').length - before).toBe(3);
  });

  it('Popin answers 429: not retried, 503 popin_busy with Retry-After, and the key rests (the next call does not reach Popin)', async () => {
    const token = await signUp();
    const environment = withBudget(100);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now);
    popin.faults.inject({ kind: 'status', status: 429, endpoint: 'slots' });
    const before = popinRequests('slots').length;
    const first = await view(token, environment);
    await expectError(first, 503, 'popin_busy');
    expect(first.headers.get('Retry-After')).toBe('2');
    expect(popinRequests('slots').length - before).toBe(1); // reads are retried on a 5xx, never on a 429

    const resting = await view(token, environment);
    await expectError(resting, 503, 'popin_busy');
    expect(popinRequests('slots').length - before).toBe(1);

    vi.spyOn(Date, 'now').mockReturnValue(now + 2_500);
    expect((await view(token, environment)).status).toBe(200);
    expect(popinRequests('slots').length - before).toBe(2);
  });
});

describe('Popin budget and a clock that steps back', () => {
  it('after the clock went forward and back (an isolate may see that), calls are not refused', async () => {
    const token = await signUp();
    const environment = withBudget(2);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 120_000);
    expect((await view(token, environment)).status).toBe(200);
    vi.spyOn(Date, 'now').mockReturnValue(now);
    expect((await view(token, environment)).status).toBe(200);
  });
});
