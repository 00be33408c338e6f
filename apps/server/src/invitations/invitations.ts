import { createHash, randomUUID } from 'node:crypto';
import { ErrorCode } from '@delib/protocol';
import type {
  InvitationAttempt,
  InvitationStatus,
  InvitationView,
  RedeemOutcome,
} from '@delib/protocol';
import { generateSecureRandomString } from '../auth/sessions.js';
import type { Db } from '../db/open-database.js';
import { HttpError } from '../http/http-error.js';
import { insertAccount } from '../juries/accounts.js';
import { examinerCount, MAX_EXAMINERS } from '../juries/jury-composition.js';

/**
 * Examiner invitations. A professional who comes for one day gets a 12-character code
 * (printed on the convocation as `ABCD-EFGH-JKLM`, with a link), valid for one commission
 * until a date. On first use they give their name; an examiner account without password is
 * created, added to that commission, and signed in. Only the SHA-256 of the code is stored.
 *
 * Alphabet: 32 signs, without 0/O nor 1/I: 60 bits per code. Guessing is kept out of reach
 * by the length alone, because a valid code is never refused for an address's wrong guesses
 * (invitation-routes.ts: a centre's NAT address must not lose its genuine invitations to
 * someone guessing behind it): at 1,000 guesses a second for a fortnight against 500 live
 * codes, the chance of a hit is about one in two million.
 */
export const INVITATION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const INVITATION_CODE_LENGTH = 12;
/**
 * Codes of 8 signs (40 bits) were printed before; they stay redeemable until they expire, but
 * never past the address throttle: 40 bits cannot do without it.
 */
export const LEGACY_INVITATION_CODE_LENGTH = 8;
/** The time zone in which an invitation's last day ends. */
export const INVITATION_TIME_ZONE = 'Europe/Paris';

export function generateInvitationCode(): string {
  const bytes = new Uint8Array(INVITATION_CODE_LENGTH);
  crypto.getRandomValues(bytes);
  let code = '';
  for (const byte of bytes) code += INVITATION_ALPHABET[byte >> 3];
  return code;
}

/** `abcd-efgh-jklm`, ` ABCD EFGH JKLM ` → `ABCDEFGHJKLM`; null when it cannot be a code. */
export function normalizeInvitationCode(text: string): string | null {
  const code = text.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== INVITATION_CODE_LENGTH && code.length !== LEGACY_INVITATION_CODE_LENGTH) {
    return null;
  }
  for (const char of code) if (!INVITATION_ALPHABET.includes(char)) return null;
  return code;
}

/** `ABCDEFGHJKLM` → `ABCD-EFGH-JKLM`, as printed (groups of four). */
export function printableCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

