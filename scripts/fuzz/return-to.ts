/**
 * `returnTo` values of `/auth/login` that try to send the browser elsewhere after sign-in: other origins
 * written every way a URL parser accepts, and paths that only become `//host` once the parser has dropped
 * tabs and newlines, turned backslashes into slashes or resolved dot segments (encoded ones included).
 * `site` is the API's public URL, for the look-alikes of its own origin.
 */
export function returnToFamily(site: string): string[] {
  const host = new URL(site).host;
  return [
    '//evil.test',
    '//evil.test/phish',
    '///evil.test',
    '////evil.test',
    'https://evil.test/',
    'http://evil.test/phish',
    'https:evil.test',
    'https:/evil.test',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'evil.test',
    ' //evil.test',
    `${site}.evil.test/`,
    `${site}@evil.test/`,
    `//${host}@evil.test/`,
    '/\\evil.test',
    '/\\/evil.test',
    '\\\\evil.test',
    '\\/evil.test',
    '/.\\evil.test',
    '/\t/evil.test',
    '/\n/evil.test',
    '/\r\n/evil.test',
    '/.\t//evil.test',
    '/\u0000//evil.test',
    '/.//evil.test',
    '/..//evil.test',
    '/./..//evil.test',
    '/a/..//evil.test',
    '/a/b/../..//evil.test',
    '/a/../..//evil.test',
    '/%2e//evil.test',
    '/%2E%2E//evil.test',
    '/.%2e//evil.test',
    '/a/%2e%2e//evil.test',
    '/%2e%2e/%2e%2e//evil.test',
    '/%2f/evil.test',
    '/%2F%2Fevil.test',
    '/%5cevil.test',
    '/%5C%5Cevil.test',
    '/%252e//evil.test',
    '/%09/evil.test',
    '/\uff0f\uff0fevil.test',
    '/\u3002/evil.test',
    '/;@evil.test',
    '/?next=//evil.test',
    '/#//evil.test',
    `/${'a'.repeat(3_000)}`,
    `//evil.test/${'a'.repeat(3_000)}`,
    `/${'./'.repeat(1_500)}/evil.test`,
    `/${'a'.repeat(20_000)}`,
  ];
}

/**
 * Why a target the sign-in stored or sent back (a Location header) would take the browser off `site`, if
 * it would: resolved as a browser resolves it, it must stay on the site's origin, and be a path that
 * starts with a single `/`.
 */
export function returnToViolation(target: string, site: string): string | undefined {
  const shown = JSON.stringify(target.length > 80 ? `${target.slice(0, 80)}…` : target);
  let resolved: URL;
  try {
    resolved = new URL(target, site);
  } catch {
    return `${shown} is not a URL`;
  }
  if (resolved.origin !== new URL(site).origin) return `${shown} leaves for ${resolved.origin}`;
  if (!/^\/(?![/\\])/.test(target)) return `${shown} is not a path starting with one /`;
  return undefined;
}
