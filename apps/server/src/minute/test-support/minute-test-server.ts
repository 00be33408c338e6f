import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { AuditTrail } from '../../audit/audit-trail.js';
import { requireSameOrigin } from '../../auth/guards.js';
import { LoginThrottle } from '../../auth/login-throttle.js';
import { SessionStore } from '../../auth/sessions.js';
import { loadConfig } from '../../config.js';
import { ExamRepository } from '../../db/exam-repository.js';
import { apiErrorHandler, notFound } from '../../http/http-error.js';
import { signIn } from '../../test-support/sign-in.js';
import { startTestServer } from '../../test-support/test-server.js';
import type { TestServer } from '../../test-support/test-server.js';
import { minuteRoutes } from '../minute-routes.js';

/**
 * The real demo server on port 0 (login, lock) and, beside it on its own port 0 and the same
 * SQLite database, the minute routes composed as app.ts composes /api (JSON body, same-origin
 * check, routes, 404, JSON errors). Sessions live in the database, so one cookie works on
 * both. Once app.ts mounts `minuteRoutes`, the routes answer on `server.url` as well.
 */
export interface MinuteTestServer {
  server: TestServer;
  /** Base URL of the minute routes. */
  url: string;
  stop(): Promise<void>;
}

export async function startMinuteTestServer(): Promise<MinuteTestServer> {
  const server = await startTestServer();
  const db = server.app.db;
  const app = express();
  app.use('/api', express.json({ limit: '256kb' }), requireSameOrigin([]));
  app.use(
    '/api',
    minuteRoutes({
      db,
      sessions: new SessionStore(db, loadConfig({}).sessionIdleMs),
      exams: new ExamRepository(db),
      audit: new AuditTrail(db),
      throttle: new LoginThrottle(db),
    }),
  );
  app.use('/api', (_request, _response, next) => next(notFound('Route')));
  app.use('/api', apiErrorHandler);
  const sidecar = http.createServer(app);
  await new Promise<void>((resolve) => sidecar.listen(0, '127.0.0.1', resolve));
  const port = (sidecar.address() as AddressInfo).port;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      sidecar.closeAllConnections();
      await new Promise<void>((resolve) => sidecar.close(() => resolve()));
      await server.stop();
    },
  };
}

/** Locks the demo jury through the real lock route, confirming every incomplete candidate. */
export async function lockDemoJury(server: TestServer): Promise<number> {
  const president = await signIn(server.url, 'presidente');
  const juryId = president.me.juries[0]?.id as number;
  const post = (body: unknown) =>
    fetch(`${server.url}/api/juries/${juryId}/lock`, {
      method: 'POST',
      headers: {
        cookie: president.cookie,
        origin: server.origin,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  const first = (await (await post({})).json()) as {
    error: { details: { candidates: { candidateId: number }[] } };
  };
  const locked = await post({
    confirmIncomplete: first.error.details.candidates.map((c) => c.candidateId),
  });
  if (locked.status !== 201) throw new Error(`verrouillage refusé : ${locked.status}`);
  return juryId;
}
