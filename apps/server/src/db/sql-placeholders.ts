/**
 * SQLite's parameters (`?` in order, `@name` by name) rewritten as PostgreSQL's (`$1`, `$2`…).
 * Quoted strings, quoted identifiers and comments are copied as they are, so a `?` inside a
 * literal stays a `?`. Every other part of the SQL text is written to be valid in both
 * engines (see CONTRIBUTING.md, "SQL for both engines").
 */
export interface PositionalSql {
  text: string;
  /** For each `$n` in order: the index of a `?` argument, or the name of an `@name` one. */
  slots: (number | string)[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

export function toPositional(sql: string): PositionalSql {
  let text = '';
  const slots: (number | string)[] = [];
  const named = new Map<string, number>();
  let anonymous = 0;
  let index = 0;
  const copyUntil = (end: string, from: number): number => {
    const stop = sql.indexOf(end, from);
    const last = stop === -1 ? sql.length : stop + end.length;
    text += sql.slice(index, last);
    return last;
  };
  while (index < sql.length) {
    const char = sql[index] as string;
    const next = sql[index + 1];
    if (char === "'") {
      // '' inside a literal is an escaped quote: the scan resumes after it.
      index = copyUntil("'", index + 1);
    } else if (char === '"') {
      index = copyUntil('"', index + 1);
    } else if (char === '-' && next === '-') {
      index = copyUntil('\n', index + 2);
    } else if (char === '/' && next === '*') {
      index = copyUntil('*/', index + 2);
    } else if (char === '?') {
      slots.push(anonymous);
      anonymous += 1;
      text += `$${slots.length}`;
      index += 1;
    } else if (char === '@' && next && NAME_START.test(next)) {
      let end = index + 1;
      while (end < sql.length && NAME_PART.test(sql[end] as string)) end += 1;
      const name = sql.slice(index + 1, end);
      let position = named.get(name);
      if (position === undefined) {
        slots.push(name);
        position = slots.length;
        named.set(name, position);
      }
      text += `$${position}`;
      index = end;
    } else {
      text += char;
      index += 1;
    }
  }
  return { text, slots };
}

/** The arguments of one call, in the order of `slots` (better-sqlite3's calling forms). */
export function bindArguments(
  slots: readonly (number | string)[],
  args: readonly unknown[],
): unknown[] {
  const flat = args.flatMap((arg) => (Array.isArray(arg) ? (arg as unknown[]) : [arg]));
  const first = flat[0];
  const byName =
    first !== null &&
    typeof first === 'object' &&
    !(first instanceof Uint8Array) &&
    !(first instanceof Date)
      ? (first as Record<string, unknown>)
      : null;
  const positional = byName ? flat.slice(1) : flat;
  return slots.map((slot) => {
    if (typeof slot === 'string') {
      if (!byName || !(slot in byName)) throw new RangeError(`Paramètre nommé absent : ${slot}`);
      return normalise(byName[slot]);
    }
    if (slot >= positional.length) throw new RangeError('Trop peu de paramètres');
    return normalise(positional[slot]);
  });
}

function normalise(value: unknown): unknown {
  if (value === undefined) throw new TypeError('Paramètre indéfini');
  if (typeof value === 'boolean') throw new TypeError('Un booléen ne se lie pas : 0 ou 1');
  if (typeof value === 'bigint') return value.toString();
  return value;
}
