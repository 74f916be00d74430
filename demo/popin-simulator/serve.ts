// Node entry for the Popin simulator:
//   tsx demo/popin-simulator/serve.ts [--port 8788] [--host 127.0.0.1]
// Other Node scripts (npm start, e2e tests, benches) import startPopinSimulator instead.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
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

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function startPopinSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  const { port = 8788, host = '127.0.0.1', ...simOptions } = options;
  if (!LOOPBACK.has(host)) {
    return Promise.reject(new Error(`Popin simulator listens on loopback only (got host ${host})`));
  }
  const sim = createPopinSimulator(simOptions);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: sim.app.fetch, port, hostname: host }, (info: AddressInfo) => {
      server.off('error', reject);
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
      resolve({
        url,
        port: info.port,
        sim,
        close: () => new Promise<void>((done, fail) => {
          // Release hung requests and keep-alive sockets, or close() would wait on them.
          sim.reset();
          server.close((err) => (err ? fail(err) : done()));
          if ('closeAllConnections' in server) server.closeAllConnections();
        }),
      });
    });
    server.once('error', reject);
  });
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
