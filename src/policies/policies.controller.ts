import { Body, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { invalid } from '../common/domain-error';
import { Endpoint, Resource } from '../common/endpoint';
import { pageView } from '../common/openapi';
import {
  exportQuery,
  ListPoliciesQuery,
  listPoliciesQuery,
  PolicyInput,
  policyIdSchema,
  policySchema,
  PolicyUpdate,
  policyUpdateSchema,
  ScopePreview,
  scopePreviewSchema,
} from './policy.schema';
import { PoliciesService } from './policies.service';
import { policyRunView, policyView, policyWithSchedulesView, scopePreviewView } from './policy.view';

const params = { id: policyIdSchema };
const runSchema = z.strictObject({ mode: z.enum(['campaign', 'sweep']).optional() });

@Resource('api/v1/policies', { tag: 'policies' })
export class PoliciesController {
  constructor(@Inject(PoliciesService) private readonly policies: PoliciesService) {}

  @Endpoint('POST', '', {
    roles: ['admin'],
    summary: 'Create a recertification policy (seed 002); its schedules follow',
    body: policySchema,
    response: policyView,
  })
  create(@Body() body: PolicyInput, @CurrentPrincipal() p: Principal) {
    return this.policies.create(body, p);
  }

  @Endpoint('GET', '', {
    roles: ['admin', 'auditor'],
    summary: 'The policies, with their schedules and next run times',
    query: listPoliciesQuery,
    response: pageView(policyWithSchedulesView),
  })
  list(@Query() q: ListPoliciesQuery) {
    return this.policies.list(q);
  }

  @Endpoint('POST', 'preview', {
    // Writes nothing: auditors read what a policy selects as administrators do.
    roles: ['admin', 'auditor'],
    summary: 'How many assignments a scope selects, and a sample (nothing is written)',
    body: scopePreviewSchema,
    status: 200,
    response: scopePreviewView,
  })
  preview(@Body() body: ScopePreview) {
    return this.policies.preview(body);
  }

  @Endpoint('POST', 'import', {
    roles: ['admin'],
    summary: "Import a policy in seed 002's XML form or as JSON: created, or replaced when the id exists",
    body: {
      schema: policySchema,
      consumes: ['application/xml', 'application/json'],
      description: "The policy: seed 002's XML form (application/xml), or JSON with the same fields",
      // XML is parsed, then checked, by the service.
      readBy: 'handler',
    },
    responses: { 201: { schema: policyView }, 200: { schema: policyView } },
  })
  async import(
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0)) {
      throw invalid('body: a policy in XML (application/xml) or JSON', [
        { field: 'body', message: 'a policy in XML (application/xml) or JSON' },
      ]);
    }
    const { created, policy } = await this.policies.importPolicy(body, p);
    res.status(created ? 201 : 200);
    return policy;
  }

  @Endpoint('GET', ':id', {
    roles: ['admin', 'auditor'],
    summary: 'One policy, with its schedules and next run times',
    params,
    response: policyWithSchedulesView,
  })
  get(@Param('id') id: string) {
    return this.policies.get(id);
  }

  @Endpoint('GET', ':id/export', {
    roles: ['admin', 'auditor'],
    summary: "The policy in seed 002's XML form (format=xml) or as JSON",
    params,
    query: exportQuery,
  })
  async export(
    @Param('id') id: string,
    @Query() q: z.infer<typeof exportQuery>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const doc = await this.policies.exportPolicy(id, q.format);
    if (typeof doc === 'string') {
      res.type('application/xml');
      res.setHeader('content-disposition', `attachment; filename="${id}.xml"`);
    }
    return doc;
  }

  @Endpoint('PUT', ':id', {
    roles: ['admin'],
    summary: 'Replace a policy (the id is not modifiable)',
    params,
    body: policyUpdateSchema,
    response: policyView,
  })
  update(@Param('id') id: string, @Body() body: PolicyUpdate, @CurrentPrincipal() p: Principal) {
    return this.policies.update(id, body, p);
  }

  @Endpoint('POST', ':id/activate', {
    roles: ['admin'],
    summary: 'Activate (409 naming the other policy when scopes overlap); unpauses its schedules',
    params,
    status: 200,
    response: policyView,
  })
  activate(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.policies.setActive(id, true, p);
  }

  @Endpoint('POST', ':id/deactivate', {
    roles: ['admin'],
    summary: 'Deactivate; pauses its schedules',
    params,
    status: 200,
    response: policyView,
  })
  deactivate(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.policies.setActive(id, false, p);
  }

  @Endpoint('POST', ':id/run', {
    roles: ['admin'],
    summary: 'Launch a campaign of the policy now (mode campaign), or sweep for what is due (mode sweep)',
    params,
    body: { schema: runSchema, required: false },
    status: 200,
    response: policyRunView,
  })
  run(
    @Param('id') id: string,
    @Body() body: z.infer<typeof runSchema>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    return this.policies.run(id, body.mode, idempotencyKey);
  }

  @Endpoint('DELETE', ':id', { roles: ['admin'], params, status: 204 })
  async remove(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    await this.policies.delete(id, p);
  }
}
