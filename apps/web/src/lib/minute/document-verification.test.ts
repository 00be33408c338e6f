import type { MinuteVerdict } from '@delib/protocol';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/api-client';
import { DocumentVerification } from './document-verification.svelte';

const VERDICT = { authentic: true, outcome: 'authentic' } as MinuteVerdict;

function pdf(name = 'pv.pdf', size = 100): File {
  return new File([new Uint8Array(size)], name, { type: 'application/pdf' });
}

/** An API answering `answer`, recording the codes and files it was asked about. */
function api(answer: () => Promise<MinuteVerdict> = async () => VERDICT) {
  const asked: string[] = [];
  return {
    asked,
    verification: new DocumentVerification({
      verifyFile: (file) => {
        asked.push(file.name);
        return answer();
      },
      lookUpCode: (code) => {
        asked.push(code);
        return answer();
      },
    }),
  };
}

describe('DocumentVerification', () => {
  it('verifies a PDF and says which file', async () => {
    const { verification, asked } = api();
    expect(await verification.checkFile(pdf())).toBe(true);
    expect(asked).toEqual(['pv.pdf']);
    expect(verification.verdict).toBe(VERDICT);
    expect(verification.source).toBe('Fichier vérifié : pv.pdf');
    expect(verification.busy).toBe(false);
  });

  it('sends no file that is not a PDF, or nothing at all', async () => {
    const { verification, asked } = api();
    expect(await verification.checkFile(new File(['x'], 'notes.txt', { type: 'text/plain' }))).toBe(
      false,
    );
    expect(verification.problem).toMatch(/n’est pas un fichier PDF/);
    expect(await verification.checkFile(undefined)).toBe(false);
    expect(asked).toEqual([]);
  });

  it('looks up a typed code, spaces and capitals allowed', async () => {
    const { verification, asked } = api();
    await verification.lookUp(' 3F2A 9b1c-0d4e ');
    expect(asked).toEqual(['3f2a9b1c0d4e']);
    expect(verification.source).toBe('Code vérifié : 3f2a 9b1c 0d4e');
    expect(verification.verdict).toBe(VERDICT);
  });

  it('explains what a verification code looks like when the text is not one', async () => {
    const { verification, asked } = api();
    await verification.lookUp('1234');
    expect(asked).toEqual([]);
    expect(verification.problem).toMatch(/« 1234 » n’est pas un code de vérification/);
  });

  it('shows the server’s message, or a message of its own when the call fails', async () => {
    const refused = api(async () => {
      throw new ApiRequestError(404, 'NOT_FOUND', 'Aucun document signé ne porte ce code.', null);
    });
    await refused.verification.lookUp('3f2a9b1c0d4e');
    expect(refused.verification.problem).toBe('Aucun document signé ne porte ce code.');
    const failed = api(async () => {
      throw new TypeError('Failed to fetch');
    });
    await failed.verification.checkFile(pdf());
    expect(failed.verification.problem).toBe('Vérification impossible pour le moment.');
  });

  it('verifies one document at a time and clears the previous verdict', async () => {
    let release: (verdict: MinuteVerdict) => void = () => {};
    const { verification, asked } = api(() => new Promise((resolve) => (release = resolve)));
    const first = verification.checkFile(pdf('a.pdf'));
    expect(await verification.checkFile(pdf('b.pdf'))).toBe(false);
    await verification.lookUp('3f2a9b1c0d4e');
    release(VERDICT);
    await first;
    expect(asked).toEqual(['a.pdf']);
    const next = verification.lookUp('3f2a9b1c0d4e');
    expect(verification.verdict).toBeNull();
    release(VERDICT);
    await next;
  });
});
