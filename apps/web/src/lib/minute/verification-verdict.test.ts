import { describe, expect, it } from 'vitest';
import type {
  FinalRecord,
  LegacyFinalRecord,
  MinuteHeader,
  MinuteVerdict,
  RectifiedRecord,
} from '@delib/protocol';
import {
  documentLabel,
  minuteHeaderCounts,
  notDeliberatedOf,
  presentMembers,
  recordCandidatesCaption,
  verdictDisplay,
} from './verification-verdict';

const signature: NonNullable<MinuteVerdict['signature']> = {
  keyId: 'ed25519-0123456789abcdef',
  signedAt: '2027-06-04T16:32:00.000Z',
  signer: 'Claire Fontaine',
  publicKey: 'A'.repeat(43) + '=',
  centre: 'Lycée Jean-Moulin, Lyon',
  recordSha256: 'ab'.repeat(32),
  verificationCode: 'abab abab abab',
};

describe('verdictDisplay', () => {
  it('says « Authentique » for a valid signature by a published key', () => {
    const display = verdictDisplay({
      authentic: true,
      outcome: 'authentic',
      code: 'authentic',
      reason: 'procès-verbal authentique : …',
      document: 'minute',
      signature,
      knownKey: true,
    });
    expect(display).toMatchObject({
      tone: 'authentic',
      title: 'Authentique',
      document: 'Procès-verbal de délibération',
    });
  });

  it('says « Intègre, clé inconnue », never « Authentique », for a key the centre never published', () => {
    const display = verdictDisplay({
      authentic: false,
      outcome: 'unknown-key',
      code: 'unknown-key',
      reason: 'procès-verbal intègre, clé inconnue : …',
      document: 'minute',
      signature,
      knownKey: false,
    });
    expect(display.tone).toBe('unknown-key');
    expect(display.title).toBe('Intègre, clé inconnue');
    expect(display.explanation).toContain('clé que ce centre d’examen n’a pas publiée');
  });

  it('does not trust « authentic » alone: an answer without a published key is not authentic', () => {
    // The answer of a server from before outcomes: authentic, with a caveat about the key.
    const older = {
      authentic: true,
      code: 'authentic',
      reason:
        'procès-verbal authentique ; attention : la clé qui a signé n’est pas une clé de ce centre',
      signature,
      knownKey: false,
    } as unknown as MinuteVerdict;
    expect(verdictDisplay(older).tone).toBe('unknown-key');
    const contradictory: MinuteVerdict = {
      authentic: true,
      outcome: 'authentic',
      code: 'authentic',
      reason: '',
      signature,
    };
    expect(verdictDisplay(contradictory).title).not.toBe('Authentique');
  });

  it('says « Non authentique » with the reason for an altered file, whatever its key', () => {
    const display = verdictDisplay({
      authentic: false,
      outcome: 'not-authentic',
      code: 'modified-after-signing',
      reason: 'le document a été modifié après signature : …',
      document: 'minute',
      signature,
      knownKey: true,
    });
    expect(display).toMatchObject({
      tone: 'not-authentic',
      title: 'Non authentique',
      explanation: 'le document a été modifié après signature : …',
    });
  });

  it('names a genuine relevé, authentic, instead of calling it forged', () => {
    const extract = { verificationCode: 'cdcd cdcd cdcd' } as NonNullable<
      MinuteVerdict['transcripts']
    >[number];
    const one = verdictDisplay({
      authentic: true,
      outcome: 'authentic',
      code: 'authentic',
      reason: 'relevé de notes authentique : …',
      document: 'transcripts',
      transcripts: [extract],
      signature,
      knownKey: true,
    });
    expect(one).toMatchObject({ tone: 'authentic', document: 'Relevé de notes' });
    const many = verdictDisplay({
      authentic: true,
      outcome: 'authentic',
      code: 'authentic',
      reason: '',
      document: 'transcripts',
      transcripts: [extract, extract, extract],
      signature,
      knownKey: true,
    });
    expect(many.document).toBe('3 relevés de notes');
  });
});

describe('what a verified record lists', () => {
  const member = (name: string, present: boolean) =>
    ({
      name,
      present,
      president: false,
      category: 'enseignant',
      categoryLabel: 'Enseignant·e',
    }) as const;
  const record = {
    format: 'delib.final-record/2',
    members: [member('Claire Fontaine', true), member('Paul Martin', false)],
    candidates: [{ number: '0001' }],
    notDeliberated: [{ number: '0002' }, { number: '0003' }],
  } as unknown as FinalRecord;

  it('keeps the members present', () => {
    expect(presentMembers(record).map((m) => m.name)).toEqual(['Claire Fontaine']);
  });

  it('counts the candidates not deliberated apart, in the caption', () => {
    expect(notDeliberatedOf(record)).toHaveLength(2);
    expect(recordCandidatesCaption(record)).toBe('Candidats et décisions (1, et 2 non délibérés)');
    const one = { ...record, notDeliberated: [{ number: '0002' }] } as unknown as FinalRecord;
    expect(recordCandidatesCaption(one)).toBe('Candidats et décisions (1, et 1 non délibéré)');
  });

  it('lists none apart in a record of the former format', () => {
    const legacy = { ...record, format: 'delib.final-record/1' } as unknown as LegacyFinalRecord;
    expect(notDeliberatedOf(legacy)).toEqual([]);
    expect(recordCandidatesCaption(legacy)).toBe('Candidats et décisions (1)');
  });
});

describe('documentLabel', () => {
  it('names a rectified minute by its number, the original as a minute', () => {
    const verdict = {
      authentic: true,
      outcome: 'authentic',
      code: 'authentic',
      reason: 'procès-verbal authentique',
      document: 'minute',
    } as const;
    const rectified = { format: 'delib.rectified-record/1', sequence: 2 } as RectifiedRecord;
    expect(documentLabel({ ...verdict, record: rectified })).toBe(
      'Procès-verbal rectificatif n° 2',
    );
    expect(documentLabel(verdict)).toBe('Procès-verbal de délibération');
  });
});

describe('a procès-verbal found by its code', () => {
  const header = {
    format: 'delib.final-record/3',
    session: {} as MinuteHeader['session'],
    jury: { id: 1, name: 'Jury 1', appointmentRef: null },
    lockedAt: '2027-06-04T16:00:00.000Z',
    candidates: 24,
    decisions: { admis: 2, absent: 1 },
    notDeliberated: 21,
  } satisfies MinuteHeader;
  const verdict = {
    authentic: true,
    outcome: 'authentic',
    code: 'authentic',
    reason: 'procès-verbal authentique',
    document: 'minute',
    header,
  } as const;

  it('counts its candidates by decision, and names none', () => {
    expect(minuteHeaderCounts(header)).toBe('24 candidats : 2 Admis, 1 Absent ; 21 non délibérés');
    expect(
      minuteHeaderCounts({ ...header, candidates: 1, decisions: { refuse: 1 }, notDeliberated: 0 }),
    ).toBe('1 candidat : 1 Refusé');
  });

  it('names a rectified one by its number', () => {
    expect(documentLabel(verdict)).toBe('Procès-verbal de délibération');
    expect(
      documentLabel({
        ...verdict,
        header: { ...header, rectified: { sequence: 2, originalCode: 'abab abab abab' } },
      }),
    ).toBe('Procès-verbal rectificatif n° 2');
  });
});
