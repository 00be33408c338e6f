import type { AdmittedList } from '@delib/protocol';
import { requestApi } from '../api/api-client';
import { downloadFile } from '../api/download-file';
import { unavailableRoute } from '../api/unavailable-route';

type Fetch = typeof fetch;

/** Where a list of admitted candidates comes from: a whole session (admin) or one jury. */
export type PublicationScope = { sessionId: number } | { juryId: number };

function listPath(scope: PublicationScope): string {
  return 'sessionId' in scope
    ? `/api/admin/exam-sessions/${scope.sessionId}/publication`
    : `/api/juries/${scope.juryId}/publication`;
}

/** The admitted candidates of the locked juries (`GET …/publication`). */
export function fetchAdmittedList(fetchFn: Fetch, scope: PublicationScope): Promise<AdmittedList> {
  return requestApi<AdmittedList>(fetchFn, listPath(scope));
}

/** Downloads the list as CSV; a failure throws with the server's French message. */
export async function downloadAdmittedCsv(scope: PublicationScope): Promise<void> {
  try {
    await downloadFile(`${listPath(scope)}.csv`, 'candidats-admis.csv');
  } catch (error) {
    throw unavailableRoute(error, 'La liste des candidats admis');
  }
}

/** Downloads one candidate's relevé de notes (signed minute required). */
export async function downloadTranscript(
  juryId: number,
  candidate: { id: number; number: string },
): Promise<void> {
  try {
    await downloadFile(
      `/api/juries/${juryId}/releves/${candidate.id}.pdf`,
      `releve-${candidate.number}.pdf`,
    );
  } catch (error) {
    throw unavailableRoute(error, 'Le relevé de notes');
  }
}
