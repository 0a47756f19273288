import { Inject, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { campaignIdParam } from '../campaigns';
import { Endpoint, Resource } from '../common/endpoint';
import { itemIdSchema, MyCampaignsQuery, myCampaignsQuery } from './review.schema';
import { ReviewerWorkspaceService } from './reviewer-workspace.service';
import { campaignWorkspaceView, itemHistoryView, myCampaignView } from './reviewer-workspace.views';

@Resource('api/v1/reviews', { tag: 'reviews' })
export class ReviewerWorkspaceController {
  constructor(@Inject(ReviewerWorkspaceService) private readonly workspace: ReviewerWorkspaceService) {}

  @Endpoint('GET', 'campaigns', {
    roles: ['reviewer'],
    summary:
      'Campaigns where the caller has items, with their counts: under review, or (state=closed) no longer, latest first',
    query: myCampaignsQuery,
    response: z.array(myCampaignView),
  })
  myCampaigns(@Query() query: MyCampaignsQuery, @CurrentPrincipal() p: Principal) {
    return this.workspace.myCampaigns(p, query.state);
  }

  @Endpoint('GET', 'campaigns/:id', {
    roles: ['reviewer'],
    summary: "One campaign and all the caller's items in it, with the ledger's names",
    params: { id: campaignIdParam },
    response: campaignWorkspaceView,
  })
  campaign(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.workspace.campaign(p, id);
  }

  @Endpoint('GET', ':itemId/history', {
    summary:
      "Earlier campaigns' reviews of the item's assignment (administrators, auditors, and its reviewer)",
    params: { itemId: itemIdSchema },
    response: itemHistoryView,
  })
  history(@Param('itemId') itemId: string, @CurrentPrincipal() p: Principal) {
    return this.workspace.history(p, itemId);
  }
}
