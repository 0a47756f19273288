import { Injectable } from '@nestjs/common';
import type { CampaignState } from '../../workflows/campaign.contract';
import { Sql } from '../database/database';
import type { ItemStatus } from '../domain/campaign.types';
import { containing } from '../database/like-pattern';

/** Rows in key order: those after `after` (null: from the first), at most `rows` of them. */
export interface KeyPage {
  after: string | null;
  rows: number;
}

/**
 * A searched page's parameters, in the order its query numbers them: $1 the search (null: everything), the
 * filters, then the key to start after and the rows to read.
 */
function pageParams(q: string | undefined, filters: unknown[], page: KeyPage): unknown[] {
  return [q ? containing(q) : null, ...filters, page.after, page.rows];
}

export interface IdentityListRow {
  key: string;
  display_name: string;
  email: string | null;
  department: string | null;
  job_title: string | null;
  type: string;
  status: 'active' | 'inactive';
  manager_key: string | null;
  manager_name: string | null;
  assignment_count: number;
}

export type IdentityRow = IdentityListRow & {
  attributes: Record<string, unknown>;
  updated_at: Date;
};

export interface ApplicationListRow {
  key: string;
  name: string;
  owner_key: string | null;
  owner_name: string | null;
  permission_count: number;
  assignment_count: number;
}

export interface PermissionListRow {
  key: string;
  name: string;
  kind: string;
  critical: boolean;
  application_key: string;
  application_name: string;
  owner_key: string | null;
  owner_name: string | null;
  assignment_count: number;
}

export interface AssignmentListRow {
  key: string;
  identity_key: string;
  identity_name: string;
  application_key: string;
  application_name: string;
  permission_key: string;
  permission_name: string;
  account_key: string | null;
  account_login: string | null;
  origin: string;
  compliance: string;
  status: string;
  assigned_at: Date | null;
  last_certified_at: Date | null;
  item_id: string | null;
  campaign_id: string | null;
  campaign_number: string | null;
  campaign_title: string | null;
  campaign_status: CampaignState | null;
  item_status: ItemStatus | null;
  decided_by: string | null;
  decided_at: Date | null;
}

export interface AccountListRow {
  key: string;
  login: string;
  status: string;
  last_login_at: Date | null;
  application_key: string;
  application_name: string;
  owner_key: string | null;
  owner_name: string | null;
  owner_status: 'active' | 'inactive' | null;
  assignment_count: number;
}

export interface AccountFilter {
  q?: string;
  /** Only accounts no identity owns. */
  orphans?: boolean;
  applicationKey?: string;
}

export interface AssignmentFilter {
  q?: string;
  identityKey?: string;
  applicationKey?: string;
  permissionKey?: string;
}

/** Read-only queries over the ledger for the console: lists in key order, searched by key or name. */
@Injectable()
export class LedgerBrowseRepository {
  identities(
    sql: Sql,
    filter: { q?: string; status?: 'active' | 'inactive' },
    page: KeyPage,
  ): Promise<IdentityListRow[]> {
    return sql.rows<IdentityListRow>(
      `SELECT i.key, i.display_name, i.email, i.department, i.job_title, i.type, i.status,
              m.key AS manager_key, m.display_name AS manager_name,
              (SELECT count(*)::int FROM assignment a WHERE a.identity_id = i.id) AS assignment_count
         FROM identity i LEFT JOIN identity m ON m.id = i.manager_id
        WHERE ($1::text IS NULL OR i.key ILIKE $1 OR i.display_name ILIKE $1 OR i.email ILIKE $1)
          AND ($2::text IS NULL OR i.status = $2)
          AND ($3::text IS NULL OR i.key > $3)
        ORDER BY i.key LIMIT $4`,
      pageParams(filter.q, [filter.status ?? null], page),
    );
  }

  identity(sql: Sql, key: string): Promise<IdentityRow | undefined> {
    return sql.one<IdentityRow>(
      `SELECT i.key, i.display_name, i.email, i.department, i.job_title, i.type, i.status,
              i.attributes, i.updated_at, m.key AS manager_key, m.display_name AS manager_name,
              (SELECT count(*)::int FROM assignment a WHERE a.identity_id = i.id) AS assignment_count
         FROM identity i LEFT JOIN identity m ON m.id = i.manager_id
        WHERE i.key = $1`,
      [key],
    );
  }

  applications(sql: Sql, filter: { q?: string }, page: KeyPage): Promise<ApplicationListRow[]> {
    return sql.rows<ApplicationListRow>(
      `SELECT ap.key, ap.name, o.key AS owner_key, o.display_name AS owner_name,
              (SELECT count(*)::int FROM permission p WHERE p.application_id = ap.id) AS permission_count,
              (SELECT count(*)::int FROM permission p JOIN assignment a ON a.permission_id = p.id
                WHERE p.application_id = ap.id) AS assignment_count
         FROM application ap LEFT JOIN identity o ON o.id = ap.owner_id
        WHERE ($1::text IS NULL OR ap.key ILIKE $1 OR ap.name ILIKE $1)
          AND ($2::text IS NULL OR ap.key > $2)
        ORDER BY ap.key LIMIT $3`,
      pageParams(filter.q, [], page),
    );
  }

