import { readConfig } from '../config';
import { resolveSite } from '../sites/store';
import type { Bindings } from '../env';
import { registerAttendee, registrationForm } from './client';
import { outboxFor, type OutboxMessage } from './outbox';

/**
 * The consumers of the 10times queue and its dead-letter queue (wrangler.jsonc "queues").
 * Every delivery asks the site's outbox first, so a duplicate delivery of a registration that
 * is done (or being sent) never reaches 10times again. Log lines carry the site and the key,
 * never the customer's details or the 10times key.
 */

export const TENTIMES_QUEUE = 'popin-booking-tentimes';
export const TENTIMES_DEAD_LETTER_QUEUE = 'popin-booking-tentimes-dead';

/** 30 s, 60 s, 2 min, … doubling per attempt, capped (an hour by default). */
export function retryDelaySeconds(attempts: number, baseSeconds: number, maxSeconds: number): number {
  return Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

const isMessage = (body: unknown): body is OutboxMessage =>
  typeof body === 'object' && body !== null && typeof (body as OutboxMessage).site === 'string' && typeof (body as OutboxMessage).key === 'string' && typeof (body as OutboxMessage).id === 'string';

export async function handleTentimesBatch(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const dead = batch.queue === TENTIMES_DEAD_LETTER_QUEUE;
  for (const message of batch.messages) {
    try {
      if (!isMessage(message.body)) {
        console.error(`10times queue=${batch.queue}: dropped a message that is not { site, key, id } (id ${message.id})`);
        message.ack();
      } else if (dead) {
        await recordDeadLetter(message.body, message.attempts, env);
        message.ack();
      } else {
        await deliver(message as Message<OutboxMessage>, env);
      }
    } catch (error) {
      // Our own failure (the outbox unreachable, a bad config): the queue tries again later.
      console.error(`10times queue=${batch.queue} id=${message.id}: ${error instanceof Error ? `${error.name}: ${error.message}` : 'failed'}`);
      message.retry({ delaySeconds: 30 });
    }
  }
}

async function deliver(message: Message<OutboxMessage>, env: Bindings): Promise<void> {
  const { site: siteId, key, id } = message.body;
  const config = readConfig(env);
  const settings = config.tentimes;
  const outbox = outboxFor(env, siteId);
  const log = (what: string) => console.log(`10times site=${siteId} key=${key} attempt=${message.attempts}: ${what}`);

  const giveUp = async (reason: string) => {
    await outbox.settle({ key, id }, { outcome: 'dead', reason });
    await env.TENTIMES_DEAD_LETTERS.send({ site: siteId, key, id, reason } satisfies OutboxMessage, { contentType: 'json' });
    log(`dead-lettered: ${reason}`);
    message.ack();
  };

  const claim = await outbox.claim({ key, id });
  if (claim.action === 'skip') {
    log(`nothing to send (${claim.status})`);
    message.ack();
    return;
  }
  if (claim.action === 'wait') {
    message.retry({ delaySeconds: claim.seconds });
    return;
  }

  // SITES first, then the console's site directory.
  const site = (await resolveSite(env, config, siteId))?.site;
  if (!site?.tentimes) return giveUp('the site no longer has the 10times option');
  const form = registrationForm(site.tentimes, claim.attendee, {
    orderNo: `popin-${siteId}-${claim.userId}-${claim.eventId}`,
    datePurchased: localDateTime(claim.createdAt, site.timezone),
  });
  const result = await registerAttendee(settings, form);

  switch (result.kind) {
    case 'registered':
      await outbox.settle({ key, id }, { outcome: 'done', floorLink: result.floorLink });
      log('registered');
      message.ack();
      return;
    case 'rejected':
      return giveUp(`10times refused it (status 0): ${result.message}`);
    case 'unavailable': {
      // The outbox counts every attempt, also those of an earlier message the queue let expire.
      const attempts = Math.max(message.attempts, claim.attempts);
      if (attempts >= settings.maxAttempts) return giveUp(`10times gave no usable answer in ${attempts} attempts; last: ${result.detail}`);
      await outbox.settle({ key, id }, { outcome: 'retry', detail: `attempt ${attempts}: ${result.detail}` });
      const delaySeconds = retryDelaySeconds(attempts, settings.retryBaseSeconds, settings.maxRetryDelaySeconds);
      log(`10times unavailable (${result.detail}); retry in ${delaySeconds} s`);
      message.retry({ delaySeconds });
      return;
    }
  }
}

/** The platform gave up on a message (max_retries), or we sent it here ourselves: make sure the outbox says dead. */
async function recordDeadLetter(body: OutboxMessage, attempts: number, env: Bindings): Promise<void> {
  const reason = body.reason ?? `the queue gave up after its retries (delivery ${attempts} of the dead letter)`;
  await outboxFor(env, body.site).settle(body, { outcome: 'dead', reason });
  console.error(`10times site=${body.site} key=${body.key}: dead letter: ${reason}`);
}

/** "YYYY-MM-DD HH:MM:SS" in the site's zone, the document's datePurchased format. */
function localDateTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(new Date(ms));
}
