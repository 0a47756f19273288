import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import * as client from 'openid-client';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';

/** After a failed discovery, the next request tries again no sooner than this. */
const RETRY_DISCOVERY_MS = 5_000;

interface Discovered {
  /** Recert as a client of the provider (endpoints, client credentials), for the browser sign-in. */
  configuration: client.Configuration;
  keys: JWTVerifyGetKey;
}

/**
 * The OpenID Provider as discovered at `<issuer>/.well-known/openid-configuration`, on first use (the
 * embedded provider is served by this very process, and a production provider may be down at boot). The
 * key set is kept; the JWKS is downloaded again when a token names a key it lacks, at most once per
 * OIDC_JWKS_MIN_REFRESH.
 */
@Injectable()
export class OidcIssuer {
  private discovered?: Promise<Discovered>;
  private failedAt = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async keys(): Promise<JWTVerifyGetKey> {
    return (await this.discover()).keys;
  }

  async configuration(): Promise<client.Configuration> {
    return (await this.discover()).configuration;
  }

  private discover(): Promise<Discovered> {
    if (this.discovered && (this.failedAt === 0 || Date.now() - this.failedAt < RETRY_DISCOVERY_MS)) {
      return this.discovered;
    }
    this.failedAt = 0;
    const oidc = this.config.oidc;
    const insecure = new URL(oidc.issuer).protocol === 'http:';
    this.discovered = client
      .discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret, undefined, {
        // Plain http only for a development or test issuer: in production, config validation allows it for a
        // loopback address alone.
        execute: insecure ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .then((configuration) => {
        const jwksUri = configuration.serverMetadata().jwks_uri;
        if (!jwksUri) throw new Error(`the issuer ${oidc.issuer} publishes no jwks_uri`);
        const keys = createRemoteJWKSet(new URL(jwksUri), {
          cooldownDuration: oidc.jwksMinRefreshSeconds * 1000,
          cacheMaxAge: 10 * 60_000,
          timeoutDuration: 5_000,
        });
        return { configuration, keys };
      });
    this.discovered.catch(() => (this.failedAt = Date.now()));
    return this.discovered;
  }
}
