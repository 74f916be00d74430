/**
 * Retries for idempotent reads only: a write (capture, register, cancel) is never repeated
 * blindly, because its first attempt may have reached Popin even when its answer did not.
 */

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** First backoff; doubles each retry, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const READ_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 100, maxDelayMs: 1_000 };

/** "Full jitter": a random wait up to the capped exponential backoff, so retries from many clients spread out. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

export async function withRetries<T>(
  run: () => Promise<T>,
  isTransient: (error: unknown) => boolean,
  policy: RetryPolicy,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= policy.retries || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt, policy)));
    }
  }
}
