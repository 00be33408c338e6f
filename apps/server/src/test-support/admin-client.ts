import { signIn } from './sign-in.js';
import type { TestServer } from './test-server.js';

/**
 * Calls the admin routes (and the public invitation route) of a test server
 * (./test-server.ts) as a browser would: session cookie and same Origin.
 */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Where the admin's requests go: a test server, or another process on its database. */
type Reachable = Pick<TestServer, 'url' | 'origin'>;

export class AdminClient {
  constructor(
    readonly server: Reachable,
    readonly cookie: string | null,
  ) {}

  static async signIn(server: Reachable, login = 'admin', password?: string): Promise<AdminClient> {
    const { cookie } = await signIn(server.url, login, password);
    return new AdminClient(server, cookie);
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    return {
      origin: this.server.origin,
      ...(this.cookie ? { cookie: this.cookie } : {}),
      ...extra,
    };
  }

  private async answer<T>(response: Response): Promise<Answer<T>> {
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      body: (type.includes('json') && text ? JSON.parse(text) : text) as T,
      headers: response.headers,
    };
  }

  async get<T = unknown>(path: string): Promise<Answer<T>> {
    return this.answer<T>(await fetch(`${this.server.url}${path}`, { headers: this.headers({}) }));
  }

  async json<T = unknown>(method: string, path: string, body: unknown): Promise<Answer<T>> {
    return this.answer<T>(
      await fetch(`${this.server.url}${path}`, {
        method,
        headers: this.headers({ 'content-type': 'application/json' }),
        body: JSON.stringify(body),
      }),
    );
  }

  async csv<T = unknown>(path: string, content: string | Uint8Array): Promise<Answer<T>> {
    return this.answer<T>(
      await fetch(`${this.server.url}${path}`, {
        method: 'POST',
        headers: this.headers({ 'content-type': 'text/csv' }),
        body: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
      }),
    );
  }
}

/** Creates an empty BTS MCO 2027 session through the API and returns its id. */
export async function newExamSession(
  admin: AdminClient,
  centre = 'Lycée de test',
): Promise<number> {
  const created = await admin.json<{ id: number }>('POST', '/api/admin/exam-sessions', {
    regulationId: 'bts-mco-2018',
    year: 2027,
    centre,
    academie: 'Lyon',
    startsOn: '2027-05-18',
    endsOn: '2027-06-04',
  });
  if (created.status !== 201)
    throw new Error(`session non créée : ${JSON.stringify(created.body)}`);
  return created.body.id;
}

export const CANDIDATE_HEADER =
  'numéro;nom;prénom;date de naissance;statut;LV1;options;LV2;bénéfices;dispenses';
