import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database.js';
import { SessionStore } from './sessions.js';
import { createUser } from './users.js';

async function store(now: () => number) {
  const db = openDatabase(':memory:');
  const userId = await createUser(db, { login: 'x', name: 'X', role: 'examiner', password: null });
  return { sessions: new SessionStore(db, 60 * 60_000, now), userId };
}

describe('sessions', () => {
  it('validates the token it issued and nothing else', async () => {
    const { sessions, userId } = await store(() => 0);
    const { token } = sessions.create(userId);
    expect(sessions.validate(token)?.user.id).toBe(userId);
    const [id, secret] = token.split('.') as [string, string];
    const tampered = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    expect(sessions.validate(tampered)).toBeNull();
    expect(sessions.validate(undefined)).toBeNull();
    expect(sessions.validate('garbage')).toBeNull();
  });

  it('slides the expiry with use and expires after an idle hour', async () => {
    let now = 0;
    const { sessions, userId } = await store(() => now);
    const { token } = sessions.create(userId);
    now = 50 * 60_000;
    expect(sessions.validate(token)).toMatchObject({ expiresAt: 110 * 60_000, extended: true });
    // Within the minute that follows, the session is not written again (nor the cookie).
    expect(sessions.validate(token)).toMatchObject({ expiresAt: 110 * 60_000, extended: false });
    now = 105 * 60_000;
    expect(sessions.validate(token)).not.toBeNull();
    now = 166 * 60_000;
    expect(sessions.validate(token)).toBeNull();
  });
});
