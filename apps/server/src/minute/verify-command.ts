import fs from 'node:fs/promises';
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { MinuteVerdict, VerdictOutcome } from '@delib/protocol';
import { candidateName, decisionLabel } from './minute-cells.js';
import { formatParisDateTime } from '@delib/protocol';
import { keyIdOf, listPublicKeys } from './signing-keys.js';
import { verifySignedPdf } from './verify-signed-pdf.js';

/**
 * `delib verify <fichier.pdf> [--keys <keys.json>] [--base <adresse|delib.sqlite>] [--json]`:
 * checks a signed minute or relevés from the file alone. A valid signature proves the file
 * intact; it is authentic only when the key that signed is one the centre publishes, so the
 * command needs the published keys: the JSON served by `/api/keys` (`--keys`), the server
 * itself (`--base https://…`, which fetches `/api/keys`) or the centre's database
 * (`--base delib.sqlite`, read-only). Without any, an intact file is « intègre, clé inconnue ».
 */
export const VERIFY_USAGE = `Usage : delib verify <fichier.pdf> [--keys <cles.json>] [--base <adresse|delib.sqlite>] [--json]
  Vérifie un procès-verbal ou des relevés de notes signés à partir du seul fichier PDF.
  --keys   les clés publiées par le centre : le fichier JSON que sert /api/keys
  --base   l’adresse du serveur Délib du centre (https://…), dont les clés publiées sont lues
           sur /api/keys ; ou la base du centre (delib.sqlite, ouverte en lecture seule)
  --json   affiche le verdict complet en JSON
Sans --keys ni --base, aucune clé n’est connue : un fichier intact est « intègre, clé inconnue ».
Code de sortie :
  0  authentique : signature valide, fichier intact, clé publiée par le centre
  3  intègre, clé inconnue : signature valide et fichier intact, mais clé non publiée par le centre
  2  non authentique : fichier modifié, signature invalide, illisible ou sans document signé
  1  erreur d’utilisation, fichier ou clés impossibles à lire`;

/** The exit codes documented in VERIFY_USAGE. */
export const VERIFY_EXIT: Record<VerdictOutcome | 'usage', number> = {
  authentic: 0,
  usage: 1,
  'not-authentic': 2,
  'unknown-key': 3,
};

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
  keys: string | null;
  base: string | null;
  json: boolean;
}

function parseArguments(argv: readonly string[]): Arguments | string {
  let file: string | null = null;
  let keys: string | null = null;
  let base: string | null = null;
  let json = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--json') json = true;
    else if (argument === '--base') {
      const value = argv[++index];
      if (value === undefined)
        return 'l’option --base attend l’adresse du serveur ou le chemin de la base.';
      base = value;
    } else if (argument === '--keys') {
      const value = argv[++index];
      if (value === undefined) return 'l’option --keys attend le fichier des clés publiées.';
      keys = value;
    } else if (argument.startsWith('--')) return `option inconnue : ${argument}`;
    else if (file === null) file = argument;
    else return `un seul fichier à la fois (reçu aussi « ${argument} »).`;
  }
  if (file === null) return 'indiquez le fichier PDF à vérifier.';
  return { file, keys, base, json };
}

const Base64Key = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
/** The JSON of `GET /api/keys`; only the keys (and their ids, when given) are used. */
const PublishedKeysSchema = z.object({
  keys: z.array(z.looseObject({ publicKey: Base64Key, keyId: z.string().optional() })),
});

