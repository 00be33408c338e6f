import fs from 'node:fs/promises';
import Database from 'better-sqlite3';
import type { MinuteVerdict } from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import { decisionLabel } from './minute-cells.js';
import { formatParisDateTime } from './paris-time.js';
import { verifyMinutePdf } from './verify-minute-pdf.js';

/**
 * `delib verify <fichier.pdf> [--base <delib.sqlite>] [--json]`: checks a signed minute from
 * the file alone. Exit code 0 authentic, 2 not authentic, 1 usage error (or unreadable
 * file). With `--base`, the centre's database (opened read-only) also tells whether the key
 * that signed is one of the centre's keys.
 */
export const VERIFY_USAGE = `Usage : delib verify <fichier.pdf> [--base <delib.sqlite>] [--json]
  Vérifie un procès-verbal signé à partir du seul fichier PDF.
  --base   base du centre (lecture seule) : indique si la clé de signature est celle du centre
  --json   affiche le verdict complet en JSON
Code de sortie : 0 authentique, 2 non authentique, 1 erreur d’utilisation.`;

export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: CommandOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

interface Arguments {
  file: string;
  base: string | null;
  json: boolean;
}

function parseArguments(argv: readonly string[]): Arguments | string {
  let file: string | null = null;
  let base: string | null = null;
  let json = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--json') json = true;
    else if (argument === '--base') {
      const value = argv[++index];
      if (value === undefined) return 'l’option --base attend le chemin de la base.';
      base = value;
    } else if (argument.startsWith('--')) return `option inconnue : ${argument}`;
    else if (file === null) file = argument;
    else return `un seul fichier à la fois (reçu aussi « ${argument} »).`;
  }
  if (file === null) return 'indiquez le fichier PDF à vérifier.';
  return { file, base, json };
}

function describe(verdict: MinuteVerdict, output: CommandOutput): void {
  const { record, signature } = verdict;
  if (record) {
    const { session, jury } = record;
    output.out(
      `  Session      : ${session.diploma} (${session.specialty}), session ${session.year}`,
    );
    output.out(`  Centre       : ${session.centre}, académie de ${session.academie}`);
    output.out(
      `  Jury         : ${jury.name}${jury.appointmentRef ? ` (${jury.appointmentRef})` : ''}`,
    );
    output.out(
      `  Verrouillé   : le ${formatParisDateTime(record.lockedAt)} par ${record.lockedBy}`,
    );
    const counts = new Map<string, number>();
    for (const candidate of record.candidates) {
      counts.set(candidate.decision, (counts.get(candidate.decision) ?? 0) + 1);
    }
    output.out(
      `  Candidats    : ${record.candidates.length} (${[...counts]
        .map(([decision, count]) => `${decisionLabel(decision)} ${count}`)
        .join(', ')})`,
    );
  }
  if (signature) {
    output.out(
      `  Signé        : le ${formatParisDateTime(signature.signedAt)} (heure de Paris) par ${signature.signer}`,
    );
    output.out(`  Clé          : ${signature.keyId} (Ed25519, ${signature.centre})`);
    output.out(`  Code         : ${signature.verificationCode}`);
  }
  if (verdict.knownKey === true) output.out('  Clé du centre : oui (présente dans la base)');
  if (verdict.knownKey === false)
    output.out('  Clé du centre : NON, cette clé n’est pas dans la base');
  if (verdict.knownKey === undefined && signature) {
    output.out(
      '  La clé est celle que porte le fichier : comparez son identifiant avec les clés publiées par le centre (/api/keys).',
    );
  }
}

export async function runVerifyCommand(
  argv: string[],
  output: CommandOutput = consoleOutput,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    output.out(VERIFY_USAGE);
    return 0;
  }
  const parsed = parseArguments(argv);
  if (typeof parsed === 'string') {
    output.err(`Erreur : ${parsed}`);
    output.err(VERIFY_USAGE);
    return 1;
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(parsed.file);
  } catch (error) {
    output.err(
      `Erreur : impossible de lire ${parsed.file} (${error instanceof Error ? error.message : String(error)}).`,
    );
    return 1;
  }
  let db: Db | undefined;
  if (parsed.base !== null) {
    try {
      db = new Database(parsed.base, { readonly: true, fileMustExist: true });
    } catch (error) {
      output.err(
        `Erreur : impossible d’ouvrir la base ${parsed.base} (${error instanceof Error ? error.message : String(error)}).`,
      );
      return 1;
    }
  }
  try {
    const verdict = await verifyMinutePdf(bytes, db ? { db } : {});
    if (parsed.json) {
      output.out(JSON.stringify(verdict, null, 2));
    } else {
      output.out(
        verdict.authentic
          ? `Procès-verbal AUTHENTIQUE : ${parsed.file}`
          : `Procès-verbal NON AUTHENTIQUE : ${parsed.file}`,
      );
      output.out(`  Verdict      : ${verdict.reason}`);
      describe(verdict, output);
    }
    return verdict.authentic ? 0 : 2;
  } finally {
    db?.close();
  }
}
