import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger';
import { Authenticator } from './authenticator';
import { MeController } from './me.controller';
import { OidcIssuer } from './oidc-issuer';

/** Sign-in through the organisation's OpenID Provider, and who the caller is. */
@Module({
  imports: [LedgerModule],
  controllers: [MeController],
  providers: [OidcIssuer, Authenticator],
  exports: [Authenticator],
})
export class AuthModule {}
