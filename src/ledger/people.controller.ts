import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { openApiResponse } from '../common/openapi';
import { ZodQuery } from '../common/zod-query.decorator';
import { PeopleService, type PersonOption } from './people.service';

const peopleQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const personOptionView = z.object({
  key: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  department: z.string().nullable(),
  jobTitle: z.string().nullable(),
});

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('api/v1/people')
export class PeopleController {
  constructor(@Inject(PeopleService) private readonly people: PeopleService) {}

  @Get()
  @ApiOperation({ summary: 'Active identities matching a text (key, name or e-mail), for pickers' })
  @ApiOkResponse({ schema: openApiResponse(z.array(personOptionView)) })
  search(@ZodQuery(peopleQuery) q: z.infer<typeof peopleQuery>): Promise<PersonOption[]> {
    return this.people.search(q.q, q.limit);
  }
}
