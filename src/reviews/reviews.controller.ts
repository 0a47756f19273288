import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal, Roles } from '../auth/roles';
import { campaignIdParam } from '../campaigns/campaign.schema';
import { Page } from '../common/cursor';
import { openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ReviewItemView } from './review-item.view';
import { DecisionsBody, decisionsSchema, InboxQuery, inboxQuery } from './review.schema';
import { ReviewsService } from './reviews.service';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('api/v1')
export class ReviewsController {
  constructor(@Inject(ReviewsService) private readonly reviews: ReviewsService) {}

  @Get('reviews')
  @Roles('reviewer')
  @ApiOperation({ summary: "The caller's inbox: items where they are the responsible reviewer" })
  inbox(
    @Query(new ZodValidationPipe(inboxQuery, 'query')) query: InboxQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<ReviewItemView>> {
    return this.reviews.inbox(principal, query);
  }

  @Post('campaigns/:id/decisions')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Approve or revoke items of the caller (Idempotency-Key honoured)' })
  @ApiBody({ schema: openApiSchema(decisionsSchema) })
  decide(
    @Param('id', new ZodValidationPipe(campaignIdParam)) id: string,
    @Body(new ZodValidationPipe(decisionsSchema)) body: DecisionsBody,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<{ items: ReviewItemView[] }> {
    return this.reviews.decide(
      id,
      principal,
      body,
      req.header('idempotency-key'),
      req.header('x-request-id'),
    );
  }
}
