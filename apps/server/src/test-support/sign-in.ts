import type { CommissionView, MeResponse } from '@delib/protocol';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';

export interface SignedIn {
  cookie: string;
  me: MeResponse;
}

/** Signs a demo account in through the real login route; returns its cookie. */
export async function signIn(
  url: string,
  login: string,
  password = DEMO_PASSWORD,
): Promise<SignedIn> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok)
    throw new Error(`connexion de ${login} refusée : ${response.status} ${await response.text()}`);
  const setCookie =
    response.headers.getSetCookie().find((line) => line.startsWith('delib_session=')) ?? '';
  const cookie = setCookie.split(';')[0] as string;
  return { cookie, me: (await response.json()) as MeResponse };
}

export function getJson<T>(url: string, cookie: string): Promise<{ status: number; body: T }> {
  return fetch(url, { headers: { cookie } }).then(async (response) => ({
    status: response.status,
    body: (await response.json()) as T,
  }));
}

/** The first room of a signed-in examiner, as the room's page loads it. */
export async function firstRoomOf(url: string, examiner: SignedIn): Promise<CommissionView> {
  return (
    await getJson<CommissionView>(
      `${url}/api/commissions/${examiner.me.commissions[0]?.id}`,
      examiner.cookie,
    )
  ).body;
}
