// Serves a Hono app (or any fetch handler) on loopback for the local stack: the simulators'
// control endpoints and the fakes have no auth, so they never listen anywhere else.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** `port` 0 picks a free one (the real one is in `url`); `beforeClose` releases hung requests. */
export function serveLocal(
  fetch: (request: Request) => Response | Promise<Response>,
  { port, host = '127.0.0.1', name, beforeClose }: { port: number; host?: string; name: string; beforeClose?: () => void },
): Promise<LocalServer> {
  if (!LOOPBACK.has(host)) return Promise.reject(new Error(`${name} listens on loopback only (got host ${host})`));
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }, (info: AddressInfo) => {
      server.off('error', reject);
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            beforeClose?.();
            server.close((err) => (err ? fail(err) : done()));
            // Keep-alive sockets would hold close() open.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
