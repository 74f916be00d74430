/**
 * base64url without padding, for tokens, console sessions and sealed site secrets: one
 * encoder and one decoder, so every signed or sealed value has exactly one spelling.
 */

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  // Global replaces, not /=+$/: linear whatever the input.
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '');
}

/**
 * Decodes canonical base64url only, else undefined. atob ignores the unused low bits of the
 * last character, so "…A" and "…B" can decode to the same bytes: without this check a signature
 * would have several spellings that all verify (found by the property tests on tokens).
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return toBase64Url(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}
