import express, { Router } from 'express';
import type { Request, Response } from 'express';
import { ErrorCode, parseVerificationCode } from '@delib/protocol';
import type { MinuteSignatureAnswer, RectifiedMinuteAnswer, SessionUser } from '@delib/protocol';
import type { AuditTrail } from '../audit/audit-trail.js';
import { confirmPassword } from '../auth/confirm-password.js';
import { requireSession, sessionFrom } from '../auth/guards.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { SessionStore } from '../auth/sessions.js';
import type { ExamRepository, JuryRow } from '../db/exam-repository.js';
import type { Regulation } from '@delib/rules';
import type { Db } from '../db/open-database.js';
import { readFinalRecord } from '../deliberation/lock-jury.js';
import type { StoredRecord } from '../deliberation/lock-jury.js';
import { readAmendments } from '../deliberation/read-amendments.js';
import { isCurrentRecord, rectifiedContent } from '../deliberation/rectified-record.js';
import { forbidden, HttpError, notFound } from '../http/http-error.js';
import { idParam } from '../http/route-params.js';
import { lookupVerificationCode } from './lookup-verification-code.js';
import { sha256Hex, verificationCode, VerifierUrlSchema } from './minute-signature.js';
import { renderMinutePdf } from './render-minute-pdf.js';
import { renderTranscriptsPdf } from './render-transcripts-pdf.js';
import {
  latestRectifiedMinute,
  readRectifiedMinutes,
  signRectifiedMinute,
} from './rectified-minutes.js';
import type { StoredRectifiedMinute } from './rectified-minutes.js';
import { rectifiedTranscriptSignatures } from './rectified-transcripts.js';
import { resultsCsv } from './results-csv.js';
import { readMinuteSignature, signMinute } from './sign-minute.js';
import type { StoredSignature } from './sign-minute.js';
import { ensureCentreKeys, listPublicKeys } from './signing-keys.js';
import { transcriptSignatures } from './transcript-extracts.js';
import type { SignedTranscript } from './transcript-extracts.js';
import { verifySignedPdf } from './verify-signed-pdf.js';
import { withRectifiedSince } from './verify-rectified-since.js';

/**
 * HTTP routes of the signed minute, mounted under /api:
 *
 *   POST /juries/:id/sign                     president of the jury, locked record, password
 *                                             asked again; idempotent
 *   POST /juries/:id/rectified-minutes        president, password asked again: signs a
 *                                             rectified minute of every correction so far
 *   GET  /juries/:id/minute.pdf               jury, admin; once signed
 *   GET  /juries/:id/rectified-minute.pdf     jury, admin; the latest rectified minute
 *                                             (`?sequence=n`: the n-th)
 *   GET  /juries/:id/releves.pdf              jury, admin; once signed: every deliberated
 *                                             candidate's relevé (409 when there is none), of
 *                                             the latest rectified minute when there is one
 *   GET  /juries/:id/releves/:candidate.pdf   jury, admin; once signed: one deliberated
 *                                             candidate's relevé (404 for the others)
 *   GET  /juries/:id/results.csv              jury, admin; once locked, corrections included
 *   GET  /keys                                public: the centre's public keys
 *   POST /verify                              public: a PDF (application/pdf) → the verdict
 *   GET  /verify/:code                        public: a verification code → the verdict (a PV: its header only)
 *
 * The router checks sessions route by route (two routes are public): mount it before any
 * router that requires a session for everything under /api.
 */
export interface MinuteRoutesOptions {
  db: Db;
  sessions: SessionStore;
  exams: ExamRepository;
  audit: AuditTrail;
  /** Counts wrong passwords typed to sign, as sign-ins do. */
  throttle: LoginThrottle;
  now?: () => Date;
  /** Largest PDF accepted by POST /verify, in bytes (20 MB). */
  maxVerifyBytes?: number;
  /** Verifications rendered at the same time; more are refused with 503 (2). */
  maxConcurrentVerifications?: number;
  /** Largest minute POST /verify renders again, in candidates (1000). */
  maxVerifyCandidates?: number;
  /** Largest number of relevés (a page each) POST /verify renders again (250). */
  maxVerifyTranscripts?: number;
  /** The public address of the server (`DELIB_PUBLIC_URL`); null: that of the request. */
  publicUrl?: string | null;
}

