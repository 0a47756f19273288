import { Body, Inject, Param, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { campaignIdParam } from '../campaigns';
import { Endpoint, Resource } from '../common/endpoint';
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

const params = { id: remediationIdParam };

@Resource('api/v1/remediations', { tag: 'remediations' })
export class RemediationsController {
  constructor(@Inject(RemediationService) private readonly remediations: RemediationService) {}

  @Endpoint('GET', '', {
    roles: ['admin', 'auditor', 'reviewer'],
    summary:
      'Remediations, filtered by campaign, type, closed status, assignee or flag (assignees see their own)',
    query: listRemediationsQuery,
    response: remediationPageView,
  })
  list(@Query() q: ListRemediationsQuery, @CurrentPrincipal() p: Principal) {
    return this.remediations.list(q, p);
  }

  @Endpoint('GET', ':id', {
    roles: ['admin', 'auditor', 'reviewer'],
    params,
    response: remediationDetailView,
  })
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.remediations.get(id, p);
  }

  @Endpoint('POST', ':id/close', {
    roles: ['admin', 'reviewer'],
    summary: 'Close a manual task as done or cancelled (its assignee or an administrator)',
    params,
    body: closeRemediationSchema,
    status: 200,
    response: remediationView,
  })
  close(@Param('id') id: string, @Body() body: CloseRemediation, @CurrentPrincipal() p: Principal) {
    return this.remediations.close(id, body, p);
  }
}

@Resource('api/v1/provisioning-orders', { tag: 'remediations' })
export class ProvisioningOrdersController {
  constructor(@Inject(RemediationService) private readonly remediations: RemediationService) {}

  @Endpoint('GET', '', {
    roles: ['admin', 'provisioner'],
    summary: 'Provisioning orders for the next provisioning job (status=pending by default)',
    query: listOrdersQuery,
  })
  list(@Query() q: ListOrdersQuery, @CurrentPrincipal() p: Principal) {
    return this.remediations.orders(q, p);
  }

  @Endpoint('POST', ':id/result', {
    roles: ['admin', 'provisioner'],
    summary: 'The provisioning job marks an order executed or failed',
    params,
    body: orderResultSchema,
    status: 200,
  })
  result(@Param('id') id: string, @Body() body: OrderResult, @CurrentPrincipal() p: Principal) {
    return this.remediations.orderResult(id, body, p);
  }
}

@Resource('api/v1/campaigns', { tag: 'campaigns' })
export class ApplyDecisionsController {
  constructor(@Inject(RemediationService) private readonly remediations: RemediationService) {}

  @Endpoint('POST', ':id/apply-decisions', {
    roles: ['admin'],
    summary:
      'Apply the decisions of a closed campaign: a dry run by default, {"confirm": true} to create the remediations',
    params: { id: campaignIdParam },
    body: applyDecisionsSchema,
    status: 200,
    response: applyDecisionsView,
  })
  apply(@Param('id') id: string, @Body() body: ApplyDecisions, @CurrentPrincipal() p: Principal) {
    return this.remediations.applyDecisions(id, body.confirm, p);
  }
}
