import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/roles';
import { Page, pageQuery, uuidId } from '../common/cursor';
import { openApiResponse, pageView } from '../common/openapi';
import { ZodQuery } from '../common/zod-query.decorator';
import { auditEntryView, chainVerdictView } from './audit.view';
import { AuditChainService, ChainVerdict } from './audit-chain.service';
import { AuditTrailService, AuditView } from './audit-trail.service';

const auditQuery = z.strictObject({
  campaignId: uuidId('not a campaign id').optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  via: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...pageQuery,
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    @Inject(AuditTrailService) private readonly trail: AuditTrailService,
    @Inject(AuditChainService) private readonly chain: AuditChainService,
  ) {}

  @Get('verify')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'Recompute the hash chain of the whole trail and name the first broken entry, if any',
  })
  @ApiOkResponse({ schema: openApiResponse(chainVerdictView) })
  verify(): Promise<ChainVerdict> {
    return this.chain.verify();
  }

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary:
      'The append-only audit trail, oldest first (order=desc: newest first), filtered by object, actor, action, session (via: `session:<id>` or the bare id) and time',
  })
  @ApiOkResponse({ schema: openApiResponse(pageView(auditEntryView)) })
  list(@ZodQuery(auditQuery) q: z.infer<typeof auditQuery>): Promise<Page<AuditView>> {
    return this.trail.list(q);
  }
}