/** The raw public keys of a `/api/keys` answer; throws, in French, on anything else. */
function publishedKeysOf(json: unknown, source: string): string[] {
  const parsed = PublishedKeysSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${source} n’a pas la forme des clés publiées par Délib ({ "keys": [...] })`);
  }
  return parsed.data.keys.map((key) => {
    const raw = Buffer.from(key.publicKey, 'base64');
    if (raw.length !== 32) throw new Error(`${source} : une clé Ed25519 fait 32 octets`);
    if (key.keyId !== undefined && key.keyId !== keyIdOf(raw)) {
      throw new Error(`${source} : l’identifiant ${key.keyId} ne correspond pas à sa clé`);
    }
    return key.publicKey;
  });
}

async function readKeysFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new Error(
      `impossible de lire ${file} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${file} n’est pas du JSON`);
  }
  return publishedKeysOf(json, file);
}

async function fetchPublishedKeys(base: string): Promise<string[]> {
  const url = `${base.replace(/\/+$/, '')}/api/keys`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    throw new Error(
      `clés publiées injoignables à ${url} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!response.ok) throw new Error(`${url} répond ${response.status}`);
  let json: unknown;
  try {
    json = (await response.json()) as unknown;
  } catch {
    throw new Error(`${url} ne répond pas en JSON`);
  }
  return publishedKeysOf(json, url);
}

function readDatabaseKeys(file: string): string[] {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(
      `impossible d’ouvrir la base ${file} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  try {
    return listPublicKeys(db).map((key) => key.publicKey);
  } catch {
    // A database from before the signing keys: it publishes none.
    return [];
  } finally {
    db.close();
  }
}

/** The keys the centre publishes, from every source given. */
async function publishedKeys(parsed: Arguments): Promise<string[]> {
  const keys: string[] = [];
  if (parsed.keys !== null) keys.push(...(await readKeysFile(parsed.keys)));
  if (parsed.base !== null) {
    keys.push(
      ...(/^https?:\/\//i.test(parsed.base)
        ? await fetchPublishedKeys(parsed.base)
        : readDatabaseKeys(parsed.base)),
    );
  }
  return keys;
}

/** `Procès-verbal AUTHENTIQUE`, `Relevés de notes INTÈGRES, CLÉ INCONNUE`, … */
function headline(verdict: MinuteVerdict): string {
  const many = (verdict.transcripts?.length ?? 0) > 1;
  const name =
    verdict.document === 'transcripts'
      ? many
        ? 'Relevés de notes'
        : 'Relevé de notes'
      : verdict.document === 'minute'
        ? 'Procès-verbal'
        : 'Document';
  const s = many ? 'S' : '';
  const status: Record<VerdictOutcome, string> = {
    authentic: `AUTHENTIQUE${s}`,
    'unknown-key': `INTÈGRE${s}, CLÉ INCONNUE`,
    'not-authentic': `NON AUTHENTIQUE${s}`,
  };
  return `${name} ${status[verdict.outcome]}`;
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
  for (const [index, transcript] of (verdict.transcripts ?? []).entries()) {
    const { candidate, session } = transcript.extract;
    if (index === 0) {
      output.out(
        `  Session      : ${session.diploma} (${session.specialty}), session ${session.year}, ${session.centre}`,
      );
    }
    output.out(
      `  Relevé ${String(index + 1).padEnd(6)}: ${candidate.number} ${candidateName(candidate)}, ${decisionLabel(candidate.decision)} (moyenne ${candidate.averageDisplay}), code ${transcript.verificationCode}`,
    );
  }
  if (verdict.knownKey === true) output.out('  Clé du centre : oui, publiée par le centre');
  if (verdict.knownKey === false) {
    output.out(
      '  Clé du centre : NON, cette clé n’est pas parmi les clés publiées données (--keys, --base)',
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
    return VERIFY_EXIT.usage;
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(parsed.file);
  } catch (error) {
    output.err(
      `Erreur : impossible de lire ${parsed.file} (${error instanceof Error ? error.message : String(error)}).`,
    );
    return VERIFY_EXIT.usage;
  }
  let keys: string[];
  try {
    keys = await publishedKeys(parsed);
  } catch (error) {
    output.err(`Erreur : ${error instanceof Error ? error.message : String(error)}.`);
    return VERIFY_EXIT.usage;
  }
  const verdict = await verifySignedPdf(bytes, { publishedKeys: keys });
  if (parsed.json) {
    output.out(JSON.stringify(verdict, null, 2));
  } else {
    output.out(`${headline(verdict)} : ${parsed.file}`);
    output.out(`  Verdict      : ${verdict.reason}`);
    describe(verdict, output);
  }
  return VERIFY_EXIT[verdict.outcome];
}
