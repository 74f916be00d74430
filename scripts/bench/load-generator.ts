// The load generator, run in its own process (forked by load.ts) so that autocannon does not
// share an event loop with the Popin simulator, which lives in the benchmark's main process.
// It receives one LoadJob at a time over IPC and answers with a LoadResult.
import autocannon from 'autocannon';
import type { LoadJob, RawLoad } from './load';

const SITE = 'demo';
/** "iPhone demo", seeded for tomorrow by the simulator, so it is always open for booking. */
const EVENT_ID = 2853;
const SIM_HEADERS = { 'x-api-key': 'sim-api-key', 'x-token': 'seller-demo' };
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/** What autocannon keeps per connection between the steps of one sequence. */
interface Step {
  token?: string;
  userId?: number;
}

// A different customer per sequence, within 1000 numbers so the simulator's user list stays small.
let customerNumber = 0;
const nextMobile = () => `+9195445${String(customerNumber++ % 1000).padStart(5, '0')}`;

const readJson = (body: string): Record<string, unknown> => {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/**
 * The booking sequence through the worker: general slots, capture, the customer's slots,
 * register, cancel. Each request after capture carries the token capture returned.
 */
function throughWorker(): autocannon.Request[] {
  const base = `/v1/sites/${SITE}`;
  const bearer = (context: object) => ({ ...JSON_HEADERS, authorization: `Bearer ${(context as Step).token ?? ''}` });
  return [
    { method: 'GET', path: `${base}/slots`, headers: { accept: 'application/json' } },
    {
      method: 'POST',
      path: `${base}/customers`,
      headers: JSON_HEADERS,
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ name: 'Bench Customer', mobile: nextMobile() }) }),
      onResponse: (_status, body, context) => {
        (context as Step).token = readJson(body).token as string | undefined;
      },
    },
    { method: 'GET', path: `${base}/slots`, setupRequest: (req, context) => ({ ...req, headers: bearer(context) }) },
    {
      method: 'POST',
      path: `${base}/registrations`,
      body: JSON.stringify({ event_id: EVENT_ID }),
      setupRequest: (req, context) => ({ ...req, headers: bearer(context) }),
    },
    { method: 'DELETE', path: `${base}/registrations/${EVENT_ID}`, setupRequest: (req, context) => ({ ...req, headers: bearer(context) }) },
  ];
}

/** The same sequence straight to Popin (the simulator), with the seller's key as the worker sends it. */
function straightToPopin(): autocannon.Request[] {
  const base = '/api/v1/external/conference';
  const headers = { ...JSON_HEADERS, ...SIM_HEADERS };
  const userBody = (context: object) => JSON.stringify({ user_id: (context as Step).userId, event_id: EVENT_ID });
  return [
    { method: 'GET', path: `${base}/slots`, headers },
    {
      method: 'POST',
      path: `${base}/capture`,
      headers,
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ name: 'Bench Customer', mobile: nextMobile() }) }),
      onResponse: (_status, body, context) => {
        (context as Step).userId = readJson(body).user_id as number | undefined;
      },
    },
    { method: 'GET', headers, setupRequest: (req, context) => ({ ...req, path: `${base}/slots?user_id=${(context as Step).userId ?? ''}` }) },
    { method: 'POST', path: `${base}/register`, headers, setupRequest: (req, context) => ({ ...req, body: userBody(context) }) },
    { method: 'POST', path: `${base}/cancel`, headers, setupRequest: (req, context) => ({ ...req, body: userBody(context) }) },
  ];
}

function generalSlotsThroughWorker(): autocannon.Request[] {
  return [{ method: 'GET', path: `/v1/sites/${SITE}/slots`, headers: { accept: 'application/json' } }];
}

function sequence(job: LoadJob): autocannon.Request[] {
  if (job.sequence === 'general-slots') return generalSlotsThroughWorker();
  return job.target === 'worker' ? throughWorker() : straightToPopin();
}

async function run(job: LoadJob): Promise<RawLoad> {
  // autocannon's own histogram keeps whole milliseconds; loopback calls need finer, so keep every
  // 2xx response time (as autocannon does, non-2xx are counted, not timed).
  const latencies: number[] = [];
  const steps = sequence(job);
  const byStep: number[][] = steps.map(() => []);
  const statuses: Record<string, number> = {};
  const options: autocannon.Options = {
    url: job.baseUrl,
    connections: job.connections,
    ...(job.amount !== undefined ? { amount: job.amount } : { duration: job.durationSeconds }),
    timeout: 10,
    requests: steps,
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (client, status, _bytes, responseTime) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status < 200 || status >= 300) return;
      latencies.push(responseTime);
      // Without pipelining, the client's current request is the one that just got its answer.
      const step = (client as unknown as { requestIterator: { currentRequestIndex: number } }).requestIterator.currentRequestIndex;
      byStep[step]?.push(responseTime);
    });
  });
  return {
    latencies,
    stepLatencies: byStep,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    seconds: result.duration,
  };
}

process.on('message', (message: { id: number; job: LoadJob }) => {
  run(message.job).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) => process.send?.({ id: message.id, error: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
