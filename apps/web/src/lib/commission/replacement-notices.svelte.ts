import type { CommissionWriters } from '@delib/protocol';
import { requestApi } from '../api/api-client';
import { replacementNotice, type CellReplacement, type Writer } from './cell-replacements';

/** One notice on the examiner's page. */
export interface ReplacementNoticeLine {
  id: number;
  text: string;
  /** The field of the cell (`mark-02700004-U41`), to go and check it. */
  fieldId: string;
}

export type FetchWriters = () => Promise<CommissionWriters>;

/** `GET /api/commissions/:id/writers`. */
export function commissionWriters(commissionId: number): FetchWriters {
  return () => requestApi<CommissionWriters>(fetch, `/api/commissions/${commissionId}/writers`);
}

/**
 * The notices of the examiner whose values another examiner replaced (two examiners on one
 * cell). Names come from the server, which records who owns each Yjs client id; they are
 * asked again when a client id is new to the page.
 */
export class ReplacementNotices {
  lines = $state<ReplacementNoticeLine[]>([]);

  // A cache the page never shows: nothing needs to react to it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly writers = new Map<number, Writer>();
  private readonly fetchWriters: FetchWriters;
  private nextId = 1;

  constructor(fetchWriters: FetchWriters) {
    this.fetchWriters = fetchWriters;
  }

  /**
   * A value of the room changed under this page (`watchCellReplacements`); `ownClients` are
   * the client ids this browser wrote under, `candidate` names the candidate
   * (`02700004 – DA SILVA Lucas`).
   */
  async report(
    replacement: CellReplacement,
    ownClients: ReadonlySet<number>,
    candidate: string,
    fieldId: string,
  ): Promise<void> {
    const clients = [replacement.beforeClient, replacement.afterClient];
    if (clients.some((client) => !ownClients.has(client) && !this.writers.has(client))) {
      await this.refreshWriters();
    }
    const text = replacementNotice(
      replacement,
      (client) => this.writers.get(client),
      ownClients,
      candidate,
    );
    if (text === null) return;
    this.lines = [...this.lines, { id: this.nextId++, text, fieldId }];
  }

  dismiss(id: number): void {
    this.lines = this.lines.filter((line) => line.id !== id);
  }

  private async refreshWriters(): Promise<void> {
    try {
      const { writers } = await this.fetchWriters();
      for (const { client, name, own } of writers) this.writers.set(client, { name, own });
    } catch {
      // Offline or refused: the notice goes without a name (« Un autre examinateur »).
    }
  }
}
