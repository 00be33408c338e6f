import { describe, expect, it } from 'vitest';
import { checkPerson, emptyPerson, suggestLogin, userChoiceLabel } from './person-form';

describe('checkPerson', () => {
  it('names an existing user by id', () => {
    expect(checkPerson({ ...emptyPerson(), userId: 'u1' })).toEqual({
      ok: true,
      person: { userId: 'u1' },
    });
    expect(checkPerson(emptyPerson())).toMatchObject({ ok: false, errors: { userId: /liste/ } });
  });

  it('creates an account with a login the server accepts', () => {
    const draft = {
      ...emptyPerson('new'),
      login: ' Claire.Fontaine ',
      name: ' Claire Fontaine ',
      password: 'secret-2027',
    };
    expect(checkPerson(draft)).toEqual({
      ok: true,
      person: { login: 'claire.fontaine', name: 'Claire Fontaine', password: 'secret-2027' },
    });
    const bad = checkPerson({ ...draft, login: 'é', name: 'C', password: 'court' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['login', 'name', 'password']);
  });

  it('proposes a login from a name and labels a user', () => {
    expect(suggestLogin('Éric Girard-Lefèvre')).toBe('eric.girard.lefevre');
    expect(userChoiceLabel({ name: 'Nadia Roux', login: 'membre.roux' })).toBe(
      'Nadia Roux (membre.roux)',
    );
  });
});
