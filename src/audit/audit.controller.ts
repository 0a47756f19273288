import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/roles';
import { Page, pageQuery, uuidId } from '../common/cursor';
import { ZodQuery } from '../common/zod-query.decorator';
import { AuditChainService, ChainVerdict } from './audit-chain.service';
import { AuditTrailService, AuditView } from './audit-trail.service';

const auditQuery = z.strictObject({
  campaignId: uuidId('not a campaign id').optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(200).optional(),
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
  verify(): Promise<ChainVerdict> {
    return this.chain.verify();
  }

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'The append-only audit trail, oldest first' })
  list(@ZodQuery(auditQuery) q: z.infer<typeof auditQuery>): Promise<Page<AuditView>> {
    return this.trail.list(q);
  }
}
