import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/roles';
import { decodeCursor, Page, pageById, pageQuery, serialIdCursor, uuidId } from '../common/cursor';
import { ZodQuery } from '../common/zod-query.decorator';
import { Database } from '../database/database';
import { AuditChainService, ChainVerdict } from './audit-chain.service';
import { AuditRepository } from './audit.repository';

const auditQuery = z.strictObject({
  campaignId: uuidId('not a campaign id').optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(200).optional(),
  ...pageQuery,
});

function toAuditView(r: Awaited<ReturnType<AuditRepository['list']>>[number]) {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    campaignId: r.campaign_id,
    before: r.before,
    after: r.after,
    requestId: r.request_id,
    seq: r.seq,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
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
  async list(
    @ZodQuery(auditQuery) q: z.infer<typeof auditQuery>,
  ): Promise<Page<ReturnType<typeof toAuditView>>> {
    const after = decodeCursor(q.cursor, serialIdCursor);
    const rows = await this.db.run((sql) =>
      this.audit.list(sql, { ...q, afterId: after?.id, limit: q.limit + 1 }),
    );
    return pageById(rows, q.limit, toAuditView);
  }
}
