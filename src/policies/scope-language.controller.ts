import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/roles';
import { openApiResponse } from '../common/openapi';
import { OPERATORS, scopeFields } from '../domain/scope/scope-expression';

const field = z.object({ name: z.string(), type: z.enum(['text', 'boolean', 'timestamptz']) });
const scopeLanguageView = z.object({
  operators: z.array(z.enum(OPERATORS)),
  identity: z.array(field),
  assignment: z.array(field),
});

@ApiTags('policies')
@ApiBearerAuth()
@Controller('api/v1/scope-language')
export class ScopeLanguageController {
  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'The fields and operators of scope expressions (identity and role assignment scopes)',
  })
  @ApiOkResponse({ schema: openApiResponse(scopeLanguageView) })
  describe(): z.infer<typeof scopeLanguageView> {
    return {
      operators: [...OPERATORS],
      identity: scopeFields('identity'),
      assignment: scopeFields('assignment'),
    };
  }
}
