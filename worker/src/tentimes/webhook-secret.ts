/**
 * The push webhook's path secret of one site. With only the shared TENTIMES_WEBHOOK_SECRET set,
 * each site's secret is HMAC-SHA-256(shared, "10times-webhook:v1:<site>") in base64url: every
 * seller pastes a different secret into their 10times dashboard, and knowing one site's secret
 * says nothing about another's. `npm run webhook-url -- <worker url> <site>` prints a site's URL.
 * Web Crypto only: the worker, the demo and the scripts share this one function.
 */
export async function siteWebhookSecret(shared: string, site: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(shared), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`10times-webhook:v1:${site}`)));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '');
}
