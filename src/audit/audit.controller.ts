import { Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import { Page, pageQuery, uuidId } from '../common/cursor';
import { Endpoint, Resource } from '../common/endpoint';
import { pageView } from '../common/openapi';
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

@Resource('api/v1/audit', { tag: 'audit', roles: ['admin', 'auditor'] })
export class AuditController {
  constructor(
    @Inject(AuditTrailService) private readonly trail: AuditTrailService,
    @Inject(AuditChainService) private readonly chain: AuditChainService,
  ) {}

  @Endpoint('GET', 'verify', {
    summary: 'Recompute the hash chain of the whole trail and name the first broken entry, if any',
    response: chainVerdictView,
  })
  verify(): Promise<ChainVerdict> {
    return this.chain.verify();
  }

  @Endpoint('GET', '', {
    summary:
      'The append-only audit trail, oldest first (order=desc: newest first), filtered by object, actor, action, session (via: `session:<id>` or the bare id) and time',
    query: auditQuery,
    response: pageView(auditEntryView),
  })
  list(@Query() q: z.infer<typeof auditQuery>): Promise<Page<AuditView>> {
    return this.trail.list(q);
  }
}
