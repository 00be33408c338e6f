import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
import { openDatabase } from '../db/open-database.js';
import { signCanonicalRecord } from './minute-signature.js';
import { renderMinutePdf } from './render-minute-pdf.js';
import { centreSigningKey } from './signing-keys.js';
import { signedSyntheticMinute, syntheticRecord } from './test-support/minute-fixtures.js';
import { runVerifyCommand } from './verify-command.js';

describe('delib verify <file.pdf>', () => {
  let directory: string;
  let good: string;
  let tampered: string;
  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-verify-'));
    const pdf = await renderMinutePdf(signedSyntheticMinute(5));
    good = path.join(directory, 'pv.pdf');
    fs.writeFileSync(good, pdf);
    const copy = Buffer.from(pdf);
    const at = copy.indexOf(' 7.5 Tf', 0, 'latin1') + 3;
    copy[at] = '9'.charCodeAt(0);
    tampered = path.join(directory, 'pv-modifie.pdf');
    fs.writeFileSync(tampered, copy);
  });
  afterAll(() => {
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runVerifyCommand(argv, {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('says authentic (0) with the session, the jury, when and by whom it was signed', async () => {
    const { code, out } = await run([good]);
    expect(code).toBe(0);
    expect(out).toContain('Procès-verbal AUTHENTIQUE');
    expect(out).toContain('BTS Management commercial opérationnel (MCO), session 2027');
    expect(out).toContain('Jury 1 – BTS MCO');
    expect(out).toContain('le 4 juin 2027 à 18 h 32 (heure de Paris) par Claire Fontaine');
  });

  it('says not authentic (2) with the reason', async () => {
    const { code, out } = await run([tampered]);
    expect(code).toBe(2);
    expect(out).toContain('NON AUTHENTIQUE');
    expect(out).toContain('le document a été modifié après signature');
  });

  it('prints the whole verdict with --json', async () => {
    const { code, out } = await run([good, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ authentic: true, code: 'authentic' });
  });

  it('is a usage error (1) without a file, with a missing file or an unknown option', async () => {
    expect((await run([])).code).toBe(1);
    expect((await run([path.join(directory, 'absent.pdf')])).code).toBe(1);
    const unknown = await run([good, '--vite']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('option inconnue');
  });

  it('tells, with --base, whether the key is one of the centre’s keys', async () => {
    const base = path.join(directory, 'delib.sqlite');
    const db = openDatabase(base);
    const canonical = canonicalize(syntheticRecord(3)) as string;
    const signature = signCanonicalRecord(
      canonical,
      centreSigningKey(db, 'Lycée Jean-Moulin, Lyon'),
      {
        juryId: 1,
        signedAt: '2027-06-04T16:32:00.000Z',
        signer: 'Claire Fontaine',
      },
    );
    db.close();
    const fromCentre = path.join(directory, 'pv-centre.pdf');
    fs.writeFileSync(fromCentre, await renderMinutePdf({ canonical, signature }));
    const known = await run([fromCentre, '--base', base]);
    expect(known.code).toBe(0);
    expect(known.out).toContain('Clé du centre : oui');
    const unknown = await run([good, '--base', base]);
    expect(unknown.code).toBe(0);
    expect(unknown.out).toContain('n’est pas une clé de ce centre');
  });
});
