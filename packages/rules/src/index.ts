/**
 * `@delib/rules`: BTS regulations as data and the exact computation of a candidate's result.
 * Pure TypeScript, no dependency, no I/O; the browser and the server run the same code.
 */

export type {
  ControlSettings,
  MandatoryUnit,
  OptionalUnit,
  Regulation,
  RegulationSettings,
  UnitDefinition,
  UnitDomain,
  UnitForm,
} from './regulation.js';
export { BTS_MCO, BTS_MCO_SETTINGS } from './regulations/bts-mco.js';
export { BTS_MCO_2024 } from './regulations/bts-mco-2024.js';
export { DEFAULT_REGULATION, REGULATIONS, getRegulation } from './regulation-registry.js';
export { checkRegulation, loadRegulation } from './load-regulation.js';
export type { SessionSettings } from './session-settings.js';
export {
  SESSION_SETTING_KEYS,
  applySessionSettings,
  checkSessionSettings,
  sessionSettingsOf,
} from './session-settings.js';
export type { CarriedUnit, KeptMarkMapping } from './carry-kept-marks.js';
export { KEPT_MARK_MAPPINGS, carryKeptUnit, keptMarkMappingInto } from './carry-kept-marks.js';
export type {
  EvaluationGrid,
  GridCriterion,
  GridLevel,
  GridLevels,
  ProposedMark,
} from './evaluation-grid.js';
export {
  EXAMPLE_GRID_NOTICE,
  checkGridLevels,
  findGrid,
  gridRoundingRule,
  proposeMark,
} from './evaluation-grid.js';
export { BTS_MCO_EXAMPLE_GRIDS } from './regulations/bts-mco-example-grids.js';
export type { ControlChoice } from './regulation-units.js';
export {
  controlChoices,
  findUnit,
  getUnit,
  mandatoryUnits,
  optionalUnits,
  oralUnits,
  professionalUnits,
  unitCodes,
  writtenUnits,
} from './regulation-units.js';

export type { AbsentEntry, Adjustment, Entry, ExemptEntry, KeptEntry, MarkEntry } from './entry.js';
export { parseMark, validateAdjustment, validateEntry } from './validate-entry.js';
export type {
  CandidateInput,
  CandidateResult,
  ControlChoiceResult,
  FirstGroupResult,
  UnitLine,
} from './compute-result.js';
export { computeResult } from './compute-result.js';
export type { Decision } from './decision.js';
export { DECISIONS, DECISION_LABELS, showsProfessionalAverage } from './decision.js';
export type { Fraction } from './fraction.js';

export { NO_AVERAGE, formatAverage } from './format-average.js';
export { formatMark } from './format-mark.js';
export { ENTRY_CODE_LEGEND, entryCode, formatEntry } from './entry-code.js';
export { MAX_MARK } from './exact-mark.js';

export type { RegulationIssue, RulesErrorCode, RulesErrorDetails } from './rules-error.js';
export { RULES_ERROR_CODES, RulesError, isRulesError } from './rules-error.js';

export type { MarkBand, MarkStatistics } from './mark-statistics.js';
export { MARK_BANDS, exceedsGap, markStatistics, meanDifference } from './mark-statistics.js';
export type {
  GroupHarmonisation,
  HarmonisationMark,
  HarmonisationOptions,
  UnitHarmonisation,
} from './harmonisation.js';
export {
  DEFAULT_ALERT_GAP_HUNDREDTHS,
  HARMONISATION_MINIMUM_MARKS,
  MAX_ALERT_GAP_HUNDREDTHS,
  harmonise,
  parseAlertGap,
} from './harmonisation.js';
