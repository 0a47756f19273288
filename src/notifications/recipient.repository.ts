import type { Sql } from '../database/database';

export interface CampaignContext {
  number: string;
  title: string;
  status: string;
  due_at: Date;
  owner_key: string;
}

/** Who a reviewer's message goes to (the reviewer, or for an escalation their manager) and what is pending. */
export interface Target {
  reviewer_key: string;
  reviewer_name: string | null;
  recipient_key: string;
  recipient_name: string | null;
  email: string | null;
  pending: string;
}

export interface Person {
  key: string;
  name: string;
  email: string | null;
}

/** What mail needs to know of campaigns, reviewers and people. */
export class RecipientRepository {
  campaign(sql: Sql, campaignId: string): Promise<CampaignContext | undefined> {
    return sql.one<CampaignContext>(
      `SELECT number, title, status, due_at, owner_key FROM campaign WHERE id = $1`,
      [campaignId],
    );
  }

  /**
   * One row per reviewer, in the order given: the recipient is the reviewer, or with `escalate` their
   * active manager, else `ownerKey`; `pending` counts the reviewer's undecided items in the campaign.
   */
  targets(
    sql: Sql,
    campaignId: string,
    reviewerKeys: string[],
    escalate: boolean,
    ownerKey: string,
  ): Promise<Target[]> {
    return sql.rows<Target>(
      `SELECT k.key AS reviewer_key, r.display_name AS reviewer_name, t.key AS recipient_key,
              t.display_name AS recipient_name, t.email,
              (SELECT count(*) FROM review_item ri WHERE ri.campaign_id = $1 AND ri.responsible_reviewer_key = k.key
                 AND ri.status = 'to_be_reviewed') AS pending
       FROM unnest($2::text[]) WITH ORDINALITY AS k(key, n)
       LEFT JOIN identity r ON r.key = k.key
       LEFT JOIN identity m ON m.id = r.manager_id AND m.key <> r.key AND m.status = 'active'
       LEFT JOIN identity t ON t.key = CASE WHEN $3 THEN coalesce(m.key, $4) ELSE k.key END
       ORDER BY k.n`,
      [campaignId, reviewerKeys, escalate, ownerKey],
    );
  }

  people(sql: Sql, keys: string[]): Promise<Person[]> {
    return sql.rows<Person>(
      `SELECT key, display_name AS name, email FROM identity WHERE key = ANY($1::text[])`,
      [keys],
    );
  }
}
