import type { WorkshopExportRequest } from '@torg/shared';
import { ApiError, request } from '../api.js';

/** An export job as the server reports it (see server/src/export/jobs.ts). */
export interface ExportJob {
  id: string;
  format: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  filename: string | null;
  size: number | null;
  error: string | null;
}

const enc = encodeURIComponent;
const jobPath = (workshopId: string, jobId = '') =>
  `/api/workshops/${enc(workshopId)}/exports${jobId ? `/${enc(jobId)}` : ''}`;

export const exportsApi = {
  start: (workshopId: string, token: string, body: WorkshopExportRequest) =>
    request<{ job: ExportJob }>('POST', jobPath(workshopId), { token, body }),
  get: (workshopId: string, token: string, jobId: string) =>
    request<{ job: ExportJob }>('GET', jobPath(workshopId, jobId), { token }),
  cancel: (workshopId: string, token: string, jobId: string) =>
    request<{ job: ExportJob }>('DELETE', jobPath(workshopId, jobId), { token }),
  download: (workshopId: string, token: string, job: ExportJob) =>
    saveDownload(`${jobPath(workshopId, job.id)}/download`, token, job.filename ?? 'torg-export'),
};

/** The file name a response names in `Content-Disposition` (the UTF-8 one first). */
function filenameOf(res: Response, fallback: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (utf8) return decodeURIComponent(utf8);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/**
 * Fetches a file with the token (never in the address) and hands it to the browser as a
 * download under the server's file name.
 */
export async function saveDownload(path: string, token: string | null, fallback: string) {
  let res: Response;
  try {
    res = await fetch(path, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw new ApiError(res.status, 'error', res.statusText);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filenameOf(res, fallback);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
