import { Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { DomainError } from '../common/domain-error';
import { Endpoint, Resource } from '../common/endpoint';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { EMBEDDED } from '../config/oidc.config';
import { DEMO_PATH } from './demo-files';
import { DemoService } from './demo.service';

const demoQuery = z.strictObject({
  returnTo: z
    .string()
    .regex(
      new RegExp(`^${EMBEDDED.path}/interaction/[\\w-]{1,100}$`),
      'a sign-in page of the development provider',
    )
    .optional()
    .describe('The sign-in page to show again once the demo is loaded (303); without it, JSON'),
});
type DemoQuery = z.infer<typeof demoQuery>;

const demoLoadedView = z.object({
  ms: z.number().int().describe('How long the load took, in milliseconds'),
  campaigns: z.object({ closed: z.uuid(), active: z.uuid() }),
  policyId: z.string(),
  personas: z.array(z.object({ key: z.string(), displayName: z.string(), role: z.string() })),
});

const crossSite = (detail: string) =>
  new DomainError(403, 'csrf-refused', 'Cross-site request refused', detail);

/**
 * Loads the demo organisation. Nobody can sign in before it is loaded, so anyone may call it — but only
 * on the embedded development provider (anyone may sign in as anyone there anyway), outside production,
 * while the ledger is empty, and never from another site's page.
 */
@Resource(DEMO_PATH.slice(1), { tag: 'demo', public: true })
export class DemoController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DemoService) private readonly demo: DemoService,
  ) {}

  @Endpoint('POST', '', {
    summary: 'Loads the demo organisation into an empty ledger (embedded development provider only)',
    description:
      '404 where the demo is not offered (OIDC_ISSUER set, or NODE_ENV=production); 409 once the ledger holds anything.',
    query: demoQuery,
    response: demoLoadedView,
    status: 200,
  })
  async load(
    @Query() query: DemoQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<z.infer<typeof demoLoadedView> | undefined> {
    this.refuseCrossSite(req);
    const loaded = await this.demo.load();
    res.setHeader('cache-control', 'no-store');
    if (query.returnTo) {
      res.redirect(303, query.returnTo);
      return undefined;
    }
    res.status(200);
    return loaded;
  }

  /** A form on another site's page must not load it into someone's empty development instance. */
  private refuseCrossSite(req: Request): void {
    const site = req.header('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') {
      throw crossSite(`A demo load sent from another site (${site}) is not accepted.`);
    }
    const origin = req.header('origin');
    if (origin && origin !== 'null' && origin !== new URL(this.config.publicUrl).origin) {
      throw crossSite(`A demo load sent from ${origin} is not accepted.`);
    }
  }
}
