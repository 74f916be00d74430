// The test stack (the real worker and the Popin simulator, started by the `popin-stack` plugin in
// web-test-runner.config.mjs), without the element: loader.test.ts loads the widget the way a
// seller's page does. helpers.ts re-exports all of it.
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type PopinBooking from '../../widget/src/popin-booking.component.js';

export interface SimRequest {
  method: string;
  path: string;
  body: unknown;
}

export type Failure =
  | { kind: 'status'; status: number; body?: unknown; endpoint?: string; count?: number | 'always' }
  | { kind: 'malformed'; endpoint?: string; count?: number | 'always' }
  | { kind: 'hang'; endpoint?: string; count?: number | 'always' };

let worker: string | undefined;

export async function workerUrl(): Promise<string> {
  worker ??= (await executeServerCommand<{ workerUrl: string }, undefined>('stack-info')).workerUrl;
  return worker;
}

/** Seeded simulator, no faults, no stored customer. */
export async function reset(): Promise<void> {
  await executeServerCommand('sim-reset');
  localStorage.clear();
}

export const faults = (payload: { latencyMs?: number; failures?: Failure[] }) => executeServerCommand('sim-faults', payload);

export const simRequests = async (path?: string) =>
  ((await executeServerCommand<SimRequest[], undefined>('sim-requests')) ?? []).filter((r) => !path || r.path.includes(path));

export const $ = <T extends Element = HTMLElement>(el: PopinBooking, selector: string) =>
  el.shadowRoot!.querySelector<T & Element>(selector) as (T & HTMLElement) | null;

export const $$ = (el: PopinBooking, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

export const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

export const active = (el: PopinBooking) => el.shadowRoot!.activeElement as HTMLElement | null;

export async function until(predicate: () => unknown, message: string, timeout = 10_000): Promise<void> {
  await waitUntil(predicate, message, { timeout });
}
