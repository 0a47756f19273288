import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/roles';
import { openApiResponse } from '../common/openapi';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';

export const itsmInstanceView = z.object({
  code: z.string(),
  kind: z.enum(['servicenow', 'jira']),
  url: z.url(),
});

/** The configured ITSM instances a campaign may send tickets to; their credentials never leave the server. */
@ApiTags('remediations')
@ApiBearerAuth()
@Controller('api/v1/itsm-instances')
export class ItsmInstancesController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'The ITSM instances configured (RECERT_ITSM_INSTANCES), without their credentials',
  })
  @ApiOkResponse({ schema: openApiResponse(z.array(itsmInstanceView)) })
  list(): z.infer<typeof itsmInstanceView>[] {
    return this.config.remediation.itsm.map((i) => ({ code: i.code, kind: i.kind, url: i.url }));
  }
}
