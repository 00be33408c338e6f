import { describe, expect, it } from 'vitest';
import { checkJuryForm, type MemberDraft } from './jury-form';
import { emptyPerson } from './person-form';

const existing = (key: number, userId: string, category: MemberDraft['category']): MemberDraft => ({
  key,
  person: { ...emptyPerson(), userId },
  category,
});

describe('checkJuryForm', () => {
  it('builds the jury with one president and new accounts', () => {
    const outcome = checkJuryForm({
      name: ' Jury 2 ',
      appointmentRef: '',
      presidentKey: 1,
      members: [
        existing(1, 'u-president', 'enseignant'),
        {
          key: 2,
          person: {
            ...emptyPerson('new'),
            login: 'pro.dupont',
            name: 'Ana Dupont',
            password: '12345678',
          },
          category: 'professionnel_salarie',
        },
      ],
    });
    expect(outcome).toEqual({
      ok: true,
      value: {
        name: 'Jury 2',
        appointmentRef: null,
        members: [
          { person: { userId: 'u-president' }, category: 'enseignant', president: true },
          {
            person: { login: 'pro.dupont', name: 'Ana Dupont', password: '12345678' },
            category: 'professionnel_salarie',
            president: false,
          },
        ],
      },
    });
  });

  it('requires a president, a category and distinct people', () => {
    const outcome = checkJuryForm({
      name: 'Jury 2',
      appointmentRef: 'DEC-1',
      presidentKey: null,
      members: [
        existing(1, 'u1', 'enseignant'),
        existing(2, 'u1', ''),
        existing(3, 'u1', 'enseignant'),
      ],
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.members).toMatch(/président/);
    expect(outcome.errors.rows[2]?.category).toMatch(/catégorie/);
    expect(outcome.errors.rows[3]?.userId).toMatch(/déjà nommée/);
  });
});
