import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@delib/protocol';
import { FIRST_RETRY_MS, LONGEST_RETRY_MS, presenceRefusal } from './presence-refusal.js';

describe('presenceRefusal', () => {
  it('leaves a network failure to socket.io’s own retries', () => {
    expect(presenceRefusal({ message: 'websocket error' }, true, 0)).toEqual({
      message: 'Connexion au serveur impossible pour le moment.',
      retryInMs: null,
    });
  });

  it('asks a signed-out person to sign in again, and does not retry', () => {
    const refusal = presenceRefusal(
      { message: 'Session absente ou expirée', data: { code: ErrorCode.UNAUTHENTICATED } },
      false,
      3,
    );
    expect(refusal.retryInMs).toBeNull();
    expect(refusal.message).toMatch(/reconnectez-vous/u);
  });

  it('shows the server’s text for too many tabs and retries, waiting longer each time', () => {
    const tooMany = {
      message:
        'Trop de connexions ouvertes pour ce compte (16 au plus) : fermez des onglets, puis rechargez la page.',
      data: { code: ErrorCode.RATE_LIMITED },
    };
    const waits = [0, 1, 2, 3, 4, 10].map((attempt) => presenceRefusal(tooMany, false, attempt));
    expect(waits.map((refusal) => refusal.retryInMs)).toEqual([
      FIRST_RETRY_MS,
      FIRST_RETRY_MS * 2,
      FIRST_RETRY_MS * 4,
      FIRST_RETRY_MS * 8,
      LONGEST_RETRY_MS,
      LONGEST_RETRY_MS,
    ]);
    expect(waits[0]?.message).toBe(
      'Trop de connexions ouvertes pour ce compte (16 au plus) : fermez des onglets, puis rechargez la page. Nouvel essai dans 2 s.',
    );
  });

  it('retries after a server error, with a French text even when the error has none', () => {
    expect(presenceRefusal({ message: 'Erreur du serveur' }, false, 0).message).toBe(
      'Erreur du serveur. Nouvel essai dans 2 s.',
    );
    expect(presenceRefusal({ data: 'x' }, false, 0)).toEqual({
      message: 'Connexion au serveur impossible pour le moment. Nouvel essai dans 2 s.',
      retryInMs: FIRST_RETRY_MS,
    });
  });
});
