/**
 * Who is calling: CF-Connecting-IP, which Cloudflare sets on every request and a client
 * cannot override. X-Forwarded-For is never read: anyone can write anything in it.
 * Without the header (only in local runs) all callers share one bucket.
 */
export function clientAddress(headers: { header(name: string): string | undefined }): string {
  const address = headers.header('CF-Connecting-IP') ?? '';
  return /^[0-9A-Fa-f:.]{2,45}$/.test(address) ? address.toLowerCase() : 'unknown';
}
