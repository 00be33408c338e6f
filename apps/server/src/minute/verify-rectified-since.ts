import canonicalize from 'canonicalize';
import { formatParisDate } from '@delib/protocol';
import type {
  MinuteVerdict,
  RecordAmendment,
  RectifiedCandidate,
  VerdictRectificationCounts,
  VerdictRectifications,
} from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import { readAmendments } from '../deliberation/read-amendments.js';
import { candidateName, decisionLabel } from './minute-cells.js';
import { checkSignature, sha256Hex, verificationCode } from './minute-signature.js';
import { latestRectifiedMinute } from './rectified-minutes.js';
import type { StoredRectifiedMinute } from './rectified-minutes.js';
import { rectifiedTranscriptSignatures } from './rectified-transcripts.js';
import { listPublicKeys } from './signing-keys.js';

/**
 * A document the centre signed stays authentic after a rectification, but it no longer says
 * what is in force: a verdict on it must say so. Once a signature is established (from a file
 * or a code), the document is found among what this centre stored (by the hash that was
 * signed), and the verdict gets `rectifiedSince`: the signed rectified minute that replaces it
 * for the candidates it corrected since, and the corrections recorded but not yet signed, whose
 * content is not stated (only signed facts are). Nothing is added that the document does not
 * already show about its own candidates, except what they are now: a relevé's holder learns its
 * candidate's decision and current relevé's code, never the code of a minute of every candidate.
 */

/** Where a signed document sits in its jury's history. */
interface SignedPlace {
  juryId: number;
  /** 0 for the original minute and its relevés, else the rectified minute's n°. */
  sequence: number;
  /** The last amendment it covers: 0 for the original. */
  through: number;
}

interface Identity {
  id: number;
  number: string;
  lastName: string;
  firstName: string;
}

function minutePlace(db: Db, recordSha256: string): SignedPlace | null {
  const original = db
    .prepare('SELECT jury_id AS "juryId" FROM minute_signatures WHERE record_sha256 = ?')
    .get(recordSha256) as { juryId: number } | undefined;
  if (original) return { juryId: original.juryId, sequence: 0, through: 0 };
  const rectified = db
    .prepare(
      `SELECT jury_id AS "juryId", sequence, amendments_through AS "through"
         FROM rectified_minutes WHERE record_sha256 = ?`,
    )
    .get(recordSha256) as SignedPlace | undefined;
  return rectified ?? null;
}

function transcriptPlace(
  db: Db,
  extractSha256: string,
): (SignedPlace & { candidateId: number }) | null {
  const original = db
    .prepare(
      `SELECT jury_id AS "juryId", candidate_id AS "candidateId"
         FROM transcript_signatures WHERE extract_sha256 = ?`,
    )
    .get(extractSha256) as { juryId: number; candidateId: number } | undefined;
  if (original) return { ...original, sequence: 0, through: 0 };
  const rectified = db
    .prepare(
      `SELECT t.jury_id AS "juryId", t.sequence, t.candidate_id AS "candidateId",
              m.amendments_through AS "through"
         FROM rectified_transcript_signatures t
         JOIN rectified_minutes m ON m.jury_id = t.jury_id AND m.sequence = t.sequence
        WHERE t.extract_sha256 = ?`,
    )
    .get(extractSha256) as (SignedPlace & { candidateId: number }) | undefined;
  return rectified ?? null;
}

/**
 * The jury's latest rectified minute when it is signed and that signature holds with a key the
 * centre publishes; null otherwise (what it covers is then not stated as signed).
 */
function signedLatest(db: Db, juryId: number): StoredRectifiedMinute | null {
  let latest: StoredRectifiedMinute | null;
  try {
    latest = latestRectifiedMinute(db, juryId);
  } catch {
    // Altered outside Délib (rectified-minutes.ts logs it): it proves nothing.
    return null;
  }
  if (!latest) return null;
  const published = listPublicKeys(db).some((key) => key.publicKey === latest.signature.publicKey);
  const holds = checkSignature(Buffer.from(latest.canonical, 'utf8'), latest.signature).ok;
  return published && holds ? latest : null;
}

/** The verification code of each candidate's relevé of a rectified minute, by candidate id. */
function transcriptCodes(db: Db, minute: StoredRectifiedMinute): Map<number, string> {
  // The relevés of a rectified minute are signed the first time they are handed out; a relevé
  // replaced by one not handed out yet gets it now, so that the code given is found.
  let signed: ReturnType<typeof rectifiedTranscriptSignatures>;
  try {
    signed = rectifiedTranscriptSignatures(db, minute);
  } catch {
    // Another process stored them at the same moment: they are there now.
    signed = rectifiedTranscriptSignatures(db, minute);
  }
  return new Map(
    minute.record.candidates.map((candidate, index) => [
      candidate.id,
      verificationCode(signed[index]?.signature.recordSha256 ?? ''),
    ]),
  );
}

