import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IDEMPOTENCY_TTL_MS } from '../../worker/src/bookings/idempotency';
import type { CustomerBookings } from '../../worker/src/bookings/customer-bookings';
import { DEFAULT_QUEUE_RETENTION_SECONDS } from '../../worker/src/tentimes/config';
import { RETENTION_MS } from '../../worker/src/tentimes/outbox';
import { call, tentimes, tokenPayload, signUp } from './helpers';
import { bindings, bookExpo, expoOutbox, freshOutboxes, signUpExpo, until } from './tentimes-helpers';

beforeEach(freshOutboxes);

const outboxStub = () => bindings.TENTIMES_OUTBOX.get(bindings.TENTIMES_OUTBOX.idFromName('expo'));
const sql = <T extends Record<string, SqlStorageValue>>(query: string, ...args: SqlStorageValue[]): Promise<T[]> =>
  runInDurableObject(outboxStub(), (_instance, state) => state.storage.sql.exec<T>(query, ...args).toArray());

describe('9. a registration the queue took but never settled is handed over again after the queue\'s retention', () => {
  it('a message that expired undelivered: the sweep hands it over again and 10times registers it once', async () => {
    // The queue "loses" the first message: delivered to nobody (10times does not answer meanwhile).
    tentimes.faults.inject({ kind: 'hang', count: 'always' });
    const token = await signUpExpo();
    expect((await bookExpo(2853, token)).status).toBe(200);
    const key = `${tokenPayload(token).user_id}:2853`;
    // As the platform leaves it when a message expires: pending, marked as queued, long ago.
    const expiredAt = Date.now() - (DEFAULT_QUEUE_RETENTION_SECONDS + 60) * 1000;
    await until(async () => (await expoOutbox().registration(key))?.queued === 1, 'the hand-over');
    await sql("UPDATE registrations SET status = 'pending', lease_until = 0, queued_at = ? WHERE key = ?", expiredAt, key);
    tentimes.faults.clear();
    expect(await runDurableObjectAlarm(outboxStub())).toBe(true);
    expect((await expoOutbox().registration(key))!.queued_at).toBeGreaterThan(expiredAt);
    await until(async () => (await expoOutbox().registration(key))?.status === 'done', 'the registration to be done');
    expect(tentimes.registrations).toHaveLength(1);
  });

  it('a registration handed over recently is left to the queue', async () => {
    const token = await signUpExpo();
    tentimes.faults.inject({ kind: 'status', status: 503, count: 'always' });
    expect((await bookExpo(2853, token)).status).toBe(200);
    const key = `${tokenPayload(token).user_id}:2853`;
    await until(async () => (await expoOutbox().registration(key))?.attempts === 1, 'the first attempt');
    const before = (await expoOutbox().registration(key))!.queued_at;
    await runDurableObjectAlarm(outboxStub());
    expect((await expoOutbox().registration(key))!.queued_at).toBe(before);
  });
});

describe('10. every stored row has a retention rule and an index; empty objects delete their storage', () => {
  it('the sweep deletes settled registrations, pushes and profiles past their retention, and keeps work still to do', async () => {
    await expoOutbox().recordPush('rejected', 'not JSON', 'x'.repeat(16 * 1024));
    const now = Date.now();
    const old = (ms: number) => now - ms - 60_000;
    await sql('UPDATE pushes SET received_at = ?', old(RETENTION_MS.pushes));
    await sql(
      `INSERT INTO registrations (key, id, site, user_id, event_id, status, attendee, created_at, updated_at) VALUES
       ('1:1', 'a', 'expo', 1, 1, 'done', '{}', ?1, ?1), ('2:1', 'b', 'expo', 2, 1, 'dead', '{}', ?1, ?1),
       ('3:1', 'c', 'expo', 3, 1, 'cancelled', '{}', ?1, ?1), ('4:1', 'd', 'expo', 4, 1, 'pending', '{}', ?1, ?1),
       ('5:1', 'e', 'expo', 5, 1, 'done', '{}', ?2, ?2)`,
      old(RETENTION_MS.settledRegistrations),
      now,
    );
    await sql("INSERT INTO profiles (user_id, attendee, updated_at) VALUES (1, '{}', ?1), (4, '{}', ?1), (5, '{}', ?2)", old(RETENTION_MS.profiles), now);
    await runDurableObjectAlarm(outboxStub());
    expect(await sql('SELECT COUNT(*) AS n FROM pushes')).toEqual([{ n: 0 }]);
    expect((await sql<{ key: string }>('SELECT key FROM registrations ORDER BY key')).map((row) => row.key)).toEqual(['4:1', '5:1']);
    // User 4 still has a pending registration: their details stay.
    expect((await sql<{ user_id: number }>('SELECT user_id FROM profiles ORDER BY user_id')).map((row) => row.user_id)).toEqual([4, 5]);
  });

  it.each([
    ["SELECT site, key, id FROM registrations WHERE status = 'pending' AND queued = 0"],
    ["SELECT site, key, id FROM registrations WHERE status = 'pending' AND queued = 1 AND queued_at < 5"],
    ["DELETE FROM registrations WHERE status IN ('done', 'dead', 'cancelled') AND updated_at < 5"],
    ["SELECT * FROM registrations WHERE status = 'dead' ORDER BY updated_at DESC LIMIT 100"],
    ['SELECT event_id, floor_link FROM registrations WHERE user_id = 5'],
    ['DELETE FROM pushes WHERE received_at < 5'],
    ["SELECT id, outcome FROM pushes WHERE outcome IN ('rejected', 'failed') ORDER BY id DESC LIMIT 50"],
    ['DELETE FROM profiles WHERE updated_at < 5'],
  ])('%s uses an index', async (query) => {
    await expoOutbox().report();
    const plan = (await sql<{ detail: string }>(`EXPLAIN QUERY PLAN ${query}`)).map((row) => row.detail);
    // A full table scan reads every row the object ever kept; an index reads only what is asked for.
    for (const step of plan.filter((detail) => /^SCAN (registrations|pushes|profiles)\b/.test(detail))) expect(step).toMatch(/USING (COVERING )?INDEX/);
    expect(plan.join(' ')).toMatch(/INDEX/);
  });

  it('a CustomerBookings object deletes its storage once its last Idempotency-Key has lapsed', async () => {
    const token = await signUp();
    const response = await call('/v1/sites/acme/registrations', { body: { event_id: 2853 }, token, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    expect(response.status).toBe(200);
    const stub = env.CUSTOMER_BOOKINGS.get(env.CUSTOMER_BOOKINGS.idFromName(`seller:seller-demo/${tokenPayload(token).user_id}`));
    const tables = () => runInDurableObject(stub, (_instance: CustomerBookings, state) => state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").toArray());
    expect(await tables()).toEqual([{ name: 'idempotency_keys' }]);
    const later = vi.spyOn(Date, 'now').mockReturnValue(Date.now() + IDEMPOTENCY_TTL_MS + 1_000);
    await runDurableObjectAlarm(stub);
    later.mockRestore();
    expect(await tables()).toEqual([]);
    // And it works again afterwards.
    const again = await call('/v1/sites/acme/registrations', { body: { event_id: 3011 }, token, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    expect(again.status).toBe(200);
  });
});
