import { describe, expect, it } from 'vitest';
import { addOwnClient, MAX_OWN_CLIENTS, parseOwnClients } from './own-clients';

describe('own client ids', () => {
  it('adds each visit’s id once, last', () => {
    let stored = addOwnClient(null, 7);
    stored = addOwnClient(stored, 9);
    stored = addOwnClient(stored, 7);
    expect(parseOwnClients(stored)).toEqual([9, 7]);
  });

  it('keeps the most recent ids only', () => {
    let stored: string | null = null;
    for (let id = 1; id <= MAX_OWN_CLIENTS + 5; id++) stored = addOwnClient(stored, id);
    const ids = parseOwnClients(stored);
    expect(ids).toHaveLength(MAX_OWN_CLIENTS);
    expect(ids[0]).toBe(6);
    expect(ids.at(-1)).toBe(MAX_OWN_CLIENTS + 5);
  });

  it('reads damaged storage as no id', () => {
    expect(parseOwnClients('{')).toEqual([]);
    expect(parseOwnClients('{"a":1}')).toEqual([]);
    expect(parseOwnClients('[1,"2",-3,4.5,5]')).toEqual([1, 5]);
  });
});
