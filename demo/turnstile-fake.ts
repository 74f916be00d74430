/**
 * A local stand-in for Turnstile's siteverify: the token decides the answer, as Cloudflare's
 * documented test keys do. "pass…" succeeds, "fail…" fails; `mode` makes the service itself
 * misbehave. Requests are recorded so tests can check what the worker sent. The worker tests
 * answer the worker's fetches with it in workerd; demo/stack.ts serves it for site "guarded".
 */
export type TurnstileMode = 'ok' | 'down' | 'hang' | 'garbage';

export const turnstile = {
  mode: 'ok' as TurnstileMode,
  requests: [] as Array<Record<string, string>>,
  reset() {
    this.mode = 'ok';
    this.requests.length = 0;
  },
  async fetch(request: Request): Promise<Response> {
    const form = Object.fromEntries(new URLSearchParams(await request.text()));
    this.requests.push(form);
    if (this.mode === 'down') return Response.json({ error: 'unavailable' }, { status: 503 });
    if (this.mode === 'garbage') return new Response('<html>', { status: 200 });
    if (this.mode === 'hang') {
      return new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
    }
    const success = form.response?.startsWith('pass') ?? false;
    return Response.json({ success, 'error-codes': success ? [] : ['invalid-input-response'] });
  },
};
