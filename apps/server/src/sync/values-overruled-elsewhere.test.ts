import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { valuesOverruledElsewhere } from './validate-update.js';
import type { MapChange } from './validate-update.js';

/**
 * The server's document of one process, and examiners' documents whose values reach it either
 * from this process's own clients (accepted here) or from another process (fan-out).
 */
const FAN_OUT = Symbol('fan-out');
const KEY = '7:U41';

function examiner(client: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = client;
  return doc;
}

function write(doc: Y.Doc, value: unknown): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getMap('marks').set(KEY, value);
  return Y.encodeStateAsUpdate(doc, before);
}

function receive(doc: Y.Doc, from: Y.Doc): void {
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from, Y.encodeStateVector(doc)));
}

class ServerCopy {
  readonly doc = new Y.Doc({ gc: true });

  /** An update from one of this process's clients. */
  accept(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, 'here');
  }

  /** Updates committed by another process, applied in one transaction. */
  hear(...updates: Uint8Array[]): MapChange[] {
    let changes: MapChange[] = [];
    const listen = (transaction: Y.Transaction) => {
      if (transaction.origin !== FAN_OUT) return;
      changes = valuesOverruledElsewhere(this.doc, new Set(['marks']), transaction);
    };
    this.doc.on('afterTransaction', listen);
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update);
    }, FAN_OUT);
    this.doc.off('afterTransaction', listen);
    return changes;
  }

  value(): unknown {
    return this.doc.getMap('marks').get(KEY);
  }
}

// Of two values written at once under one key, Yjs keeps the one of the higher client id.
const LOW = 0x10;
const HIGH = 0x7fff_fff0;

describe('values overruled by a concurrent value accepted by another process', () => {
  it('are found when a concurrent value heard from another process wins', () => {
    const server = new ServerCopy();
    const here = examiner(LOW);
    const elsewhere = examiner(HIGH);
    server.accept(write(here, { mark: 9 }));
    const changes = server.hear(write(elsewhere, { mark: 15 }));
    expect(server.value()).toEqual({ mark: 15 });
    expect(changes).toEqual([
      { map: 'marks', key: KEY, before: { mark: 9 }, after: { mark: 15 }, overruled: true },
    ]);
  });

  it('are found when the value heard loses to the one held', () => {
    const server = new ServerCopy();
    server.accept(write(examiner(HIGH), { mark: 9 }));
    expect(server.hear(write(examiner(LOW), { mark: 15 }))).toEqual([
      { map: 'marks', key: KEY, before: { mark: 15 }, after: { mark: 9 }, overruled: true },
    ]);
    expect(server.value()).toEqual({ mark: 9 });
  });

  it('are not found when the other writer had received the value (an ordinary change)', () => {
    const server = new ServerCopy();
    const here = examiner(LOW);
    const elsewhere = examiner(HIGH);
    server.accept(write(here, { mark: 9 }));
    receive(elsewhere, here);
    expect(server.hear(write(elsewhere, { mark: 15 }))).toEqual([]);
    expect(server.value()).toEqual({ mark: 15 });
  });

  it('are not found when the other writer, having received it, cleared the cell', () => {
    const server = new ServerCopy();
    const here = examiner(LOW);
    const elsewhere = examiner(HIGH);
    server.accept(write(here, { mark: 9 }));
    receive(elsewhere, here);
    const before = Y.encodeStateVector(elsewhere);
    elsewhere.getMap('marks').delete(KEY);
    expect(server.hear(Y.encodeStateAsUpdate(elsewhere, before))).toEqual([]);
    expect(server.value()).toBeUndefined();
  });

  it('are not found when a writer replaces its own value through another process', () => {
    const server = new ServerCopy();
    const writer = examiner(LOW);
    server.accept(write(writer, { mark: 9 }));
    expect(server.hear(write(writer, { mark: 10 }))).toEqual([]);
    expect(server.value()).toEqual({ mark: 10 });
  });

  it('are found under a later ordinary change heard in the same transaction', () => {
    const server = new ServerCopy();
    const here = examiner(LOW);
    const elsewhere = examiner(HIGH);
    server.accept(write(here, { mark: 9 }));
    const concurrent = write(elsewhere, { mark: 15 });
    const then = examiner(HIGH - 1);
    receive(then, elsewhere);
    const sequential = write(then, { mark: 16 });
    expect(server.hear(concurrent, sequential)).toEqual([
      { map: 'marks', key: KEY, before: { mark: 9 }, after: { mark: 16 }, overruled: true },
    ]);
  });
});
