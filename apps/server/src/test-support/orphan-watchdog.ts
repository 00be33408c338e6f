import { spawn } from 'node:child_process';

/**
 * A test process killed outright (SIGKILL, a crash) runs no 'exit' handler: this small shell,
 * detached from it, waits for its end, then sends `signal` to the child it was given and
 * removes the child's folder. Returns what dismisses it once the child was stopped normally.
 */
export function startOrphanWatchdog(
  childPid: number,
  directory: string,
  signal: 'TERM' | 'KILL',
): () => void {
  const watchdog = spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done
       kill -${signal} ${childPid} 2>/dev/null; sleep 1; rm -rf '${directory}'`,
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  return () => {
    if (watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGTERM');
  };
}
