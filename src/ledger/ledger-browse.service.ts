import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { decodeCursor, encodeCursor, Page } from '../common/cursor';
import { notFound } from '../common/domain-error';
import { Database } from '../database/database';
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

const keyCursor = z.object({ key: z.string().max(2000) });

export interface Paging {
  limit: number;
  cursor?: string;
}

/** A page in key order, from rows fetched with one extra (which only says that more follow). */
function pageByKey<R extends { key: string }, T>(rows: R[], limit: number, view: (row: R) => T): Page<T> {
  const shown = rows.slice(0, limit);
  return {
    items: shown.map(view),
    nextCursor: rows.length > limit ? encodeCursor({ key: shown[shown.length - 1].key }) : null,
  };
}

const keyPage = (p: Paging): KeyPage => ({
  after: decodeCursor(p.cursor, keyCursor)?.key ?? null,
  limit: p.limit,
});

/** The ledger as administrators and auditors browse it: who exists, what they hold, when it was last reviewed. */
@Injectable()
export class LedgerBrowseService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(LedgerBrowseRepository) private readonly repo: LedgerBrowseRepository,
  ) {}

  async identities(
    filter: { q?: string; status?: 'active' | 'inactive' },
    paging: Paging,
  ): Promise<Page<IdentityListView>> {
    const rows = await this.db.run((sql) => this.repo.identities(sql, filter, keyPage(paging)));
    return pageByKey(rows, paging.limit, identityListOf);
  }

  async identity(key: string): Promise<IdentityView> {
    const row = await this.db.run((sql) => this.repo.identity(sql, key));
    if (!row) throw notFound('Identity', `No identity has the key ${key}.`);
    return identityOf(row);
  }

  async applications(filter: { q?: string }, paging: Paging): Promise<Page<ApplicationListView>> {
    const rows = await this.db.run((sql) => this.repo.applications(sql, filter, keyPage(paging)));
    return pageByKey(rows, paging.limit, applicationListOf);
  }

  async permissions(
    filter: { q?: string; applicationKey?: string },
    paging: Paging,
  ): Promise<Page<PermissionListView>> {
    const rows = await this.db.run((sql) => this.repo.permissions(sql, filter, keyPage(paging)));
    return pageByKey(rows, paging.limit, permissionListOf);
  }

  async assignments(filter: AssignmentFilter, paging: Paging): Promise<Page<AssignmentListView>> {
    const rows = await this.db.run((sql) => this.repo.assignments(sql, filter, keyPage(paging)));
    return pageByKey(rows, paging.limit, assignmentListOf);
  }

  async accounts(filter: AccountFilter, paging: Paging): Promise<Page<AccountListView>> {
    const rows = await this.db.run((sql) => this.repo.accounts(sql, filter, keyPage(paging)));
    return pageByKey(rows, paging.limit, accountListOf);
  }
}
