import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal, Roles } from '../auth/roles';
import { invalid } from '../common/domain-error';
import { openApiResponse, openApiSchema, pageView } from '../common/openapi';
import { ZodQuery } from '../common/zod-query.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
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

const onePolicy = { schema: openApiResponse(policyView) };

const idPipe = new ZodValidationPipe(policyIdSchema);
const runSchema = z.strictObject({ mode: z.enum(['campaign', 'sweep']).optional() });

@ApiTags('policies')
@ApiBearerAuth()
@Controller('api/v1/policies')
export class PoliciesController {
  constructor(@Inject(PoliciesService) private readonly policies: PoliciesService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a recertification policy (seed 002); its schedules follow' })
  @ApiBody({ schema: openApiSchema(policySchema) })
  @ApiCreatedResponse(onePolicy)
  create(
    @Body(new ZodValidationPipe(policySchema)) body: PolicyInput,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
  ) {
    return this.policies.create(body, p, req.header('x-request-id'));
  }

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'The policies, with their schedules and next run times' })
  @ApiOkResponse({ schema: openApiResponse(pageView(policyWithSchedulesView)) })
  list(@ZodQuery(listPoliciesQuery) q: ListPoliciesQuery) {
    return this.policies.list(q);
  }

  @Post('preview')
  @HttpCode(200)
  // Writes nothing: auditors read what a policy selects as administrators do.
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'How many assignments a scope selects, and a sample (nothing is written)' })
  @ApiBody({ schema: openApiSchema(scopePreviewSchema) })
  @ApiOkResponse({ schema: openApiResponse(scopePreviewView) })
  preview(@Body(new ZodValidationPipe(scopePreviewSchema)) body: ScopePreview) {
    return this.policies.preview(body);
  }

  @Post('import')
  @Roles('admin')
  @ApiConsumes('application/xml', 'application/json')
  @ApiBody({
    description: "The policy: seed 002's XML form (application/xml), or JSON with the same fields",
    schema: openApiSchema(policySchema),
  })
  @ApiOperation({
    summary: "Import a policy in seed 002's XML form or as JSON: created, or replaced when the id exists",
  })
  @ApiCreatedResponse(onePolicy)
  @ApiOkResponse(onePolicy)
  async import(
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0)) {
      throw invalid('body: a policy in XML (application/xml) or JSON', [
        { field: 'body', message: 'a policy in XML (application/xml) or JSON' },
      ]);
    }
    const { created, policy } = await this.policies.importPolicy(body, p, req.header('x-request-id'));
    res.status(created ? 201 : 200);
    return policy;
  }

  @Get(':id')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'One policy, with its schedules and next run times' })
  @ApiOkResponse({ schema: openApiResponse(policyWithSchedulesView) })
  get(@Param('id', idPipe) id: string) {
    return this.policies.get(id);
  }

  @Get(':id/export')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: "The policy in seed 002's XML form (format=xml) or as JSON" })
  async export(
    @Param('id', idPipe) id: string,
    @ZodQuery(exportQuery) q: z.infer<typeof exportQuery>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const doc = await this.policies.exportPolicy(id, q.format);
    if (typeof doc === 'string') {
      res.type('application/xml');
      res.setHeader('content-disposition', `attachment; filename="${id}.xml"`);
    }
    return doc;
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace a policy (the id is not modifiable)' })
  @ApiBody({ schema: openApiSchema(policyUpdateSchema) })
  @ApiOkResponse(onePolicy)
  update(
    @Param('id', idPipe) id: string,
    @Body(new ZodValidationPipe(policyUpdateSchema)) body: PolicyUpdate,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
  ) {
    return this.policies.update(id, body, p, req.header('x-request-id'));
  }

  @Post(':id/activate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Activate (409 naming the other policy when scopes overlap); unpauses its schedules',
  })
  @ApiOkResponse(onePolicy)
  activate(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    return this.policies.setActive(id, true, p, req.header('x-request-id'));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Deactivate; pauses its schedules' })
  @ApiOkResponse(onePolicy)
  deactivate(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    return this.policies.setActive(id, false, p, req.header('x-request-id'));
  }

  @Post(':id/run')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Launch a campaign of the policy now (mode campaign), or sweep for what is due (mode sweep)',
  })
  @ApiBody({ schema: openApiSchema(runSchema), required: false })
  @ApiOkResponse({ schema: openApiResponse(policyRunView) })
  run(
    @Param('id', idPipe) id: string,
    @Body(new ZodValidationPipe(runSchema)) body: z.infer<typeof runSchema>,
    @Req() req: Request,
  ) {
    return this.policies.run(id, body.mode, req.header('idempotency-key') ?? req.header('x-request-id'));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  async remove(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    await this.policies.delete(id, p, req.header('x-request-id'));
  }
}
