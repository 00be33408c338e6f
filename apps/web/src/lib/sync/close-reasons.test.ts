import { CloseCode } from '@delib/protocol';
import { describe, expect, it } from 'vitest';
import { closeAction, shouldReconnectAfter } from './close-reasons';

describe('closeAction', () => {
  it('resynchronises after a lock, a refused update or an oversized one', () => {
    expect(closeAction(CloseCode.LOCKED, '')).toEqual({
      kind: 'resync',
      locked: true,
      reason: 'la délibération est verrouillée.',
    });
    expect(closeAction(CloseCode.INVALID_UPDATE, 'Note 21 refusée pour U41.')).toEqual({
      kind: 'resync',
      locked: false,
      reason: 'Note 21 refusée pour U41.',
    });
    expect(closeAction(CloseCode.TOO_LARGE, '').kind).toBe('resync');
  });

  it('sends to sign-in after 4401 and stops after 4403 or 4404', () => {
    expect(closeAction(CloseCode.UNAUTHENTICATED, '')).toEqual({ kind: 'sign-in' });
    expect(closeAction(CloseCode.FORBIDDEN, '')).toEqual({
      kind: 'stop',
      reason: 'Accès refusé : vous n’avez pas accès à ce document.',
    });
    expect(closeAction(CloseCode.NOT_FOUND, '').kind).toBe('stop');
  });

  it('reconnects after network trouble, a restart, a rate limit or an update sent too early', () => {
    expect(shouldReconnectAfter(1006)).toBe(true);
    // The server lacked earlier changes: the copy is kept, and the exchange delivers them.
    expect(closeAction(CloseCode.INCOMPLETE_UPDATE, 'Mise à jour incomplète').kind).toBe(
      'reconnect',
    );
    expect(shouldReconnectAfter(CloseCode.GOING_AWAY)).toBe(true);
    expect(shouldReconnectAfter(CloseCode.RATE_LIMITED)).toBe(true);
    expect(shouldReconnectAfter(CloseCode.INVALID_UPDATE)).toBe(false);
  });
});
