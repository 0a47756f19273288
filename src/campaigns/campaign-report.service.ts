import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditRepository } from '../audit';
import { actorOf, Principal } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { Database } from '../database/database';
import { CampaignReportRepository, GroupTotals } from './campaign-report.repository';
import { CampaignRepository } from './campaign.repository';
import type { CampaignRow } from '../domain/campaign.types';
import { CampaignsService } from './campaigns.service';

/**
 * A reviewer is behind when the share of their items decided trails the share of the campaign's time gone
 * by more than this: nobody is behind on the first day, everyone who has not started is by mid-campaign.
 */
const BEHIND_MARGIN = 0.25;

/** How long a report download link may wait to be opened: long enough to follow, too short to pass around. */
export const EXPORT_LINK_TTL_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const linkRefused = (detail: string) =>
  new DomainError(403, 'export-link-refused', 'Download refused', detail);

const num = (v: string | number | null | undefined) => Number(v ?? 0);
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);
const seconds = (from: Date | null, to: Date | null) =>
  from && to ? Math.round((to.getTime() - from.getTime()) / 1000) : null;

function group(g: GroupTotals) {
  const items = num(g.items);
  const reviewed = num(g.reviewed);
  return {
    key: g.key,
    name: g.name,
    items,
    reviewed,
    reviewedPercent: percent(reviewed, items),
    pending: num(g.pending),
    approved: num(g.approved),
    revoked: num(g.revoked),
    updated: num(g.updated),
    notReviewed: num(g.not_reviewed),
    decidedByReviewer: num(g.decided_by_reviewer),
    closedAtDueDate: num(g.closed_at_due_date),
    lastActivityAt: g.last_activity_at?.toISOString() ?? null,
  };
}

/** Whether a reviewer with items still waiting is past the due date, or trails the campaign's clock. */
function timeliness(g: ReturnType<typeof group>, c: CampaignRow, now: number) {
  const running = c.status === 'active' || c.status === 'paused';
  if (!running || g.pending === 0 || !c.activated_at) return { late: false, behind: false };
  const due = c.due_at.getTime();
  if (now >= due) return { late: true, behind: true };
  const elapsed = (now - c.activated_at.getTime()) / Math.max(1, due - c.activated_at.getTime());
  return { late: false, behind: 1 - g.pending / g.items < elapsed - BEHIND_MARGIN };
}

@Injectable()
export class CampaignReportService {
  private readonly logger = new Logger(CampaignReportService.name);

  private readonly publicUrl: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(Database) private readonly db: Database,
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(CampaignRepository) private readonly campaignRows: CampaignRepository,
    @Inject(CampaignReportRepository) private readonly reports: CampaignReportRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {
    this.publicUrl = config.publicUrl;
  }

  /** The compliance report (seed 003's finalized ticketlog): totals, per reviewer and application, timings. */
  async report(campaignId: string) {
    const c = await this.campaigns.require(campaignId);
    const data = await this.db.run(async (sql) => ({
      counts: (await this.campaignRows.counts(sql, [campaignId])).get(campaignId)!,
      flags: (await this.reports.flags(sql, campaignId))!,
      byReviewer: await this.reports.byReviewer(sql, campaignId),
      byApplication: await this.reports.byApplication(sql, campaignId),
      delays: await this.reports.decisionDelays(sql, campaignId),
      remediations: await this.reports.remediations(sql, campaignId),
    }));
    const { total: items, ...byStatus } = data.counts;
    const reviewed = byStatus.ok + byStatus.revoke + byStatus.update;
    const remediation = {
      total: 0,
      byClosedStatus: { '-1': 0, '0': 0, '1': 0, '2': 0 } as Record<string, number>,
      byType: {} as Record<string, number>,
      verified: 0,
      flagged: 0,
    };
    for (const r of data.remediations) {
      const n = num(r.n);
      remediation.total += n;
      remediation.byClosedStatus[String(r.closed_status)] += n;
      remediation.byType[r.type] = (remediation.byType[r.type] ?? 0) + n;
      if (r.verification === 'verified') remediation.verified += n;
      if (r.flagged) remediation.flagged += n;
    }
    return {
      campaign: {
        id: c.id,
        number: c.number,
        title: c.title,
        status: c.status,
        ownerKey: c.owner_key,
        dueAt: c.due_at.toISOString(),
        activatedAt: c.activated_at?.toISOString() ?? null,
        closedAt: c.closed_at?.toISOString() ?? null,
        decisionsAppliedAt: c.decisions_applied_at?.toISOString() ?? null,
      },
      totals: {
        items,
        byStatus,
        reviewed,
        reviewedPercent: percent(reviewed, items),
        approved: byStatus.ok,
        revoked: byStatus.revoke,
        updated: byStatus.update,
        notReviewed: byStatus.not_reviewed,
        pending: byStatus.to_be_reviewed + byStatus.reassign,
        reassigned: num(data.flags.reassigned),
        movers: num(data.flags.movers),
        inactiveAccounts: num(data.flags.inactive),
        decidedByDueDateRule: num(data.flags.by_due_date),
      },
      byReviewer: data.byReviewer.map((r) => {
        const g = group(r);
        return { ...g, email: r.email, ...timeliness(g, c, Date.now()) };
      }),
      byApplication: data.byApplication.map(group),
      durations: {
        launchToCloseSeconds: seconds(c.activated_at, c.closed_at ?? c.cancelled_at),
        openForSeconds: seconds(c.activated_at, c.closed_at ?? c.cancelled_at ?? new Date()),
        medianDecisionSeconds: data.delays?.median === null ? null : Math.round(num(data.delays?.median)),
        p90DecisionSeconds: data.delays?.p90 === null ? null : Math.round(num(data.delays?.p90)),
      },
      remediations: remediation,
      generatedAt: new Date().toISOString(),
    };
  }

