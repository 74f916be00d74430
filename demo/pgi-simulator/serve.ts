// Node entry for the PGi simulator:
//   tsx demo/pgi-simulator/serve.ts [--port 8790] [--host 127.0.0.1]
// Other Node scripts (npm start, e2e tests) import startPgiSimulator instead.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { serveLocal } from '../local-server';
import { createPgiSimulator } from './app';
import type { PgiSimulator, PgiSimulatorOptions } from './app';

export interface StartOptions extends PgiSimulatorOptions {
  /** 0 picks a free port; the real one is in `url`. Default 8790. */
  port?: number;
  /** Loopback only: the control endpoints have no auth. Default 127.0.0.1. */
  host?: string;
}

export interface RunningPgiSimulator {
  url: string;
  port: number;
  sim: PgiSimulator;
  close(): Promise<void>;
}

export async function startPgiSimulator(options: StartOptions = {}): Promise<RunningPgiSimulator> {
  const { port = 8790, host = '127.0.0.1', ...simOptions } = options;
  const sim = createPgiSimulator(simOptions);
  // Resetting releases hung requests, or close() would wait on them.
  const server = await serveLocal(sim.app.fetch, { port, host, name: 'PGi simulator', beforeClose: () => sim.reset() });
  return { ...server, sim };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8790' }, host: { type: 'string', default: '127.0.0.1' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid --port: ${values.port}`);
    process.exit(2);
  }
  const running = await startPgiSimulator({
    port,
    host: values.host,
    ...(process.env.PGI_SIM_API_KEY ? { apiKey: process.env.PGI_SIM_API_KEY } : {}),
  });
  console.log(`PGi simulator on ${running.url}`);
  const stop = () => { void running.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
