import { changeHeaders, problemError } from '../api/client';
import type { paths } from '../api/schema';

export type ImportResult =
  paths['/api/v1/ledger/imports']['post']['responses'][200]['content']['application/json'];

/**
 * Sends a ledger file as it is (no parsing in the browser: the file may be hundreds of megabytes) with
 * XMLHttpRequest, the one browser API that reports upload progress; `onProgress` gets 0..1.
 */
export function uploadLedger(file: File, onProgress: (share: number) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/ledger/imports');
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/json');
    for (const [name, value] of Object.entries(changeHeaders())) xhr.setRequestHeader(name, value);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
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
