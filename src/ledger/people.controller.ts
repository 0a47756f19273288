import { Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { Endpoint, Resource } from '../common/endpoint';
import { PeopleService, type PersonOption } from './people.service';

// A picker, not a directory: short texts and long pages would let any reviewer list the whole ledger.
const peopleQuery = z.strictObject({
  q: z.string().trim().min(3, 'type at least 3 characters').max(100),
  limit: z.coerce.number().int().min(1).max(10).default(10),
});

export const personOptionView = z.object({
  key: z.string(),
  displayName: z.string(),
  email: z.string().nullable().optional(),
  department: z.string().nullable().optional(),
  jobTitle: z.string().nullable().optional(),
});

@Resource('api/v1/people', { tag: 'ledger' })
export class PeopleController {
  constructor(@Inject(PeopleService) private readonly people: PeopleService) {}

  @Endpoint('GET', '', {
    roles: ['admin', 'auditor', 'reviewer'],
    summary: 'Active identities matching a text (key, name or e-mail), for pickers',
    description:
      'At most 10, for a text of at least 3 characters. Administrators get e-mail, department and job ' +
      'title, and find people by part of their e-mail address; others get key and name, and find by the ' +
      'whole address only.',
    query: peopleQuery,
    response: z.array(personOptionView),
  })
  search(
    @Query() q: z.infer<typeof peopleQuery>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PersonOption[]> {
    return this.people.search(q.q, q.limit, principal);
  }
}
