import type { Sql } from '../database/database';

export interface CampaignContext {
  number: string;
  title: string;
  description: string;
  status: string;
  due_at: Date;
  owner_key: string;
  default_reviewer_key: string | null;
}

/** Why an escalation about a reviewer goes to its recipient. */
export type EscalationReason = 'manager' | 'default-reviewer' | 'owner';

/** One reviewer with undecided items, and whom their escalation goes to. */
export interface EscalationRow {
  reviewer_key: string;
  reviewer_name: string | null;
  reviewer_email: string | null;
  pending: number;
  recipient_key: string;
  recipient_name: string | null;
  email: string | null;
  reason: EscalationReason;
}

/** A reviewer a message goes to, and what is pending for them. */
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
      `SELECT number, title, description, status, due_at, owner_key,
              reviewers->>'defaultReviewerKey' AS default_reviewer_key
       FROM campaign WHERE id = $1`,
      [campaignId],
    );
  }

  /** One row per reviewer, in the order given, who is the recipient; `pending` counts their undecided items. */
  targets(sql: Sql, campaignId: string, reviewerKeys: string[]): Promise<Target[]> {
    return sql.rows<Target>(
      `SELECT k.key AS reviewer_key, r.display_name AS reviewer_name, r.key AS recipient_key,
              r.display_name AS recipient_name, r.email,
              (SELECT count(*) FROM review_item ri WHERE ri.campaign_id = $1 AND ri.responsible_reviewer_key = k.key
                 AND ri.status = 'to_be_reviewed') AS pending
       FROM unnest($2::text[]) WITH ORDINALITY AS k(key, n)
       LEFT JOIN identity r ON r.key = k.key
       ORDER BY k.n`,
      [campaignId, reviewerKeys],
    );
  }

  /**
   * Every reviewer of the campaign who still has undecided items, with their escalation's recipient: their
   * active manager, else the campaign's default reviewer, else its owner (never the reviewer themself while
   * another is named). Reviewers already escalated one by one (before digests) are left out.
   */
  escalations(sql: Sql, campaignId: string, campaign: CampaignContext): Promise<EscalationRow[]> {
    return sql.rows<EscalationRow>(
      `WITH pending AS (
         SELECT responsible_reviewer_key AS key, count(*)::int AS pending FROM review_item
         WHERE campaign_id = $1 AND status = 'to_be_reviewed' GROUP BY 1
       )
       SELECT p.key AS reviewer_key, r.display_name AS reviewer_name, r.email AS reviewer_email, p.pending,
              coalesce(m.key, d.key, $3) AS recipient_key, t.display_name AS recipient_name, t.email,
              CASE WHEN m.key IS NOT NULL THEN 'manager' WHEN d.key IS NOT NULL THEN 'default-reviewer'
                   ELSE 'owner' END AS reason
       FROM pending p
       LEFT JOIN identity r ON r.key = p.key
       LEFT JOIN identity m ON m.id = r.manager_id AND m.key <> p.key AND m.status = 'active'
       LEFT JOIN identity d ON d.key = $2 AND d.key <> p.key AND d.status = 'active'
       LEFT JOIN identity t ON t.key = coalesce(m.key, d.key, $3)
       WHERE NOT EXISTS (
         SELECT 1 FROM mail_message x WHERE x.campaign_id = $1 AND x.event = 'escalation'
           AND x.occurrence = p.key || '-escalation' AND x.status <> 'skipped')
       ORDER BY recipient_key, p.pending DESC, p.key`,
      [campaignId, campaign.default_reviewer_key, campaign.owner_key],
    );
  }

  people(sql: Sql, keys: string[]): Promise<Person[]> {
    return sql.rows<Person>(
      `SELECT key, display_name AS name, email FROM identity WHERE key = ANY($1::text[])`,
      [keys],
    );
  }
}
