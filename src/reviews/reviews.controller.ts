import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal, Roles } from '../auth/roles';
import { campaignIdParam } from '../campaigns';
import { openApiSchema } from '../common/openapi';
import { ZodQuery } from '../common/zod-query.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
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

const campaignId = new ZodValidationPipe(campaignIdParam);
const itemIdPipe = new ZodValidationPipe(itemIdSchema);

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('api/v1')
@Roles('reviewer')
export class ReviewsController {
  constructor(@Inject(ReviewsService) private readonly reviews: ReviewsService) {}

  @Get('reviews')
  @ApiOperation({
    summary: "The caller's inbox (items where they are the responsible reviewer), with counts",
  })
  inbox(@ZodQuery(inboxQuery) query: InboxQuery, @CurrentPrincipal() principal: Principal) {
    return this.reviews.inbox(principal, query);
  }

  @Put('reviews/:itemId/draft')
  @ApiOperation({ summary: 'Save a draft decision on one item (confirmed later, or discarded)' })
  @ApiBody({ schema: openApiSchema(draftSchema) })
  saveDraft(
    @Param('itemId', itemIdPipe) itemId: string,
    @Body(new ZodValidationPipe(draftSchema)) body: DraftBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.reviews.saveDraft(itemId, principal, body);
  }

  @Post('campaigns/:id/decisions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decide and confirm items at once: approve, revoke, update or forward (Idempotency-Key honoured)',
  })
  @ApiBody({ schema: openApiSchema(decisionsSchema) })
  decide(
    @Param('id', campaignId) id: string,
    @Body(new ZodValidationPipe(decisionsSchema)) body: DecisionsBody,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ) {
    return this.reviews.decide(
      id,
      principal,
      body.decisions,
      req.header('idempotency-key'),
      req.header('x-request-id'),
    );
  }

  @Post('campaigns/:id/decisions/bulk')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or revoke up to 500 of your items matching a filter, all or nothing' })
  @ApiBody({ schema: openApiSchema(bulkDecisionSchema) })
  bulk(
    @Param('id', campaignId) id: string,
    @Body(new ZodValidationPipe(bulkDecisionSchema)) body: BulkDecisionBody,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ) {
    return this.reviews.bulk(id, principal, body, req.header('x-request-id'));
  }

  @Post('campaigns/:id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm all your saved drafts in the campaign' })
  confirm(
    @Param('id', campaignId) id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ) {
    return this.reviews.confirmDrafts(
      id,
      principal,
      req.header('idempotency-key'),
      req.header('x-request-id'),
    );
  }

  @Delete('campaigns/:id/drafts')
  @ApiOperation({ summary: 'Discard your drafts: items go back to their last confirmed decision' })
  discard(@Param('id', campaignId) id: string, @CurrentPrincipal() principal: Principal) {
    return this.reviews.discardDrafts(id, principal);
  }
}
