import type { Config, ConfigBindings, Site } from './config';
import type { ConsoleActor } from './console/actor';
import type { PopinClient } from './popin/client';
import type { ConsoleBindings, SiteState } from './sites/types';

/** Bindings as declared in wrangler.jsonc plus the secrets set with `wrangler secret put`. */
export type Bindings = Omit<Env, keyof ConfigBindings | keyof ConsoleBindings> & ConfigBindings & ConsoleBindings;

/** The Hono environment: bindings plus what the site middleware resolves for a request. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    config: Config;
    site: Site & { apiKey: string };
    popin: PopinClient;
    /** The site's paused switch, PGi record and numeric id (sites/store.ts). */
    siteState: SiteState;
    /** Console routes only: who is signed in (console/auth.ts). */
    actor: ConsoleActor;
  };
}
