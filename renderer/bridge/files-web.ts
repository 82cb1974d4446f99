/**
 * The web preview's upload of a chosen file: POST /files on the preview's own origin with the run's
 * token as a Bearer header (the browser adds the Origin the server checks). XMLHttpRequest rather
 * than fetch for the upload progress a big video needs.
 */
import type { Result } from '../../preload/contract';
import { UPLOAD_NAME_HEADER, UPLOAD_PATH } from '../../preload/contract/limits';
import type { FileRef } from '../../preload/contract/files';

export function uploadFile(file: File, token: string, onProgress?: (fraction: number) => void): Promise<Result<FileRef>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', UPLOAD_PATH);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader(UPLOAD_NAME_HEADER, encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (onProgress) xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.total > 0 ? e.loaded / e.total : 1);
    xhr.onload = () => {
      try {
        const body = JSON.parse(String(xhr.responseText)) as Result<FileRef>;
        if (body && typeof body === 'object' && 'ok' in body) return resolve(body);
      } catch {
        // fall through
      }
      resolve({ ok: false, error: { code: 'files.upload_failed', detail: `HTTP ${xhr.status}` } });
    };
    xhr.onerror = () => resolve({ ok: false, error: { code: 'files.upload_failed', detail: 'network error' } });
    xhr.send(file);
  });
}
