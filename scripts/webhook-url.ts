// `npm run webhook-url -- <worker url> <site>`: the URL a seller pastes into 10times' Push API
// settings for one site, with that site's own secret derived from TENTIMES_WEBHOOK_SECRET (read
// from the environment, never from an argument, so it stays out of the shell history).
// Sites with their own tentimes.webhookSecret in SITES use that one instead.
import { siteWebhookSecret } from '../worker/src/tentimes/webhook-secret';

const [workerUrl, site] = process.argv.slice(2);
const shared = process.env.TENTIMES_WEBHOOK_SECRET;
if (!workerUrl || !site || !shared) {
  console.error('Usage: TENTIMES_WEBHOOK_SECRET=… npm run webhook-url -- https://booking.example.com <site>');
  process.exit(2);
}
console.log(`${workerUrl.replace(/\/+$/, '')}/v1/sites/${encodeURIComponent(site)}/hooks/10times/${await siteWebhookSecret(shared, site)}`);
