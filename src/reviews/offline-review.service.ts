import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Principal } from '../auth/roles';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { ReviewItemRepository } from '../campaigns';
import { conflict, notFound } from '../common/domain-error';
import { Database, Sql } from '../database/database';
import { readOptions } from '../domain/campaign-options';
import { DECIDABLE } from '../domain/review-item.types';
import { campaignNotOpen, isOpen } from './decision-recorder';
import { checkOfflineRows, RefusedRow } from './offline-rows';
import { offlineBounds, tooLarge } from './offline-bounds';
import { readCsv } from './offline-csv.reader';
import {
  OFFLINE_DECISIONS,
  OfflineDecisionLabel,
  OfflineItem,
  writeCsv,
  writeXlsx,
  XLSX_TYPE,
} from './offline-sheet';
import { readXlsx } from './offline-xlsx.reader';
import { ReviewerWorkspaceRepository, WorkspaceItemRow } from './reviewer-workspace.repository';
import { MAX_WORKSPACE_ITEMS } from './reviewer-workspace.service';

export type OfflineFormat = 'xlsx' | 'csv';

export interface OfflineUploadResult {
  /** Rows stored as unconfirmed decisions (drafts). */
  drafted: number;
  /** Rows left without a decision. */
  blank: number;
  refused: RefusedRow[];
}

const LABEL_OF = Object.fromEntries(
  Object.entries(OFFLINE_DECISIONS).map(([label, d]) => [d, label]),
) as Record<string, OfflineDecisionLabel>;

/**
 * Seed 003's offline mode: the reviewer's decidable items as a spreadsheet, and that spreadsheet back as
 * drafts. Confirming them stays the usual, separate step.
 */
@Injectable()
export class OfflineReviewService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ReviewerWorkspaceRepository) private readonly workspace: ReviewerWorkspaceRepository,
    @Inject(ReviewItemRepository) private readonly items: ReviewItemRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async download(
    p: Principal,
    campaignId: string,
    format: OfflineFormat,
  ): Promise<{ filename: string; contentType: string; body: Buffer | string }> {
    return this.db.run(async (sql) => {
      const { number, title } = await this.offlineCampaign(sql, p, campaignId);
      const rows = await this.myItems(sql, p, campaignId);
      const items = rows.filter((r) => DECIDABLE.includes(r.status)).map(toOfflineItem);
      const filename = `${number}-${p.sub}.${format}`.replace(/[^\w.-]/g, '_');
      return format === 'xlsx'
        ? {
            filename,
            contentType: XLSX_TYPE,
            body: await writeXlsx(`${number} · ${title}`, items, new Date()),
          }
        : { filename, contentType: 'text/csv; charset=utf-8', body: writeCsv(items) };
    });
  }

  /**
   * The file is read only once the caller, the campaign and its options allow it, and no further than
   * the caller's item count allows: a hostile file costs at most what a reviewer's own file would.
   */
  async upload(
    p: Principal,
    campaignId: string,
    format: OfflineFormat,
    file: { body: Readable; declaredBytes?: number },
  ): Promise<OfflineUploadResult> {
    const campaign = await this.db.run((sql) => this.offlineCampaign(sql, p, campaignId));
    if (!isOpen(campaign)) throw campaignNotOpen(campaign);
    const bounds = offlineBounds(Number(campaign.total), this.config.limits.offlineUpload);
    if (file.declaredBytes !== undefined && file.declaredBytes > bounds.bytes) throw tooLarge(bounds.bytes);
    const rows = format === 'xlsx' ? await readXlsx(file.body, bounds) : await readCsv(file.body, bounds);
    // Read again where the drafts are written: the campaign may have been paused or closed while the file
    // arrived.
    return this.db.transaction(async (sql) => {
      const campaign = await this.offlineCampaign(sql, p, campaignId);
      if (!isOpen(campaign)) throw campaignNotOpen(campaign);
      const mine = await this.myItems(sql, p, campaignId);
      const today = new Date().toISOString().slice(0, 10);
      const checked = checkOfflineRows(
        rows,
        new Map(mine.map((i) => [i.id, i])),
        readOptions(campaign.options),
        today,
      );
      const stored = new Set(await this.items.saveDrafts(sql, campaignId, p.sub, checked.drafts));
      // An item decided by someone else (reassigned) between the read and the write is refused too.
      const lost = checked.drafts
        .filter((d) => !stored.has(d.itemId))
        .map((d): RefusedRow => ({
          row: d.row,
          itemId: d.itemId,
          field: 'item',
          message: 'the item can no longer be decided',
        }));
      return {
        drafted: stored.size,
        blank: checked.blank,
        refused: [...checked.refused, ...lost].sort((a, b) => a.row - b.row),
      };
    });
  }

  /** The campaign, when the caller has items in it and it allows offline review. */
  private async offlineCampaign(sql: Sql, p: Principal, campaignId: string) {
    const campaign = await this.workspace.myCampaign(sql, p.sub, campaignId);
    if (!campaign) throw notFound('Campaign', `You have no items in campaign ${campaignId}.`);
    if (!readOptions(campaign.options).offlineReview) {
      throw conflict(
        'offline-review-off',
        'Offline review is not allowed',
        `Campaign ${campaign.number} is reviewed on its page only: its options do not allow offline review.`,
      );
    }
    return campaign;
  }

  private myItems(sql: Sql, p: Principal, campaignId: string): Promise<WorkspaceItemRow[]> {
    return this.workspace.items(sql, p.sub, campaignId, MAX_WORKSPACE_ITEMS);
  }
}

function toOfflineItem(row: WorkspaceItemRow): OfflineItem {
  const notes = [row.mover && 'mover', row.inactive && 'inactive account'].filter(Boolean).join(', ');
  const draftEnd = row.draft_decision === 'update' ? (row.draft_payload?.endDate ?? '') : '';
  return {
    id: row.id,
    identity: !row.identity_key
      ? 'No owner (orphan account)'
      : row.identity_name
        ? `${row.identity_name} (${row.identity_key})`
        : row.identity_key,
    access: row.label,
    account: row.account_login ?? row.account_key ?? '',
    recommendation: row.recommendation === 'none' ? '' : row.recommendation.replace('_', ' '),
    notes,
    status: row.status.replace(/_/g, ' '),
    decision: row.draft_decision ? (LABEL_OF[row.draft_decision] ?? '') : '',
    comment: row.draft_decision ? (row.draft_comment ?? '') : '',
    endDate: draftEnd.slice(0, 10),
  };
}
