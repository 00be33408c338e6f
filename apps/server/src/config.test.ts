import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('DELIB_PUBLIC_URL', () => {
  it('is the address printed in the QR codes, without a trailing slash', () => {
    expect(loadConfig({}).publicUrl).toBeNull();
    expect(loadConfig({ DELIB_PUBLIC_URL: 'https://delib.lycee.fr/' }).publicUrl).toBe(
      'https://delib.lycee.fr',
    );
    expect(loadConfig({ DELIB_PUBLIC_URL: ' https://lycee.fr/delib/ ' }).publicUrl).toBe(
      'https://lycee.fr/delib',
    );
  });

  it('refuses what a phone could not open, in French', () => {
    for (const value of ['delib.lycee.fr', 'ftp://delib.lycee.fr', 'https://x.fr/?a=1']) {
      expect(() => loadConfig({ DELIB_PUBLIC_URL: value })).toThrow(/DELIB_PUBLIC_URL/);
    }
  });
});

describe('DELIB_REDIS_URL', () => {
  it('is unset by default: one process, nothing shared', () => {
    expect(loadConfig({}).redisUrl).toBeNull();
    expect(loadConfig({ DELIB_REDIS_URL: ' ' }).redisUrl).toBeNull();
    expect(loadConfig({ DELIB_REDIS_URL: 'redis://127.0.0.1:6379/0' }).redisUrl).toBe(
      'redis://127.0.0.1:6379/0',
    );
    expect(loadConfig({ DELIB_REDIS_URL: 'rediss://redis.rectorat.fr' }).redisUrl).toBe(
      'rediss://redis.rectorat.fr',
    );
  });

  it('refuses anything but redis:// or rediss://, in French', () => {
    for (const value of ['127.0.0.1:6379', 'http://redis', 'redis://']) {
      expect(() => loadConfig({ DELIB_REDIS_URL: value })).toThrow(/DELIB_REDIS_URL doit/);
    }
  });
});

describe('DELIB_DATABASE_URL', () => {
  it('is unset by default (embedded SQLite), and keeps a postgres:// address as given', () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
    expect(loadConfig({ DELIB_DATABASE_URL: ' ' }).databaseUrl).toBeNull();
    expect(
      loadConfig({ DELIB_DATABASE_URL: ' postgres://delib:secret@db.rectorat.fr/delib ' })
        .databaseUrl,
    ).toBe('postgres://delib:secret@db.rectorat.fr/delib');
    expect(loadConfig({ DELIB_DATABASE_URL: 'postgresql://db/delib' }).databaseUrl).toBe(
      'postgresql://db/delib',
    );
  });

  it('refuses anything else in French, without repeating a password', () => {
    for (const value of ['db.rectorat.fr/delib', 'mysql://delib:secret@db/delib', 'sqlite://x']) {
      let message = '';
      try {
        loadConfig({ DELIB_DATABASE_URL: value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^DELIB_DATABASE_URL doit/);
      expect(message).not.toContain('secret');
    }
  });
});
