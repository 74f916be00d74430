// Node entry for the 10times simulator:
//   tsx demo/tentimes-simulator/serve.ts [--port 8789] [--host 127.0.0.1]
// Other Node scripts (npm start, e2e tests) import startTentimesSimulator instead.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { serveLocal } from '../local-server';
import { createTentimesSimulator } from './app';
import type { TentimesSimulator, TentimesSimulatorOptions } from './app';

export interface StartOptions extends TentimesSimulatorOptions {
  /** 0 picks a free port; the real one is in `url`. Default 8789. */
  port?: number;
  /** Loopback only: the control endpoints have no auth. Default 127.0.0.1. */
  host?: string;
}

export interface RunningTentimesSimulator {
  url: string;
  port: number;
  sim: TentimesSimulator;
  close(): Promise<void>;
}

export async function startTentimesSimulator(options: StartOptions = {}): Promise<RunningTentimesSimulator> {
  const { port = 8789, host = '127.0.0.1', ...simOptions } = options;
  const sim = createTentimesSimulator(simOptions);
  // Resetting releases hung requests, or close() would wait on them.
  const server = await serveLocal(sim.app.fetch, { port, host, name: '10times simulator', beforeClose: () => sim.reset() });
  return { ...server, sim };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8789' }, host: { type: 'string', default: '127.0.0.1' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid --port: ${values.port}`);
    process.exit(2);
  }
  const running = await startTentimesSimulator({
    port,
    host: values.host,
    ...(process.env.TENTIMES_SIM_API_KEY ? { apiKey: process.env.TENTIMES_SIM_API_KEY } : {}),
  });
  console.log(`10times simulator on ${running.url}`);
  const stop = () => { void running.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
