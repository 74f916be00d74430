import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { siteLedger } from '../ledger/ledger';

/**
 * Writes a console action to the site's audit log (who: seller or operator; what; when).
 * Called after the action succeeded; if the ledger is down the action stands and the miss is logged.
 */
export async function audit(c: Context<AppEnv>, action: string, detail = '', site = c.var.site): Promise<void> {
  try {
    await siteLedger(c.env, site.id).audit({ at: Date.now(), actor: c.var.actor.role, action, detail, retentionDays: site.retentionDays });
  } catch (error) {
    console.error(`audit site=${site.id}: ${action} NOT RECORDED (${error instanceof Error ? error.message : 'unknown'})`);
  }
}
