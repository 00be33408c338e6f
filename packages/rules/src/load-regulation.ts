import { deepFreeze } from './deep-freeze.js';
import { describeValue, isRecord } from './describe-value.js';
import { checkGrids } from './evaluation-grid.js';
import { MAX_MARK_HUNDREDTHS, toHundredths } from './exact-mark.js';
import type {
  ControlSettings,
  Regulation,
  RegulationSettings,
  UnitDefinition,
  UnitDomain,
  UnitForm,
} from './regulation.js';
import type { RegulationIssue } from './rules-error.js';
import { RulesError } from './rules-error.js';

/**
 * Loads a regulation from JSON (text or parsed value), so that another BTS specialty is a data
 * file and not new code. Every field is required and checked; unknown fields are refused (a
 * misspelt setting must not silently fall back to a default). On any fault, throws a
 * `RulesError` `INVALID_REGULATION` whose `details.issues` lists every fault with its JSON
 * path (`$.units[3].coefficient`). The result is a deeply frozen copy.
 */
export function loadRegulation(json: unknown): Regulation {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const issue = { path: '$', message: `le texte n’est pas du JSON valide (${reason})` };
      throw invalidRegulation([issue]);
    }
  }
  const checker = new RegulationChecker();
  const regulation = checker.regulation(value);
  if (checker.issues.length > 0 || regulation === null) throw invalidRegulation(checker.issues);
  return deepFreeze(regulation);
}

/**
 * Every fault of a regulation object, or an empty list. `computeResult` runs this once per
 * regulation object, so a hand-built regulation is checked as strictly as a loaded file.
 */
export function checkRegulation(value: unknown): RegulationIssue[] {
  const checker = new RegulationChecker();
  checker.regulation(value);
  return checker.issues;
}

export function invalidRegulation(issues: RegulationIssue[]): RulesError {
  const shown = issues.slice(0, 5).map((issue) => `${issue.path} : ${issue.message}`);
  const more = issues.length > 5 ? ` (et ${issues.length - 5} autre(s))` : '';
  return new RulesError('INVALID_REGULATION', `Règlement invalide — ${shown.join(' ; ')}${more}.`, {
    path: issues[0]?.path ?? '$',
    issues,
  });
}

const UNIT_CODE = /^[A-Z][A-Z0-9]{0,9}$/;
const REGULATION_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_UNITS = 100;
const MAX_COEFFICIENT_HUNDREDTHS = 100_00;

class RegulationChecker {
  readonly issues: RegulationIssue[] = [];
  /** The units could not be read: codes named elsewhere cannot be checked against them. */
  private unitsUnreadable = false;

  private fail(path: string, expected: string, value: unknown): null {
    this.issues.push({ path, message: `attendu ${expected}, reçu ${describeValue(value)}` });
    return null;
  }

