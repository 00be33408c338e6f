import fs from 'node:fs';

export type Fsync = (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => void;

/**
 * Makes SQLite's WAL durable without blocking the event loop. A transaction committed with
 * `synchronous = NORMAL` has written its frames to the WAL file but not synced them; an
 * `fsync` of that file started afterwards makes them durable, as `synchronous = FULL` would
 * have done inside the commit. Here the fsync runs on libuv's thread pool: while it is in
 * flight the event loop goes on validating and committing, and every commit made meanwhile
 * shares the next fsync (group commit with no fixed pacing). At most one fsync runs at once.
 */
export class WalFsync {
  private fd: number | null = null;
  private running = false;
  /** Callers whose writes precede the next fsync to start. */
  private next: { resolve(): void; reject(error: Error): void }[] = [];

  constructor(
    private readonly walPath: string,
    // fdatasync, as SQLite itself uses on Linux: it flushes the data and the metadata needed
    // to read it back (the file's size), not the access times.
    private readonly fsync: Fsync = fs.fdatasync,
  ) {}

  /** Resolves once an fsync started after this call has completed. */
  sync(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.next.push({ resolve, reject });
      if (!this.running) this.start();
    });
  }

  private start(): void {
    const waiting = this.next;
    this.next = [];
    this.running = true;
    const done = (error: Error | null): void => {
      this.running = false;
      for (const waiter of waiting) {
        if (error) waiter.reject(error);
        else waiter.resolve();
      }
      if (this.next.length > 0) this.start();
    };
    try {
      // Opened on first use: SQLite creates the WAL file with its first write. Linux syncs a
      // file's data through any descriptor of it, a read-only one included.
      this.fd ??= fs.openSync(this.walPath, 'r');
      this.fsync(this.fd, done);
    } catch (error) {
      done(error as Error);
    }
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
