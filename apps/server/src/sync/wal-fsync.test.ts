import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNCS_IN_FLIGHT, WalFsync } from './wal-fsync.js';

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

  it('starts a second fsync for calls made while one runs, and a third waits for either', async () => {
    const started: ((error: NodeJS.ErrnoException | null) => void)[] = [];
    const wal = new WalFsync(tempFile(), (_fd, callback) => started.push(callback));
    const order: string[] = [];
    const first = wal.sync().then(() => order.push('first'));
    const second = wal.sync().then(() => order.push('second'));
    const third = wal.sync().then(() => order.push('third'));
    const fourth = wal.sync().then(() => order.push('fourth'));
    // The second was asked while the first ran: it has its own, never the running one.
    expect(started).toHaveLength(SYNCS_IN_FLIGHT);
    started[0]?.(null);
    await first;
    expect(order).toEqual(['first']);
    // The third and fourth waited for a free place, and share the next fsync.
    expect(started).toHaveLength(3);
    started[1]?.(null);
    await second;
    expect(order).toEqual(['first', 'second']);
    started[2]?.(null);
    await Promise.all([third, fourth]);
    expect(order).toEqual(['first', 'second', 'third', 'fourth']);
    wal.close();
  });

  it('releases the callers of an earlier fsync when a later one completes first', async () => {
    const started: ((error: NodeJS.ErrnoException | null) => void)[] = [];
    const wal = new WalFsync(tempFile(), (_fd, callback) => started.push(callback));
    const order: string[] = [];
    const first = wal.sync().then(() => order.push('first'));
    const second = wal.sync().then(() => order.push('second'));
    // The second fsync started after the first's writes: completed, it covers them.
    started[1]?.(null);
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
    // The first's own end, later, changes nothing and frees its place.
    started[0]?.(null);
    const later = wal.sync();
    expect(started).toHaveLength(3);
    started[2]?.(null);
    await expect(later).resolves.toBeUndefined();
    wal.close();
  });

  it('does not release an earlier fsync whose later one failed', async () => {
    const started: ((error: NodeJS.ErrnoException | null) => void)[] = [];
    const wal = new WalFsync(tempFile(), (_fd, callback) => started.push(callback));
    let firstDone = false;
    const first = wal.sync().then(() => {
      firstDone = true;
    });
    const second = wal.sync();
    started[1]?.(Object.assign(new Error('EIO'), { code: 'EIO' }));
    await expect(second).rejects.toThrow('EIO');
    expect(firstDone).toBe(false);
    started[0]?.(null);
    await first;
    expect(firstDone).toBe(true);
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

  describe('detached', () => {
    it('is false while the file at the path is the one it syncs', () => {
      const wal = new WalFsync(tempFile());
      expect(wal.detached()).toBe(false);
      expect(wal.detached()).toBe(false);
      wal.close();
    });

    it('is true once the file is removed, and stays true if one comes back at the path', () => {
      const file = tempFile();
      const wal = new WalFsync(file);
      expect(wal.detached()).toBe(false);
      fs.unlinkSync(file);
      expect(wal.detached()).toBe(true);
      fs.writeFileSync(file, 'another file');
      expect(wal.detached()).toBe(true);
      wal.close();
    });

    it('is true when another file was renamed over it', () => {
      const file = tempFile();
      const wal = new WalFsync(file);
      expect(wal.detached()).toBe(false);
      const other = `${file}.restored`;
      fs.writeFileSync(other, 'old frames');
      fs.renameSync(other, file);
      expect(wal.detached()).toBe(true);
      wal.close();
    });

    it('is true when the WAL is not there at its first look', () => {
      const wal = new WalFsync(
        path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'delib-wal-')), 'x-wal'),
      );
      expect(wal.detached()).toBe(true);
    });

    it('before a sync, is looked at only until the WAL is held open', async () => {
      const file = tempFile();
      const wal = new WalFsync(file);
      await wal.sync();
      fs.unlinkSync(file);
      // Held open: the fsync reaches the file SQLite writes; the look after it tells.
      expect(wal.detachedBeforeSync()).toBe(false);
      expect(wal.detached()).toBe(true);
      expect(wal.detachedBeforeSync()).toBe(true);
      wal.close();

      const removedFirst = tempFile();
      const unopened = new WalFsync(removedFirst);
      fs.unlinkSync(removedFirst);
      expect(unopened.detachedBeforeSync()).toBe(true);
    });
  });
});
