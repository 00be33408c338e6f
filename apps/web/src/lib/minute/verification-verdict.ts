import { DECISION_LABELS } from '@delib/rules';
import type { Decision } from '@delib/rules';
import type {
  MinuteHeader,
  MinuteVerdict,
  NotDeliberatedCandidate,
  RecordMember,
  SignedRecord,
} from '@delib/protocol';

/**
 * How the verification page presents a verdict. Three answers, never two: « Authentique »
 * only when the server says so AND the key is one the centre publishes; a file intact but
 * signed with a key the centre never published is « Intègre, clé inconnue », a warning of its
 * own (anyone can sign a file with a key they made); anything else is « Non authentique ».
 */
export type VerdictTone = 'authentic' | 'unknown-key' | 'not-authentic';

export interface VerdictDisplay {
  tone: VerdictTone;
  /** The big line: « Authentique », « Intègre, clé inconnue », « Non authentique ». */
  title: string;
  /** What it means for the person holding the document, in French. */
  explanation: string;
  /** What was verified: « Procès-verbal », « Relevé de notes », « 24 relevés de notes ». */
  document: string | null;
}

export function documentLabel(verdict: MinuteVerdict): string | null {
  if (verdict.document === 'minute') {
    const sequence =
      verdict.record?.format === 'delib.rectified-record/1'
        ? verdict.record.sequence
        : verdict.header?.rectified?.sequence;
    return sequence === undefined
      ? 'Procès-verbal de délibération'
      : `Procès-verbal rectificatif n° ${sequence}`;
  }
  if (verdict.document === 'transcripts') {
    const count = verdict.transcripts?.length ?? 0;
    return count > 1 ? `${count} relevés de notes` : 'Relevé de notes';
  }
  return null;
}

function toneOf(verdict: MinuteVerdict): VerdictTone {
  // An answer without `outcome` (an older server) or that contradicts itself is read the
  // strict way: authentic only with a key the centre publishes.
  if (verdict.outcome === 'authentic' && verdict.authentic && verdict.knownKey === true) {
    return 'authentic';
  }
  const intact =
    verdict.outcome === 'unknown-key' ||
    (verdict.outcome === undefined && verdict.authentic && verdict.knownKey !== true) ||
    (verdict.outcome === 'authentic' && verdict.knownKey !== true);
  return intact ? 'unknown-key' : 'not-authentic';
}

/** What the explanation adds for a document rectified since it was signed; '' otherwise. */
function sinceSigned(verdict: MinuteVerdict): string {
  const since = verdict.rectifiedSince;
  if (since?.replacedBy) {
    return (verdict.transcripts?.length ?? 0) > 1
      ? ' Mais des relevés qu’il contient ne sont plus à jour : une rectification signée depuis les remplace, voir ci-dessous.'
      : ' Mais il n’est plus à jour : une rectification signée depuis le remplace, voir ci-dessous.';
  }
  if (since?.unsigned) {
    return ' Une rectification a été enregistrée depuis et n’est pas encore signée, voir ci-dessous.';
  }
  return '';
}

export function verdictDisplay(verdict: MinuteVerdict): VerdictDisplay {
  const tone = toneOf(verdict);
  const document = documentLabel(verdict);
  switch (tone) {
    case 'authentic':
      return {
        tone,
        title: verdict.rectifiedSince?.replacedBy
          ? 'Authentique, mais rectifié depuis'
          : verdict.rectifiedSince?.unsigned
            ? 'Authentique, rectification en attente de signature'
            : 'Authentique',
        explanation:
          'La signature est valide, le document n’a pas été modifié et la clé qui l’a signé est une clé publiée par ce centre d’examen.' +
          sinceSigned(verdict),
        document,
      };
    case 'unknown-key':
      return {
        tone,
        title: 'Intègre, clé inconnue',
        explanation:
          'Le document n’a pas été modifié depuis sa signature, mais il a été signé avec une clé que ce centre d’examen n’a pas publiée : ' +
          'n’importe qui peut signer un fichier avec sa propre clé. Rien ne prouve qu’il vienne de ce centre ; ne vous y fiez pas.',
        document,
      };
    case 'not-authentic':
      return {
        tone,
        title: 'Non authentique',
        explanation: verdict.reason,
        document,
      };
  }
}

/** The members the record says were present. */
export function presentMembers(record: SignedRecord): RecordMember[] {
  return record.members.filter((member) => member.present);
}

/** Candidates the record lists apart, without a decision (records of format 2 and after). */
export function notDeliberatedOf(record: SignedRecord): NotDeliberatedCandidate[] {
  return record.format === 'delib.final-record/1' ? [] : record.notDeliberated;
}

/** `Candidats et décisions (24)`, `Candidats et décisions (1, et 23 non délibérés)`. */
export function recordCandidatesCaption(record: SignedRecord): string {
  const apart = notDeliberatedOf(record).length;
  const others = apart > 0 ? `, et ${apart} non délibéré${apart > 1 ? 's' : ''}` : '';
  return `Candidats et décisions (${record.candidates.length}${others})`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count > 1 ? 's' : ''}`;
}

/**
 * What the header of a procès-verbal found by its code says of its candidates: how many, and
 * how many got each decision (`24 candidats : 2 Admis, 1 Absent ; 21 non délibérés`).
 */
export function minuteHeaderCounts(header: MinuteHeader): string {
  const decisions = (Object.keys(DECISION_LABELS) as Decision[])
    .filter((decision) => (header.decisions[decision] ?? 0) > 0)
    .map((decision) => `${header.decisions[decision] ?? 0} ${DECISION_LABELS[decision]}`);
  const apart = header.notDeliberated > 0 ? plural(header.notDeliberated, 'non délibéré') : '';
  const counts = [decisions.join(', '), apart].filter((part) => part !== '').join(' ; ');
  return `${plural(header.candidates, 'candidat')}${counts ? ` : ${counts}` : ''}`;
}
