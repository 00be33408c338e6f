import type { RegulationUploadAnswer, SessionSettingsView } from '@delib/protocol';
import type { SessionSettings } from '@delib/rules';
import { requestApi } from '../api/api-client';

/** Regulation uploads and a session's settings (`/api/admin/regulations`, `…/settings`). */

/** Sends the file as is: the server reads it with `loadRegulation`, errors by JSON path. */
export function uploadRegulation(file: Blob): Promise<RegulationUploadAnswer> {
  return requestApi(fetch, '/api/admin/regulations', {
    method: 'POST',
    raw: file,
    contentType: 'text/plain',
  });
}

export function saveSessionSettings(
  sessionId: number,
  settings: SessionSettings,
): Promise<SessionSettingsView> {
  return requestApi(fetch, `/api/admin/exam-sessions/${sessionId}/settings`, {
    method: 'PUT',
    body: settings,
  });
}