export function hashInvitationCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** Today's date where the centre is, `YYYY-MM-DD`. */
export function todayInCentre(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: INVITATION_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

interface InvitationRow {
  id: number;
  commissionId: number;
  commissionName: string;
  room: string;
  juryId: number;
  label: string | null;
  validUntil: string;
  createdAt: string;
  createdBy: string | null;
  usedAt: string | null;
  usedById: string | null;
  usedByName: string | null;
  usedByLogin: string | null;
  revokedAt: string | null;
}

const SELECT_INVITATIONS = `
  SELECT i.id, i.commission_id AS "commissionId", c.name AS "commissionName", c.room, c.jury_id AS "juryId",
         i.label, i.valid_until AS "validUntil", i.created_at AS "createdAt",
         creator.display_name AS "createdBy", i.used_at AS "usedAt", i.used_by AS "usedById",
         used.display_name AS "usedByName", used.login AS "usedByLogin", i.revoked_at AS "revokedAt"
  FROM invitations i
  JOIN commissions c ON c.id = i.commission_id
  JOIN juries j ON j.id = c.jury_id
  LEFT JOIN users creator ON creator.id = i.created_by
  LEFT JOIN users used ON used.id = i.used_by`;

function statusOf(
  row: { usedAt: string | null; revokedAt: string | null; validUntil: string },
  today: string,
): InvitationStatus {
  if (row.revokedAt !== null) return 'revoked';
  if (row.usedAt !== null) return 'used';
  if (row.validUntil < today) return 'expired';
  return 'active';
}

function view(row: InvitationRow, today: string): InvitationView {
  return {
    id: row.id,
    commission: {
      id: row.commissionId,
      name: row.commissionName,
      room: row.room,
      juryId: row.juryId,
    },
    label: row.label,
    validUntil: row.validUntil,
    status: statusOf(row, today),
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    usedAt: row.usedAt,
    usedBy:
      row.usedById === null
        ? null
        : { id: row.usedById, name: row.usedByName ?? '', login: row.usedByLogin ?? '' },
    revokedAt: row.revokedAt,
  };
}

export function listInvitations(
  db: Db,
  sessionId: number,
  now: Date = new Date(),
): InvitationView[] {
  const today = todayInCentre(now);
  return (
    db
      .prepare(`${SELECT_INVITATIONS} WHERE j.exam_session_id = ? ORDER BY i.id`)
      .all(sessionId) as InvitationRow[]
  ).map((row) => view(row, today));
}

export function findInvitation(db: Db, id: number, now: Date = new Date()): InvitationView | null {
  const row = db.prepare(`${SELECT_INVITATIONS} WHERE i.id = ?`).get(id) as
    InvitationRow | undefined;
  return row ? view(row, todayInCentre(now)) : null;
}

/** Invitations of a commission still waiting to be used. */
export function pendingInvitations(db: Db, commissionId: number, now: Date = new Date()): number {
  return (
    db
      .prepare(
        `SELECT COUNT(*) AS count FROM invitations
         WHERE commission_id = ? AND used_at IS NULL AND revoked_at IS NULL AND valid_until >= ?`,
      )
      .get(commissionId, todayInCentre(now)) as { count: number }
  ).count;
}

/**
 * Creates an invitation; returns the code, which is never stored nor shown again. Refused
 * when the room's examiners and pending invitations already make two.
 */
export function createInvitation(
  db: Db,
  input: { commissionId: number; validUntil: string; label: string | null; createdBy: string },
  now: Date = new Date(),
): { id: number; code: string } {
  const today = todayInCentre(now);
  if (input.validUntil < today) {
    throw new HttpError(
      400,
      ErrorCode.INVALID_REQUEST,
      `Date de fin de validité déjà passée (${input.validUntil}) : choisir aujourd’hui ou plus tard.`,
    );
  }
  const seats =
    examinerCount(db, input.commissionId) + pendingInvitations(db, input.commissionId, now);
  if (seats >= MAX_EXAMINERS) {
    throw new HttpError(
      409,
      'TOO_MANY_EXAMINERS',
      `Cette salle a déjà ${MAX_EXAMINERS} examinateurs ou invitations en attente : annuler une invitation ou retirer un examinateur d’abord.`,
    );
  }
  // Two codes colliding (1 in 2^60 per pair): the insert does nothing, and another is drawn.
  // Not a caught error: on PostgreSQL a failed statement spoils the transaction around it.
  for (;;) {
    const code = generateInvitationCode();
    const inserted = db
      .prepare(
        `INSERT INTO invitations (commission_id, code_hash, label, valid_until, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code_hash) DO NOTHING RETURNING id`,
      )
      .get(
        input.commissionId,
        hashInvitationCode(code),
        input.label,
        input.validUntil,
        input.createdBy,
        now.toISOString(),
      ) as { id: number } | undefined;
    if (inserted) return { id: inserted.id, code };
  }
}

/**
 * Revokes an invitation. When it was already used, the account it created loses that room
 * and its sessions end: revoking is how the centre shuts out a wrong person. Refused once the
 * jury is locked: the examiners of its rooms are part of what was locked. Returns the ids of
 * the sessions ended, for their live connections to be closed (SessionStore.announceRevoked).
 */
export function revokeInvitation(db: Db, id: number, by: string, now: Date = new Date()): string[] {
  return db.transaction((): string[] => {
    const row = db
      .prepare(
        `SELECT i.commission_id AS "commissionId", i.used_by AS "usedBy", i.revoked_at AS "revokedAt",
                j.name AS "juryName", j.locked_at AS "lockedAt"
         FROM invitations i JOIN commissions c ON c.id = i.commission_id JOIN juries j ON j.id = c.jury_id
         WHERE i.id = ?`,
      )
      .get(id) as
      | {
          commissionId: number;
          usedBy: string | null;
          revokedAt: string | null;
          juryName: string;
          lockedAt: string | null;
        }
      | undefined;
    if (!row) throw new HttpError(404, ErrorCode.NOT_FOUND, 'Invitation introuvable.');
    if (row.revokedAt !== null) return [];
    if (row.lockedAt !== null) {
      throw new HttpError(
        409,
        ErrorCode.LOCKED,
        `Le ${row.juryName} a verrouillé sa délibération : ses salles et leurs examinateurs ne changent plus, cette invitation ne peut plus être annulée.`,
      );
    }
    db.prepare('UPDATE invitations SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(
      now.toISOString(),
      by,
      id,
    );
    if (row.usedBy !== null) {
      db.prepare('DELETE FROM commission_examiners WHERE commission_id = ? AND user_id = ?').run(
        row.commissionId,
        row.usedBy,
      );
      const sessions = (
        db.prepare('SELECT id FROM sessions WHERE user_id = ?').all(row.usedBy) as { id: string }[]
      ).map((session) => session.id);
      db.prepare('DELETE FROM sessions WHERE user_id = ?').run(row.usedBy);
      return sessions;
    }
    return [];
  })();
}

export class InvitationRefusal extends HttpError {
  constructor(
    readonly outcome: RedeemOutcome,
    readonly invitationId: number | null,
    status: number,
    code: string,
    message: string,
  ) {
    super(status, code, message);
  }
}

export interface Redeemed {
  invitationId: number;
  userId: string;
  commissionId: number;
  /** True when the holder of the account came back with the same code (no new account). */
  again: boolean;
}

function frenchDay(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/**
 * Redeems a code: checks it, creates the examiner account and adds it to the commission, in
 * one transaction. `currentUserId` is the caller's session, if any: the person who used the
 * code may present it again from the same browser; anyone else is refused.
 */
export function redeemInvitation(
  db: Db,
  input: { code: string; name: string; currentUserId: string | null },
  now: Date = new Date(),
): Redeemed {
  const code = normalizeInvitationCode(input.code);
  if (code === null) {
    throw new InvitationRefusal(
      'malformed',
      null,
      400,
      'INVITATION_UNKNOWN',
      `Code d’invitation invalide : il compte ${INVITATION_CODE_LENGTH} caractères (lettres et chiffres, sans 0, O, 1 ni I), par exemple ABCD-EFGH-JKLM.`,
    );
  }
  return db
    .transaction((): Redeemed => {
      const row = db
        .prepare(
          `SELECT i.id, i.commission_id AS "commissionId", i.valid_until AS "validUntil", i.used_at AS "usedAt",
                  i.used_by AS "usedBy", i.revoked_at AS "revokedAt", j.locked_at AS "lockedAt"
           FROM invitations i JOIN commissions c ON c.id = i.commission_id JOIN juries j ON j.id = c.jury_id
           WHERE i.code_hash = ?`,
        )
        .get(hashInvitationCode(code)) as
        | {
            id: number;
            commissionId: number;
            validUntil: string;
            usedAt: string | null;
            usedBy: string | null;
            revokedAt: string | null;
            lockedAt: string | null;
          }
        | undefined;
      if (!row) {
        throw new InvitationRefusal(
          'unknown',
          null,
          404,
          'INVITATION_UNKNOWN',
          'Code d’invitation inconnu. Vérifiez le code imprimé sur votre convocation.',
        );
      }
      if (row.revokedAt !== null) {
        throw new InvitationRefusal(
          'revoked',
          row.id,
          410,
          'INVITATION_REVOKED',
          'Cette invitation a été annulée par le centre d’examen. Adressez-vous au secrétariat.',
        );
      }
      if (row.usedAt !== null) {
        if (row.usedBy !== null && row.usedBy === input.currentUserId) {
          return {
            invitationId: row.id,
            userId: row.usedBy,
            commissionId: row.commissionId,
            again: true,
          };
        }
        throw new InvitationRefusal(
          'used',
          row.id,
          409,
          'INVITATION_USED',
          'Cette invitation a déjà été utilisée. Si vous ne l’avez pas utilisée vous-même, prévenez le secrétariat du centre d’examen.',
        );
      }
      if (row.validUntil < todayInCentre(now)) {
        throw new InvitationRefusal(
          'expired',
          row.id,
          410,
          'INVITATION_EXPIRED',
          `Cette invitation n’est plus valable : elle l’était jusqu’au ${frenchDay(row.validUntil)}. Demandez un nouveau code au secrétariat.`,
        );
      }
      if (row.lockedAt !== null) {
        throw new InvitationRefusal(
          'locked',
          row.id,
          409,
          ErrorCode.LOCKED,
          'Les délibérations de ce jury sont closes : cette salle ne reçoit plus d’examinateur.',
        );
      }
      if (examinerCount(db, row.commissionId) >= MAX_EXAMINERS) {
        throw new InvitationRefusal(
          'full',
          row.id,
          409,
          'TOO_MANY_EXAMINERS',
          'Cette salle a déjà ses deux examinateurs. Adressez-vous au secrétariat.',
        );
      }
      const userId = randomUUID();
      insertAccount(db, {
        id: userId,
        login: `invite.${generateSecureRandomString().slice(0, 10)}`,
        name: input.name,
        role: 'examiner',
        passwordHash: null,
      });
      db.prepare('INSERT INTO commission_examiners (commission_id, user_id) VALUES (?, ?)').run(
        row.commissionId,
        userId,
      );
      const marked = db
        .prepare('UPDATE invitations SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL')
        .run(now.toISOString(), userId, row.id).changes;
      if (marked !== 1) throw new Error('invitation utilisée entre-temps');
      return { invitationId: row.id, userId, commissionId: row.commissionId, again: false };
    })
    .immediate();
}

/**
 * The attempts log keeps its newest rows only: the page shows the last 200, and a flood of
 * guesses from many addresses must not fill the disk.
 */
export const INVITATION_ATTEMPTS_KEPT = 10_000;
/** The older rows are deleted once every this many attempts logged (by the row's id). */
const PRUNE_EVERY_ATTEMPTS = 100;

/** One line of the attempts log: when, from which address, what happened (never the code). */
export function logInvitationAttempt(
  db: Db,
  attempt: {
    address: string;
    outcome: RedeemOutcome;
    invitationId: number | null;
    userId: string | null;
  },
  now: Date = new Date(),
  kept = INVITATION_ATTEMPTS_KEPT,
): void {
  const { id } = db
    .prepare(
      'INSERT INTO invitation_attempts (at, address, outcome, invitation_id, user_id) VALUES (?, ?, ?, ?, ?) RETURNING id',
    )
    .get(
      now.toISOString(),
      attempt.address,
      attempt.outcome,
      attempt.invitationId,
      attempt.userId,
    ) as {
    id: number;
  };
  // Every hundredth row, whichever process writes it: no counter to keep.
  if (id % PRUNE_EVERY_ATTEMPTS === 0)
    db.prepare('DELETE FROM invitation_attempts WHERE id <= ?').run(id - kept);
  // No code, no name, no address on the console: only what happened.
  console.info(
    `[invitation] tentative : ${attempt.outcome}${attempt.invitationId === null ? '' : ` (invitation ${attempt.invitationId})`}`,
  );
}

export function recentAttempts(db: Db, limit = 200): InvitationAttempt[] {
  return db
    .prepare(
      `SELECT id, at, address, outcome, invitation_id AS "invitationId", user_id AS "userId"
       FROM invitation_attempts ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as InvitationAttempt[];
}
