// The bench's floor (npm run bench, scripts/bench/floor.ts): the least a Hono worker on
// workerd can do for one JSON route, under the same wrangler dev as ours. It answers the general
// slots path with the very body our worker served (given as FLOOR_BODY), parsed once and
// serialised per request as any c.json route does. No site, CORS, rate limit or cache: what our
// worker costs beyond this is ours.
import { Hono } from 'hono';

type Env = { Bindings: { FLOOR_BODY: string } };

let body: unknown;
const app = new Hono<Env>();
app.get('/v1/sites/:site/slots', (c) => c.json((body ??= JSON.parse(c.env.FLOOR_BODY))));
app.get('/healthz', (c) => c.json({ ok: true }));

export default app;
