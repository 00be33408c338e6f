import type { EvaluationGrid } from './evaluation-grid.js';

/**
 * The shape of a regulation: the units of one BTS specialty and the settings of the law that a
 * centre may change. A regulation is plain data (it round-trips through JSON); see
 * `load-regulation.ts` for the rules a regulation file must follow.
 */

export type UnitForm = 'oral' | 'written';
export type UnitDomain = 'general' | 'professional';

interface UnitBase {
  /** Unit code, the key of a candidate's entries: `U1`, `U21`, `UF1`… */
  code: string;
  /** Épreuve number in the regulation's numbering: `E1`, `E21`, `EF1`… */
  epreuve: string;
  /** Épreuve title: `Culture générale et expression`. */
  label: string;
  /** Oral units are entered live by examiners; written marks arrive by import. */
  form: UnitForm;
}

export interface MandatoryUnit extends UnitBase {
  optional: false;
  /** Weight in the average (hundredths at most: 1.5 is fine, 1.125 is not). */
  coefficient: number;
  /** The professional average is the weighted mean of the professional units. */
  domain: UnitDomain;
  /** Whether a candidate may be dispensé of this unit (holder of another diploma). */
  exemptable: boolean;
}

export interface OptionalUnit extends UnitBase {
  optional: true;
  /** Optional units have no coefficient: only the points above the threshold count. */
  coefficient: null;
  domain: null;
  /** Never: a candidate simply does not take an optional unit. */
  exemptable: false;
}

export type UnitDefinition = MandatoryUnit | OptionalUnit;

export interface ControlSettings {
  /** Épreuves de contrôle (second group) offered at all. */
  enabled: boolean;
  /** Lowest first-group average admitted to the contrôle (inclusive): 8. */
  minAverage: number;
  /** Lowest professional average admitted to the contrôle (inclusive): 10. */
  minProfessionalAverage: number;
  /** Choices a candidate may take: 2. */
  maxChoices: number;
  /**
   * The choices, each replacing one or more general-domain units together:
   * `{ U1: ['U1'], LV1: ['U21', 'U22'], U3: ['U3'] }`.
   */
  choices: Readonly<Record<string, readonly string[]>>;
}

export interface RegulationSettings {
  /** Marks are multiples of this step, from 0 to 20: 0.5. */
  markStep: number;
  /** Average needed to be admitted (inclusive): 10. */
  passMark: number;
  /** Each optional point above `optionalThreshold` is worth this many points of total: 1. */
  optionalMultiplier: number;
  /** Only the part of an optional mark above this counts: 10. */
  optionalThreshold: number;
  /** Optional units a candidate may take: 2. */
  maxOptionalUnits: number;
  /** Whether an optional unit may hold a bénéfice (kept mark): false. */
  optionalKeptMarks: boolean;
  /** A bénéfice must be at least this mark: 10. */
  keptMarkMinimum: number;
  /** A bénéfice of session S counts up to session S + this: 5 (2022 counts in 2027). */
  keptMarkValidity: number;
  /** Warn the president during the last N sessions of a bénéfice's validity: 1. */
  keptMarkExpiryWarning: number;
  control: ControlSettings;
}

export interface Regulation {
  /** Stable identifier stored with an exam session: `bts-mco-2018`. */
  id: string;
  /** Diploma title: `BTS Management commercial opérationnel`. */
  label: string;
  /** Short specialty name: `MCO`. */
  specialty: string;
  /** The text this regulation follows, for the minute. */
  reference: string;
  /** Units in the order of the minute. */
  units: readonly UnitDefinition[];
  settings: RegulationSettings;
  /**
   * Evaluation grids of the oral units (at most one per unit). Absent: no grid, the examiners
   * type marks only. The national circular publishes them per session: a centre replaces them.
   */
  grids?: readonly EvaluationGrid[];
}
