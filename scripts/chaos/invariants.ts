import { Client as PgClient } from 'pg';
import type { ReceivedMail } from '../../test/support/smtp-sink';
import type { Incident } from '../../test/support/fake-servicenow';
import type { Outcome } from './api-client';

export interface DecisionCall {
  reviewer: string;
  decisions: { itemId: string; decision: 'approve' | 'revoke' }[];
  outcome: Outcome;
}

export interface Check {
  check: string;
  expected: string;
  actual: string;
  ok: boolean;
}

const STATUS = { approve: 'ok', revoke: 'revoke' } as const;

/** Every decision acknowledged stored once with one audit entry; unanswered ones once or not at all. */
export async function decisionChecks(
  db: PgClient,
  campaignId: string,
  calls: DecisionCall[],
): Promise<Check[]> {
  const items = await db.query<{ id: string; status: string; entries: number }>(
    `SELECT ri.id::text, ri.status,
            (SELECT count(*)::int FROM audit_event e
              WHERE e.object_type = 'review_item' AND e.object_id = ri.id::text AND e.action = 'item.decided'
                AND e.actor <> 'system') AS entries
       FROM review_item ri WHERE ri.campaign_id = $1`,
    [campaignId],
  );
  const byId = new Map(items.rows.map((r) => [r.id, r]));
  let acknowledged = 0;
  let wrong = 0;
  let lostStored = 0;
  let lostNot = 0;
  let duplicated = 0;
  for (const call of calls) {
    for (const d of call.decisions) {
      const row = byId.get(d.itemId);
      if (row && row.entries > 1) duplicated++;
      if (call.outcome === 'acknowledged') {
        acknowledged++;
        if (!row || row.status !== STATUS[d.decision] || row.entries !== 1) wrong++;
      } else if (row && row.entries === 1 && row.status === STATUS[d.decision]) lostStored++;
      else if (row && row.entries === 0) lostNot++;
      else wrong++;
    }
  }
  const anyDuplicated = items.rows.filter((r) => r.entries > 1).length;
  return [
    {
      check: 'acknowledged decisions stored exactly once, one audit entry each',
      expected: `${acknowledged}`,
      actual: `${acknowledged - wrong} (${wrong} wrong)`,
      ok: wrong === 0,
    },
    {
      check: 'unanswered decisions stored once or not at all',
      expected: 'never twice',
      actual: `${lostStored} stored, ${lostNot} not`,
      ok: duplicated === 0,
    },
    {
      check: 'items with more than one decision entry',
      expected: '0',
      actual: String(anyDuplicated),
      ok: anyDuplicated === 0,
    },
  ];
}

/** One mail per (campaign, recipient, event, occurrence), counted at the sink from the Message-ID. */
export function mailCheck(received: ReceivedMail[]): Check {
  const seen = new Map<string, number>();
  for (const mail of received) {
    const id = /^<?([^.]+)\.([^.]+)\.([^.]+)\./.exec(mail.messageId);
    const key = `${mail.to.join(',')}|${id ? id.slice(1, 4).join('|') : mail.messageId}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const twice = [...seen.entries()].filter(([, n]) => n > 1).map(([key]) => key);
  return {
    check: 'mails sent twice for one (campaign, recipient, event, occurrence)',
    expected: '0',
    actual: `${twice.length} of ${seen.size} (${received.length} mails)${twice.length ? `: ${twice.slice(0, 3).join('; ')}` : ''}`,
    ok: twice.length === 0 && received.length > 0,
  };
}

/**
 * The mail log at the end: nothing still in flight (a claim left `sending` is a message never sent), and
 * how many messages were caught at the commit point by a kill (`unconfirmed`: may have arrived, not resent).
 */
export async function mailLogCheck(db: PgClient, campaignId: string): Promise<Check> {
  const rows = await db.query<{ status: string; n: string }>(
    `SELECT status, count(*) AS n FROM mail_message WHERE campaign_id = $1 GROUP BY status ORDER BY status`,
    [campaignId],
  );
  const by = Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
  const inFlight = (by.sending ?? 0) + (by.committing ?? 0);
  return {
    check: 'mail log: messages left in flight at the end',
    expected: '0',
    actual: `${inFlight} (${rows.rows.map((r) => `${r.status} ${r.n}`).join(', ')})`,
    ok: inFlight === 0,
  };
}

/** Exactly one ticket per remediation attempt, counted at the fake ITSM by correlation id. */
export async function ticketChecks(
  db: PgClient,
  campaignId: string,
  incidents: Incident[],
): Promise<Check[]> {
  const attempts = await db.query<{ cid: string; closed: number }>(
    `SELECT 'recert-remediation-' || r.id || '-' || a AS cid, r.closed_status AS closed
       FROM remediation r CROSS JOIN generate_series(1, r.attempt) a
      WHERE r.campaign_id = $1 AND r.type = 'itsm'`,
    [campaignId],
  );
  const tickets = new Map<string, number>();
  for (const i of incidents) tickets.set(i.correlation_id, (tickets.get(i.correlation_id) ?? 0) + 1);
  const missing = attempts.rows.filter((a) => !tickets.has(a.cid)).length;
  const extra = [...tickets.entries()].filter(([, n]) => n > 1).length;
  const open = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM remediation WHERE campaign_id = $1 AND closed_status <= 0`,
    [campaignId],
  );
  return [
    {
      check: 'ITSM tickets per remediation attempt',
      expected: `1 each (${attempts.rowCount} attempts)`,
      actual: `${missing} missing, ${extra} duplicated, ${incidents.length} tickets`,
      ok: missing === 0 && extra === 0 && incidents.length === attempts.rowCount && attempts.rowCount! > 0,
    },
    {
      check: 'remediations not closed',
      expected: '0',
      actual: String(open.rows[0].n),
      ok: open.rows[0].n === 0,
    },
  ];
}

/** The campaign closed, its counts those of the items stored. */
export async function campaignChecks(
  db: PgClient,
  campaign: { status: string; counts: Record<string, number> },
  campaignId: string,
): Promise<Check[]> {
  const stored = await db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM review_item WHERE campaign_id = $1 GROUP BY status`,
    [campaignId],
  );
  const counts = Object.fromEntries(stored.rows.map((r) => [r.status, r.n]));
  const shown = Object.fromEntries(
    Object.entries(campaign.counts).filter(([k, v]) => k !== 'total' && v > 0),
  );
  const same = JSON.stringify(Object.entries(counts).sort()) === JSON.stringify(Object.entries(shown).sort());
  return [
    {
      check: 'campaign status',
      expected: 'closed',
      actual: campaign.status,
      ok: campaign.status === 'closed',
    },
    {
      check: 'campaign counts equal the items stored',
      expected: JSON.stringify(counts),
      actual: JSON.stringify(shown),
      ok: same,
    },
  ];
}
