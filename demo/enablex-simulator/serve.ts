// Node entry for the EnableX simulator:
//   tsx demo/enablex-simulator/serve.ts [--port 8790] [--host 127.0.0.1]
// Other Node scripts (npm start, e2e tests) import startEnablexSimulator instead.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { serveLocal } from '../local-server';
import { createEnablexSimulator } from './app';
import type { EnablexSimulator, EnablexSimulatorOptions } from './app';

export interface StartOptions extends EnablexSimulatorOptions {
  /** 0 picks a free port; the real one is in `url`. Default 8790. */
  port?: number;
  /** Loopback only: the control endpoints have no auth. Default 127.0.0.1. */
  host?: string;
}

export interface RunningEnablexSimulator {
  /** The server's origin; the API is under `${url}/ucaas/v1` (baseUrl). */
  url: string;
  baseUrl: string;
  port: number;
  sim: EnablexSimulator;
  close(): Promise<void>;
}

export async function startEnablexSimulator(options: StartOptions = {}): Promise<RunningEnablexSimulator> {
  const { port = 8790, host = '127.0.0.1', ...simOptions } = options;
  const sim = createEnablexSimulator(simOptions);
  // Resetting releases hung requests, or close() would wait on them.
  const server = await serveLocal(sim.app.fetch, { port, host, name: 'EnableX simulator', beforeClose: () => sim.reset() });
  return { ...server, baseUrl: `${server.url}/ucaas/v1`, sim };
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
  const running = await startEnablexSimulator({
    port,
    host: values.host,
    ...(process.env.ENABLEX_SIM_APP_ID ? { appId: process.env.ENABLEX_SIM_APP_ID } : {}),
    ...(process.env.ENABLEX_SIM_APP_KEY ? { appKey: process.env.ENABLEX_SIM_APP_KEY } : {}),
  });
  console.log(`EnableX simulator on ${running.baseUrl}`);
  const stop = () => { void running.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
