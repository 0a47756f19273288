import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal, Roles } from '../auth/roles';
import { Page } from '../common/cursor';
import { openApiResponse, openApiSchema } from '../common/openapi';
import { ZodQuery } from '../common/zod-query.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
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

const idPipe = new ZodValidationPipe(campaignIdParam);
const handedOverView = z.object({ items: z.array(reviewItemView) });

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/v1/campaigns')
export class CampaignsController {
  constructor(@Inject(CampaignsService) private readonly campaigns: CampaignsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create and launch a campaign (Idempotency-Key honoured)' })
  @ApiBody({ schema: openApiSchema(createCampaignSchema) })
  @ApiCreatedResponse({ schema: openApiResponse(campaignView), description: 'Launched' })
  @ApiOkResponse({
    schema: openApiResponse(campaignView),
    description: 'Launched before with this Idempotency-Key',
  })
  async create(
    @Body(new ZodValidationPipe(createCampaignSchema)) body: CreateCampaign,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CampaignView> {
    const { created, campaign } = await this.campaigns.launch(
      body,
      principal,
      req.header('idempotency-key'),
      req.header('x-request-id'),
    );
    res.status(created ? 201 : 200).location(`/api/v1/campaigns/${campaign.id}`);
    return campaign;
  }

  @Post('preview')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'How many items and reviewers a campaign with this scope and strategy would select (the launch SQL)',
  })
  @ApiBody({ schema: openApiSchema(campaignPreviewSchema) })
  @ApiOkResponse({ schema: openApiResponse(campaignPreviewView) })
  preview(
    @Body(new ZodValidationPipe(campaignPreviewSchema)) body: CampaignPreviewBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CampaignPreview> {
    return this.campaigns.preview(body, principal);
  }

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'List campaigns, newest first; filtered by status, ownerKey and q (in the title or number)',
  })
  @ApiOkResponse({ schema: openApiResponse(campaignPageView) })
  list(@ZodQuery(listCampaignsQuery) query: ListCampaignsQuery): Promise<Page<CampaignView>> {
    return this.campaigns.list(query);
  }

  @Get(':id')
  @Roles('admin', 'auditor')
  @ApiOkResponse({ schema: openApiResponse(campaignView) })
  get(@Param('id', idPipe) id: string): Promise<CampaignView> {
    return this.campaigns.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({
    summary: 'Delete a closed or cancelled campaign with its items and remediations (the audit trail stays)',
  })
  async remove(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    await this.campaigns.delete(id, p, req.header('x-request-id'));
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ schema: openApiResponse(campaignView) })
  pause(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    return this.act(id, 'pause', p, req);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ schema: openApiResponse(campaignView) })
  resume(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    return this.act(id, 'resume', p, req);
  }

  @Post(':id/finalize')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Finalize now: undecided items follow the onDueDate rule, then the campaign closes',
  })
  @ApiOkResponse({ schema: openApiResponse(campaignView) })
  finalize(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    return this.act(id, 'finalize', p, req);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ schema: openApiResponse(campaignView) })
  cancel(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    return this.act(id, 'cancel', p, req);
  }

  @Post(':id/reminders')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Send reminders now to every reviewer with undecided items' })
  @ApiOkResponse({ schema: openApiResponse(z.object({ sent: z.number().int() })) })
  remind(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    return this.campaigns.remindNow(id, p, req.header('x-request-id'));
  }

  @Get(':id/items')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: "A campaign's items (filter status=reassign for the reassignment queue)" })
  @ApiOkResponse({ schema: openApiResponse(reviewItemPageView) })
  items(
    @Param('id', idPipe) id: string,
    @ZodQuery(campaignItemsQuery) query: CampaignItemsQuery,
  ): Promise<Page<ReviewItemView>> {
    return this.campaigns.items(id, query);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Give open items another responsible reviewer (the accountable one stays)' })
  @ApiBody({ schema: openApiSchema(reassignSchema) })
  @ApiOkResponse({ schema: openApiResponse(handedOverView) })
  reassign(
    @Param('id', idPipe) id: string,
    @Body(new ZodValidationPipe(reassignSchema)) body: ReassignBody,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
  ) {
    return this.campaigns.handOver(id, body.itemIds, body.to, p, req.header('x-request-id'));
  }

  @Post(':id/reset-delegation')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Give open items back to their accountable reviewer' })
  @ApiBody({ schema: openApiSchema(resetDelegationSchema) })
  @ApiOkResponse({ schema: openApiResponse(handedOverView) })
  resetDelegation(
    @Param('id', idPipe) id: string,
    @Body(new ZodValidationPipe(resetDelegationSchema)) body: ResetDelegationBody,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
  ) {
    return this.campaigns.handOver(id, body.itemIds, null, p, req.header('x-request-id'));
  }

  private act(id: string, action: CampaignAction, principal: Principal, req: Request): Promise<CampaignView> {
    return this.campaigns.act(id, action, principal, req.header('x-request-id'));
  }
}
