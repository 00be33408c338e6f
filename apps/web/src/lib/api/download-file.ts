import { failureOf, fetchApi } from './api-client';

/**
 * The file name of a `Content-Disposition` header (`attachment; filename="pv.pdf"`, or the
 * RFC 5987 `filename*=UTF-8''…` form), or null.
 */
export function fileNameOf(contentDisposition: string | null): string | null {
  if (!contentDisposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(contentDisposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Malformed: fall back to the plain form.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(contentDisposition);
  const name = (plain?.[1] ?? plain?.[2] ?? '').trim();
  return name === '' ? null : name;
}

/**
 * Downloads a file of the API with the session cookie and hands it to the browser as a
 * download. A failure throws `ApiRequestError` with the server's French message instead of
 * leaving the user on a page of JSON.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await fetchApi(fetch, path, {}, '*/*');
  if (!response.ok) throw await failureOf(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
