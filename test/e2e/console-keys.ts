import { LOCAL_CONSOLE_KEY } from '../../demo/stack';

/** The local console key of a site of demo/stack.ts (its CONSOLE_KEYS: the demo site's). */
export function CONSOLE_KEY(site: string): string {
  if (site !== 'demo') throw new Error(`no local console key for site ${site}: sign in to it as the operator`);
  return LOCAL_CONSOLE_KEY;
}
