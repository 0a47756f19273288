import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal, Roles } from '../auth/roles';
import { Page } from '../common/cursor';
import { openApiResponse, openApiSchema } from '../common/openapi';
import { ZodQuery } from '../common/zod-query.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ReviewItemView } from './review-item.view';
import {
  campaignIdParam,
  CampaignItemsQuery,
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

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/v1/campaigns')
export class CampaignsController {
  constructor(@Inject(CampaignsService) private readonly campaigns: CampaignsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create and launch a campaign (Idempotency-Key honoured)' })
  @ApiBody({ schema: openApiSchema(createCampaignSchema) })
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

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'List campaigns, newest first (one status with ?status=)' })
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
  pause(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    return this.act(id, 'pause', p, req);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('admin')
  resume(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    return this.act(id, 'resume', p, req);
  }

  @Post(':id/finalize')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Finalize now: undecided items follow the onDueDate rule, then the campaign closes',
  })
  finalize(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    return this.act(id, 'finalize', p, req);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('admin')
  cancel(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    return this.act(id, 'cancel', p, req);
  }

  @Post(':id/reminders')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Send reminders now to every reviewer with undecided items' })
  remind(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    return this.campaigns.remindNow(id, p, req.header('x-request-id'));
  }

  @Get(':id/items')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: "A campaign's items (filter status=reassign for the reassignment queue)" })
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
