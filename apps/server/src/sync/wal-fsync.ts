import fs from 'node:fs';

export type Fsync = (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => void;

/** Fsyncs of the WAL allowed in flight at once. */
export const SYNCS_IN_FLIGHT = 2;

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Makes SQLite's WAL durable without blocking the event loop. A transaction committed with
 * `synchronous = NORMAL` has written its frames to the WAL file but not synced them; an
 * `fsync` of that file started afterwards makes them durable, as `synchronous = FULL` would
 * have done inside the commit. Here the fsync runs on libuv's thread pool: while it is in
 * flight the event loop goes on validating and committing, and every commit made meanwhile
 * shares the next fsync (group commit with no fixed pacing).
 *
 * Up to SYNCS_IN_FLIGHT run at once: a commit made while one fsync runs starts its own
 * instead of waiting for the running one to end and then for its own (at 470 marks/s that
 * wait was the p99 of a mark's time before its fsync: 2 ms, 0.7 ms after, `pnpm bench:sync`).
 * An fsync that completes covers every write made before it started, so it also releases the
 * callers of the fsyncs started before it and still running.
 */
export class WalFsync {
  /** The WAL held open, with its device and inode: an open descriptor's never change. */
  private held: { fd: number; dev: number; ino: number } | null = null;
  /** Callers whose writes precede the next fsync to start. */
  private next: Waiter[] = [];
  /** The callers of each fsync in flight, oldest first. */
  private readonly running: Waiter[][] = [];
  /** Set once the WAL at its path is found not to be the file SQLite writes any more. */
  private gone = false;

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
      if (this.running.length < SYNCS_IN_FLIGHT) this.start();
    });
  }

  private start(): void {
    const waiting = this.next;
    this.next = [];
    this.running.push(waiting);
    const done = (error: Error | null): void => {
      const index = this.running.indexOf(waiting);
      if (index < 0) {
        // A later fsync already completed, and released these callers.
      } else if (error) {
        this.running.splice(index, 1);
        for (const waiter of waiting) waiter.reject(error);
      } else {
        // This fsync covers the writes of every fsync started before it.
        for (const covered of this.running.splice(0, index + 1)) {
          for (const waiter of covered) waiter.resolve();
          // Their own completion, later, finds nothing left to release.
          covered.length = 0;
        }
      }
      if (this.next.length > 0 && this.running.length < SYNCS_IN_FLIGHT) this.start();
    };
    try {
      // Opened on first use: SQLite creates the WAL file with its first write. Linux syncs a
      // file's data through any descriptor of it, a read-only one included.
      this.fsync((this.held ?? this.open()).fd, done);
    } catch (error) {
      done(error as Error);
    }
  }

  /**
   * Whether the WAL was removed, or replaced by another file, while the server runs (an
   * operator's cleanup, a restore over a live database). SQLite keeps writing into the file
   * it opened, now without a name: syncing it protects nothing, since on a crash that file is
   * gone and every frame not yet checkpointed with it. Once true, stays true until restart.
   * One `stat` of the path, compared with the identity of the file held open (read when it
   * was opened: the inode it names cannot be reused while the descriptor holds it). A few
   * microseconds; a second `fstat` each time cost 2 % of the sync path's time at 470 marks/s.
   */
  detached(): boolean {
    if (this.gone) return true;
    let { held } = this;
    if (held === null) {
      try {
        held = this.open();
      } catch (error) {
        // The database has been written before any batch comes (migrations, sessions): a
        // WAL that is not there any more was removed.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        this.gone = true;
        return true;
      }
    }
    const named = fs.statSync(this.walPath, { throwIfNoEntry: false });
    this.gone = !named || named.ino !== held.ino || named.dev !== held.dev;
    return this.gone;
  }

  /** Opens the WAL and notes which file it is. */
  private open(): { fd: number; dev: number; ino: number } {
    const fd = fs.openSync(this.walPath, 'r');
    const { dev, ino } = fs.fstatSync(fd);
    this.held = { fd, dev, ino };
    return this.held;
  }

  /**
   * `detached()`, asked before a batch's fsync: only needed until the WAL is first opened (a
   * WAL removed before then cannot be opened by its name). Once it is held, the fsync goes to
   * the file SQLite writes whatever happens to its name, and the look after it is the one
   * that tells whether that file is still the WAL: no `stat` here.
   */
  detachedBeforeSync(): boolean {
    return this.gone || (this.held === null && this.detached());
  }

  close(): void {
    if (this.held !== null) fs.closeSync(this.held.fd);
    this.held = null;
  }
}
