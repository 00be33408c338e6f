import { describe, expect, it } from 'vitest';
import { isOfflineApiPath, parseWorkerMessage } from './offline-cache';

describe('isOfflineApiPath', () => {
  it('keeps who is signed in and a room’s view only', () => {
    expect(isOfflineApiPath('/api/me')).toBe(true);
    expect(isOfflineApiPath('/api/commissions/3')).toBe(true);
    expect(isOfflineApiPath('/api/commissions/3/passages')).toBe(false);
    expect(isOfflineApiPath('/api/commissions/0')).toBe(false);
    expect(isOfflineApiPath('/api/juries/2/board')).toBe(false);
    expect(isOfflineApiPath('/api/auth/logout')).toBe(false);
    expect(isOfflineApiPath('/salle/3')).toBe(false);
  });
});

describe('parseWorkerMessage', () => {
  it('reads the two messages and drops paths that are not kept', () => {
    expect(parseWorkerMessage({ type: 'forget-api' })).toEqual({ type: 'forget-api' });
    expect(
      parseWorkerMessage({ type: 'keep-for-offline', paths: ['/api/me', '/api/juries/1', 3] }),
    ).toEqual({ type: 'keep-for-offline', paths: ['/api/me'] });
  });

  it('ignores anything else', () => {
    expect(parseWorkerMessage(null)).toBeNull();
    expect(parseWorkerMessage('forget-api')).toBeNull();
    expect(parseWorkerMessage({ type: 'keep-for-offline' })).toBeNull();
  });
});