function uniqueInOrder<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** What became of the document's candidates (`people`, in its order) since `place`. */
function rectificationsSince(
  db: Db,
  place: SignedPlace,
  people: readonly Identity[],
  forMinute: boolean,
): VerdictRectifications | null {
  const ids = new Set(people.map((p) => p.id));
  const later = readAmendments(db, place.juryId).filter(
    (a): a is RecordAmendment & { unit: string } =>
      a.unit !== null && a.id > place.through && ids.has(a.candidateId),
  );
  if (later.length === 0) return null;
  const latest = signedLatest(db, place.juryId);
  const replacing = latest && latest.sequence > place.sequence ? latest : null;
  const signed = replacing ? later.filter((a) => a.id <= replacing.amendmentsThrough) : [];
  const unsigned = replacing ? later.filter((a) => a.id > replacing.amendmentsThrough) : later;
  const concerned = (list: readonly RecordAmendment[]) =>
    people.filter((p) => list.some((a) => a.candidateId === p.id));

  const codes =
    replacing && signed.length > 0 && !forMinute ? transcriptCodes(db, replacing) : null;
  const candidates = concerned(signed).map((p): RectifiedCandidate => {
    const now = replacing?.record.candidates.find((c) => c.id === p.id);
    return {
      number: p.number,
      lastName: p.lastName,
      firstName: p.firstName,
      units: uniqueInOrder(signed.filter((a) => a.candidateId === p.id).map((a) => a.unit)),
      decision: now?.decision ?? null,
      ...(codes ? { transcriptCode: codes.get(p.id) ?? null } : {}),
    };
  });
  return {
    replacedBy:
      replacing && candidates.length > 0
        ? {
            sequence: replacing.sequence,
            signedAt: replacing.signature.signedAt,
            ...(forMinute
              ? { verificationCode: verificationCode(replacing.signature.recordSha256) }
              : {}),
          }
        : null,
    candidates,
    unsigned:
      unsigned.length > 0
        ? {
            recordedAt: unsigned.map((a) => a.createdAt),
            candidates: concerned(unsigned).map(({ number, lastName, firstName }) => ({
              number,
              lastName,
              firstName,
            })),
          }
        : null,
  };
}

const identity = ({ id, number, lastName, firstName }: Identity): Identity => ({
  id,
  number,
  lastName,
  firstName,
});

/** The same, in French, as the verdict's reason ends with it. */
export function rectifiedSinceText(
  since: VerdictRectifications,
  document: 'minute' | 'transcripts',
  transcripts: number,
): string {
  const sentences: string[] = [];
  const { replacedBy } = since;
  if (replacedBy) {
    const minute = `PV rectificatif n° ${replacedBy.sequence} du ${formatParisDate(replacedBy.signedAt)}`;
    const who = since.candidates
      .map((c) => {
        const decision = c.decision ? decisionLabel(c.decision) : 'non délibéré·e';
        const relevé =
          c.transcriptCode === undefined
            ? ''
            : c.transcriptCode === null
              ? ', sans relevé'
              : `, relevé actuel : code ${c.transcriptCode}`;
        return `${c.number} ${candidateName(c)} (${c.units.join(', ')}), décision actuelle : ${decision}${relevé}`;
      })
      .join(' ; ');
    if (document === 'minute') {
      sentences.push(
        `Rectifié depuis : ce document a été remplacé par le ${minute} (code ${replacedBy.verificationCode ?? ''}) ; candidat·e·s rectifié·e·s : ${who}.`,
      );
    } else if (transcripts > 1) {
      sentences.push(
        `Rectifié depuis : ${since.candidates.length} des relevés de ce document ont été remplacés par ceux du ${minute} : ${who}.`,
      );
    } else {
      sentences.push(
        `Rectifié depuis : ce document a été remplacé par le relevé du ${minute} : ${who}.`,
      );
    }
  }
  if (since.unsigned) {
    const dates = uniqueInOrder(since.unsigned.recordedAt.map((at) => formatParisDate(at)));
    const count = since.unsigned.recordedAt.length;
    const concerning =
      document === 'minute'
        ? ` (concerne : ${since.unsigned.candidates.map((c) => `${c.number} ${candidateName(c)}`).join(', ')})`
        : '';
    sentences.push(
      count === 1
        ? `Une rectification a été enregistrée le ${dates.join(', le ')} et n’est pas encore signée${concerning}.`
        : `${count} rectifications ont été enregistrées le ${dates.join(', le ')} et ne sont pas encore signées${concerning}.`,
    );
  }
  return sentences.join(' ');
}

