import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import type { AuthenticatedRequest } from './authenticate.middleware';
import { BrowserSignIn, SIGN_IN_WINDOW_MS } from './browser-sign-in.service';
import { Public } from './roles';
import { cookieOptions, readCookie } from './session-cookies';

/** The browser's way in and out; everything else the browser calls is the API, with the session cookie. */
@ApiTags('auth')
@Controller('auth')
export class BrowserSignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BrowserSignIn) private readonly signIn: BrowserSignIn,
  ) {}

  @Get('login')
  @Public()
  @ApiOperation({ summary: "Sends the browser to the identity provider's sign-in" })
  @ApiQuery({ name: 'returnTo', required: false, description: 'A path of this site to come back to' })
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    const session = this.config.oidc.session;
    const { authorizationUrl, state } = await this.signIn.begin(req.query.returnTo);
    res.cookie(session.signInCookie, state, { ...cookieOptions(session), maxAge: SIGN_IN_WINDOW_MS });
    res.setHeader('cache-control', 'no-store');
    res.redirect(303, authorizationUrl.href);
  }

  @Get('callback')
  @Public()
  @ApiOperation({ summary: 'Where the identity provider sends the browser back; opens the session' })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const session = this.config.oidc.session;
    const query = new URL(req.originalUrl, this.config.publicUrl).searchParams;
    // The attempt is used up whatever happens: a failed callback is started again from /auth/login.
    res.clearCookie(session.signInCookie, cookieOptions(session));
    const { token, returnTo } = await this.signIn.complete(
      query,
      readCookie(req, session.signInCookie),
      req.header('user-agent') ?? null,
      req.header('x-request-id') ?? null,
    );
    res.cookie(session.cookie, token, cookieOptions(session));
    res.setHeader('cache-control', 'no-store');
    res.redirect(303, returnTo);
  }

  @Post('logout')
  @Public()
  @ApiOperation({
    summary:
      "Ends the browser's session and sends it to the provider's end-session endpoint (JSON callers get { redirectTo })",
  })
  async logout(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const session = this.config.oidc.session;
    const next = await this.signIn.end(req.principal, req.header('x-request-id') ?? null);
    res.clearCookie(session.cookie, cookieOptions(session));
    res.setHeader('cache-control', 'no-store');
    if (req.accepts(['html', 'json']) === 'json') res.status(200).json({ redirectTo: next });
    else res.redirect(303, next);
  }
}
