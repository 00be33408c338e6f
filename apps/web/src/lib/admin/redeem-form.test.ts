import { describe, expect, it } from 'vitest';
import { checkRedeemForm, roomIdOf } from './redeem-form';

describe('checkRedeemForm', () => {
  it('accepts a code however typed and a name with accents and hyphens', () => {
    expect(checkRedeemForm('abcd efgh-jklm', '  Anne-Sophie   N’Diaye ')).toEqual({
      ok: true,
      code: 'ABCDEFGHJKLM',
      name: 'Anne-Sophie N’Diaye',
    });
  });

  it('says what is wrong before any attempt is spent', () => {
    expect(checkRedeemForm('', 'Anne')).toMatchObject({
      ok: false,
      errors: { code: /convocation/ },
    });
    expect(checkRedeemForm('ABCD-EFGH-JKL0', 'Anne')).toMatchObject({
      ok: false,
      errors: { code: /bonne forme/ },
    });
    expect(checkRedeemForm('ABCD-EFGH-JKLM', '4nne')).toMatchObject({
      ok: false,
      errors: { name: /lettres/ },
    });
    expect(checkRedeemForm('ABCD-EFGH-JKLM', 'A')).toMatchObject({
      ok: false,
      errors: { name: /nom/ },
    });
  });
});

describe('roomIdOf', () => {
  it('reads the room the server sends', () => {
    expect(roomIdOf('/salle/12')).toBe(12);
    expect(roomIdOf('https://evil.example/salle/12')).toBeNull();
    expect(roomIdOf('/salle/0')).toBeNull();
  });
});
