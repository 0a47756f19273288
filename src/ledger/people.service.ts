import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { LedgerLookupRepository } from './ledger.repository';

export interface PersonOption {
  key: string;
  displayName: string;
  email: string | null;
  department: string | null;
  jobTitle: string | null;
}

/** Active identities for pickers (forward to, reassign to), by part of their key, name or e-mail. */
@Injectable()
export class PeopleService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(LedgerLookupRepository) private readonly lookup: LedgerLookupRepository,
  ) {}

  async search(text: string, limit: number): Promise<PersonOption[]> {
    const rows = await this.db.run((sql) => this.lookup.searchPeople(sql, text, limit));
    return rows.map((r) => ({
      key: r.key,
      displayName: r.display_name,
      email: r.email,
      department: r.department,
      jobTitle: r.job_title,
    }));
  }
}
