import { LOCAL_CONSOLE_KEYS } from '../../demo/stack';

/** The local console key of a site of demo/stack.ts (its CONSOLE_KEYS). */
export function CONSOLE_KEY(site: string): string {
  const key = LOCAL_CONSOLE_KEYS[site];
  if (!key) throw new Error(`no local console key for site ${site}`);
  return key;
}
