/**
 * Who is calling: CF-Connecting-IP, which Cloudflare sets on every request and a client
 * cannot override. X-Forwarded-For is never read: anyone can write anything in it.
 * Without the header (only in local runs) all callers share one bucket.
 */
export function clientAddress(headers: { header(name: string): string | undefined }): string {
  const address = headers.header('CF-Connecting-IP') ?? '';
  return /^[0-9A-Fa-f:.]{2,45}$/.test(address) ? address.toLowerCase() : 'unknown';
}

/**
 * The groups a client's allowance is counted in. One IPv6 /64 is what a single home, phone or
 * VM is given, so it counts as one client (`client`); a /48 is what one site or small provider
 * customer holds, and gets a coarser ceiling (`network`) so that a bot cannot buy 65,536
 * allowances with one /48. IPv4 (and IPv4-mapped IPv6) counts per address; `network` is then
 * the same address.
 */
export interface ClientGroups {
  /** Per-client bucket key: "4:<a.b.c.d>", "6:<first four groups>" (/64), or "unknown". */
  client: string;
  /** Ceiling bucket key: "6:<first three groups>" (/48); for IPv4 the address itself. */
  network: string;
}

export function clientGroups(address: string): ClientGroups {
  const v4 = ipv4(address);
  if (v4) return { client: `4:${v4}`, network: `4:${v4}` };
  const groups = ipv6Groups(address);
  if (!groups) return { client: 'unknown', network: 'unknown' };
  // ::ffff:a.b.c.d and ::ffff:XXXX:XXXX are IPv4 addresses: counted as such.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const mapped = `${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
    return { client: `4:${mapped}`, network: `4:${mapped}` };
  }
  const hex = groups.map((group) => group.toString(16));
  return { client: `6:${hex.slice(0, 4).join(':')}`, network: `6:${hex.slice(0, 3).join(':')}` };
}

function ipv4(address: string): string | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.map(Number).join('.');
}

/** The eight 16-bit groups of an IPv6 address (with "::" and a trailing dotted IPv4), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  if (!address.includes(':') || address.length > 45) return undefined;
  let text = address;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    // A dotted IPv4 tail is two groups written differently.
    const v4 = ipv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (half: string) => (half === '' ? [] : half.split(':'));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (![...head, ...rest].every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
  const zeros = halves.length === 2 ? new Array<string>(8 - given).fill('0') : [];
  return [...head, ...zeros, ...rest].map((group) => parseInt(group, 16));
}
