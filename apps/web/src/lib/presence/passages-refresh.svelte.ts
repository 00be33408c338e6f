import type { PassagesChangedEvent } from '@delib/protocol';
import { invalidateAll } from '$app/navigation';

/**
 * socket.io `passages:changed`: the centre changed who passes in the jury's rooms. A page it
 * concerns loads its data again (no reload of the page: the live documents stay open) and
 * says so in a polite notice.
 */
export class PassagesRefresh {
  /** Shown after a refresh; null before any. */
  notice: string | null = $state(null);
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly concerns: (event: PassagesChangedEvent) => boolean,
    private readonly done: string,
  ) {}

  handle(event: PassagesChangedEvent): void {
    if (!this.concerns(event)) return;
    // One load at a time; changes announced meanwhile are read by one more load.
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.load();
  }

  private async load(): Promise<void> {
    try {
      do {
        this.again = false;
        await invalidateAll();
      } while (this.again);
      this.notice = this.done;
    } catch {
      this.notice = 'Le centre d’examen a modifié l’ordre de passage : rechargez la page.';
    } finally {
      this.running = null;
    }
  }
}
