import { SESSION_HINT_COOKIE } from '@delib/protocol';
import { describe, expect, it, vi } from 'vitest';
import { fetchSession } from './session-api';

const ME = { user: { id: 'u1', login: 'presidente', name: 'Claire Fontaine', role: 'president' } };

function answering(status: number, body: unknown) {
  return vi.fn(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
}

describe('fetchSession', () => {
  it('asks nothing without the session hint: nobody is signed in', async () => {
    const fetchFn = answering(200, ME);
    await expect(fetchSession(fetchFn, 'theme=dark')).resolves.toBeNull();
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('asks /api/me with the hint', async () => {
    const fetchFn = answering(200, ME);
    await expect(fetchSession(fetchFn, `${SESSION_HINT_COOKIE}=1`)).resolves.toEqual(ME);
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('reads a 401 (expired session) as signed out', async () => {
    const fetchFn = answering(401, {
      error: { code: 'UNAUTHENTICATED', message: 'Veuillez vous connecter.' },
    });
    await expect(fetchSession(fetchFn, `${SESSION_HINT_COOKIE}=1`)).resolves.toBeNull();
  });
});
