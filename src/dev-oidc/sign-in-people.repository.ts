import { Injectable } from '@nestjs/common';
import type { Sql } from '../database/database';
import { DEMO_ROLE_ATTRIBUTE } from '../demo/demo-files';

export interface GuidePersonRow {
  key: string;
  name: string;
  email: string | null;
  job_title: string | null;
  items: number;
}

/** Who a newcomer may sign in as, by what they would do: the sign-in page's guide. */
@Injectable()
export class SignInPeopleRepository {
  async ledgerEmpty(sql: Sql): Promise<boolean> {
    const row = await sql.one<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM identity) AS empty`);
    return row!.empty;
  }

  /** Active identities with items to review in campaigns under way, most items first. */
  reviewers(sql: Sql, limit: number): Promise<GuidePersonRow[]> {
    return sql.rows<GuidePersonRow>(
      `SELECT i.key, i.display_name AS name, i.email, i.job_title, r.items
         FROM (SELECT ri.responsible_reviewer_key AS key, count(*)::int AS items
                 FROM review_item ri JOIN campaign c ON c.id = ri.campaign_id AND c.status = 'active'
                WHERE ri.status IN ('to_be_reviewed', 'reassign')
                GROUP BY 1) r
         JOIN identity i ON i.key = r.key AND i.status = 'active'
        ORDER BY r.items DESC, i.display_name, i.key LIMIT $1`,
      [limit],
    );
  }

  /** Active identities the ledger marks as the administrator or the auditor (the demo does). */
  marked(sql: Sql, role: 'administrator' | 'auditor'): Promise<GuidePersonRow[]> {
    return sql.rows<GuidePersonRow>(
      `SELECT key, display_name AS name, email, job_title, 0 AS items FROM identity
        WHERE status = 'active' AND attributes->>'${DEMO_ROLE_ATTRIBUTE}' = $1
        ORDER BY display_name, key LIMIT 5`,
      [role],
    );
  }
}
