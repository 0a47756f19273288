import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import { Database } from '../database/database';
import { LedgerLookupRepository } from './ledger.repository';

export interface PersonOption {
  key: string;
  displayName: string;
  /** Contact and position: administrators only. */
  email?: string | null;
  department?: string | null;
  jobTitle?: string | null;
}

/** Active identities for pickers (forward to, reassign to), by part of their key, name or e-mail. */
@Injectable()
export class PeopleService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(LedgerLookupRepository) private readonly lookup: LedgerLookupRepository,
  ) {}

  /**
   * A reviewer needs a name to pick, nothing more: what the ledger says of a person stays with the
   * administrators, and so does finding people by part of an address (which would tell it letter by letter).
   */
  async search(text: string, limit: number, caller: Principal): Promise<PersonOption[]> {
    const admin = caller.roles.includes('admin');
    const rows = await this.db.run((sql) =>
      this.lookup.searchPeople(sql, text, limit, admin ? 'part' : 'whole'),
    );
    return rows.map((r) =>
      admin
        ? {
            key: r.key,
            displayName: r.display_name,
            email: r.email,
            department: r.department,
            jobTitle: r.job_title,
          }
        : { key: r.key, displayName: r.display_name },
    );
  }
}
