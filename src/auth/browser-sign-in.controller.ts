import { Headers, Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Endpoint, Resource } from '../common/endpoint';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { BrowserSignIn, SIGN_IN_WINDOW_MS } from './browser-sign-in.service';
import { CurrentPrincipal } from './principal.decorator';
import type { Principal } from './roles';
import { cookieOptions, readCookie } from './session-cookies';

// Where to come back to is checked by the sign-in itself (a path of this site, else the home page).
const loginQuery = z.object({
  returnTo: z.unknown().optional().describe('A path of this site to come back to'),
});

/** The browser's way in and out; everything else the browser calls is the API, with the session cookie. */
@Resource('auth', { tag: 'auth', public: true })
export class BrowserSignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BrowserSignIn) private readonly signIn: BrowserSignIn,
  ) {}

  @Endpoint('GET', 'login', {
    summary: "Sends the browser to the identity provider's sign-in",
    query: loginQuery,
  })
  async login(@Query() query: z.infer<typeof loginQuery>, @Res() res: Response): Promise<void> {
    const session = this.config.oidc.session;
    const { authorizationUrl, state } = await this.signIn.begin(query.returnTo);
    res.cookie(session.signInCookie, state, { ...cookieOptions(session), maxAge: SIGN_IN_WINDOW_MS });
    res.setHeader('cache-control', 'no-store');
    res.redirect(303, authorizationUrl.href);
  }

  @Endpoint('GET', 'callback', {
    summary: 'Where the identity provider sends the browser back; opens the session',
  })
  async callback(
    @Req() req: Request,
    @Headers('user-agent') userAgent: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const session = this.config.oidc.session;
    const query = new URL(req.originalUrl, this.config.publicUrl).searchParams;
    // The attempt is used up whatever happens: a failed callback is started again from /auth/login.
    res.clearCookie(session.signInCookie, cookieOptions(session));
    const { token, returnTo } = await this.signIn.complete(
      query,
      readCookie(req, session.signInCookie),
      userAgent ?? null,
    );
    res.cookie(session.cookie, token, cookieOptions(session));
    res.setHeader('cache-control', 'no-store');
    res.redirect(303, returnTo);
  }

  @Endpoint('POST', 'logout', {
    summary:
      "Ends the browser's session and sends it to the provider's end-session endpoint (JSON callers get { redirectTo })",
  })
  async logout(
    // Signing out without a session (it has ended already) still clears the cookie and leaves.
    @CurrentPrincipal() principal: Principal | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const session = this.config.oidc.session;
    const next = await this.signIn.end(principal);
    res.clearCookie(session.cookie, cookieOptions(session));
    res.setHeader('cache-control', 'no-store');
    if (req.accepts(['html', 'json']) === 'json') res.status(200).json({ redirectTo: next });
    else res.redirect(303, next);
  }
}
