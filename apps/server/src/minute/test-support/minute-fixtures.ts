import { createPrivateKey, createPublicKey } from 'node:crypto';
import canonicalize from 'canonicalize';
import type {
  DecisionConfirmation,
  FinalRecord,
  NotDeliberatedCandidate,
  RecordCandidate,
} from '@delib/protocol';
import { computeResult, formatAverage, getRegulation } from '@delib/rules';
import type { CandidateInput, Entry } from '@delib/rules';
import { FINAL_RECORD_FORMAT } from '../../deliberation/final-record.js';
import { signCanonicalRecord } from '../minute-signature.js';
import type { SignedMinute } from '../minute-signature.js';
import { DEMO_FIRST_NAMES, DEMO_LAST_NAMES, seededRandom } from '../../demo/demo-people.js';
import { keyIdOf, rawPublicKeyOf } from '../signing-keys.js';
import type { SigningKey } from '../signing-keys.js';
import { transcriptExtract } from '../transcript-extracts.js';
import type { SignedTranscript } from '../transcript-extracts.js';

/**
 * Records and keys for the tests and the measurements of the minute: a jury of `count`
 * candidates computed with `@delib/rules`, with every case the minute prints (bénéfice,
 * dispense, both absences, optional units, jury adjustments, épreuves de contrôle, decisions
 * confirmed by the president with and without a note, a candidate not deliberated, long and
 * non-Latin-1 names). Deterministic.
 */
const LAST_NAMES = DEMO_LAST_NAMES.map((name) => name.toUpperCase());
const FIRST_NAMES = DEMO_FIRST_NAMES;

const MANDATORY = ['U1', 'U21', 'U22', 'U3', 'U41', 'U42', 'U5', 'U6'];

function inputOf(index: number, random: () => number): CandidateInput {
  const level = 6 + random() * 10;
  const units: Record<string, Entry> = {};
  for (const unit of MANDATORY) {
    const mark = Math.round(Math.min(20, Math.max(0, level + (random() - 0.5) * 8)) * 2) / 2;
    units[unit] = { mark };
  }
  if (index % 10 === 3) units.U1 = { kept: { mark: 12.5, session: 2025 } };
  if (index % 10 === 4) units.U3 = { exempt: true };
  if (index % 17 === 5) units.U22 = { absent: 'unjustified' };
  if (index % 13 === 6) units.U41 = { absent: 'justified' };
  if (index % 7 === 2) units.UF1 = { mark: 14.5 };
  if (index % 11 === 1) units.UF3 = { absent: 'justified' };
  if (index % 23 === 8) delete units.U5;
  const input: CandidateInput = { session: 2027, units };
  if (index % 9 === 0 && units.U42 && 'mark' in units.U42 && units.U42.mark < 20) {
    input.adjustments = {
      U42: {
        mark: units.U42.mark + 0.5,
        reason: 'Harmonisation entre les commissions E42 décidée par le jury',
        by: 'Claire Fontaine',
      },
    };
  }
  return input;
}

