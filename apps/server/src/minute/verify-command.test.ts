import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
import { openDatabase } from '../db/open-database.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { signCanonicalRecord } from './minute-signature.js';
import { renderMinutePdf } from './render-minute-pdf.js';
import { renderTranscriptsPdf } from './render-transcripts-pdf.js';
import { centreSigningKey } from './signing-keys.js';
import {
  fixedSigningKey,
  signedSyntheticMinute,
  signedSyntheticTranscripts,
  syntheticRecord,
  TEST_VERIFIER_URL,
} from './test-support/minute-fixtures.js';
import { runVerifyCommand, VERIFY_USAGE } from './verify-command.js';

describe('delib verify <file.pdf>', () => {
  let directory: string;
  let good: string;
  let tampered: string;
  let releves: string;
  let keys: string;
  let otherKeys: string;
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
    releves = path.join(directory, 'releves.pdf');
    fs.writeFileSync(releves, await renderTranscriptsPdf(signedSyntheticTranscripts(3)));
    // The JSON of GET /api/keys, as a centre publishes it.
    const published = (key: ReturnType<typeof fixedSigningKey>) =>
      JSON.stringify({
        keys: [
          {
            keyId: key.keyId,
            centre: key.centre,
            algorithm: key.algorithm,
            publicKey: key.publicKey,
            publicKeyPem: key.publicKeyPem,
            createdAt: key.createdAt,
          },
        ],
      });
    keys = path.join(directory, 'cles.json');
    fs.writeFileSync(keys, published(fixedSigningKey()));
    otherKeys = path.join(directory, 'autres-cles.json');
    fs.writeFileSync(otherKeys, published(fixedSigningKey(9)));
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

  it('says authentic (0) with the published keys, the session, the jury, when and by whom it was signed', async () => {
    const { code, out } = await run([good, '--keys', keys]);
    expect(code).toBe(0);
    expect(out).toContain('Procès-verbal AUTHENTIQUE');
    expect(out).toContain('BTS Management commercial opérationnel (MCO), session 2027');
    expect(out).toContain('Jury 1 – BTS MCO');
    expect(out).toContain('le 4 juin 2027 à 18 h 32 (heure de Paris) par Claire Fontaine');
    expect(out).toContain('Clé du centre : oui');
  });

  it('says « intègre, clé inconnue » (3) without published keys, or with another centre’s', async () => {
    for (const argv of [[good], [good, '--keys', otherKeys]]) {
      const { code, out } = await run(argv);
      expect(code).toBe(3);
      expect(out).toContain('Procès-verbal INTÈGRE, CLÉ INCONNUE');
      expect(out).not.toContain('AUTHENTIQUE');
      expect(out).toContain('Clé du centre : NON');
    }
  });

  it('says not authentic (2) with the reason, whatever the keys', async () => {
    for (const argv of [[tampered], [tampered, '--keys', keys]]) {
      const { code, out } = await run(argv);
      expect(code).toBe(2);
      expect(out).toContain('NON AUTHENTIQUE');
      expect(out).toContain('le document a été modifié après signature');
    }
  });

  it('recognises and verifies relevés de notes, listing each with its code', async () => {
    const { code, out } = await run([releves, '--keys', keys]);
    expect(code).toBe(0);
    expect(out).toContain('Relevés de notes AUTHENTIQUES');
    expect(out).toMatch(
      /Relevé 1 +: 02700001 ARNAUD Léa, .+, code [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}/,
    );
    expect((await run([releves])).code).toBe(3);
  });

  it('prints the whole verdict with --json', async () => {
    const { code, out } = await run([good, '--json', '--keys', keys]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ authentic: true, outcome: 'authentic' });
  });

  it('documents its exit codes', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toBe(VERIFY_USAGE);
    expect(out).toMatch(/0 +authentique/);
    expect(out).toMatch(/3 +intègre, clé inconnue/);
    expect(out).toMatch(/2 +non authentique/);
    expect(out).toMatch(/1 +erreur d’utilisation/);
  });

  it('is a usage error (1) without a file, with a missing file, unknown option or unreadable keys', async () => {
    expect((await run([])).code).toBe(1);
    expect((await run([path.join(directory, 'absent.pdf')])).code).toBe(1);
    const unknown = await run([good, '--vite']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('option inconnue');
    expect((await run([good, '--keys', path.join(directory, 'absent.json')])).code).toBe(1);
    const notKeys = await run([good, '--keys', good]);
    expect(notKeys.code).toBe(1);
    expect(notKeys.err).toContain('n’est pas du JSON');
    const mismatched = path.join(directory, 'cles-incoherentes.json');
    fs.writeFileSync(
      mismatched,
      JSON.stringify({
        keys: [{ keyId: 'ed25519-0000000000000000', publicKey: fixedSigningKey().publicKey }],
      }),
    );
    expect((await run([good, '--keys', mismatched])).err).toContain('ne correspond pas à sa clé');
  });

  it('tells, with --base <delib.sqlite>, whether the key is one of the centre’s keys', async () => {
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
        verifierUrl: TEST_VERIFIER_URL,
      },
    );
    db.close();
    const fromCentre = path.join(directory, 'pv-centre.pdf');
    fs.writeFileSync(fromCentre, await renderMinutePdf({ canonical, signature }));
    const known = await run([fromCentre, '--base', base]);
    expect(known.code).toBe(0);
    expect(known.out).toContain('Clé du centre : oui');
    const unknown = await run([good, '--base', base]);
    expect(unknown.code).toBe(3);
    expect(unknown.out).toContain('INTÈGRE, CLÉ INCONNUE');
  });

  describe('with --base <address of the centre’s server>', () => {
    let server: TestServer;
    let fromServer: string;
    beforeAll(async () => {
      server = await startTestServer();
      const canonical = canonicalize(syntheticRecord(3)) as string;
      const signature = signCanonicalRecord(
        canonical,
        centreSigningKey(server.app.db, 'Lycée Jean-Moulin, Lyon'),
        { juryId: 1, signedAt: '2027-06-04T16:32:00.000Z', signer: 'Claire Fontaine' },
      );
      fromServer = path.join(directory, 'pv-serveur.pdf');
      fs.writeFileSync(fromServer, await renderMinutePdf({ canonical, signature }));
    });
    afterAll(async () => {
      await server.stop();
    });

    it('fetches the published keys from /api/keys', async () => {
      const known = await run([fromServer, '--base', server.url]);
      expect(known.code).toBe(0);
      expect(known.out).toContain('Procès-verbal AUTHENTIQUE');
      expect((await run([good, '--base', server.url])).code).toBe(3);
    });

    it('takes the keys saved from /api/keys as a file', async () => {
      const saved = path.join(directory, 'cles-serveur.json');
      fs.writeFileSync(saved, await (await fetch(`${server.url}/api/keys`)).text());
      expect((await run([fromServer, '--keys', saved])).code).toBe(0);
    });

    it('is an error (1) when the server cannot give its keys', async () => {
      const { code, err } = await run([fromServer, '--base', `${server.url}/nulle-part`]);
      expect(code).toBe(1);
      expect(err).toContain('/nulle-part/api/keys');
    });
  });
});
