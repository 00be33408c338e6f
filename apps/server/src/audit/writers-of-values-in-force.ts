import canonicalize from 'canonicalize';

/** One audit row that wrote a value under a key: `after` as stored (JSON), null for a removal. */
export interface ValueWrite {
  key: string;
  after: string | null;
  writer: string | null;
}

/** A value as one text whatever the order of its keys, to compare a row's with a document's. */
export function canonicalValue(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : canonicalize(value);
}

/**
 * Who wrote the value each key holds now, from the audit rows that wrote under it (in the
 * trail's order): the writer of the last row that wrote that very value. Not merely the last
 * row: two values typed at the same instant through two server processes are each accepted
 * and audited by their own process, in either order, while Yjs keeps one of them on both; the
 * last row may be the value that lost. `valueInForce` reads the document (null or undefined:
 * the key holds nothing, and has no writer).
 */
export function writersOfValuesInForce(
  writes: Iterable<ValueWrite>,
  valueInForce: (key: string) => unknown,
): Map<string, string> {
  const inForce = new Map<string, string | undefined>();
  const writers = new Map<string, string>();
  for (const { key, after, writer } of writes) {
    if (!inForce.has(key)) inForce.set(key, canonicalValue(valueInForce(key)));
    const value = inForce.get(key);
    if (value === undefined || after === null || writer === null) continue;
    if (canonicalValue(JSON.parse(after)) === value) writers.set(key, writer);
  }
  return writers;
}
