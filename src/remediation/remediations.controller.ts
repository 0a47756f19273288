import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal, Roles } from '../auth/roles';
import { campaignIdParam } from '../campaigns';
import { openApiResponse, openApiSchema } from '../common/openapi';
import { ZodQuery } from '../common/zod-query.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  ApplyDecisions,
  applyDecisionsSchema,
  CloseRemediation,
  closeRemediationSchema,
  ListOrdersQuery,
  listOrdersQuery,
  ListRemediationsQuery,
  listRemediationsQuery,
  OrderResult,
  orderResultSchema,
  remediationIdParam,
} from './remediation.schema';
import { RemediationService } from './remediation.service';
import {
  applyDecisionsView,
  remediationDetailView,
  remediationPageView,
  remediationView,
} from './remediation.view';

const idPipe = new ZodValidationPipe(remediationIdParam);

@ApiTags('remediations')
@ApiBearerAuth()
@Controller('api/v1/remediations')
export class RemediationsController {
  constructor(@Inject(RemediationService) private readonly remediations: RemediationService) {}

  @Get()
  @Roles('admin', 'auditor', 'reviewer')
  @ApiOperation({
    summary:
      'Remediations, filtered by campaign, type, closed status, assignee or flag (assignees see their own)',
  })
  @ApiOkResponse({ schema: openApiResponse(remediationPageView) })
  list(@ZodQuery(listRemediationsQuery) q: ListRemediationsQuery, @CurrentPrincipal() p: Principal) {
    return this.remediations.list(q, p);
  }

  @Get(':id')
  @Roles('admin', 'auditor', 'reviewer')
  @ApiOkResponse({ schema: openApiResponse(remediationDetailView) })
  get(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal) {
    return this.remediations.get(id, p);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('admin', 'reviewer')
  @ApiOperation({ summary: 'Close a manual task as done or cancelled (its assignee or an administrator)' })
  @ApiBody({ schema: openApiSchema(closeRemediationSchema) })
  @ApiOkResponse({ schema: openApiResponse(remediationView) })
  close(
    @Param('id', idPipe) id: string,
    @Body(new ZodValidationPipe(closeRemediationSchema)) body: CloseRemediation,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
  ) {
    return this.remediations.close(id, body, p, req.header('x-request-id'));
  }
}

@ApiTags('remediations')
@ApiBearerAuth()
@Controller('api/v1/provisioning-orders')
export class ProvisioningOrdersController {
  constructor(@Inject(RemediationService) private readonly remediations: RemediationService) {}

  @Get()
  @Roles('admin', 'provisioner')
  @ApiOperation({ summary: 'Provisioning orders for the next provisioning job (status=pending by default)' })
  list(@ZodQuery(listOrdersQuery) q: ListOrdersQuery, @CurrentPrincipal() p: Principal) {
    return this.remediations.orders(q, p);
  }

  @Post(':id/result')
  @HttpCode(200)
  @Roles('admin', 'provisioner')
  @ApiOperation({ summary: 'The provisioning job marks an order executed or failed' })
  @ApiBody({ schema: openApiSchema(orderResultSchema) })
  result(
    @Param('id', idPipe) id: string,
    @Body(new ZodValidationPipe(orderResultSchema)) body: OrderResult,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
  ) {
    return this.remediations.orderResult(id, body, p, req.header('x-request-id'));
  }
}

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/v1/campaigns')
export class ApplyDecisionsController {
  constructor(@Inject(RemediationService) private readonly remediations: RemediationService) {}

  @Post(':id/apply-decisions')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Apply the decisions of a closed campaign: a dry run by default, {"confirm": true} to create the remediations',
  })
  @ApiBody({ schema: openApiSchema(applyDecisionsSchema) })
  @ApiOkResponse({ schema: openApiResponse(applyDecisionsView) })
  apply(
    @Param('id', new ZodValidationPipe(campaignIdParam)) id: string,
    @Body(new ZodValidationPipe(applyDecisionsSchema)) body: ApplyDecisions,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
  ) {
    return this.remediations.applyDecisions(id, body.confirm, p, req.header('x-request-id'));
  }
}
