import type { BoardCandidate, LockProblem } from '@delib/protocol';
import { describe, expect, it } from 'vitest';
import { LockFlow, problemName } from './lock-flow.svelte';
import type { LockOutcome } from './lock-outcome';

function problem(candidateId: number, name = 'Durand Camille'): LockProblem {
  return { candidateId, number: `000${candidateId}`, name, message: 'U41 sans note' };
}

const LOCKED: LockOutcome = { kind: 'locked', lockedAt: '2027-06-12T12:03:00.000Z', sha256: 'ab' };
const INCOMPLETE: LockOutcome = {
  kind: 'incomplete',
  message: '2 candidats sans note complète.',
  candidates: [problem(1), problem(2)],
};

/** A server answering each attempt in turn, recording what it was sent. */
function server(...answers: LockOutcome[]) {
  const sent: number[][] = [];
  const send = async (ids: number[]) => {
    sent.push(ids);
    const answer = answers.shift();
    if (!answer) throw new Error('réseau');
    return answer;
  };
  return { sent, send };
}

describe('LockFlow', () => {
  it('locks at once when nothing is missing', async () => {
    const { sent, send } = server(LOCKED);
    const flow = new LockFlow(send);
    expect(await flow.lock([])).toEqual({ lockedAt: LOCKED.lockedAt, sha256: 'ab' });
    expect(sent).toEqual([[]]);
    expect(flow.busy).toBe(false);
  });

  it('asks for each incomplete candidate by name, then sends them', async () => {
    const { sent, send } = server(INCOMPLETE, LOCKED);
    const flow = new LockFlow(send);
    expect(await flow.lock([])).toBeNull();
    expect(flow.step).toBe('incomplete');
    expect(flow.toConfirm.map((p) => p.candidateId)).toEqual([1, 2]);
    flow.toggle(1, true);
    expect(flow.allConfirmed).toBe(false);
    flow.toggle(2, true);
    expect(flow.allConfirmed).toBe(true);
    flow.toggle(2, false);
    flow.toggle(2, true);
    expect(await flow.lock(flow.confirmed)).not.toBeNull();
    expect(sent).toEqual([[], [1, 2]]);
  });

  it('forgets a ticked candidate the server no longer names', async () => {
    const still: LockOutcome = { ...INCOMPLETE, candidates: [problem(2)] };
    const flow = new LockFlow(server(INCOMPLETE, still).send);
    await flow.lock([]);
    flow.toggle(1, true);
    await flow.lock(flow.confirmed);
    expect(flow.confirmed).toEqual([]);
    expect(flow.allConfirmed).toBe(false);
  });

  it('ends on the problems of a refusal, and on a failure of its own when the call fails', async () => {
    const livret: LockOutcome = { kind: 'livret', message: 'Livret', candidates: [problem(3)] };
    const flow = new LockFlow(server(livret).send);
    await flow.lock([]);
    expect(flow.step).toBe('problems');
    expect(flow.outcome?.kind).toBe('livret');
    await flow.lock([]);
    expect(flow.outcome).toEqual({
      kind: 'failed',
      message: 'Verrouillage impossible pour le moment. Réessayez.',
    });
  });

  it('sends one attempt at a time and starts again from the first step', async () => {
    const { sent, send } = server(INCOMPLETE);
    const flow = new LockFlow(send);
    const first = flow.lock([]);
    expect(await flow.lock([])).toBeNull();
    await first;
    expect(sent).toHaveLength(1);
    flow.toggle(1, true);
    flow.reset();
    expect([flow.step, flow.outcome, flow.confirmed]).toEqual(['confirm', null, []]);
  });
});

describe('problemName', () => {
  it('prefers the board’s spelling of the name', () => {
    const candidates = [{ id: 1, lastName: 'Durand', firstName: 'Camille' } as BoardCandidate];
    expect(problemName(problem(1), candidates)).toBe('DURAND Camille');
    expect(problemName(problem(9, 'Inconnu Jean'), candidates)).toBe('Inconnu Jean');
  });
});
