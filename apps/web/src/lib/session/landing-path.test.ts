import type { MeResponse } from '@delib/protocol';
import { describe, expect, it } from 'vitest';
import { landingPath, safeReturnPath, signInPath } from './landing-path';

function me(partial: Partial<MeResponse> & { role: MeResponse['user']['role'] }): MeResponse {
  return {
    user: { id: 'u1', login: 'x', name: 'X', role: partial.role },
    commissions: partial.commissions ?? [],
    juries: partial.juries ?? [],
  };
}

const room = (id: number) => ({ id, name: `Salle ${id}`, room: 'B12', juryId: 1, units: ['U41'] });
const jury = (id: number) => ({ id, name: `Jury ${id}`, as: 'president' as const, locked: false });

describe('landingPath', () => {
  it('sends an examiner to their room, or to the list when they have several', () => {
    expect(landingPath(me({ role: 'examiner', commissions: [room(3)] }))).toBe('/salle/3');
    expect(landingPath(me({ role: 'examiner', commissions: [room(3), room(4)] }))).toBe('/accueil');
    expect(landingPath(me({ role: 'examiner' }))).toBe('/accueil');
  });

  it('sends a president or a member to their jury', () => {
    expect(landingPath(me({ role: 'president', juries: [jury(2)] }))).toBe('/jury/2');
    expect(landingPath(me({ role: 'member', juries: [jury(2), jury(5)] }))).toBe('/accueil');
  });

  it('sends an administrator to the administration pages', () => {
    expect(landingPath(me({ role: 'admin', juries: [jury(2)] }))).toBe('/admin');
  });
});

describe('safeReturnPath', () => {
  it('accepts a path of this site only', () => {
    expect(safeReturnPath('/salle/3')).toBe('/salle/3');
    expect(safeReturnPath('//evil.example/')).toBeNull();
    expect(safeReturnPath('https://evil.example/')).toBeNull();
    expect(safeReturnPath('/\\evil.example')).toBeNull();
    expect(safeReturnPath(null)).toBeNull();
  });

  it('round-trips through the sign-in address', () => {
    const url = new URL(signInPath('/jury/2'), 'http://localhost');
    expect(safeReturnPath(url.searchParams.get('suite'))).toBe('/jury/2');
  });
});
