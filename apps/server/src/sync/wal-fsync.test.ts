import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WalFsync } from './wal-fsync.js';

function tempFile(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-wal-'));
  const file = path.join(directory, 'delib.sqlite-wal');
  fs.writeFileSync(file, 'frames');
  return file;
}

describe('WalFsync', () => {
  it('syncs the real file and resolves', async () => {
    const wal = new WalFsync(tempFile());
    await expect(wal.sync()).resolves.toBeUndefined();
    wal.close();
  });

  it('lets the calls made during an fsync share the next one, never the running one', async () => {
    const started: ((error: NodeJS.ErrnoException | null) => void)[] = [];
    const wal = new WalFsync(tempFile(), (_fd, callback) => started.push(callback));
    const order: string[] = [];
    const first = wal.sync().then(() => order.push('first'));
    const second = wal.sync().then(() => order.push('second'));
    const third = wal.sync().then(() => order.push('third'));
    expect(started).toHaveLength(1);
    started[0]?.(null);
    await first;
    // The second and third were asked while the first fsync ran: they need a new one.
    expect(order).toEqual(['first']);
    expect(started).toHaveLength(2);
    started[1]?.(null);
    await Promise.all([second, third]);
    expect(order).toEqual(['first', 'second', 'third']);
    wal.close();
  });

  it('rejects the callers of a failed fsync and serves later ones', async () => {
    const started: ((error: NodeJS.ErrnoException | null) => void)[] = [];
    const wal = new WalFsync(tempFile(), (_fd, callback) => started.push(callback));
    const failed = wal.sync();
    started[0]?.(Object.assign(new Error('EIO'), { code: 'EIO' }));
    await expect(failed).rejects.toThrow('EIO');
    const later = wal.sync();
    started[1]?.(null);
    await expect(later).resolves.toBeUndefined();
    wal.close();
  });

  it('rejects when the WAL file cannot be opened', async () => {
    const wal = new WalFsync(path.join(os.tmpdir(), 'delib-missing', 'x-wal'));
    await expect(wal.sync()).rejects.toThrow();
  });
});
