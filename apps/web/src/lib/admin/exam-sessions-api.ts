import type {
  CandidateImportReport,
  ExamSessionDetail,
  ExamSessionListing,
  ExamSessionView,
  NewExamSession,
  RegulationChoice,
  SessionCandidate,
  WrittenMarksReport,
} from '@delib/protocol';
import { requestApi } from '../api/api-client';

type Fetch = typeof fetch;

/** Exam sessions and their candidate and written-marks files (`/api/admin/exam-sessions`). */

const sessionPath = (sessionId: number): string => `/api/admin/exam-sessions/${sessionId}`;

/** A CSV file sent as is: the server detects its encoding and separator. */
const csv = (file: Blob) => ({ method: 'POST', raw: file, contentType: 'text/csv' });

export function fetchRegulations(fetchFn: Fetch): Promise<RegulationChoice[]> {
  return requestApi<RegulationChoice[]>(fetchFn, '/api/admin/regulations');
}

export function fetchExamSessions(fetchFn: Fetch): Promise<ExamSessionListing[]> {
  return requestApi<ExamSessionListing[]>(fetchFn, '/api/admin/exam-sessions');
}

export function createExamSession(session: NewExamSession): Promise<ExamSessionView> {
  return requestApi(fetch, '/api/admin/exam-sessions', { method: 'POST', body: session });
}

export function fetchExamSession(fetchFn: Fetch, sessionId: number): Promise<ExamSessionDetail> {
  return requestApi<ExamSessionDetail>(fetchFn, sessionPath(sessionId));
}

export function fetchSessionCandidates(
  fetchFn: Fetch,
  sessionId: number,
): Promise<SessionCandidate[]> {
  return requestApi<SessionCandidate[]>(fetchFn, `${sessionPath(sessionId)}/candidates`);
}

export function previewCandidates(sessionId: number, file: Blob): Promise<CandidateImportReport> {
  return requestApi(fetch, `${sessionPath(sessionId)}/candidates/preview`, csv(file));
}

export function importCandidates(sessionId: number, file: Blob): Promise<CandidateImportReport> {
  return requestApi(fetch, `${sessionPath(sessionId)}/candidates/import`, csv(file));
}

export function previewWrittenMarks(sessionId: number, file: Blob): Promise<WrittenMarksReport> {
  return requestApi(fetch, `${sessionPath(sessionId)}/written-marks/preview`, csv(file));
}

/**
 * Imports written marks. `confirmation` is the token of the preview the admin saw: without
 * it the server refuses (409 `CONFIRMATION_REQUIRED`) to change marks already stored.
 */
export function importWrittenMarks(
  sessionId: number,
  file: Blob,
  confirmation: string | null,
): Promise<WrittenMarksReport> {
  const query = confirmation === null ? '' : `?confirm=${encodeURIComponent(confirmation)}`;
  return requestApi(fetch, `${sessionPath(sessionId)}/written-marks/import${query}`, csv(file));
}

/** The two files a session exports, as the import reads them back. */
export const SESSION_EXPORTS = [
  { kind: 'candidates', path: 'candidates.csv', label: 'Candidats', fallbackName: 'candidats.csv' },
  {
    kind: 'written-marks',
    path: 'written-marks.csv',
    label: 'Notes d’écrit',
    fallbackName: 'notes-ecrit.csv',
  },
] as const;

export function exportPath(sessionId: number, file: string): string {
  return `${sessionPath(sessionId)}/${file}`;
}
