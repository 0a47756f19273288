import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal, Roles } from '../auth/roles';
import { campaignIdParam } from '../campaigns';
import { openApiResponse } from '../common/openapi';
import { ZodQuery } from '../common/zod-query.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { itemIdSchema, MyCampaignsQuery, myCampaignsQuery } from './review.schema';
import { ReviewerWorkspaceService } from './reviewer-workspace.service';
import { campaignWorkspaceView, itemHistoryView, myCampaignView } from './reviewer-workspace.views';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('api/v1/reviews')
export class ReviewerWorkspaceController {
  constructor(@Inject(ReviewerWorkspaceService) private readonly workspace: ReviewerWorkspaceService) {}

  @Get('campaigns')
  @Roles('reviewer')
  @ApiOperation({
    summary:
      'Campaigns where the caller has items, with their counts: under review, or (state=closed) no longer, latest first',
  })
  @ApiOkResponse({ schema: openApiResponse(z.array(myCampaignView)) })
  myCampaigns(@ZodQuery(myCampaignsQuery) query: MyCampaignsQuery, @CurrentPrincipal() p: Principal) {
    return this.workspace.myCampaigns(p, query.state);
  }

  @Get('campaigns/:id')
  @Roles('reviewer')
  @ApiOperation({ summary: "One campaign and all the caller's items in it, with the ledger's names" })
  @ApiOkResponse({ schema: openApiResponse(campaignWorkspaceView) })
  campaign(
    @Param('id', new ZodValidationPipe(campaignIdParam)) id: string,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.workspace.campaign(p, id);
  }

  @Get(':itemId/history')
  @ApiOperation({
    summary:
      "Earlier campaigns' reviews of the item's assignment (administrators, auditors, and its reviewer)",
  })
  @ApiOkResponse({ schema: openApiResponse(itemHistoryView) })
  history(
    @Param('itemId', new ZodValidationPipe(itemIdSchema)) itemId: string,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.workspace.history(p, itemId);
  }
}