/** A few rendered documents kept in memory: they never change once signed. */
class RenderCache {
  private readonly entries = new Map<string, Buffer>();
  constructor(private readonly capacity: number) {}

  async get(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const value = await render();
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}

function sendFile(response: Response, type: string, name: string, body: Buffer | string): void {
  response.setHeader('Content-Type', type);
  response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  // Personal data: never kept by a shared cache.
  response.setHeader('Cache-Control', 'private, no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.send(body);
}

/** What signing answers, for the minute and a rectified minute alike (201 when signed now). */
function signatureAnswer(created: boolean, stored: StoredSignature): MinuteSignatureAnswer {
  const s = stored.signature;
  return {
    created,
    juryId: stored.juryId,
    recordSha256: s.recordSha256,
    verificationCode: verificationCode(s.recordSha256),
    keyId: s.keyId,
    publicKey: s.publicKey,
    signedAt: s.signedAt,
    signer: s.signer,
    pdfSha256: stored.pdfSha256,
  };
}

export function minuteRoutes(options: MinuteRoutesOptions): Router {
  const { db, sessions, exams } = options;
  const router = Router();
  const cache = new RenderCache(8);
  const maxConcurrent = options.maxConcurrentVerifications ?? 2;
  let verifying = 0;
  // "A key per centre, created at first start": every centre already known gets its key now;
  // a centre created later gets one when its first minute is signed.
  ensureCentreKeys(db, options.now?.() ?? new Date());

  const signedIn = requireSession(sessions);

  const readableJury = (response: Response, idText: unknown): JuryRow => {
    const { user } = sessionFrom(response);
    const jury = exams.jury(idParam(idText));
    if (!jury) throw notFound('Jury');
    if (exams.juryRole(jury.id, user.id) === null && user.role !== 'admin') throw forbidden();
    return jury;
  };

  /** The regulation the jury's session computes with: shipped or uploaded, with its settings. */
  const regulationOfJury = (jury: JuryRow): Regulation => {
    const session = exams.examSession(jury.examSessionId);
    if (!session) throw notFound('Session');
    return session.regulation;
  };

  const lockedRecord = (jury: JuryRow): StoredRecord => {
    const stored = readFinalRecord(db, jury.id);
    if (!stored) {
      throw new HttpError(
        409,
        'NOT_LOCKED',
        'La délibération de ce jury n’est pas encore verrouillée.',
      );
    }
    return stored;
  };

  const signedMinute = (jury: JuryRow): { record: StoredRecord; signed: StoredSignature } => {
    const record = lockedRecord(jury);
    const signed = readMinuteSignature(db, jury.id);
    if (!signed) {
      throw new HttpError(409, 'NOT_SIGNED', 'Le procès-verbal de ce jury n’est pas encore signé.');
    }
    if (signed.signature.recordSha256 !== record.sha256) {
      console.error(
        `[procès-verbal] jury ${jury.id} : la signature enregistrée couvre un autre procès-verbal. Rien n’est servi.`,
      );
      throw new HttpError(
        500,
        'SIGNATURE_ALTERED',
        'La signature enregistrée ne correspond pas au procès-verbal de ce jury : elle a été modifiée hors de Délib. Prévenez le centre d’examen.',
      );
    }
    return { record, signed };
  };

  const fileName = (kind: string, record: StoredRecord, extension: string): string =>
    `${kind}-jury-${record.record.jury.id}-session-${record.record.session.year}.${extension}`;

  /**
   * The verification page that signed documents name (and print as QR codes): checked before
   * anything is signed with it, since a signature is stored once and for all.
   */
  const verifierUrl = (request: Request): string => {
    const base = options.publicUrl ?? `${request.protocol}://${request.get('host') ?? ''}`;
    const parsed = VerifierUrlSchema.safeParse(`${base}/verifier`);
    if (!parsed.success) {
      throw new HttpError(
        400,
        ErrorCode.INVALID_REQUEST,
        'Adresse du serveur inutilisable pour la page de vérification : configurez DELIB_PUBLIC_URL.',
      );
    }
    return parsed.data;
  };

  /** The relevés handed out: those of the latest rectified minute, else the original's. */
  const transcripts = (
    request: Request,
    record: StoredRecord,
    signed: StoredSignature,
    rectified: StoredRectifiedMinute | null,
  ): SignedTranscript[] =>
    rectified
      ? rectifiedTranscriptSignatures(db, rectified)
      : transcriptSignatures(db, record, signed.signature, verifierUrl(request));

  /** Checks the password typed in the signing dialog of `what`, as a sign-in is. */
  const typedPassword = (request: Request, user: SessionUser, what: string) => (): Promise<void> =>
    confirmPassword(
      db,
      options.throttle,
      user,
      (request.body as { password?: unknown } | undefined)?.password,
      what,
    );

  router.post('/juries/:id/sign', signedIn, async (request, response) => {
    const { user } = sessionFrom(response);
    const { stored, created } = await signMinute(
      options,
      user,
      idParam(request.params.id),
      verifierUrl(request),
      typedPassword(request, user, 'le procès-verbal'),
    );
    response.status(created ? 201 : 200).json(signatureAnswer(created, stored));
  });

  router.post('/juries/:id/rectified-minutes', signedIn, async (request, response) => {
    const { user } = sessionFrom(response);
    const { stored, created } = await signRectifiedMinute(
      options,
      user,
      idParam(request.params.id),
      verifierUrl(request),
      typedPassword(request, user, 'le procès-verbal rectificatif'),
    );
    response.status(created ? 201 : 200).json({
      ...signatureAnswer(created, stored),
      sequence: stored.sequence,
      rectifications: stored.record.rectifications.length,
      originalVerificationCode: stored.record.original.verificationCode,
    } satisfies RectifiedMinuteAnswer);
  });

  router.get('/juries/:id/rectified-minute.pdf', signedIn, async (request, response) => {
    const jury = readableJury(response, request.params.id);
    const { record } = signedMinute(jury);
    const all = readRectifiedMinutes(db, jury.id);
    const wanted = request.query.sequence;
    const minute =
      typeof wanted === 'string' ? all.find((m) => String(m.sequence) === wanted) : all.at(-1);
    if (!minute) {
      throw new HttpError(
        404,
        ErrorCode.NOT_FOUND,
        'Aucun procès-verbal rectificatif signé pour ce jury.',
      );
    }
    const pdf = await cache.get(`rectified:${jury.id}:${minute.sequence}`, () =>
      renderMinutePdf({ canonical: minute.canonical, signature: minute.signature }),
    );
    sendFile(
      response,
      'application/pdf',
      fileName(`proces-verbal-rectificatif-${minute.sequence}`, record, 'pdf'),
      pdf,
    );
  });

  router.get('/juries/:id/minute.pdf', signedIn, async (request, response) => {
    const jury = readableJury(response, request.params.id);
    const { record, signed } = signedMinute(jury);
    const pdf = await cache.get(`minute:${jury.id}`, () =>
      renderMinutePdf({ canonical: record.canonical, signature: signed.signature }),
    );
    if (sha256Hex(pdf) !== signed.pdfSha256) {
      // Same record, same signature, different bytes: this version of Délib lays the minute
      // out differently from the one that signed, and copies handed out then no longer match.
      console.error(
        `[minute] jury ${jury.id} : le PDF rendu ne correspond plus à celui de la signature (mise en page modifiée).`,
      );
    }
    sendFile(response, 'application/pdf', fileName('proces-verbal', record, 'pdf'), pdf);
  });

  router.get('/juries/:id/releves.pdf', signedIn, async (request, response) => {
    const jury = readableJury(response, request.params.id);
    const { record, signed } = signedMinute(jury);
    const rectified = latestRectifiedMinute(db, jury.id);
    if ((rectified?.record ?? record.record).candidates.length === 0) {
      // Nothing is signed for a candidate not deliberated: no page to print, none to verify.
      throw new HttpError(
        409,
        'NO_TRANSCRIPTS',
        'Aucun candidat délibéré : aucun relevé de notes à établir.',
      );
    }
    const pdf = await cache.get(`releves:${jury.id}:${rectified?.sequence ?? 0}`, () =>
      renderTranscriptsPdf(transcripts(request, record, signed, rectified)),
    );
    sendFile(response, 'application/pdf', fileName('releves', record, 'pdf'), pdf);
  });

  router.get('/juries/:id/releves/:candidate.pdf', signedIn, async (request, response) => {
    const jury = readableJury(response, request.params.id);
    const { record, signed } = signedMinute(jury);
    const rectified = latestRectifiedMinute(db, jury.id);
    const candidates = (rectified?.record ?? record.record).candidates;
    const candidateId = idParam(request.params.candidate);
    const index = candidates.findIndex((c) => c.id === candidateId);
    if (index < 0) {
      const notDeliberated =
        'notDeliberated' in record.record &&
        record.record.notDeliberated.some((c) => c.id === candidateId);
      if (!notDeliberated) throw notFound('Candidat');
      throw new HttpError(
        404,
        ErrorCode.NOT_FOUND,
        'Ce candidat n’a pas été délibéré (dossier incomplet au verrouillage) : il n’a pas de relevé de notes.',
      );
    }
    const pdf = await cache.get(
      `releve:${jury.id}:${rectified?.sequence ?? 0}:${candidateId}`,
      () =>
        renderTranscriptsPdf(
          transcripts(request, record, signed, rectified).slice(index, index + 1),
        ),
    );
    const number = candidates[index]?.number ?? String(candidateId);
    sendFile(
      response,
      'application/pdf',
      fileName(`releve-${number.replace(/[^0-9A-Za-z_-]/g, '_')}`, record, 'pdf'),
      pdf,
    );
  });

  router.get('/juries/:id/results.csv', signedIn, (request, response) => {
    const jury = readableJury(response, request.params.id);
    const record = lockedRecord(jury);
    // Corrections made since the lock count at once, signed or not: each row says so.
    const amendments = readAmendments(db, jury.id);
    const rectified =
      amendments.length > 0 && isCurrentRecord(record.record)
        ? rectifiedContent(regulationOfJury(jury), record.record, amendments)
        : null;
    sendFile(
      response,
      'text/csv; charset=utf-8',
      fileName('resultats', record, 'csv'),
      resultsCsv(record.record, rectified),
    );
  });

  router.get('/keys', (_request, response) => {
    response.json({
      keys: listPublicKeys(db).map((key) => ({
        keyId: key.keyId,
        centre: key.centre,
        algorithm: key.algorithm,
        publicKey: key.publicKey,
        publicKeyPem: key.publicKeyPem,
        createdAt: key.createdAt,
      })),
    });
  });

  router.post(
    '/verify',
    express.raw({
      type: ['application/pdf', 'application/octet-stream'],
      limit: options.maxVerifyBytes ?? 20 * 1024 * 1024,
    }),
    async (request, response) => {
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new HttpError(
          415,
          ErrorCode.INVALID_REQUEST,
          'Envoyez le fichier PDF lui-même (Content-Type: application/pdf).',
        );
      }
      if (body.length === 0) {
        throw new HttpError(400, ErrorCode.INVALID_REQUEST, 'Le fichier envoyé est vide.');
      }
      if (verifying >= maxConcurrent) {
        response.setHeader('Retry-After', '2');
        throw new HttpError(
          503,
          'BUSY',
          'Trop de vérifications en cours : réessayez dans un instant.',
        );
      }
      verifying++;
      try {
        const verdict = await verifySignedPdf(body, {
          publishedKeys: listPublicKeys(db).map((key) => key.publicKey),
          maxCandidates: options.maxVerifyCandidates ?? 1000,
          maxTranscripts: options.maxVerifyTranscripts ?? 250,
        });
        // A document of this centre rectified since says so (the file alone cannot).
        response.json(withRectifiedSince(db, verdict));
      } finally {
        verifying--;
      }
    },
  );

  router.get('/verify/:code', (request, response) => {
    const code = parseVerificationCode(request.params.code);
    if (code === null) {
      throw new HttpError(
        400,
        ErrorCode.INVALID_REQUEST,
        'Un code de vérification compte 12 caractères (chiffres et lettres de a à f).',
      );
    }
    // A relevé's own marks, a minute's header (never its candidates): no shared cache keeps them.
    response.setHeader('Cache-Control', 'private, no-store');
    response.json(lookupVerificationCode(db, code));
  });

  return router;
}
