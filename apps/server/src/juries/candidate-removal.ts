import { commissionDocumentName, juryDocumentName } from '@delib/protocol';
import type { CandidateRemovalPreview, LeavingEntry, SessionUser } from '@delib/protocol';
import type { AuditEvent, AuditTrail } from '../audit/audit-trail.js';
import type { ExamRepository } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { HttpError, notFound } from '../http/http-error.js';
import { refuseIfLocked } from './jury-composition.js';
import {
  confirmationOf,
  entriesCount,
  juryEntriesOf,
  leavingRoomEntry,
  nameOfCandidate,
  roomEntriesOf,
} from './leaving-entries.js';
import type { PassageEffects } from './passage-effects.js';

/**
 * Takes a candidate out of a jury (the admin's `DELETE /api/admin/juries/:id/candidates/:cid`):
 * the candidate's passages in the jury's rooms go, the candidate is left without a jury. What
 * the rooms and the jury hold about them (oral entries, adjustments, decision, livret,
 * contrôle, members' notes) is never deleted: it leaves the board, is named to the admin,
 * and the removal needs the token of exactly that list. Refused once the jury is locked.
 */

interface RemovalDeps {
  db: Db;
  exams: ExamRepository;
  audit: AuditTrail;
  effects: PassageEffects;
}

export type RemovalOutcome =
  { removed: true } | { removed: false; preview: CandidateRemovalPreview };

export function removeCandidateFromJury(
  deps: RemovalDeps,
  juryId: number,
  candidateId: number,
  actor: SessionUser,
  confirmation: string | null,
): RemovalOutcome {
  const { db, exams, audit, effects } = deps;
  effects.commitPending();
  const outcome = db
    .transaction((): RemovalOutcome & { rooms: number[] } => {
      const jury = exams.jury(juryId);
      if (!jury) throw notFound('Jury');
      refuseIfLocked(jury);
      const candidate = exams.candidates([candidateId]).get(candidateId);
      if (!candidate || candidate.juryId !== jury.id) throw notFound('Candidat de ce jury');
      const leaving: LeavingEntry[] = [];
      const events: AuditEvent[] = [];
      const event = (
        document: string,
        unit: string | null,
        before: unknown,
        kind: string,
      ): AuditEvent => ({
        userId: actor.id,
        role: actor.role,
        document,
        candidateId,
        unit,
        action: 'retrait-jury',
        before,
        after: null,
        reason: `Candidat retiré du ${jury.name} : la saisie (${kind}) est conservée.`,
      });
      const commissions = exams.commissionsOfJury(jury.id);
      for (const commission of commissions) {
        const document = commissionDocumentName(commission.id, commission.generation);
        const doc = effects.copyDocument(document);
        if (!doc) continue;
        try {
          for (const entry of roomEntriesOf(doc, new Set([candidateId]))) {
            leaving.push(
              leavingRoomEntry(candidate, entry, `${commission.name} (${commission.room})`),
            );
            events.push(event(document, entry.unit, entry.entry, 'Saisie en salle'));
          }
        } finally {
          doc.destroy();
        }
      }
      const juryDocument = juryDocumentName(jury.id, jury.generation);
      const juryDoc = effects.copyDocument(juryDocument);
      if (juryDoc) {
        const names = new Map(exams.members(jury.id).map((member) => [member.userId, member.name]));
        try {
          for (const entry of juryEntriesOf(
            juryDoc,
            candidateId,
            (userId) => names.get(userId) ?? 'un ancien membre',
          )) {
            leaving.push({
              number: candidate.number,
              name: nameOfCandidate(candidate),
              unit: entry.unit,
              kind: entry.kind,
              value: entry.value,
              place: jury.name,
            });
            events.push(event(juryDocument, entry.unit, entry.raw, entry.kind));
          }
        } finally {
          juryDoc.destroy();
        }
      }
      const token = confirmationOf(leaving);
      if (token !== null && token !== confirmation) {
        return {
          removed: false,
          rooms: [],
          preview: {
            number: candidate.number,
            name: nameOfCandidate(candidate),
            leaving,
            confirmation: token,
          },
        };
      }
      const rooms = (
        db
          .prepare(
            `SELECT p.commission_id AS id FROM passages p JOIN commissions c ON c.id = p.commission_id
             WHERE p.candidate_id = ? AND c.jury_id = ? ORDER BY p.commission_id`,
          )
          .all(candidateId, jury.id) as { id: number }[]
      ).map((row) => row.id);
      const drop = db.prepare('DELETE FROM passages WHERE commission_id = ? AND candidate_id = ?');
      for (const room of rooms) drop.run(room, candidateId);
      db.prepare('UPDATE candidates SET jury_id = NULL WHERE id = ?').run(candidateId);
      audit.append([
        {
          userId: actor.id,
          role: actor.role,
          document: juryDocument,
          candidateId,
          unit: null,
          action: 'retrait-jury',
          before: null,
          after: null,
          reason: `Candidat retiré du ${jury.name} et de ${rooms.length} salle${rooms.length > 1 ? 's' : ''}.`,
        },
        ...events,
      ]);
      return { removed: true, rooms };
    })
    .immediate();
  if (outcome.removed) effects.passagesChanged(juryId, outcome.rooms);
  const { rooms: _rooms, ...answer } = outcome;
  return answer;
}

/** 409: the candidate holds entries and the request did not confirm exactly those. */
export function refuseUnconfirmedRemoval(preview: CandidateRemovalPreview): never {
  throw new HttpError(
    409,
    'CONFIRMATION_REQUIRED',
    `Le candidat ${preview.number} a ${entriesCount(preview.leaving.length)} dans ce jury : elle${preview.leaving.length > 1 ? 's' : ''} quitte${preview.leaving.length > 1 ? 'nt' : ''} le tableau (conservée${preview.leaving.length > 1 ? 's' : ''}). Vérifier chaque saisie et confirmer.`,
    preview,
  );
}
