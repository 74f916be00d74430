// Node entry for the Popin simulator:
//   tsx demo/popin-simulator/serve.ts [--port 8788] [--host 127.0.0.1]
// Other Node scripts (npm start, e2e tests, benches) import startPopinSimulator instead.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { serveLocal } from '../local-server';
import { createPopinSimulator } from './app';
import type { PopinSimulator, SimulatorOptions } from './app';

export interface StartOptions extends SimulatorOptions {
  /** 0 picks a free port; the real one is in `url`. Default 8788. */
  port?: number;
  /** Loopback only: the control endpoints have no auth. Default 127.0.0.1. */
  host?: string;
}

export interface RunningSimulator {
  url: string;
  port: number;
  sim: PopinSimulator;
  close(): Promise<void>;
}

export async function startPopinSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  const { port = 8788, host = '127.0.0.1', ...simOptions } = options;
  const sim = createPopinSimulator(simOptions);
  // Resetting releases hung requests, or close() would wait on them.
  const server = await serveLocal(sim.app.fetch, { port, host, name: 'Popin simulator', beforeClose: () => sim.reset() });
  return { ...server, sim };
}

// Run directly (not imported): parse flags and serve until interrupted.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8788' }, host: { type: 'string', default: '127.0.0.1' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid --port: ${values.port}`);
    process.exit(2);
  }
  const running = await startPopinSimulator({
    port,
    host: values.host,
    ...(process.env.POPIN_SIM_API_KEY ? { apiKey: process.env.POPIN_SIM_API_KEY } : {}),
  });
  console.log(`Popin simulator on ${running.url}`);
  const stop = () => { void running.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
