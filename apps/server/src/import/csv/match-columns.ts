import type { ImportProblem } from '@delib/protocol';
import { problem } from '../import-problem.js';

/**
 * A text reduced for matching: lower case, without accents, every run of non-letters and
 * non-digits turned into one space. `Date de naissance`, `DATE_DE_NAISSANCE` and
 * ` date  de naissance ` all become `date de naissance`; `Numéro` becomes `numero`.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface ColumnSpec<Field extends string> {
  field: Field;
  /** The column's name in the documented format (and in exports). */
  label: string;
  /** Accepted header names, already folded (`foldText`). The label's folding is implied. */
  aliases: readonly string[];
  required: boolean;
}

export interface MatchedColumns<Field extends string> {
  /** Index of each field's column in the header. */
  index: Partial<Record<Field, number>>;
  /** Header cells that name no known column, as written. */
  unmatched: { index: number; name: string }[];
  problems: ImportProblem[];
}

/**
 * Finds the documented columns in a header, whatever their order, case or accents. A missing
 * required column and a column given twice are problems on the header line.
 */
export function matchColumns<Field extends string>(
  header: readonly string[],
  headerLine: number,
  specs: readonly ColumnSpec<Field>[],
): MatchedColumns<Field> {
  const byName = new Map<string, ColumnSpec<Field>>();
  for (const spec of specs) {
    byName.set(foldText(spec.label), spec);
    for (const alias of spec.aliases) byName.set(alias, spec);
  }
  const index: Partial<Record<Field, number>> = {};
  const unmatched: { index: number; name: string }[] = [];
  const problems: ImportProblem[] = [];
  header.forEach((name, position) => {
    const spec = byName.get(foldText(name));
    if (!spec) {
      unmatched.push({ index: position, name });
      return;
    }
    const already = index[spec.field];
    if (already !== undefined) {
      problems.push(
        problem(
          headerLine,
          name,
          'DUPLICATE_COLUMN',
          `La colonne « ${spec.label} » apparaît deux fois (« ${header[already]} » et « ${name} »).`,
        ),
      );
      return;
    }
    index[spec.field] = position;
  });
  for (const spec of specs) {
    if (spec.required && index[spec.field] === undefined) {
      problems.push(
        problem(
          headerLine,
          spec.label,
          'MISSING_COLUMN',
          `Colonne « ${spec.label} » absente de l’en-tête (colonnes lues : ${header.map((name) => `« ${name} »`).join(', ') || 'aucune'}).`,
        ),
      );
    }
  }
  return { index, unmatched, problems };
}
