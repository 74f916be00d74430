import { abortAllDurableObjects, createExecutionContext, createMessageBatch, getQueueResult, reset } from 'cloudflare:test';
import { vi } from 'vitest';
import { env } from 'cloudflare:workers';
import worker from '../../worker/src/index';
import { outboxFor } from '../../worker/src/tentimes/outbox';
import { TENTIMES_QUEUE } from '../../worker/src/tentimes/queue';
import type { Bindings } from '../../worker/src/env';
import { ADMIN_TEST_SECRET, EXPO_ORIGIN } from './bindings';
import { call, json, tentimes } from './helpers';

export const bindings = env as unknown as Bindings;
export const expoOutbox = () => outboxFor(bindings, 'expo');

/** Signs up on "expo" (the site with the 10times option) and returns the token. */
export async function signUpExpo(mobile = '095445 10895', extra: Record<string, string> = {}): Promise<string> {
  const response = await call('/v1/sites/expo/customers', {
    body: { name: 'Priya Sharma', mobile, email: 'priya@example.com', ...extra },
    origin: EXPO_ORIGIN,
  });
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  return (await json<{ token: string }>(response)).token;
}

export const bookExpo = (eventId: number, token: string) =>
  call('/v1/sites/expo/registrations', { body: { event_id: eventId }, token, origin: EXPO_ORIGIN });

/** Delivers messages to the worker's queue handler as the platform would, and returns what it acked/retried. */
export async function deliver(messages: Array<{ body: unknown; attempts: number }>, withBindings: Record<string, unknown> = {}, queue = TENTIMES_QUEUE) {
  const batch = createMessageBatch(
    queue,
    messages.map((message) => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts: message.attempts, body: message.body })),
  );
  // The harness records retry() but not its delay: read that from the call.
  const retries = batch.messages.map((message) => vi.spyOn(message, 'retry'));
  const ctx = createExecutionContext();
  const handlerEnv = Object.keys(withBindings).length ? { ...bindings, ...withBindings } : bindings;
  await worker.queue(batch, handlerEnv as Bindings, ctx);
  const result = await getQueueResult(batch, ctx);
  const ids = batch.messages.map((message) => message.id);
  return {
    acked: ids.map((id) => result.explicitAcks.includes(id)),
    retryDelays: ids.map((id, i) => (result.retryMessages.some((retry: { msgId: string }) => retry.msgId === id) ? retries[i]!.mock.calls[0]?.[0]?.delaySeconds : undefined)),
  };
}

/** Waits (polling) until `check` holds; the real queue delivers about a second after a send. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function adminReport(): Promise<{ sites: Record<string, any> }> {
  const response = await call('/admin/tentimes', { origin: null, headers: { Authorization: `Bearer ${ADMIN_TEST_SECRET}` } });
  if (response.status !== 200) throw new Error(`admin: ${response.status}`);
  return json(response);
}

export const registeredIn10times = () => tentimes.registrations.length;

/** No outbox state from an earlier test: storage emptied, and the objects restarted so that they create their tables again. */
export async function freshOutboxes(): Promise<void> {
  await reset();
  await abortAllDurableObjects();
}
