import { changeHeaders } from '../api/client';
import { problemError } from '../api/problem';
import type { paths } from '../api/schema';

export type ImportResult =
  paths['/api/v1/ledger/imports']['post']['responses'][200]['content']['application/json'];

export type LedgerCollection = keyof ImportResult['counts'];
export type LedgerFileKind = 'json' | 'csv' | 'ndjson';

const CONTENT_TYPES: Record<LedgerFileKind, string> = {
  json: 'application/json',
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
};

/** What a file holds, from its name: the server is told in the content type. */
export function ledgerFileKind(name: string): LedgerFileKind {
  const extension = name.toLowerCase().split('.').pop();
  if (extension === 'csv') return 'csv';
  if (extension === 'ndjson' || extension === 'jsonl') return 'ndjson';
  return 'json';
}

/**
 * Sends a ledger file as it is (no parsing in the browser: the file may be gigabytes; the server streams
 * CSV and NDJSON) with XMLHttpRequest, the one browser API that reports upload progress; `onProgress`
 * gets 0..1. A CSV file holds the one `collection` named.
 */
export function uploadLedger(
  file: File,
  collection: LedgerCollection | null,
  onProgress: (share: number) => void,
): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/ledger/imports${collection ? `?collection=${collection}` : ''}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', CONTENT_TYPES[ledgerFileKind(file.name)]);
    for (const [name, value] of Object.entries(changeHeaders())) xhr.setRequestHeader(name, value);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      // Answered: the request is over, even when the server refused it before the last progress event.
      onProgress(1);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(xhr.response as ImportResult);
        return;
      }
      reject(problemError(xhr.status, xhr.statusText, xhr.response));
    };
    xhr.onerror = () => reject(new Error('The upload did not reach Recert: check the connection and retry.'));
    xhr.send(file);
  });
}