export function syntheticRecord(count: number): FinalRecord {
  const regulation = getRegulation('bts-mco-2018');
  const random = seededRandom(2027);
  const candidates: RecordCandidate[] = [];
  const notDeliberated: NotDeliberatedCandidate[] = [];
  let refusals = 0;
  for (let index = 0; index < count; index++) {
    const input = inputOf(index, random);
    let result = computeResult(regulation, input);
    if (result.decision === 'controle') {
      result = computeResult(regulation, { ...input, control: { U1: 13, LV1: 8 } });
    }
    let lastName = LAST_NAMES[index % LAST_NAMES.length] as string;
    let firstName = FIRST_NAMES[(index * 7) % FIRST_NAMES.length] as string;
    if (index === 1) {
      lastName = 'DE LA FONTAINE-SAINT-ÉTIENNE';
      firstName = 'Marie-Éléonore';
    }
    if (index === 2) {
      lastName = 'ĐẶNG';
      firstName = 'Thị Łucja';
    }
    const identity = {
      id: index + 1,
      number: `0270${String(index + 1).padStart(4, '0')}`,
      lastName,
      firstName,
      status: 'scolaire',
      // One candidate whose import gave no date of birth.
      birthDate:
        index === 4
          ? null
          : `2006-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
    };
    const decision = result.decision;
    if (decision === 'incomplet') {
      notDeliberated.push({ ...identity, lines: result.lines, missing: result.missing });
      continue;
    }
    // The first two refusals are confirmed by the president, the first one with a note.
    let confirmation: DecisionConfirmation | null = null;
    if (decision === 'refuse' && refusals < 2) {
      confirmation = {
        note:
          refusals === 0
            ? 'Livret scolaire consulté avant le refus : progression régulière, assiduité exemplaire'
            : null,
      };
      refusals += 1;
    }
    candidates.push({
      ...identity,
      lines: result.lines,
      total: result.total,
      divisor: result.divisor,
      bonus: result.bonus,
      average: result.average,
      averageExact: result.averageExact
        ? { numerator: result.averageExact.numerator, denominator: result.averageExact.denominator }
        : null,
      averageDisplay: formatAverage(result.average),
      professionalAverage: result.professionalAverage,
      professionalAverageDisplay: formatAverage(result.professionalAverage),
      decision,
      confirmation,
      livretConsulted: result.decision === 'refuse',
      control: result.control,
      firstGroup: result.control
        ? {
            total: result.firstGroup.total,
            average: result.firstGroup.average,
            averageDisplay: formatAverage(result.firstGroup.average),
            decision: result.firstGroup.decision,
          }
        : null,
      warnings: result.warnings,
    });
  }
  return {
    format: FINAL_RECORD_FORMAT,
    session: {
      year: 2027,
      regulationId: regulation.id,
      diploma: regulation.label,
      specialty: regulation.specialty,
      reference: regulation.reference,
      centre: 'Lycée Jean-Moulin, Lyon',
      academie: 'Lyon',
    },
    jury: { id: 1, name: 'Jury 1 – BTS MCO', appointmentRef: 'Arrêté rectoral DEC-2027-0412' },
    members: [
      {
        name: 'Claire Fontaine',
        category: 'enseignant',
        categoryLabel: 'Enseignant·e',
        president: true,
        present: true,
      },
      {
        name: 'Paul Martin',
        category: 'enseignant',
        categoryLabel: 'Enseignant·e',
        president: false,
        present: true,
      },
      {
        name: 'Nadia Roux',
        category: 'enseignant',
        categoryLabel: 'Enseignant·e',
        president: false,
        present: true,
      },
      {
        name: 'Éric Girard',
        category: 'professionnel_employeur',
        categoryLabel: 'Professionnel·le (employeur)',
        president: false,
        present: true,
      },
      {
        name: 'Sophie Lefebvre',
        category: 'professionnel_salarie',
        categoryLabel: 'Professionnel·le (salarié)',
        president: false,
        present: true,
      },
    ],
    lockedAt: '2027-06-04T15:02:11.000Z',
    lockedBy: 'Claire Fontaine',
    audit: { rows: 1234, head: 'ab'.repeat(32) },
    candidates,
    notDeliberated,
    attendance: {
      recordedAt: '2027-06-04T15:02:11.000Z',
      recordedBy: 'Claire Fontaine',
      confirmedAtLock: true,
    },
  };
}

/** An Ed25519 key made from a fixed seed (RFC 8410 PKCS#8 prefix + 32 bytes): same key every run. */
export function fixedSigningKey(seedByte = 7, centre = 'Lycée Jean-Moulin, Lyon'): SigningKey {
  const der = Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.alloc(32, seedByte),
  ]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const raw = rawPublicKeyOf(publicKey);
  return {
    keyId: keyIdOf(raw),
    centre,
    algorithm: 'Ed25519',
    publicKey: raw.toString('base64'),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    createdAt: '2027-01-01T00:00:00.000Z',
    privateKey,
  };
}

/** The verification page the synthetic documents name. */
export const TEST_VERIFIER_URL = 'https://delib.example.fr/verifier';

/** A synthetic record signed (format 2, naming TEST_VERIFIER_URL) with the fixed key at a fixed time. */
export function signedSyntheticMinute(count: number, key = fixedSigningKey()): SignedMinute {
  const record = syntheticRecord(count);
  const canonical = canonicalize(record) as string;
  return {
    canonical,
    signature: signCanonicalRecord(canonical, key, {
      juryId: record.jury.id,
      signedAt: '2027-06-04T16:32:00.000Z',
      signer: 'Claire Fontaine',
      verifierUrl: TEST_VERIFIER_URL,
    }),
  };
}

/** The relevés of `signedSyntheticMinute(count)`: one signed extract per candidate. */
export function signedSyntheticTranscripts(
  count: number,
  key = fixedSigningKey(),
): SignedTranscript[] {
  const minute = signedSyntheticMinute(count, key);
  const record = JSON.parse(minute.canonical) as FinalRecord;
  return record.candidates.map((candidate) => {
    const canonical = canonicalize(
      transcriptExtract(record, minute.signature.recordSha256, candidate),
    ) as string;
    return {
      canonical,
      signature: signCanonicalRecord(canonical, key, {
        juryId: record.jury.id,
        signedAt: minute.signature.signedAt,
        signer: minute.signature.signer,
        verifierUrl: TEST_VERIFIER_URL,
      }),
    };
  });
}