  /**
   * A link that downloads the CSV once, for the caller only, within EXPORT_LINK_TTL_MS. Asked for with a
   * POST, which a page of another site cannot send with the session cookie (CSRF check), nor read the
   * answer of; the token is random and only its SHA-256 is kept.
   */
  async exportLink(campaignId: string, principal: Principal): Promise<{ url: string; expiresAt: string }> {
    const c = await this.campaigns.require(campaignId);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = await this.db.run((sql) =>
      this.reports.addExportLink(sql, {
        tokenHash: sha256(token),
        subject: principal.sub,
        campaignId: c.id,
        ttlMs: EXPORT_LINK_TTL_MS,
      }),
    );
    return {
      url: `${this.publicUrl}/api/v1/campaigns/${c.id}/report.csv?link=${token}`,
      expiresAt: expiresAt.toISOString(),
    };
  }

  /**
   * Every item as CSV straight from COPY, with backpressure: memory stays flat whatever the size. The
   * SHA-256 of the bytes read is recorded in the audit trail under the export id by `complete`, so a file
   * kept as evidence can be checked later.
   *
   * An export is written to the audit trail, and a page of another site can make the browser GET this
   * with its session cookie (SameSite=Lax allows top-level navigations): with a session it takes a link
   * of `exportLink`, used up here. A bearer token is never sent by a browser on its own, so it needs none.
   */
  async openCsv(campaignId: string, principal: Principal, link?: string): Promise<CsvExport> {
    if (link !== undefined) {
      const taken = await this.db.run((sql) =>
        this.reports.takeExportLink(sql, sha256(link), principal.sub, campaignId),
      );
      if (!taken) {
        throw linkRefused(
          'This download link is unknown, already used, expired, or not yours for this campaign: ask for a new one (POST …/report.csv/link).',
        );
      }
    } else if (principal.session) {
      throw linkRefused(
        `A download with the session cookie needs a link: POST /api/v1/campaigns/${campaignId}/report.csv/link, then open its url.`,
      );
    }
    const c = await this.campaigns.require(campaignId);
    const exportId = randomUUID();
    const copy = await this.reports.csv(this.db, c.id);
    const hash = createHash('sha256');
    let bytes = 0;
    const body = copy.stream.pipe(
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          bytes += chunk.length;
          done(null, chunk);
        },
      }),
    );
    // pipe() does not carry a source's error on: a COPY that fails must fail the body being sent.
    copy.stream.once('error', (err) => body.destroy(err));
    return {
      exportId,
      filename: `${c.number}-report.csv`,
      body,
      abort: (err) => {
        copy.release(err);
        this.logger.warn(`report export ${exportId} of ${c.number} stopped: ${err.message}`);
      },
      complete: async (principal) => {
        copy.release();
        const sha256 = hash.digest('hex');
        try {
          await this.db.run((sql) =>
            this.audit.record(sql, {
              ...actorOf(principal),
              action: 'report.exported',
              objectType: 'report_export',
              objectId: exportId,
              campaignId: c.id,
              after: { format: 'csv', rows: copy.stream.rowCount, bytes, sha256 },
            }),
          );
        } catch (err) {
          this.logger.error(`report export ${exportId} could not be audited: ${(err as Error).message}`);
          throw err;
        }
        return sha256;
      },
    };
  }
}

/** A CSV export being streamed: the caller sends `body`, then `complete`s it (audited) or `abort`s it. */
export interface CsvExport {
  exportId: string;
  filename: string;
  body: Readable;
  abort(err: Error): void;
  complete(principal: Principal): Promise<string>;
}
