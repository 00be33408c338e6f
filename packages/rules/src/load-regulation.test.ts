import { describe, expect, it } from 'vitest';
import { candidate } from './candidate.fixtures.js';
import { computeResult } from './compute-result.js';
import { checkRegulation, loadRegulation } from './load-regulation.js';
import type { Regulation } from './regulation.js';
import { BTS_MCO } from './regulations/bts-mco.js';
import { BTS_MCO_2024 } from './regulations/bts-mco-2024.js';
import type { RulesError } from './rules-error.js';

/** A deep, mutable copy of BTS_MCO as parsed JSON. */
function json(): Record<string, unknown> & {
  units: Record<string, unknown>[];
  settings: Record<string, unknown> & { control: Record<string, unknown> };
} {
  return JSON.parse(JSON.stringify(BTS_MCO)) as never;
}

function issuesOf(value: unknown): { path: string; message: string }[] {
  try {
    loadRegulation(value);
  } catch (error) {
    expect(error).toMatchObject({ code: 'INVALID_REGULATION' });
    return (error as RulesError).details.issues ?? [];
  }
  throw new Error('the regulation was accepted');
}

describe('loadRegulation', () => {
  it.each([BTS_MCO, BTS_MCO_2024])('round-trips $id through JSON text', (regulation) => {
    const loaded = loadRegulation(JSON.stringify(regulation));
    expect(loaded).toEqual(regulation);
    expect(Object.isFrozen(loaded.units[0])).toBe(true);
    expect(Object.isFrozen(loaded.settings.control.choices)).toBe(true);
  });

  it('loads another specialty from data alone', () => {
    const other = {
      id: 'bts-exemple',
      label: 'BTS Exemple',
      specialty: 'EX',
      reference: 'Arrêté fictif, pour les tests',
      units: [
        {
          code: 'U1',
          epreuve: 'E1',
          label: 'Culture',
          form: 'written',
          optional: false,
          coefficient: 2,
          domain: 'general',
          exemptable: true,
        },
        {
          code: 'U2',
          epreuve: 'E2',
          label: 'Projet',
          form: 'oral',
          optional: false,
          coefficient: 4,
          domain: 'professional',
          exemptable: false,
        },
        {
          code: 'UF',
          epreuve: 'EF',
          label: 'Option',
          form: 'oral',
          optional: true,
          coefficient: null,
          domain: null,
          exemptable: false,
        },
      ],
      settings: {
        ...BTS_MCO.settings,
        markStep: 0.25,
        maxOptionalUnits: 1,
        control: { ...BTS_MCO.settings.control, maxChoices: 1, choices: { U1: ['U1'] } },
      },
    };
    const regulation = loadRegulation(other);
    const result = computeResult(regulation, {
      units: { U1: { mark: 8.25 }, U2: { mark: 11 }, UF: { mark: 13 } },
    });
    // (2 × 8.25 + 4 × 11 + 3) / 6 = 63.5 / 6
    expect(result).toMatchObject({ total: 63.5, divisor: 6, decision: 'admis' });
    expect(() =>
      computeResult(regulation, {
        units: { U1: { mark: 8 }, U2: { mark: 10 } },
        control: { U1: 12, U2: 12 },
      }),
    ).toThrow(expect.objectContaining({ code: 'UNKNOWN_CONTROL_CHOICE' }) as Error);
  });

  it('refuses text that is not JSON', () => {
    expect(issuesOf('{ "id": ')).toEqual([
      { path: '$', message: expect.stringMatching(/^le texte n’est pas du JSON valide/) as string },
    ]);
  });

  const faults: {
    what: string;
    edit: (value: ReturnType<typeof json>) => void;
    path: string;
    message: RegExp;
  }[] = [
    { what: 'a root that is not an object', edit: () => undefined, path: '$', message: /objet/ },
    { what: 'a missing id', edit: (v) => delete v.id, path: '$.id', message: /reçu rien/ },
    {
      what: 'an id with spaces',
      edit: (v) => (v.id = 'BTS MCO'),
      path: '$.id',
      message: /BTS MCO/,
    },
    {
      what: 'an unknown field',
      edit: (v) => (v.colour = 'blue'),
      path: '$.colour',
      message: /champ inconnu/,
    },
    { what: 'no units', edit: (v) => (v.units = []), path: '$.units', message: /1 à 100/ },
    {
      what: 'a coefficient given as text',
      edit: (v) => (v.units[3] = { ...v.units[3], coefficient: '3' }),
      path: '$.units[3].coefficient',
      message: /« 3 »/,
    },
    {
      what: 'a coefficient with three decimals',
      edit: (v) => (v.units[1] = { ...v.units[1], coefficient: 1.125 }),
      path: '$.units[1].coefficient',
      message: /1,125/,
    },
    {
      what: 'a zero coefficient',
      edit: (v) => (v.units[0] = { ...v.units[0], coefficient: 0 }),
      path: '$.units[0].coefficient',
      message: /plus de 0/,
    },
    {
      what: 'a unit code in lower case',
      edit: (v) => (v.units[0] = { ...v.units[0], code: 'u1' }),
      path: '$.units[0].code',
      message: /u1/,
    },
    {
      what: 'two units with one code',
      edit: (v) => (v.units[1] = { ...v.units[1], code: 'U1' }),
      path: '$.units[1].code',
      message: /déjà/,
    },
    {
      what: 'a form that is neither oral nor written',
      edit: (v) => (v.units[2] = { ...v.units[2], form: 'orale' }),
      path: '$.units[2].form',
      message: /orale/,
    },
    {
      what: 'an unknown domain',
      edit: (v) => (v.units[4] = { ...v.units[4], domain: 'pro' }),
      path: '$.units[4].domain',
      message: /pro/,
    },
    {
      what: 'an exemptable optional unit',
      edit: (v) => (v.units[8] = { ...v.units[8], exemptable: true }),
      path: '$.units[8].exemptable',
      message: /facultative/,
    },
    {
      what: 'an optional unit with a coefficient',
      edit: (v) => (v.units[9] = { ...v.units[9], coefficient: 1 }),
      path: '$.units[9].coefficient',
      message: /null/,
    },
    {
      what: 'every professional unit exemptable',
      edit: (v) =>
        (v.units = v.units.map((u) =>
          u.domain === 'professional' ? { ...u, exemptable: true } : u,
        )),
      path: '$.units',
      message: /professionnelle non dispensable/,
    },
    {
      what: 'a mark step that does not divide 20',
      edit: (v) => (v.settings.markStep = 0.3),
      path: '$.settings.markStep',
      message: /ne divise pas 20/,
    },
    {
      what: 'a zero mark step',
      edit: (v) => (v.settings.markStep = 0),
      path: '$.settings.markStep',
      message: /plus de 0/,
    },
    {
      what: 'a pass mark above 20',
      edit: (v) => (v.settings.passMark = 21),
      path: '$.settings.passMark',
      message: /21/,
    },
    {
      what: 'a validity in years with decimals',
      edit: (v) => (v.settings.keptMarkValidity = 4.5),
      path: '$.settings.keptMarkValidity',
      message: /entier/,
    },
    {
      what: 'a misspelt setting',
      edit: (v) => {
        v.settings.maxOptionUnits = 2;
        delete v.settings.maxOptionalUnits;
      },
      path: '$.settings.maxOptionUnits',
      message: /champ inconnu/,
    },
    {
      what: 'a contrôle threshold above the pass mark',
      edit: (v) => (v.settings.control.minAverage = 11),
      path: '$.settings.control.minAverage',
      message: /11/,
    },
    {
      what: 'a contrôle choice naming an unknown unit',
      edit: (v) => (v.settings.control.choices = { U1: ['U1'], LV1: ['U21', 'U23'] }),
      path: '$.settings.control.choices.LV1[1]',
      message: /U23/,
    },
    {
      what: 'a contrôle choice of the professional domain',
      edit: (v) => (v.settings.control.choices = { U1: ['U1'], U5: ['U5'] }),
      path: '$.settings.control.choices.U5[0]',
      message: /domaine général/,
    },
    {
      what: 'a unit in two contrôle choices',
      edit: (v) => (v.settings.control.choices = { U1: ['U1'], U1B: ['U1'] }),
      path: '$.settings.control.choices.U1B[0]',
      message: /déjà au choix U1/,
    },
    {
      what: 'more choices to take than offered',
      edit: (v) => (v.settings.control.maxChoices = 4),
      path: '$.settings.control.maxChoices',
      message: /1 à 3/,
    },
  ];

  it.each(faults)('refuses $what, naming $path', ({ edit, path, message }) => {
    const value = json();
    edit(value);
    const issues = issuesOf(path === '$' ? 42 : value);
    const issue = issues.find((item) => item.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it('lists every fault at once, and the message shows them with their paths', () => {
    const value = json();
    value.id = '';
    value.settings.passMark = 'dix';
    try {
      loadRegulation(value);
      expect.unreachable();
    } catch (error) {
      const { details, message } = error as RulesError;
      expect(details.issues?.map((issue) => issue.path)).toEqual(['$.id', '$.settings.passMark']);
      expect(message).toMatch(/\$\.id : .* ; \$\.settings\.passMark : .*« dix »/);
    }
  });

  it('checkRegulation returns no fault for the shipped regulations', () => {
    expect(checkRegulation(BTS_MCO)).toEqual([]);
    expect(checkRegulation(BTS_MCO_2024)).toEqual([]);
  });

  it('computeResult checks a hand-built regulation too, and sees later edits', () => {
    const handMade = json() as unknown as Regulation;
    expect(computeResult(handMade, candidate(10)).decision).toBe('admis');
    (handMade.settings as { passMark: number }).passMark = 30;
    expect(() => computeResult(handMade, candidate(10))).toThrow(
      expect.objectContaining({ code: 'INVALID_REGULATION' }) as Error,
    );
    (handMade.settings as { passMark: number }).passMark = 12;
    expect(computeResult(handMade, candidate(10)).decision).not.toBe('admis');
  });

  it('blames a faulty unit where it is, not also the contrôle choices that name it', () => {
    const value = json();
    (value.units[1] as { coefficient: number }).coefficient = -1;
    expect(checkRegulation(value).map((issue) => issue.path)).toEqual(['$.units[1].coefficient']);
    (value.settings.control as { choices: unknown }).choices = { U1: ['U1'], X: ['U99'] };
    // With the units unreadable, an unknown code is not reported (it may be the faulty unit's).
    expect(checkRegulation(value).map((issue) => issue.path)).toEqual(['$.units[1].coefficient']);
  });

  it('reports a hostile, deeply nested value as a fault, never a stack overflow', () => {
    const deep = '['.repeat(120_000) + ']'.repeat(120_000);
    for (const text of [`{"id": ${deep}}`, `{"units": [${deep}]}`]) {
      expect(() => loadRegulation(text)).toThrow(
        expect.objectContaining({ code: 'INVALID_REGULATION' }) as Error,
      );
    }
  });
});
