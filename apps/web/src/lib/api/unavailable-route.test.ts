import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './api-client';
import { unavailableRoute } from './unavailable-route';

describe('unavailableRoute', () => {
  it('says in French that a route is missing', () => {
    const missing = new ApiRequestError(404, 'NOT_FOUND', 'Route introuvable.', null);
    expect(unavailableRoute(missing, 'La signature')).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/^La signature n’est pas disponible/) as unknown,
    });
  });

  it('keeps a meaningful 404 and any other failure', () => {
    const jury = new ApiRequestError(404, 'NOT_FOUND', 'Jury introuvable.', null);
    expect(unavailableRoute(jury, 'La signature')).toBe(jury);
    const busy = new ApiRequestError(503, 'BUSY', 'Occupé', 2);
    expect(unavailableRoute(busy, 'La vérification')).toBe(busy);
  });
});
