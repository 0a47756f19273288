import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Keyset, keysetPage, Page, PageRequest } from '../common/cursor';
import { notFound } from '../common/domain-error';
import { Database, Sql } from '../database/database';
import { AccountFilter, AssignmentFilter, KeyPage, LedgerBrowseRepository } from './ledger-browse.repository';
import {
  accountListOf,
  AccountListView,
  applicationListOf,
  ApplicationListView,
  assignmentListOf,
  AssignmentListView,
  identityListOf,
  IdentityListView,
  identityOf,
  IdentityView,
  permissionListOf,
  PermissionListView,
} from './ledger-browse.view';

const byKey: Keyset<z.ZodObject<{ key: z.ZodString }>, { key: string }> = {
  cursor: z.object({ key: z.string().max(2000) }),
  of: (row) => ({ key: row.key }),
};

/** The ledger as administrators and auditors browse it: who exists, what they hold, when it was last reviewed. */
@Injectable()
export class LedgerBrowseService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(LedgerBrowseRepository) private readonly repo: LedgerBrowseRepository,
  ) {}

  identities(
    filter: { q?: string; status?: 'active' | 'inactive' },
    paging: PageRequest,
  ): Promise<Page<IdentityListView>> {
    return this.page(paging, (sql, page) => this.repo.identities(sql, filter, page), identityListOf);
  }

  async identity(key: string): Promise<IdentityView> {
    const row = await this.db.run((sql) => this.repo.identity(sql, key));
    if (!row) throw notFound('Identity', `No identity has the key ${key}.`);
    return identityOf(row);
  }

  applications(filter: { q?: string }, paging: PageRequest): Promise<Page<ApplicationListView>> {
    return this.page(paging, (sql, page) => this.repo.applications(sql, filter, page), applicationListOf);
  }

  permissions(
    filter: { q?: string; applicationKey?: string },
    paging: PageRequest,
  ): Promise<Page<PermissionListView>> {
    return this.page(paging, (sql, page) => this.repo.permissions(sql, filter, page), permissionListOf);
  }

  assignments(filter: AssignmentFilter, paging: PageRequest): Promise<Page<AssignmentListView>> {
    return this.page(paging, (sql, page) => this.repo.assignments(sql, filter, page), assignmentListOf);
  }

  accounts(filter: AccountFilter, paging: PageRequest): Promise<Page<AccountListView>> {
    return this.page(paging, (sql, page) => this.repo.accounts(sql, filter, page), accountListOf);
  }

  private page<R extends { key: string }, T>(
    request: PageRequest,
    read: (sql: Sql, page: KeyPage) => Promise<R[]>,
    view: (row: R) => T,
  ): Promise<Page<T>> {
    return this.db.run((sql) =>
      keysetPage(
        request,
        byKey,
        (after, rows) => read(sql, { after: after?.key ?? null, rows }),
        (shown) => shown.map(view),
      ),
    );
  }
}
