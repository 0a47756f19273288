import { Inject } from '@nestjs/common';
import { z } from 'zod';
import { Endpoint, Resource } from '../common/endpoint';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';

export const itsmInstanceView = z.object({
  code: z.string(),
  kind: z.enum(['servicenow', 'jira']),
  url: z.url(),
});

/** The configured ITSM instances a campaign may send tickets to; their credentials never leave the server. */
@Resource('api/v1/itsm-instances', { tag: 'remediations' })
export class ItsmInstancesController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Endpoint('GET', '', {
    roles: ['admin', 'auditor'],
    summary: 'The ITSM instances configured (RECERT_ITSM_INSTANCES), without their credentials',
    response: z.array(itsmInstanceView),
  })
  list(): z.infer<typeof itsmInstanceView>[] {
    return this.config.remediation.itsm.map((i) => ({ code: i.code, kind: i.kind, url: i.url }));
  }
}
