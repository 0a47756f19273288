import { Injectable } from '@nestjs/common';
import type { Sql } from '../database/database';
import { DEMO_ROLE_ATTRIBUTE, DemoRole } from './demo-files';

export interface Persona {
  key: string;
  displayName: string;
  role: DemoRole;
}

@Injectable()
export class DemoRepository {
  /** Nothing imported and no campaign: the demo would be the first thing in it. */
  async isEmpty(sql: Sql): Promise<boolean> {
    const row = await sql.one<{ empty: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM identity) AND NOT EXISTS (SELECT 1 FROM campaign) AS empty`,
    );
    return row!.empty;
  }

  /** The identities the demo files mark as its reviewer, administrator and auditor. */
  personas(sql: Sql): Promise<Persona[]> {
    return sql.rows<Persona>(
      `SELECT key, display_name AS "displayName", attributes->>'${DEMO_ROLE_ATTRIBUTE}' AS role
         FROM identity WHERE attributes ? '${DEMO_ROLE_ATTRIBUTE}' ORDER BY key`,
    );
  }

  /** The reviewers of a campaign with items still to review, most first. */
  reviewers(sql: Sql, campaignId: string, limit: number): Promise<{ key: string; items: number }[]> {
    return sql.rows(
      `SELECT responsible_reviewer_key AS key, count(*)::int AS items FROM review_item
        WHERE campaign_id = $1 AND status = 'to_be_reviewed'
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $2`,
      [campaignId, limit],
    );
  }
}