  /** An object whose keys are all in `keys` (a missing key is reported by its own check). */
  private record(
    value: unknown,
    path: string,
    keys: readonly string[],
  ): Record<string, unknown> | null {
    if (!isRecord(value)) return this.fail(path, 'un objet', value);
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        this.issues.push({
          path: `${path}.${key}`,
          message: `champ inconnu (champs permis : ${keys.join(', ')})`,
        });
      }
    }
    return value;
  }

  private text(value: unknown, path: string, pattern?: RegExp): string | null {
    if (typeof value !== 'string' || value.trim() === '') {
      return this.fail(path, 'un texte non vide', value);
    }
    if (pattern && !pattern.test(value))
      return this.fail(path, `un texte de forme ${pattern}`, value);
    return value;
  }

  private boolean(value: unknown, path: string): boolean | null {
    return typeof value === 'boolean' ? value : this.fail(path, 'true ou false', value);
  }

  private integer(value: unknown, path: string, min: number, max: number): number | null {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
      return value;
    }
    return this.fail(path, `un entier de ${min} à ${max}`, value);
  }

  /** A decimal with at most two decimals, `min` ≤ value ≤ `max` (in hundredths). */
  private decimal(
    value: unknown,
    path: string,
    min: number,
    max: number,
    strictMin = false,
  ): number | null {
    const hundredths = toHundredths(value);
    const low = strictMin
      ? hundredths !== null && hundredths > min
      : hundredths !== null && hundredths >= min;
    if (hundredths === null || !low || hundredths > max) {
      const bound = strictMin ? `plus de ${min / 100}` : `au moins ${min / 100}`;
      return this.fail(
        path,
        `un nombre à deux décimales au plus, ${bound} et au plus ${max / 100}`.replace(/\./g, ','),
        value,
      );
    }
    return value as number;
  }

  regulation(value: unknown): Regulation | null {
    const root = this.record(value, '$', [
      'id',
      'label',
      'specialty',
      'reference',
      'units',
      'settings',
      'grids',
    ]);
    if (!root) return null;
    const id = this.text(root.id, '$.id', REGULATION_ID);
    const label = this.text(root.label, '$.label');
    const specialty = this.text(root.specialty, '$.specialty');
    const reference = this.text(root.reference, '$.reference');
    const units = this.units(root.units);
    // Faulty units are reported where they are: the choices are not also blamed for them.
    this.unitsUnreadable = units === null;
    const settings = this.settings(root.settings, units ?? []);
    // Optional: a regulation without grids is valid (marks are then typed only). With the
    // units unreadable, the grids are not checked against them (nor blamed for them).
    const grids =
      root.grids === undefined || units === null
        ? undefined
        : checkGrids(root.grids, units, this.issues);
    if (
      id === null ||
      label === null ||
      specialty === null ||
      reference === null ||
      units === null ||
      settings === null ||
      grids === null ||
      this.issues.length > 0
    ) {
      return null;
    }
    return grids === undefined
      ? { id, label, specialty, reference, units, settings }
      : { id, label, specialty, reference, units, settings, grids };
  }

  private units(value: unknown): UnitDefinition[] | null {
    const path = '$.units';
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_UNITS) {
      return this.fail(path, `une liste de 1 à ${MAX_UNITS} unités`, value);
    }
    const units: UnitDefinition[] = [];
    const seen = new Set<string>();
    value.forEach((item, index) => {
      const unit = this.unit(item, `${path}[${index}]`);
      if (!unit) return;
      if (seen.has(unit.code)) {
        this.issues.push({
          path: `${path}[${index}].code`,
          message: `le code ${unit.code} est déjà celui d’une autre unité`,
        });
        return;
      }
      seen.add(unit.code);
      units.push(unit);
    });
    if (units.length !== value.length) return null;
    const mandatory = units.filter((unit) => !unit.optional);
    if (mandatory.length === 0) {
      this.issues.push({ path, message: 'il faut au moins une unité obligatoire' });
      return null;
    }
    if (!mandatory.some((unit) => unit.domain === 'professional' && !unit.exemptable)) {
      this.issues.push({
        path,
        message:
          'il faut au moins une unité professionnelle non dispensable (sinon la moyenne et la moyenne professionnelle peuvent être sans diviseur)',
      });
      return null;
    }
    return units;
  }

  private unit(value: unknown, path: string): UnitDefinition | null {
    const keys = [
      'code',
      'epreuve',
      'label',
      'form',
      'optional',
      'coefficient',
      'domain',
      'exemptable',
    ];
    const raw = this.record(value, path, keys);
    if (!raw) return null;
    const code = this.text(raw.code, `${path}.code`, UNIT_CODE);
    const epreuve = this.text(raw.epreuve, `${path}.epreuve`);
    const label = this.text(raw.label, `${path}.label`);
    const form: UnitForm | null =
      raw.form === 'oral' || raw.form === 'written'
        ? raw.form
        : this.fail(`${path}.form`, '"oral" ou "written"', raw.form);
    const optional = this.boolean(raw.optional, `${path}.optional`);
    if (code === null || epreuve === null || label === null || form === null || optional === null) {
      return null;
    }
    if (optional) {
      let valid = true;
      const expectValue = (key: 'coefficient' | 'domain' | 'exemptable', expected: unknown) => {
        if (raw[key] === expected) return;
        this.fail(`${path}.${key}`, `${String(expected)} pour une unité facultative`, raw[key]);
        valid = false;
      };
      expectValue('coefficient', null);
      expectValue('domain', null);
      expectValue('exemptable', false);
      if (!valid) return null;
      return {
        code,
        epreuve,
        label,
        form,
        optional: true,
        coefficient: null,
        domain: null,
        exemptable: false,
      };
    }
    const coefficient = this.decimal(
      raw.coefficient,
      `${path}.coefficient`,
      0,
      MAX_COEFFICIENT_HUNDREDTHS,
      true,
    );
    const domain: UnitDomain | null =
      raw.domain === 'general' || raw.domain === 'professional'
        ? raw.domain
        : this.fail(`${path}.domain`, '"general" ou "professional"', raw.domain);
    const exemptable = this.boolean(raw.exemptable, `${path}.exemptable`);
    if (coefficient === null || domain === null || exemptable === null) return null;
    return { code, epreuve, label, form, optional, coefficient, domain, exemptable };
  }

  private settings(value: unknown, units: readonly UnitDefinition[]): RegulationSettings | null {
    const path = '$.settings';
    const raw = this.record(value, path, [
      'markStep',
      'passMark',
      'optionalMultiplier',
      'optionalThreshold',
      'maxOptionalUnits',
      'optionalKeptMarks',
      'keptMarkMinimum',
      'keptMarkValidity',
      'keptMarkExpiryWarning',
      'control',
    ]);
    if (!raw) return null;
    let markStep = this.decimal(raw.markStep, `${path}.markStep`, 0, MAX_MARK_HUNDREDTHS, true);
    if (markStep !== null && MAX_MARK_HUNDREDTHS % (toHundredths(markStep) ?? 1) !== 0) {
      this.issues.push({
        path: `${path}.markStep`,
        message: `le pas ${describeValue(markStep)} ne divise pas 20 : la note 20 serait impossible`,
      });
      markStep = null;
    }
    const passMark = this.decimal(raw.passMark, `${path}.passMark`, 0, MAX_MARK_HUNDREDTHS, true);
    const optionalMultiplier = this.decimal(
      raw.optionalMultiplier,
      `${path}.optionalMultiplier`,
      0,
      10_00,
    );
    const optionalThreshold = this.decimal(
      raw.optionalThreshold,
      `${path}.optionalThreshold`,
      0,
      MAX_MARK_HUNDREDTHS,
    );
    const maxOptionalUnits = this.integer(
      raw.maxOptionalUnits,
      `${path}.maxOptionalUnits`,
      0,
      MAX_UNITS,
    );
    const optionalKeptMarks = this.boolean(raw.optionalKeptMarks, `${path}.optionalKeptMarks`);
    const keptMarkMinimum = this.decimal(
      raw.keptMarkMinimum,
      `${path}.keptMarkMinimum`,
      0,
      MAX_MARK_HUNDREDTHS,
    );
    const keptMarkValidity = this.integer(raw.keptMarkValidity, `${path}.keptMarkValidity`, 0, 50);
    const keptMarkExpiryWarning = this.integer(
      raw.keptMarkExpiryWarning,
      `${path}.keptMarkExpiryWarning`,
      0,
      keptMarkValidity ?? 50,
    );
    const control = this.control(raw.control, units, passMark);
    if (
      markStep === null ||
      passMark === null ||
      optionalMultiplier === null ||
      optionalThreshold === null ||
      maxOptionalUnits === null ||
      optionalKeptMarks === null ||
      keptMarkMinimum === null ||
      keptMarkValidity === null ||
      keptMarkExpiryWarning === null ||
      control === null
    ) {
      return null;
    }
    return {
      markStep,
      passMark,
      optionalMultiplier,
      optionalThreshold,
      maxOptionalUnits,
      optionalKeptMarks,
      keptMarkMinimum,
      keptMarkValidity,
      keptMarkExpiryWarning,
      control,
    };
  }

  private control(
    value: unknown,
    units: readonly UnitDefinition[],
    passMark: number | null,
  ): ControlSettings | null {
    const path = '$.settings.control';
    const raw = this.record(value, path, [
      'enabled',
      'minAverage',
      'minProfessionalAverage',
      'maxChoices',
      'choices',
    ]);
    if (!raw) return null;
    const enabled = this.boolean(raw.enabled, `${path}.enabled`);
    const passHundredths = passMark === null ? MAX_MARK_HUNDREDTHS : (toHundredths(passMark) ?? 0);
    const minAverage = this.decimal(raw.minAverage, `${path}.minAverage`, 0, passHundredths);
    const minProfessionalAverage = this.decimal(
      raw.minProfessionalAverage,
      `${path}.minProfessionalAverage`,
      0,
      MAX_MARK_HUNDREDTHS,
    );
    const choices = this.choices(raw.choices, `${path}.choices`, units);
    const maxChoices = this.integer(
      raw.maxChoices,
      `${path}.maxChoices`,
      1,
      choices === null ? MAX_UNITS : Math.max(1, Object.keys(choices).length),
    );
    if (
      enabled === null ||
      minAverage === null ||
      minProfessionalAverage === null ||
      maxChoices === null ||
      choices === null
    ) {
      return null;
    }
    return { enabled, minAverage, minProfessionalAverage, maxChoices, choices };
  }

  private choices(
    value: unknown,
    path: string,
    units: readonly UnitDefinition[],
  ): Record<string, string[]> | null {
    if (!isRecord(value) || Object.keys(value).length === 0) {
      return this.fail(path, 'un objet d’au moins un choix, par exemple { "U1": ["U1"] }', value);
    }
    const byCode = new Map(units.map((unit) => [unit.code, unit]));
    const used = new Map<string, string>();
    const choices: Record<string, string[]> = {};
    let valid = true;
    for (const [choice, list] of Object.entries(value)) {
      const choicePath = `${path}.${choice}`;
      if (!UNIT_CODE.test(choice)) {
        this.fail(choicePath, `un nom de choix de forme ${UNIT_CODE}`, choice);
        valid = false;
        continue;
      }
      if (!Array.isArray(list) || list.length === 0) {
        this.fail(choicePath, 'une liste non vide de codes d’unités', list);
        valid = false;
        continue;
      }
      const codes: string[] = [];
      list.forEach((code: unknown, index) => {
        const codePath = `${choicePath}[${index}]`;
        const unit = typeof code === 'string' ? byCode.get(code) : undefined;
        if (typeof code === 'string' && unit === undefined && this.unitsUnreadable) {
          valid = false;
          return;
        }
        if (typeof code !== 'string' || unit === undefined) {
          this.fail(codePath, 'le code d’une unité du règlement', code);
        } else if (unit.optional || unit.domain !== 'general') {
          this.issues.push({
            path: codePath,
            message: `l’unité ${unit.code} n’est pas une unité obligatoire du domaine général`,
          });
        } else if (used.has(unit.code)) {
          this.issues.push({
            path: codePath,
            message: `l’unité ${unit.code} appartient déjà au choix ${used.get(unit.code) ?? ''}`,
          });
        } else {
          used.set(unit.code, choice);
          codes.push(unit.code);
          return;
        }
        valid = false;
      });
      choices[choice] = codes;
    }
    return valid ? choices : null;
  }
}
