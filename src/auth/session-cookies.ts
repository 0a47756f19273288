import { parse } from 'cookie';
import type { CookieOptions, Request } from 'express';
import type { SessionConfig } from '../config/oidc.config';

/** Out of reach of the page's scripts, sent on top-level navigations back from the provider, not cross-site posts. */
export const cookieOptions = (session: SessionConfig): CookieOptions => ({
  httpOnly: true,
  sameSite: 'lax',
  secure: session.secure,
  path: '/',
});

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  return header ? parse(header)[name] : undefined;
}
