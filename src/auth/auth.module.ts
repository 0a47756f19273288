import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { LedgerModule } from '../ledger';
import { Authenticator } from './authenticator';
import { BrowserSignInController } from './browser-sign-in.controller';
import { BrowserSignIn } from './browser-sign-in.service';
import { MeController } from './me.controller';
import { OidcIssuer } from './oidc-issuer';
import { SessionRepository } from './session.repository';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** Sign-in through the organisation's OpenID Provider (bearer tokens, browser sessions), and who the caller is. */
@Module({
  imports: [LedgerModule, AuditModule],
  controllers: [MeController, BrowserSignInController, SessionsController],
  providers: [OidcIssuer, Authenticator, SessionRepository, SessionsService, BrowserSignIn],
  exports: [Authenticator, SessionsService],
})
export class AuthModule {}
