import * as client from 'openid-client';

/** The cookies of one origin, as a browser keeps them for the length of a sign-in. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const insecure = (issuer: string) => (issuer.startsWith('http:') ? [client.allowInsecureRequests] : []);

/** What the development provider's sign-in form is sent: the identity and the roles ticked. */
export interface DevSignIn {
  identity: string;
  roles?: ('admin' | 'auditor')[];
}

/** The development provider refused the sign-in and said why (its sign-in page's alert). */
export class SignInRefused extends Error {}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The text of the page's alert, which is what a person at the page reads when a sign-in is refused. */
function alertOf(page: string): string | undefined {
  const alert = /<[^>]+role="alert"[^>]*>([^<]*)</.exec(page)?.[1];
  return alert?.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]).trim() || undefined;
}

/** The provider's sign-in page is where it sends a browser to pick who signs in (its interaction URL). */
const INTERACTION = /\/interaction\/[\w-]+$/;

/**
 * Walks the development provider's sign-in page the way a browser does (redirects, cookies, the form)
 * from `authorizationUrl` until the provider sends the browser to `redirectUri`; returns that URL. With a
 * session at the provider, it goes there without the page.
 */
export async function walkDevSignIn(
  authorizationUrl: URL,
  redirectUri: string,
  who: DevSignIn,
  /** The provider's cookies: a jar kept from an earlier sign-in carries its session. */
  jar = new CookieJar(),
): Promise<URL> {
  let url = authorizationUrl;
  let method = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.href.startsWith(redirectUri)) return url;
    const res = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    jar.store(res);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      continue;
    }
    const page = await res.text();
    const refused = method === 'POST' ? alertOf(page) : undefined;
    if (refused) throw new SignInRefused(refused);
    if (res.status !== 200 || !INTERACTION.test(url.pathname) || method === 'POST') {
      throw new Error(`sign-in stopped at ${url.pathname} with ${res.status}: ${page.slice(0, 300)}`);
    }
    // Posted as the page's form is, whether or not the page lists the identity: the provider says why not.
    const form = new URLSearchParams({ identity: who.identity });
    for (const role of who.roles ?? []) form.append('role', role);
    method = 'POST';
    body = form.toString();
  }
  throw new Error('sign-in did not finish within 20 redirects');
}

/**
 * A person's access token from the development provider, obtained as a command line obtains one from
 * any provider: Authorization Code with PKCE as a public client, the code read from the loopback redirect.
 */
export async function devPersonToken(
  issuer: string,
  clientId: string,
  who: DevSignIn,
  /** The provider's cookies, kept by a caller that signs in again with the same session. */
  jar = new CookieJar(),
  redirectUri = 'http://127.0.0.1/callback',
): Promise<string> {
  const config = await client.discovery(new URL(issuer), clientId, undefined, client.None(), {
    execute: insecure(issuer),
  });
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const callback = await walkDevSignIn(authorizationUrl, redirectUri, who, jar);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  return tokens.access_token;
}

/** A machine client's access token (client credentials), from any provider. */
export async function clientCredentialsToken(
  issuer: string,
  clientId: string,
  clientSecret: string,
): Promise<string> {
  const config = await client.discovery(new URL(issuer), clientId, clientSecret, undefined, {
    execute: insecure(issuer),
  });
  return (await client.clientCredentialsGrant(config)).access_token;
}

/**
 * Tokens kept by what they were asked for, for as long as the caller runs (they live an hour): each is
 * obtained once; one that could not be obtained is asked for again next time.
 */
export function tokenCache(): (key: string, obtain: () => Promise<string>) => Promise<string> {
  const tokens = new Map<string, Promise<string>>();
  return (key, obtain) => {
    let token = tokens.get(key);
    if (!token) {
      token = obtain();
      tokens.set(key, token);
      token.catch(() => tokens.delete(key));
    }
    return token;
  };
}
