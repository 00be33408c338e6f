import { describe, expect, it } from 'vitest';
import { ApiRequestError, describeFailure, parseRetryAfter, requestApi } from './api-client';

describe('describeFailure', () => {
  it('keeps the server’s French message', () => {
    const body = { error: { code: 'LOCKED', message: 'La délibération est verrouillée.' } };
    expect(describeFailure(409, body, null)).toEqual({
      code: 'LOCKED',
      message: 'La délibération est verrouillée.',
    });
  });

  it('explains a rate limit with the delay to wait', () => {
    expect(describeFailure(429, null, 30).message).toBe(
      'Trop de tentatives. Réessayez dans 30 secondes.',
    );
    expect(describeFailure(429, null, 90).message).toBe(
      'Trop de tentatives. Réessayez dans 2 minutes.',
    );
  });

  it('adds the delay to the server’s message when it does not give it', () => {
    const body = { error: { code: 'RATE_LIMITED', message: 'Trop de tentatives de connexion.' } };
    expect(describeFailure(429, body, 1).message).toBe(
      'Trop de tentatives de connexion. Réessayez dans 1 seconde.',
    );
  });

  it('falls back to a French message per status', () => {
    expect(describeFailure(401, 'not json', null).code).toBe('UNAUTHENTICATED');
    expect(describeFailure(502, null, null).message).toMatch(/^Le serveur a rencontré une erreur/);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('12')).toBe(12);
    expect(parseRetryAfter(null)).toBeNull();
    const now = Date.parse('2025-06-10T08:00:00Z');
    expect(parseRetryAfter('Tue, 10 Jun 2025 08:01:00 GMT', now)).toBe(60);
  });
});

describe('requestApi', () => {
  it('turns a network failure into a French error', async () => {
    const failing = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await expect(requestApi(failing, '/api/me')).rejects.toMatchObject({
      status: 0,
      message: 'Le serveur est injoignable. Vérifiez la connexion réseau puis réessayez.',
    });
  });

  it('returns the JSON of a success and throws ApiRequestError otherwise', async () => {
    const ok = (() =>
      Promise.resolve(new Response(JSON.stringify({ a: 1 }), { status: 200 }))) as typeof fetch;
    expect(await requestApi<{ a: number }>(ok, '/api/x')).toEqual({ a: 1 });
    const limited = (() =>
      Promise.resolve(
        new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: '' } }), {
          status: 429,
          headers: { 'retry-after': '5' },
        }),
      )) as typeof fetch;
    const error = await requestApi(limited, '/api/x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 5 });
  });

  it('keeps the details of a refusal', async () => {
    const refused = (() =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            error: { code: 'LIVRET_REQUIRED', message: 'Livret', details: { candidates: [] } },
          }),
          { status: 409 },
        ),
      )) as typeof fetch;
    const error = await requestApi(refused, '/api/juries/1/lock', {
      method: 'POST',
      body: { confirmIncomplete: [] },
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 409,
      code: 'LIVRET_REQUIRED',
      details: { candidates: [] },
    });
  });

  it('sends a file as is', async () => {
    let sent: RequestInit | undefined;
    const capture = ((_path: string, init?: RequestInit) => {
      sent = init;
      return Promise.resolve(new Response('{"authentic":true}', { status: 200 }));
    }) as typeof fetch;
    const file = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    await requestApi(capture, '/api/verify', {
      method: 'POST',
      raw: file,
      contentType: 'application/pdf',
    });
    expect(sent?.body).toBe(file);
    expect(sent?.headers).toMatchObject({ 'content-type': 'application/pdf' });
  });
});
