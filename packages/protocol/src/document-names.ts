/**
 * Names of the shared Yjs documents. A document name carries a generation: when a centre
 * resets a commission or a jury, the generation moves on, so a client's stale cache (in
 * IndexedDB) names a document the server no longer serves and can never resurrect it.
 */
export type DocumentKind = 'commission' | 'jury';

export interface DocumentRef {
  kind: DocumentKind;
  id: number;
  generation: number;
}

const DOCUMENT_NAME = /^(commission|jury)\/([1-9][0-9]{0,9})\/g([1-9][0-9]{0,5})$/;

export function documentName(ref: DocumentRef): string {
  return `${ref.kind}/${ref.id}/g${ref.generation}`;
}

export function commissionDocumentName(id: number, generation: number): string {
  return documentName({ kind: 'commission', id, generation });
}

export function juryDocumentName(id: number, generation: number): string {
  return documentName({ kind: 'jury', id, generation });
}

/** Parses `commission/3/g1`; returns null for anything else. */
export function parseDocumentName(name: string): DocumentRef | null {
  const match = DOCUMENT_NAME.exec(name);
  if (!match) return null;
  return {
    kind: match[1] as DocumentKind,
    id: Number(match[2]),
    generation: Number(match[3]),
  };
}

/** Path of the sync endpoint; the document name follows it: `/sync/commission/3/g1`. */
export const SYNC_PATH = '/sync';
