import type {
  MinuteSignatureAnswer,
  MinuteVerdict,
  RectifiedMinuteAnswer,
  SignRequest,
} from '@delib/protocol';
import { requestApi } from '../api/api-client';
import { downloadFile } from '../api/download-file';
import { unavailableRoute } from '../api/unavailable-route';

/**
 * Signs the locked minute (`POST /api/juries/:id/sign`, idempotent) with the president's
 * password typed again; a wrong one throws the server's French message.
 */
export async function signMinute(juryId: number, password: string): Promise<MinuteSignatureAnswer> {
  try {
    return await requestApi<MinuteSignatureAnswer>(fetch, `/api/juries/${juryId}/sign`, {
      method: 'POST',
      body: { password } satisfies SignRequest,
    });
  } catch (error) {
    throw unavailableRoute(error, 'La signature du procès-verbal');
  }
}

/** Signs a rectified minute of every rectification so far (`POST /api/juries/:id/rectified-minutes`). */
export async function signRectifiedMinute(
  juryId: number,
  password: string,
): Promise<RectifiedMinuteAnswer> {
  try {
    return await requestApi<RectifiedMinuteAnswer>(
      fetch,
      `/api/juries/${juryId}/rectified-minutes`,
      { method: 'POST', body: { password } satisfies SignRequest },
    );
  } catch (error) {
    throw unavailableRoute(error, 'La signature du procès-verbal rectificatif');
  }
}

export type JuryFile = 'minute' | 'rectified' | 'transcripts' | 'results';

const FILES: Record<JuryFile, { path: string; name: string; what: string }> = {
  minute: { path: 'minute.pdf', name: 'proces-verbal.pdf', what: 'Le procès-verbal' },
  rectified: {
    path: 'rectified-minute.pdf',
    name: 'proces-verbal-rectificatif.pdf',
    what: 'Le procès-verbal rectificatif',
  },
  transcripts: { path: 'releves.pdf', name: 'releves-de-notes.pdf', what: 'Les relevés de notes' },
  results: { path: 'results.csv', name: 'resultats.csv', what: 'L’export des résultats' },
};

/** Downloads one of the jury's documents; a failure throws with a French message. */
export async function downloadJuryFile(juryId: number, file: JuryFile): Promise<void> {
  const { path, name, what } = FILES[file];
  try {
    await downloadFile(`/api/juries/${juryId}/${path}`, name);
  } catch (error) {
    throw unavailableRoute(error, what);
  }
}

/** What the centre signed under a verification code (`GET /api/verify/:code`, public). */
export async function lookupVerificationCode(code: string): Promise<MinuteVerdict> {
  try {
    return await requestApi<MinuteVerdict>(fetch, `/api/verify/${encodeURIComponent(code)}`);
  } catch (error) {
    throw unavailableRoute(error, 'La vérification par code');
  }
}

/** Sends a PDF to `POST /api/verify` (public) and returns the verdict. */
export async function verifyMinute(file: Blob): Promise<MinuteVerdict> {
  try {
    return await requestApi<MinuteVerdict>(fetch, '/api/verify', {
      method: 'POST',
      raw: file,
      contentType: 'application/pdf',
    });
  } catch (error) {
    throw unavailableRoute(error, 'La vérification des procès-verbaux');
  }
}

/**
 * Downloads one candidate's fiche d'évaluation (`GET /api/juries/:id/fiches/:candidate.pdf`,
 * president and admin, once locked); a failure throws with the server's French message.
 */
export async function downloadEvaluationSheet(
  juryId: number,
  candidateId: number,
  candidateNumber: string,
): Promise<void> {
  try {
    await downloadFile(
      `/api/juries/${juryId}/fiches/${candidateId}.pdf`,
      `fiche-evaluation-${candidateNumber}.pdf`,
    );
  } catch (error) {
    throw unavailableRoute(error, 'La fiche d’évaluation');
  }
}