  permissions(
    sql: Sql,
    filter: { q?: string; applicationKey?: string },
    page: KeyPage,
  ): Promise<PermissionListRow[]> {
    return sql.rows<PermissionListRow>(
      `SELECT p.key, p.name, p.kind, p.critical, ap.key AS application_key, ap.name AS application_name,
              o.key AS owner_key, o.display_name AS owner_name,
              (SELECT count(*)::int FROM assignment a WHERE a.permission_id = p.id) AS assignment_count
         FROM permission p JOIN application ap ON ap.id = p.application_id
         LEFT JOIN identity o ON o.id = p.owner_id
        WHERE ($1::text IS NULL OR p.key ILIKE $1 OR p.name ILIKE $1)
          AND ($2::text IS NULL OR ap.key = $2)
          AND ($3::text IS NULL OR p.key > $3)
        ORDER BY p.key LIMIT $4`,
      pageParams(filter.q, [filter.applicationKey ?? null], page),
    );
  }

  /**
   * Assignments with the latest review item of each (its campaign, status and decision): the last time the
   * access was put in front of a reviewer, whatever came of it.
   */
  assignments(sql: Sql, filter: AssignmentFilter, page: KeyPage): Promise<AssignmentListRow[]> {
    return sql.rows<AssignmentListRow>(
      `SELECT a.key, i.key AS identity_key, i.display_name AS identity_name,
              ap.key AS application_key, ap.name AS application_name,
              p.key AS permission_key, p.name AS permission_name,
              ac.key AS account_key, ac.login AS account_login,
              a.origin, a.compliance, a.status, a.assigned_at, a.last_certified_at,
              last.id AS item_id, last.campaign_id, c.number AS campaign_number, c.title AS campaign_title,
              c.status AS campaign_status, last.status AS item_status, last.decided_by, last.decided_at
         FROM assignment a
         JOIN identity i ON i.id = a.identity_id
         JOIN permission p ON p.id = a.permission_id
         JOIN application ap ON ap.id = p.application_id
         LEFT JOIN account ac ON ac.id = a.account_id
         LEFT JOIN LATERAL (
           SELECT ri.id, ri.campaign_id, ri.status, ri.decided_by, ri.decided_at FROM review_item ri
            WHERE ri.assignment_key = a.key AND ri.kind = 'right' ORDER BY ri.id DESC LIMIT 1
         ) last ON true
         LEFT JOIN campaign c ON c.id = last.campaign_id
        WHERE ($1::text IS NULL OR a.key ILIKE $1 OR i.key ILIKE $1 OR i.display_name ILIKE $1
               OR p.key ILIKE $1 OR p.name ILIKE $1 OR ap.name ILIKE $1)
          AND ($2::text IS NULL OR i.key = $2)
          AND ($3::text IS NULL OR ap.key = $3)
          AND ($4::text IS NULL OR p.key = $4)
          AND ($5::text IS NULL OR a.key > $5)
        ORDER BY a.key LIMIT $6`,
      pageParams(
        filter.q,
        [filter.identityKey ?? null, filter.applicationKey ?? null, filter.permissionKey ?? null],
        page,
      ),
    );
  }

  /** Accounts with their owner (none: an orphan account) and application, in key order. */
  accounts(sql: Sql, filter: AccountFilter, page: KeyPage): Promise<AccountListRow[]> {
    return sql.rows<AccountListRow>(
      `SELECT ac.key, ac.login, ac.status, ac.last_login_at,
              ap.key AS application_key, ap.name AS application_name,
              o.key AS owner_key, o.display_name AS owner_name, o.status AS owner_status,
              (SELECT count(*)::int FROM assignment a WHERE a.account_id = ac.id) AS assignment_count
         FROM account ac
         JOIN application ap ON ap.id = ac.application_id
         LEFT JOIN identity o ON o.id = ac.owner_id
        WHERE ($1::text IS NULL OR ac.key ILIKE $1 OR ac.login ILIKE $1 OR o.key ILIKE $1
               OR o.display_name ILIKE $1 OR ap.name ILIKE $1)
          AND (NOT $2::boolean OR ac.owner_id IS NULL)
          AND ($3::text IS NULL OR ap.key = $3)
          AND ($4::text IS NULL OR ac.key > $4)
        ORDER BY ac.key LIMIT $5`,
      pageParams(filter.q, [filter.orphans ?? false, filter.applicationKey ?? null], page),
    );
  }
}
