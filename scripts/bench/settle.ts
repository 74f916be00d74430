// When a timed load run ends, the worker may still be working through requests it had queued,
// and they keep calling Popin. The next measurement starts only once Popin has heard nothing
// for a while, so that no run pays for the previous one's backlog.
import type { Stack } from '../../demo/stack';

export async function settle(stack: Stack, quietMs = 300, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const last = () => stack.simulator.requests.at(-1)?.at ?? 0;
  while (Date.now() < deadline) {
    if (Date.now() - last() >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Popin still receiving calls ${timeoutMs} ms after the load stopped`);
}

/**
 * After `simulator.reset()`: user ids carry on from where the last phase left them, as Popin's do
 * (it never hands out an id twice). Without this every phase would start again at the same id,
 * and the worker's per-customer bookings objects, which remember their last write to Popin for a
 * minute, would meet "new" customers with an old customer's history.
 */
let highestUserId = 0;
export function keepUserIdsGrowing(stack: Stack): void {
  const state = stack.simulator.state;
  highestUserId = Math.max(highestUserId + 1_000, state.nextUserId);
  state.nextUserId = highestUserId;
}
