import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { openApiResponse } from '../common/openapi';
import { ZodQuery } from '../common/zod-query.decorator';
import { Database } from '../database/database';
import { LedgerLookupRepository } from './ledger.repository';

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
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(LedgerLookupRepository) private readonly lookup: LedgerLookupRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Active identities matching a text (key, name or e-mail), for pickers' })
  @ApiOkResponse({ schema: openApiResponse(z.array(personOptionView)) })
  async search(
    @ZodQuery(peopleQuery) q: z.infer<typeof peopleQuery>,
  ): Promise<z.infer<typeof personOptionView>[]> {
    const rows = await this.db.run((sql) => this.lookup.searchPeople(sql, q.q, q.limit));
    return rows.map((r) => ({
      key: r.key,
      displayName: r.display_name,
      email: r.email,
      department: r.department,
      jobTitle: r.job_title,
    }));
  }
}
