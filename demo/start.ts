// `npm start`: builds the widget, then runs the Popin simulator, the worker (wrangler dev)
// and the demo seller page on loopback, and prints where to open them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOCAL_ADMIN_SECRET, LOCAL_CONSOLE_KEY, LOCAL_TENTIMES_WEBHOOK_SECRET, startStack } from './stack';
import { siteWebhookSecret } from '../worker/src/tentimes/webhook-secret';

const root = fileURLToPath(new URL('..', import.meta.url));
const useDevVars = existsSync(`${root}worker/.dev.vars`);

// The project's build: the widget, the console and custom-elements.json (which vite alone does not write).
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });

const stack = await startStack({ useDevVars, demoTentimes: true, demoEnablex: true, log: process.env.LOG === '1' });
console.log(`
popin-booking is running${useDevVars ? ' with worker/.dev.vars (your Popin account)' : ' on the Popin simulator'}:

  Demo seller page   ${stack.demoUrl}
  Shareable slots    ${stack.workerUrl}/s/demo
  Worker API         ${stack.workerUrl}/v1/sites/demo/slots   (OpenAPI: ${stack.workerUrl}/openapi.json)
  Popin simulator    ${stack.simulatorUrl}/__sim/state
  10times simulator  ${stack.tentimesUrl}/__sim/state   (registrations; POST /__sim/push sends an example lead)
  10times outbox     ${stack.workerUrl}/admin/tentimes   (Authorization: Bearer ${useDevVars ? '<your ADMIN_SECRET>' : LOCAL_ADMIN_SECRET})
  10times webhook    ${stack.workerUrl}/v1/sites/demo/hooks/10times/${useDevVars ? '<npm run webhook-url -- <worker url> demo>' : await siteWebhookSecret(LOCAL_TENTIMES_WEBHOOK_SECRET, 'demo')}
  PGi simulator      ${stack.pgiUrl}/__sim/state
  EnableX simulator  ${new URL(stack.enablexUrl).origin}/__sim/state
  Element manifest   ${stack.workerUrl}/custom-elements.json
  Seller console     ${stack.workerUrl}/console
  Console sign-in    ${useDevVars ? `${stack.workerUrl}/console  (your CONSOLE_KEYS key)` : `${stack.workerUrl}/console#key=${LOCAL_CONSOLE_KEY}&site=demo`}   (local key; the operator signs in with the admin secret)

Press Ctrl+C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stack.stop().then(() => process.exit(0));
  });
}
