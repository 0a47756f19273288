import { z } from 'zod';
import { Endpoint, Resource } from '../common/endpoint';
import { OPERATORS, scopeFields } from '../domain/scope/scope-expression';

const field = z.object({ name: z.string(), type: z.enum(['text', 'boolean', 'timestamptz']) });
const scopeLanguageView = z.object({
  operators: z.array(z.enum(OPERATORS)),
  identity: z.array(field),
  assignment: z.array(field),
});

@Resource('api/v1/scope-language', { tag: 'policies' })
export class ScopeLanguageController {
  @Endpoint('GET', '', {
    roles: ['admin', 'auditor'],
    summary: 'The fields and operators of scope expressions (identity and role assignment scopes)',
    response: scopeLanguageView,
  })
  describe(): z.infer<typeof scopeLanguageView> {
    return {
      operators: [...OPERATORS],
      identity: scopeFields('identity'),
      assignment: scopeFields('assignment'),
    };
  }
}
