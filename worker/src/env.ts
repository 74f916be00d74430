import type { Config, ConfigBindings, Site } from './config';
import type { PopinClient } from './popin/client';

/** Bindings as declared in wrangler.jsonc plus the secrets set with `wrangler secret put`. */
export type Bindings = Omit<Env, keyof ConfigBindings> &
  ConfigBindings & {
    /** Popin X-API-KEY for every site without its own `apiKey` in SITES. Secret. */
    POPIN_API_KEY?: string;
    /** HMAC-SHA-256 key for customer tokens, at least 32 characters. Secret. */
    TOKEN_SECRET?: string;
  };

/** The Hono environment: bindings plus what the site middleware resolves for a request. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    config: Config;
    site: Site & { apiKey: string };
    popin: PopinClient;
  };
}
