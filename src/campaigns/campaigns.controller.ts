import { Body, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { Page } from '../common/cursor';
import { Endpoint, Resource } from '../common/endpoint';
import { reviewItemPageView, reviewItemView, ReviewItemView } from './review-item.view';
import {
  campaignIdParam,
  CampaignItemsQuery,
  CampaignPreview,
  CampaignPreviewBody,
  campaignPreviewSchema,
  campaignPreviewView,
  campaignItemsQuery,
  ReassignBody,
  reassignSchema,
  ResetDelegationBody,
  resetDelegationSchema,
  CreateCampaign,
  createCampaignSchema,
  ListCampaignsQuery,
  listCampaignsQuery,
} from './campaign.schema';
import { campaignPageView, CampaignView, campaignView } from './campaign.view';
import { CampaignAction, CampaignsService } from './campaigns.service';

const params = { id: campaignIdParam };
const handedOverView = z.object({ items: z.array(reviewItemView) });

@Resource('api/v1/campaigns', { tag: 'campaigns' })
export class CampaignsController {
  constructor(@Inject(CampaignsService) private readonly campaigns: CampaignsService) {}

  @Endpoint('POST', '', {
    roles: ['admin'],
    summary: 'Create and launch a campaign (Idempotency-Key honoured)',
    body: createCampaignSchema,
    responses: {
      201: { schema: campaignView, description: 'Launched' },
      200: { schema: campaignView, description: 'Launched before with this Idempotency-Key' },
    },
  })
  async create(
    @Body() body: CreateCampaign,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CampaignView> {
    const { created, campaign } = await this.campaigns.launch(body, principal, idempotencyKey);
    res.status(created ? 201 : 200).location(`/api/v1/campaigns/${campaign.id}`);
    return campaign;
  }

  @Endpoint('POST', 'preview', {
    roles: ['admin'],
    summary:
      'How many items and reviewers a campaign with this scope and strategy would select (the launch SQL)',
    body: campaignPreviewSchema,
    status: 200,
    response: campaignPreviewView,
  })
  preview(
    @Body() body: CampaignPreviewBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CampaignPreview> {
    return this.campaigns.preview(body, principal);
  }

  @Endpoint('GET', '', {
    roles: ['admin', 'auditor'],
    summary: 'List campaigns, newest first; filtered by status, ownerKey and q (in the title or number)',
    query: listCampaignsQuery,
    response: campaignPageView,
  })
  list(@Query() query: ListCampaignsQuery): Promise<Page<CampaignView>> {
    return this.campaigns.list(query);
  }

  @Endpoint('GET', ':id', { roles: ['admin', 'auditor'], params, response: campaignView })
  get(@Param('id') id: string): Promise<CampaignView> {
    return this.campaigns.get(id);
  }

  @Endpoint('DELETE', ':id', {
    roles: ['admin'],
    summary: 'Delete a closed or cancelled campaign with its items and remediations (the audit trail stays)',
    params,
    status: 204,
  })
  async remove(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    await this.campaigns.delete(id, p);
  }

  @Endpoint('POST', ':id/pause', { roles: ['admin'], params, status: 200, response: campaignView })
  pause(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.act(id, 'pause', p);
  }

  @Endpoint('POST', ':id/resume', { roles: ['admin'], params, status: 200, response: campaignView })
  resume(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.act(id, 'resume', p);
  }

  @Endpoint('POST', ':id/finalize', {
    roles: ['admin'],
    summary: 'Finalize now: undecided items follow the onDueDate rule, then the campaign closes',
    params,
    status: 200,
    response: campaignView,
  })
  finalize(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.act(id, 'finalize', p);
  }

  @Endpoint('POST', ':id/cancel', { roles: ['admin'], params, status: 200, response: campaignView })
  cancel(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.act(id, 'cancel', p);
  }

  @Endpoint('POST', ':id/reminders', {
    roles: ['admin'],
    summary: 'Send reminders now to every reviewer with undecided items',
    params,
    status: 200,
    response: z.object({ sent: z.number().int() }),
  })
  remind(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.campaigns.remindNow(id, p);
  }

  @Endpoint('GET', ':id/items', {
    roles: ['admin', 'auditor'],
    summary: "A campaign's items (filter status=reassign for the reassignment queue)",
    params,
    query: campaignItemsQuery,
    response: reviewItemPageView,
  })
  items(@Param('id') id: string, @Query() query: CampaignItemsQuery): Promise<Page<ReviewItemView>> {
    return this.campaigns.items(id, query);
  }

  @Endpoint('POST', ':id/reassign', {
    roles: ['admin'],
    summary: 'Give open items another responsible reviewer (the accountable one stays)',
    params,
    body: reassignSchema,
    status: 200,
    response: handedOverView,
  })
  reassign(@Param('id') id: string, @Body() body: ReassignBody, @CurrentPrincipal() p: Principal) {
    return this.campaigns.handOver(id, body.itemIds, body.to, p);
  }

  @Endpoint('POST', ':id/reset-delegation', {
    roles: ['admin'],
    summary: 'Give open items back to their accountable reviewer',
    params,
    body: resetDelegationSchema,
    status: 200,
    response: handedOverView,
  })
  resetDelegation(
    @Param('id') id: string,
    @Body() body: ResetDelegationBody,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.campaigns.handOver(id, body.itemIds, null, p);
  }

  private act(id: string, action: CampaignAction, principal: Principal): Promise<CampaignView> {
    return this.campaigns.act(id, action, principal);
  }
}
