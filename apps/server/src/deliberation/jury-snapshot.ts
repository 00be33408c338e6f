import * as Y from 'yjs';
import { candidateInput } from '@delib/protocol';
import type { BoardCandidate, BoardView } from '@delib/protocol';
import type { CandidateInput } from '@delib/rules';
import type { ExamRepository, JuryRow } from '../db/exam-repository.js';
import type { DocumentPolicy } from '../sync/document-policy.js';
import type { SyncEndpoint } from '../sync/sync-endpoint.js';
import { boardView } from './board-view.js';

/** The server's own copy of everything a jury's results depend on, at one instant. */
export interface JurySnapshot {
  board: BoardView;
  juryDoc: Y.Doc;
  commissionDocs: Map<number, Y.Doc>;
  inputOf(candidate: BoardCandidate): CandidateInput;
  release(): void;
}

export function takeJurySnapshot(
  exams: ExamRepository,
  policy: DocumentPolicy,
  sync: SyncEndpoint,
  jury: JuryRow,
  /**
   * `live`: the sync endpoint's copies, as this process holds them. `stored`: what is
   * committed, by any process (the lock, after committing this process's pending batch).
   */
  source: 'live' | 'stored' = 'live',
): JurySnapshot {
  const board = boardView(exams, jury);
  // Copies, so that nothing done with the snapshot can touch the live documents.
  const copy = (name: string): Y.Doc => {
    const target = policy.resolve(name);
    const doc = new Y.Doc();
    if (target)
      Y.applyUpdate(doc, source === 'live' ? sync.documentState(target) : sync.storedState(target));
    return doc;
  };
  const commissionDocs = new Map(board.commissions.map((c) => [c.id, copy(c.document)]));
  const juryDoc = copy(board.juryDocument);
  return {
    board,
    juryDoc,
    commissionDocs,
    inputOf: (candidate) => candidateInput(candidate, board.session.year, commissionDocs, juryDoc),
    release() {
      for (const doc of commissionDocs.values()) doc.destroy();
      juryDoc.destroy();
    },
  };
}