/** What became of the verified document since it was signed; null when nothing did. */
function rectifiedSinceOf(db: Db, verdict: MinuteVerdict): VerdictRectifications | null {
  if (verdict.outcome !== 'authentic' && verdict.outcome !== 'unknown-key') return null;
  if (verdict.document === 'minute' && verdict.record && verdict.signature) {
    const place = minutePlace(db, verdict.signature.recordSha256);
    const { record } = verdict;
    const people = [
      ...record.candidates,
      ...(record.format === 'delib.final-record/1' ? [] : record.notDeliberated),
    ].map(identity);
    return place ? rectificationsSince(db, place, people, true) : null;
  }
  if (verdict.document === 'transcripts' && verdict.transcripts) {
    const found = verdict.transcripts.map(({ extract }) => ({
      extract,
      place: transcriptPlace(db, sha256Hex(canonicalize(extract) ?? '')),
    }));
    const first = found.find((f) => f.place !== null)?.place;
    // The relevés of one file are signed together: one jury, one minute.
    const same = found.filter(
      (f) => f.place?.juryId === first?.juryId && f.place?.sequence === first?.sequence,
    );
    if (first) {
      return rectificationsSince(
        db,
        first,
        same.map((f) => identity(f.extract.candidate)),
        false,
      );
    }
  }
  return null;
}

/**
 * The verdict with `rectifiedSince` when the document verified is one this centre stored and
 * it was rectified since (signed or not); the verdict as it was otherwise. Only verdicts whose
 * signature holds over an intact document are looked at.
 */
export function withRectifiedSince(db: Db, verdict: MinuteVerdict): MinuteVerdict {
  const since = rectifiedSinceOf(db, verdict);
  if (!since) return verdict;
  return {
    ...verdict,
    reason: `${verdict.reason}. ${rectifiedSinceText(since, verdict.document ?? 'minute', verdict.transcripts?.length ?? 0)}`,
    rectifiedSince: since,
  };
}

/** What a procès-verbal found by its code may say of its rectifications: how many, not who. */
export function countedRectifications(since: VerdictRectifications): VerdictRectificationCounts {
  return {
    replacedBy: since.replacedBy,
    rectified: since.candidates.length,
    unsigned: since.unsigned
      ? { recordedAt: since.unsigned.recordedAt, candidates: since.unsigned.candidates.length }
      : null,
  };
}

function candidates(count: number): string {
  return count === 1 ? '1 candidat·e' : `${count} candidat·e·s`;
}

/** The same, in French, as the reason of a minute found by its code ends with it. */
export function rectifiedSinceCountedText(since: VerdictRectificationCounts): string {
  const sentences: string[] = [];
  const { replacedBy, unsigned } = since;
  if (replacedBy) {
    sentences.push(
      `Rectifié depuis : ce document a été remplacé par le PV rectificatif n° ${replacedBy.sequence} du ${formatParisDate(replacedBy.signedAt)} (code ${replacedBy.verificationCode ?? ''}), qui rectifie ${candidates(since.rectified)}.`,
    );
  }
  if (unsigned) {
    const dates = uniqueInOrder(unsigned.recordedAt.map((at) => formatParisDate(at)));
    const count = unsigned.recordedAt.length;
    const concerning = ` (concerne ${candidates(unsigned.candidates)})`;
    sentences.push(
      count === 1
        ? `Une rectification a été enregistrée le ${dates.join(', le ')} et n’est pas encore signée${concerning}.`
        : `${count} rectifications ont été enregistrées le ${dates.join(', le ')} et ne sont pas encore signées${concerning}.`,
    );
  }
  return sentences.join(' ');
}

/**
 * As `withRectifiedSince`, for a procès-verbal found by its code: `rectifiedSince` and the
 * reason count the candidates concerned and name none of them.
 */
export function withRectifiedSinceCounted(db: Db, verdict: MinuteVerdict): MinuteVerdict {
  const since = rectifiedSinceOf(db, verdict);
  if (!since) return verdict;
  const counted = countedRectifications(since);
  return {
    ...verdict,
    reason: `${verdict.reason}. ${rectifiedSinceCountedText(counted)}`,
    rectifiedSince: counted,
  };
}
