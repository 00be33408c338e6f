import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { ErrorRequestHandler } from 'express';
import { AuditTrail } from './audit/audit-trail.js';
import { ClusterEvents } from './cluster/cluster-events.js';
import { RedisLink } from './cluster/redis-link.js';
import { authRoutes } from './auth/auth-routes.js';
import { requireAdmin, requireSameOrigin, slideSessionCookie } from './auth/guards.js';
import { SessionCookie } from './auth/session-cookie.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { SessionStore } from './auth/sessions.js';
import type { Config } from './config.js';
import { ExamRepository } from './db/exam-repository.js';
import { openConfiguredDatabase, openSyncConnection } from './db/open-database.js';
import type { Db } from './db/open-database.js';
import { deliberationRoutes } from './deliberation/deliberation-routes.js';
import { regulationRoutes } from './regulations/regulation-routes.js';
import { examSessionRoutes } from './exam-sessions/exam-session-routes.js';
import { harmonisationRoutes } from './harmonisation/harmonisation-routes.js';
import { apiRoutes } from './http/api-routes.js';
import { importRoutes } from './import/import-routes.js';
import { minuteRoutes } from './minute/minute-routes.js';
import { publicationRoutes } from './publication/publication-routes.js';
import { evaluationSheetRoutes } from './evaluation-sheets/evaluation-sheet-routes.js';
import { apiErrorHandler, notFound } from './http/http-error.js';
import { securityHeaders } from './http/security-headers.js';
import { jsonBody } from './http/route-input.js';
import { loadWebApp } from './http/web-build-snapshot.js';
import { PresenceHub } from './presence/presence-hub.js';
import { invitationAdminRoutes } from './invitations/invitation-admin-routes.js';
import { invitationRoutes } from './invitations/invitation-routes.js';
import { juryRoutes } from './juries/jury-routes.js';
import { passageEffects } from './juries/passage-effects.js';
import { CommitStages } from './sync/commit-stages.js';
import { DocumentPolicy } from './sync/document-policy.js';
import { DocumentStore } from './sync/document-store.js';
import { DatabaseDocumentStorage } from './sync/database-document-storage.js';
import { engineOf } from './db/db-handle.js';
import { syncsEveryCommit } from './db/write-without-sync.js';
import type { Fsync } from './sync/wal-fsync.js';
import type { DocumentStorage } from './sync/document-storage.js';
import { SyncEndpoint } from './sync/sync-endpoint.js';
import { RedisAllowanceLedger } from './sync/shared-allowance.js';
import { RedisUpdateFanOut } from './sync/update-fan-out.js';

export interface RunningApp {
  db: Db;
  server: http.Server;
  sync: SyncEndpoint;
  presence: PresenceHub;
  /** Events to and from the other processes (DELIB_REDIS_URL), or null alone. */
  cluster: ClusterEvents | null;
  /** The port actually bound (useful with port 0). */
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Last handler of the pages: any error answers a short page and is logged, never thrown. */
const pageErrorHandler: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
  const status =
    typeof (error as { status?: unknown }).status === 'number'
      ? (error as { status: number }).status
      : 500;
  if (status >= 500)
    console.error('[web] erreur :', error instanceof Error ? error.message : String(error));
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.status(status).type('text/plain; charset=utf-8').send(pageErrorText(status));
};

/** What a page request refused says, in French: only a 5xx is the server's fault. */
export function pageErrorText(status: number): string {
  if (status === 404) return 'Page introuvable.';
  if (status === 403) return 'Accès refusé.';
  if (status >= 500) return 'Erreur du serveur.';
  return 'Adresse invalide.';
}

/**
 * A page address that cannot be decoded (`/%ff`) is refused here, in French: the app's shell
 * would be served with a 400 and the page would stay blank in the browser.
 */
const refuseUndecodablePath: express.RequestHandler = (request, response, next) => {
  try {
    decodeURIComponent(request.path);
  } catch {
    response.status(400).type('text/plain; charset=utf-8').send(pageErrorText(400));
    return;
  }
  next();
};

/** Composes the whole process: HTTP API, socket.io, the Yjs endpoint and the SvelteKit app. */
/** What a test may put in place of the real thing, to watch or slow it down. */
export interface AppSeams {
  /** The fsync of SQLite's WAL (default: `fs.fsync`). */
  walFsync?: Fsync;
  /** Wraps the sync endpoint's storage (to delay or fail it). */
  storage?: (sqlite: DocumentStorage) => DocumentStorage;
}

