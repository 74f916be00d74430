import type { Config, ConfigBindings, Site } from './config';
import type { PopinClient } from './popin/client';

/** Bindings as declared in wrangler.jsonc plus the secrets set with `wrangler secret put`. */
export type Bindings = Omit<Env, keyof ConfigBindings> & ConfigBindings;

/** The Hono environment: bindings plus what the site middleware resolves for a request. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    config: Config;
    site: Site & { apiKey: string };
    popin: PopinClient;
  };
}
