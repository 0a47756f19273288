import { Body, Headers, Inject, Param, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { campaignIdParam } from '../campaigns';
import { Endpoint, Resource } from '../common/endpoint';
import {
  BulkDecisionBody,
  bulkDecisionSchema,
  DecisionsBody,
  decisionsSchema,
  DraftBody,
  draftSchema,
  InboxQuery,
  inboxQuery,
  itemIdSchema,
} from './review.schema';
import { ReviewsService } from './reviews.service';

const campaign = { id: campaignIdParam };

@Resource('api/v1', { tag: 'reviews', roles: ['reviewer'] })
export class ReviewsController {
  constructor(@Inject(ReviewsService) private readonly reviews: ReviewsService) {}

  @Endpoint('GET', 'reviews', {
    summary: "The caller's inbox (items where they are the responsible reviewer), with counts",
    query: inboxQuery,
  })
  inbox(@Query() query: InboxQuery, @CurrentPrincipal() principal: Principal) {
    return this.reviews.inbox(principal, query);
  }

  @Endpoint('PUT', 'reviews/:itemId/draft', {
    summary: 'Save a draft decision on one item (confirmed later, or discarded)',
    params: { itemId: itemIdSchema },
    body: draftSchema,
  })
  saveDraft(
    @Param('itemId') itemId: string,
    @Body() body: DraftBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.reviews.saveDraft(itemId, principal, body);
  }

  @Endpoint('POST', 'campaigns/:id/decisions', {
    summary:
      'Decide and confirm items at once: approve, revoke, update or forward (Idempotency-Key honoured)',
    params: campaign,
    body: decisionsSchema,
    status: 200,
  })
  decide(
    @Param('id') id: string,
    @Body() body: DecisionsBody,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    return this.reviews.decide(id, principal, body.decisions, idempotencyKey);
  }

  @Endpoint('POST', 'campaigns/:id/decisions/bulk', {
    summary: 'Approve or revoke up to 500 of your items matching a filter, all or nothing',
    params: campaign,
    body: bulkDecisionSchema,
    status: 200,
  })
  bulk(@Param('id') id: string, @Body() body: BulkDecisionBody, @CurrentPrincipal() principal: Principal) {
    return this.reviews.bulk(id, principal, body);
  }

  @Endpoint('POST', 'campaigns/:id/confirm', {
    summary: 'Confirm all your saved drafts in the campaign',
    params: campaign,
    status: 200,
  })
  confirm(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    return this.reviews.confirmDrafts(id, principal, idempotencyKey);
  }

  @Endpoint('DELETE', 'campaigns/:id/drafts', {
    summary: 'Discard your drafts: items go back to their last confirmed decision',
    params: campaign,
  })
  discard(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.reviews.discardDrafts(id, principal);
  }
}
