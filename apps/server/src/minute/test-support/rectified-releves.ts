import fs from 'node:fs';
import canonicalize from 'canonicalize';
import type { Rectification, RectifiedRecord } from '@delib/protocol';
import { signCanonicalRecord } from '../minute-signature.js';
import { transcriptExtract } from '../transcript-extracts.js';
import type { SignedTranscript } from '../transcript-extracts.js';
import { fixedSigningKey, TEST_VERIFIER_URL } from './minute-fixtures.js';

/**
 * The relevés of the frozen rectified minute (minute-layout-6-rectified-fixture.json), with
 * rectifications of its own for some candidates (by id), each with a reason of the longest a
 * president may write (500 characters): the relevé of a candidate rectified 4 times fits on
 * its page with its body down over its verification code; rectified 12 times, it takes more
 * than a page. Signed with the fixed key at a fixed time: the same bytes every run.
 */
export function signedRectifiedTranscripts(
  rectificationsOf: Readonly<Record<number, number>>,
): SignedTranscript[] {
  const frozen = JSON.parse(
    fs.readFileSync(new URL('./minute-layout-6-rectified-fixture.json', import.meta.url), 'utf8'),
  ) as RectifiedRecord;
  const rectifications: Rectification[] = [];
  for (const candidate of frozen.candidates) {
    const count = rectificationsOf[candidate.id] ?? 0;
    for (let n = 1; n <= count; n++) {
      rectifications.push({
        candidateId: candidate.id,
        number: candidate.number,
        name: `${candidate.lastName} ${candidate.firstName}`,
        unit: n % 2 === 0 ? 'U41' : 'U42',
        input: 'entry',
        before: { mark: 9 },
        after: { mark: 10 + (n % 7) },
        beforeText: '9',
        afterText: String(10 + (n % 7)),
        reason:
          `Rectification ${n} : ${'la grille d’évaluation a été reportée avec une erreur de calcul, vérifiée avec les deux examinateurs et le responsable du centre. '.repeat(4)}`.slice(
            0,
            500,
          ),
        author: 'Claire Fontaine',
        createdAt: `2027-06-05T09:${String(n).padStart(2, '0')}:00.000Z`,
        decision: { before: candidate.decision, after: candidate.decision },
      });
    }
  }
  const record = JSON.parse(
    canonicalize({ ...frozen, rectifications }) as string,
  ) as RectifiedRecord;
  const meta = {
    juryId: record.jury.id,
    signedAt: '2027-06-05T10:00:00.000Z',
    signer: 'Claire Fontaine',
    verifierUrl: TEST_VERIFIER_URL,
  };
  const minute = signCanonicalRecord(canonicalize(record) as string, fixedSigningKey(), meta);
  return record.candidates.map((candidate) => {
    const canonical = canonicalize(
      transcriptExtract(record, minute.recordSha256, candidate),
    ) as string;
    return { canonical, signature: signCanonicalRecord(canonical, fixedSigningKey(), meta) };
  });
}
