import { readConfig } from '../config';
import { createRouter } from './router';

/** Liveness for monitors: 200 only when the configuration is valid (a bad one fails loudly here too). */
export const system = createRouter().get('/healthz', (c) => {
  readConfig(c.env);
  return c.json({ status: 'ok' });
});
