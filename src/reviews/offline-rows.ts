import { whyUnstorable } from '../common/storable-text';
import { type CampaignOptions, missingCommentReason } from '../domain/campaign-options';
import { DECIDABLE, type ReviewItemRow } from '../domain/review-item.types';
import { OFFLINE_DECISIONS, type OfflineRow } from './offline-sheet';
import { MAX_COMMENT } from './review.schema';

export interface OfflineDraft {
  row: number;
  itemId: string;
  decision: 'approve' | 'revoke' | 'update';
  comment: string | null;
  payload: { endDate: string } | null;
}

export interface RefusedRow {
  row: number;
  itemId: string | null;
  field: 'item' | 'decision' | 'comment' | 'endDate';
  message: string;
}

const DECISION_OF = new Map(Object.entries(OFFLINE_DECISIONS).map(([label, d]) => [label.toLowerCase(), d]));

/**
 * The rules a decision made on the page follows, applied to each row of an uploaded spreadsheet: a row
 * without a decision is left for later; a row that breaks a rule is refused with its reason and does not
 * stop the others. `items` holds the reviewer's items of the campaign by id.
 */
export function checkOfflineRows(
  rows: OfflineRow[],
  items: Map<string, ReviewItemRow>,
  options: CampaignOptions,
  today: string,
): { drafts: OfflineDraft[]; refused: RefusedRow[]; blank: number } {
  const drafts: OfflineDraft[] = [];
  const refused: RefusedRow[] = [];
  const seen = new Map<string, number>();
  let blank = 0;
  for (const r of rows) {
    if (!r.decision && !r.comment && !r.endDate) {
      blank++;
      continue;
    }
    const refuse = (field: RefusedRow['field'], message: string) =>
      refused.push({ row: r.row, itemId: r.itemId || null, field, message });
    const item = items.get(r.itemId);
    if (!r.itemId) {
      refuse('item', 'the Item column is empty');
      continue;
    }
    if (!item) {
      refuse('item', `item ${r.itemId} is not one of your items in this campaign`);
      continue;
    }
    if (seen.has(r.itemId)) {
      refuse('item', `item ${r.itemId} is already decided on row ${seen.get(r.itemId)}`);
      continue;
    }
    seen.set(r.itemId, r.row);
    if (!r.decision) {
      blank++;
      continue;
    }
    const decision = DECISION_OF.get(r.decision.toLowerCase());
    if (!decision) {
      refuse('decision', `"${r.decision.slice(0, 40)}" is not a decision: Approve, Revoke or Update`);
      continue;
    }
    if (!DECIDABLE.includes(item.status)) {
      refuse('item', `the item is ${item.status} and waits for an administrator`);
      continue;
    }
    const comment = r.comment || null;
    const unstorable = comment ? whyUnstorable(comment) : undefined;
    if (unstorable) {
      refuse('comment', unstorable);
      continue;
    }
    if (comment && comment.length > MAX_COMMENT) {
      refuse('comment', `longer than ${MAX_COMMENT} characters`);
      continue;
    }
    const missingComment = comment ? undefined : missingCommentReason(options.commentRequired, decision);
    if (missingComment) {
      refuse('comment', missingComment);
      continue;
    }
    let payload: OfflineDraft['payload'] = null;
    if (decision === 'update') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(r.endDate) || Number.isNaN(Date.parse(r.endDate))) {
        refuse('endDate', 'an update needs the End date the access should get, as yyyy-mm-dd');
        continue;
      }
      if (r.endDate <= today) {
        refuse('endDate', `must be after ${today}`);
        continue;
      }
      payload = { endDate: `${r.endDate}T00:00:00Z` };
    }
    drafts.push({ row: r.row, itemId: r.itemId, decision, comment, payload });
  }
  return { drafts, refused, blank };
}
