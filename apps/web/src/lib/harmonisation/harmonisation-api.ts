import type {
  HarmonisationSettings,
  JuryHarmonisationContext,
  SessionHarmonisation,
} from '@delib/protocol';
import { requestApi } from '../api/api-client';

type Fetch = typeof fetch;

/** The jury's harmonisation context: the session's gap and who wrote each mark. */
export function fetchJuryHarmonisation(
  fetchFn: Fetch,
  juryId: number,
): Promise<JuryHarmonisationContext> {
  return requestApi<JuryHarmonisationContext>(fetchFn, `/api/juries/${juryId}/harmonisation`);
}

/** The centre's statistics for a session (admin). */
export function fetchSessionHarmonisation(
  fetchFn: Fetch,
  sessionId: number,
): Promise<SessionHarmonisation> {
  return requestApi<SessionHarmonisation>(
    fetchFn,
    `/api/admin/exam-sessions/${sessionId}/harmonisation`,
  );
}

/** Sets the session's alert gap, as typed (`1,5`); the server checks it. */
export function saveAlertGap(sessionId: number, alertGap: string): Promise<HarmonisationSettings> {
  return requestApi(fetch, `/api/admin/exam-sessions/${sessionId}/harmonisation`, {
    method: 'PUT',
    body: { alertGap },
  });
}
