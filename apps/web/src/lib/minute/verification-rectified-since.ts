import { formatParisDate } from '@delib/protocol';
import type {
  MinuteVerdict,
  RectifiedCandidate,
  VerdictRectificationCounts,
  VerdictRectifications,
} from '@delib/protocol';
import { DECISION_LABELS } from '@delib/rules';
import { candidateName } from '$lib/format/candidate-name';

/**
 * What the verification page says of a document the centre rectified since it was signed
 * (`rectifiedSince` of the verdict): its signature still holds, but it no longer says what is
 * in force. A signed rectified minute replaces it (« Rectifié depuis : … »), with each corrected
 * candidate's decision now; corrections recorded and not signed yet are only said to exist.
 */
export interface RectifiedCandidateLine {
  number: string;
  /** `02700010 KONÉ Mamadou (U41) : décision actuelle Admis`. */
  text: string;
  /** The code of the candidate's current relevé, to verify it (a relevé only). */
  transcriptCode: string | null;
}

export interface RectifiedSinceNotice {
  /**
   * « ce document a été remplacé par le PV rectificatif n° 1 du 5 juin 2027 (code …) », after
   * « Rectifié depuis : »; null when no signed rectification replaces it.
   */
  replaced: string | null;
  /** The code of the replacing minute (a PV only), to verify it. */
  minuteCode: string | null;
  candidates: RectifiedCandidateLine[];
  /** « Une rectification a été enregistrée le 5 juin 2027 et n’est pas encore signée. » */
  unsigned: string | null;
}

function dateOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatParisDate(date);
}

/** `Admis`, or `non délibéré·e` for a candidate listed apart on the replacing minute. */
export function currentDecision(candidate: Pick<RectifiedCandidate, 'decision'>): string {
  return candidate.decision ? DECISION_LABELS[candidate.decision] : 'non délibéré·e';
}

type Since = VerdictRectifications | VerdictRectificationCounts;

/** A procès-verbal found by its code: its rectifications are counted, no candidate is named. */
function isCounted(since: Since): since is VerdictRectificationCounts {
  return 'rectified' in since;
}

function candidatesCount(count: number): string {
  return count === 1 ? '1 candidat·e' : `${count} candidat·e·s`;
}

function replacedText(since: Since, verdict: MinuteVerdict): string | null {
  const { replacedBy } = since;
  if (!replacedBy) return null;
  const minute = `PV rectificatif n° ${replacedBy.sequence} du ${dateOf(replacedBy.signedAt)}`;
  if (verdict.document === 'minute' || isCounted(since)) {
    const code = replacedBy.verificationCode ? ` (code ${replacedBy.verificationCode})` : '';
    const counted = isCounted(since) ? `, qui rectifie ${candidatesCount(since.rectified)}` : '';
    return `ce document a été remplacé par le ${minute}${code}${counted}.`;
  }
  const relevés = verdict.transcripts?.length ?? 0;
  const count = since.candidates.length;
  if (relevés > 1) {
    return count > 1
      ? `${count} des relevés de ce document ont été remplacés par ceux du ${minute}.`
      : `un des relevés de ce document a été remplacé par celui du ${minute}.`;
  }
  return `ce document a été remplacé par le relevé du ${minute}.`;
}

function unsignedText(since: Since, verdict: MinuteVerdict): string | null {
  const { unsigned } = since;
  if (!unsigned) return null;
  const dates = [...new Set(unsigned.recordedAt.map(dateOf))].join(', le ');
  const count = unsigned.recordedAt.length;
  const concerning =
    typeof unsigned.candidates === 'number'
      ? ` (concerne ${candidatesCount(unsigned.candidates)})`
      : verdict.document === 'minute' || (verdict.transcripts?.length ?? 0) > 1
        ? ` (concerne : ${unsigned.candidates.map((c) => `${c.number} ${candidateName(c)}`).join(', ')})`
        : '';
  return count === 1
    ? `Une rectification a été enregistrée le ${dates} et n’est pas encore signée${concerning}.`
    : `${count} rectifications ont été enregistrées le ${dates} et ne sont pas encore signées${concerning}.`;
}

/** The notice of a verdict on a document rectified since; null when nothing changed. */
export function rectifiedSinceNotice(verdict: MinuteVerdict): RectifiedSinceNotice | null {
  const since = verdict.rectifiedSince;
  if (!since || (!since.replacedBy && !since.unsigned)) return null;
  return {
    replaced: replacedText(since, verdict),
    minuteCode: since.replacedBy?.verificationCode ?? null,
    candidates: (isCounted(since) ? [] : since.candidates).map((c) => ({
      number: c.number,
      text: `${c.number} ${candidateName(c)} (${c.units.join(', ')}) : décision actuelle ${currentDecision(c)}`,
      transcriptCode: c.transcriptCode ?? null,
    })),
    unsigned: unsignedText(since, verdict),
  };
}

/**
 * Beside a candidate's decision in the tables of the verified document: what it is now
 * (« rectifié depuis : Admis »), or that a correction awaits signature; null when unchanged.
 */
export function rectifiedDecisionNote(verdict: MinuteVerdict, number: string): string | null {
  const since = verdict.rectifiedSince;
  if (!since || isCounted(since)) return null;
  const rectified = since.candidates.find((c) => c.number === number);
  if (since.replacedBy && rectified) return `rectifié depuis : ${currentDecision(rectified)}`;
  if (since.unsigned?.candidates.some((c) => c.number === number)) {
    return 'rectification enregistrée, pas encore signée';
  }
  return null;
}

/** `/verifier?code=9e6d3f24e9be`: the page verifying a code, as the QR codes open it. */
export function verifyCodePath(code: string): `/verifier?code=${string}` {
  return `/verifier?code=${encodeURIComponent(code.replace(/ /g, ''))}`;
}
