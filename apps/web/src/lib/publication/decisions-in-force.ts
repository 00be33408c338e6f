import type { LockedRecord } from '@delib/protocol';
import type { Decision } from '@delib/rules';

/**
 * The decision in force for each candidate of a locked jury, by candidate id: the record's,
 * or the one the rules gave for the candidate's last correction after the lock. A candidate
 * not deliberated at the lock (and never corrected since) is `incomplet`. The server's list
 * of admitted candidates reads them the same way (publication/admitted-list.ts).
 */
export function decisionsInForce(locked: LockedRecord): Map<number, Decision> {
  const decisions = new Map<number, Decision>();
  for (const candidate of locked.record.candidates) decisions.set(candidate.id, candidate.decision);
  if ('notDeliberated' in locked.record) {
    for (const candidate of locked.record.notDeliberated) decisions.set(candidate.id, 'incomplet');
  }
  for (const amendment of locked.amendments) {
    if (amendment.decision) decisions.set(amendment.candidateId, amendment.decision.after);
  }
  return decisions;
}
