import { changeHeaders } from '../api/client';
import { problemError } from '../api/problem';
import type { paths } from '../api/schema';

type OfflinePath = paths['/api/v1/reviews/campaigns/{id}/offline'];
export type OfflineResult = OfflinePath['post']['responses'][200]['content']['application/json'];
export type OfflineFormat = 'xlsx' | 'csv';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const offlineUrl = (campaignId: string) =>
  `/api/v1/reviews/campaigns/${encodeURIComponent(campaignId)}/offline`;

/** The spreadsheet goes as it is: the server reads it, whatever program filled it. */
export async function uploadOffline(campaignId: string, file: File): Promise<OfflineResult> {
  const response = await fetch(offlineUrl(campaignId), {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX,
      ...changeHeaders(),
    },
    body: file,
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw problemError(response.status, response.statusText, body);
  return body as OfflineResult;
}
