import { describe, expect, it } from 'vitest';
import type {
  MinuteVerdict,
  VerdictRectificationCounts,
  VerdictRectifications,
} from '@delib/protocol';
import {
  rectifiedDecisionNote,
  rectifiedSinceNotice,
  verifyCodePath,
} from './verification-rectified-since';
import { verdictDisplay } from './verification-verdict';

const KONE = { number: '02700010', lastName: 'KONÉ', firstName: 'Mamadou' };
const MEYER = { number: '02700014', lastName: 'MEYER', firstName: 'Louis' };

function verdict(
  document: 'minute' | 'transcripts',
  rectifiedSince: VerdictRectifications | VerdictRectificationCounts | undefined,
  relevés = 1,
): MinuteVerdict {
  return {
    authentic: true,
    outcome: 'authentic',
    code: 'authentic',
    reason: 'authentique : …',
    document,
    knownKey: true,
    ...(document === 'transcripts'
      ? { transcripts: Array.from({ length: relevés }, () => ({}) as never) }
      : {}),
    ...(rectifiedSince ? { rectifiedSince } : {}),
  };
}

/** Signed on 5 June 2027 at 12:00, Paris time. */
const replacedBy = { sequence: 1, signedAt: '2027-06-05T10:00:00.000Z' };

describe('a verdict on a document rectified since', () => {
  it('says which rectified minute replaced the PV, with its code, and each decision now', () => {
    const pv = verdict('minute', {
      replacedBy: { ...replacedBy, verificationCode: '00ff 3b38 216f' },
      candidates: [
        { ...KONE, units: ['U41'], decision: 'admis' },
        { ...MEYER, units: ['U6'], decision: null },
      ],
      unsigned: null,
    });
    expect(rectifiedSinceNotice(pv)).toEqual({
      replaced:
        'ce document a été remplacé par le PV rectificatif n° 1 du 5 juin 2027 (code 00ff 3b38 216f).',
      minuteCode: '00ff 3b38 216f',
      candidates: [
        {
          number: '02700010',
          text: '02700010 KONÉ Mamadou (U41) : décision actuelle Admis',
          transcriptCode: null,
        },
        {
          number: '02700014',
          text: '02700014 MEYER Louis (U6) : décision actuelle non délibéré·e',
          transcriptCode: null,
        },
      ],
      unsigned: null,
    });
    expect(verdictDisplay(pv)).toMatchObject({
      tone: 'authentic',
      title: 'Authentique, mais rectifié depuis',
    });
    expect(verdictDisplay(pv).explanation).toContain('Mais il n’est plus à jour');
    expect(rectifiedDecisionNote(pv, '02700010')).toBe('rectifié depuis : Admis');
    expect(rectifiedDecisionNote(pv, '02700001')).toBeNull();
  });

  it('gives a relevé’s holder the candidate’s current relevé, not the minute', () => {
    const releve = verdict('transcripts', {
      replacedBy,
      candidates: [
        { ...KONE, units: ['U41'], decision: 'admis', transcriptCode: '9e6d 3f24 e9be' },
      ],
      unsigned: null,
    });
    const notice = rectifiedSinceNotice(releve);
    expect(notice?.replaced).toBe(
      'ce document a été remplacé par le relevé du PV rectificatif n° 1 du 5 juin 2027.',
    );
    expect(notice?.minuteCode).toBeNull();
    expect(notice?.candidates[0]?.transcriptCode).toBe('9e6d 3f24 e9be');
    expect(verifyCodePath('9e6d 3f24 e9be')).toBe('/verifier?code=9e6d3f24e9be');
  });

  it('counts the relevés of a file that were replaced', () => {
    const file = verdict(
      'transcripts',
      {
        replacedBy,
        candidates: [
          { ...KONE, units: ['U41'], decision: 'admis', transcriptCode: '9e6d 3f24 e9be' },
          { ...MEYER, units: ['U6'], decision: 'admis', transcriptCode: '8406 ab71 52ff' },
        ],
        unsigned: null,
      },
      4,
    );
    expect(rectifiedSinceNotice(file)?.replaced).toBe(
      '2 des relevés de ce document ont été remplacés par ceux du PV rectificatif n° 1 du 5 juin 2027.',
    );
    expect(verdictDisplay(file).explanation).toContain('des relevés qu’il contient');
  });

  it('only says that a rectification awaits signature, never what it is', () => {
    const pending = verdict('minute', {
      replacedBy: null,
      candidates: [],
      unsigned: { recordedAt: ['2027-06-06T08:30:00.000Z'], candidates: [KONE] },
    });
    expect(rectifiedSinceNotice(pending)).toMatchObject({
      replaced: null,
      candidates: [],
      unsigned:
        'Une rectification a été enregistrée le 6 juin 2027 et n’est pas encore signée (concerne : 02700010 KONÉ Mamadou).',
    });
    expect(verdictDisplay(pending).title).toBe(
      'Authentique, rectification en attente de signature',
    );
    expect(rectifiedDecisionNote(pending, '02700010')).toBe(
      'rectification enregistrée, pas encore signée',
    );
    const two = verdict('transcripts', {
      replacedBy: null,
      candidates: [],
      unsigned: {
        recordedAt: ['2027-06-06T08:30:00.000Z', '2027-06-07T08:30:00.000Z'],
        candidates: [KONE],
      },
    });
    expect(rectifiedSinceNotice(two)?.unsigned).toBe(
      '2 rectifications ont été enregistrées le 6 juin 2027, le 7 juin 2027 et ne sont pas encore signées.',
    );
  });

  it('counts, never names, the candidates of a PV found by its code', () => {
    const byCode = verdict('minute', {
      replacedBy: { ...replacedBy, verificationCode: '00ff 3b38 216f' },
      rectified: 2,
      unsigned: { recordedAt: ['2027-06-06T08:30:00.000Z'], candidates: 1 },
    });
    expect(rectifiedSinceNotice(byCode)).toEqual({
      replaced:
        'ce document a été remplacé par le PV rectificatif n° 1 du 5 juin 2027 (code 00ff 3b38 216f), qui rectifie 2 candidat·e·s.',
      minuteCode: '00ff 3b38 216f',
      candidates: [],
      unsigned:
        'Une rectification a été enregistrée le 6 juin 2027 et n’est pas encore signée (concerne 1 candidat·e).',
    });
    expect(verdictDisplay(byCode).title).toBe('Authentique, mais rectifié depuis');
    expect(rectifiedDecisionNote(byCode, '02700010')).toBeNull();
  });

  it('says nothing of a document nobody rectified', () => {
    const plain = verdict('minute', undefined);
    expect(rectifiedSinceNotice(plain)).toBeNull();
    expect(verdictDisplay(plain).title).toBe('Authentique');
  });
});