export async function startApp(config: Config, seams: AppSeams = {}): Promise<RunningApp> {
  const db = await openConfiguredDatabase(config);
  const exams = new ExamRepository(db);
  const sessions = new SessionStore(db, config.sessionIdleMs);
  const throttle = new LoginThrottle(db);
  const audit = new AuditTrail(db);
  // A FULL SQLite file: the sync endpoint's batches go through a second connection, NORMAL.
  const writer = engineOf(db) === 'sqlite' && syncsEveryCommit(db) ? openSyncConnection(db) : null;
  const sqliteStorage = new DatabaseDocumentStorage(
    { db, store: new DocumentStore(db, config.compactAfterUpdates), audit },
    seams.walFsync,
    writer && {
      db: writer,
      store: new DocumentStore(writer, config.compactAfterUpdates),
      audit: new AuditTrail(writer),
    },
  );
  const storage = seams.storage?.(sqliteStorage) ?? sqliteStorage;
  // The policy reads the sync endpoint's documents, and the endpoint asks the policy: the
  // callback runs only once both exist.
  const policy: DocumentPolicy = new DocumentPolicy(exams, (target): Uint8Array =>
    sync.documentState(target),
  );

  // Routes are added below; socket.io must wrap the server's request listener, so the
  // server is created with the app before socket.io attaches.
  const app = express();
  const server = http.createServer(app);
  // Several processes (issue 14): Redis carries committed updates, locks, sign-outs,
  // socket.io rooms and allowances between them. Without DELIB_REDIS_URL, nothing of it.
  const link = config.redisUrl ? new RedisLink(config.redisUrl) : null;
  const cluster = link ? new ClusterEvents(link) : null;
  const fanOut = link ? new RedisUpdateFanOut(link) : null;
  const presence = new PresenceHub(server, sessions, exams, config.allowedOrigins, link);
  const allowanceLedger = link
    ? new RedisAllowanceLedger(link, (userId, tokens) => sync.chargeAllowance(userId, tokens))
    : null;
  const sync = new SyncEndpoint({
    sessions,
    policy,
    storage,
    allowedOrigins: config.allowedOrigins,
    maxUpdateBytes: config.maxUpdateBytes,
    compactAfterUpdates: config.compactAfterUpdates,
    onRefused: (userId, document, code, message) =>
      presence.announceRefusal(userId, document, code, message),
    fanOut,
    allowanceLedger,
    // Timings only, never a document's name or content: `pnpm bench:sync --stages`.
    stages: config.syncStages ? new CommitStages((line) => console.log(line)) : null,
  });
  if (cluster) {
    sessions.onRevoked((sessionId) => cluster.announce({ kind: 'session-revoked', sessionId }));
    cluster.onEvent((event) => {
      if (event.kind === 'jury-locked') sync.juryLocked(event.juryId);
      else if (event.kind === 'session-revoked') {
        sync.sessionRevoked(event.sessionId);
        presence.sessionRevoked(event.sessionId);
      } else if (event.kind === 'rights-changed') {
        sync.rightsChanged(event.userId);
        presence.rightsChanged(event.userId);
      } else for (const commissionId of event.commissionIds) policy.forgetRoom(commissionId);
    });
  }
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders());
  app.use(
    '/api',
    jsonBody('256kb'),
    requireSameOrigin(config.allowedOrigins),
    slideSessionCookie(sessions, new SessionCookie(config.secureCookies, config.sessionIdleMs)),
  );
  app.get('/api/health', (_request, response) => {
    response.json({ ok: true });
  });
  app.use(
    '/api',
    authRoutes({
      db,
      sessions,
      throttle,
      exams,
      secureCookies: config.secureCookies,
      sessionIdleMs: config.sessionIdleMs,
    }),
  );
  app.use(
    '/api',
    invitationRoutes({
      db,
      sessions,
      throttle,
      exams,
      secureCookies: config.secureCookies,
      sessionIdleMs: config.sessionIdleMs,
    }),
  );
  // The exam centre's office, before the orals: every /api/admin/... request needs a
  // session (401) of an admin (403), checked here once for the routers below.
  app.use('/api/admin', ...requireAdmin(sessions));
  app.use(
    '/api',
    regulationRoutes(db, audit, () => {
      sync.commitPending();
      policy.forgetContexts();
    }),
  );
  app.use('/api', examSessionRoutes(db));
  const effects = passageEffects(policy, sync, presence, cluster);
  app.use('/api', importRoutes(db, audit, effects));
  app.use('/api', juryRoutes(db, exams, audit, effects));
  app.use('/api', invitationAdminRoutes(db, exams, sessions));
  // Before the routers that require a session: /api/keys and /api/verify are public.
  app.use(
    '/api',
    minuteRoutes({ db, sessions, exams, audit, throttle, publicUrl: config.publicUrl }),
  );
  app.use('/api', publicationRoutes({ db, sessions, exams }));
  app.use('/api', apiRoutes(sessions, exams));
  app.use('/api', evaluationSheetRoutes({ db, sessions, exams, policy, sync }));
  app.use(
    '/api',
    deliberationRoutes({ db, sessions, exams, policy, sync, audit, presence, cluster }),
  );
  app.use('/api', harmonisationRoutes({ db, sessions, exams, policy, sync, audit }));
  app.use('/api', (_request, _response, next) => next(notFound('Route')));
  app.use('/api', apiErrorHandler);

  const web = await loadWebApp(config.webBuildDir);
  if (web) {
    // The offline rooms' service worker must be checked for updates on every visit.
    app.get('/service-worker.js', (_request, response, next) => {
      response.setHeader('Cache-Control', 'no-cache');
      next();
    });
    app.use(refuseUndecodablePath, web.handler);
  }
  app.use(pageErrorHandler);

  server.on('upgrade', (request, socket, head: Buffer) => {
    if (sync.owns(request)) sync.handleUpgrade(request, socket, head);
    else if (!(request.url ?? '').startsWith('/socket.io/')) socket.destroy();
  });

  const cleanup = setInterval(() => {
    // The database may be away for a moment (PostgreSQL restarting): next hour, then.
    try {
      sessions.deleteExpired();
    } catch (error) {
      console.error('[sessions] purge impossible :', (error as Error).message);
    }
  }, 60 * 60_000);
  cleanup.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    db,
    server,
    sync,
    presence,
    cluster,
    port,
    url: `http://localhost:${port}`,
    close() {
      closing ??= (async () => {
        clearInterval(cleanup);
        await sync.close();
        allowanceLedger?.close();
        await presence.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await link?.close();
        sqliteStorage.close();
        db.close();
        web?.dispose();
      })();
      return closing;
    },
  };
}
