import { deepFreeze } from './deep-freeze.js';
import { describeValue, isRecord } from './describe-value.js';
import { checkRegulation } from './load-regulation.js';
import type { Regulation } from './regulation.js';
import { optionalUnits } from './regulation-units.js';
import type { RegulationIssue } from './rules-error.js';

/**
 * The settings a centre chooses for one exam session, over its regulation's defaults: the
 * épreuves de contrôle on or off, the worth of an optional point, how many optional units a
 * candidate may take, and the mark step. Everything else stays the regulation's.
 */
export interface SessionSettings {
  controlEnabled: boolean;
  optionalMultiplier: number;
  maxOptionalUnits: number;
  markStep: number;
}

export const SESSION_SETTING_KEYS = [
  'controlEnabled',
  'optionalMultiplier',
  'maxOptionalUnits',
  'markStep',
] as const;

/** The regulation's own values of the session settings (what a new session starts with). */
export function sessionSettingsOf(regulation: Regulation): SessionSettings {
  const { settings } = regulation;
  return {
    controlEnabled: settings.control.enabled,
    optionalMultiplier: settings.optionalMultiplier,
    maxOptionalUnits: settings.maxOptionalUnits,
    markStep: settings.markStep,
  };
}

const PATH_IN_REGULATION: Readonly<Record<string, string>> = {
  '$.settings.control.enabled': '$.controlEnabled',
  '$.settings.optionalMultiplier': '$.optionalMultiplier',
  '$.settings.maxOptionalUnits': '$.maxOptionalUnits',
  '$.settings.markStep': '$.markStep',
};

/**
 * Every fault of `value` as the settings of a session under `regulation`, with its JSON path
 * (`$.markStep : le pas 0,3 ne divise pas 20…`); `[]` when valid. The settings are checked
 * the way a regulation file is (the same rules, the same messages), plus the shape: exactly
 * the four keys.
 */
export function checkSessionSettings(value: unknown, regulation: Regulation): RegulationIssue[] {
  if (!isRecord(value)) {
    return [{ path: '$', message: `attendu un objet, reçu ${describeValue(value)}` }];
  }
  const issues: RegulationIssue[] = [];
  for (const key of Object.keys(value)) {
    if (!(SESSION_SETTING_KEYS as readonly string[]).includes(key)) {
      issues.push({ path: `$.${key}`, message: 'réglage inconnu' });
    }
  }
  for (const key of SESSION_SETTING_KEYS) {
    if (!(key in value)) issues.push({ path: `$.${key}`, message: 'réglage manquant' });
  }
  if (typeof value.controlEnabled !== 'boolean' && 'controlEnabled' in value) {
    issues.push({
      path: '$.controlEnabled',
      message: `attendu oui ou non (un booléen), reçu ${describeValue(value.controlEnabled)}`,
    });
  }
  if (issues.length > 0) return issues;
  const settings = value as unknown as SessionSettings;
  const optionalCount = optionalUnits(regulation).length;
  if (Number.isInteger(settings.maxOptionalUnits) && settings.maxOptionalUnits > optionalCount) {
    issues.push({
      path: '$.maxOptionalUnits',
      message: `au plus ${optionalCount} : le règlement n’a que ${optionalCount} unité(s) facultative(s), reçu ${describeValue(settings.maxOptionalUnits)}`,
    });
  }
  for (const issue of checkRegulation(overridden(regulation, settings))) {
    const path = PATH_IN_REGULATION[issue.path];
    issues.push({ path: path ?? issue.path, message: issue.message });
  }
  return issues;
}

function overridden(regulation: Regulation, settings: SessionSettings): Regulation {
  return {
    ...regulation,
    settings: {
      ...regulation.settings,
      markStep: settings.markStep,
      optionalMultiplier: settings.optionalMultiplier,
      maxOptionalUnits: settings.maxOptionalUnits,
      control: { ...regulation.settings.control, enabled: settings.controlEnabled },
    },
  };
}

const applied = new WeakMap<Regulation, Map<string, Regulation>>();

/**
 * `regulation` with a session's settings in place of its own: the regulation that session's
 * computations and checks use (same id, same units). Throws `INVALID_REGULATION` through the
 * first computation if the settings were not checked. The same regulation object is returned
 * for the same inputs, so its checked, compiled form is reused.
 */
export function applySessionSettings(
  regulation: Regulation,
  settings: SessionSettings,
): Regulation {
  const key = SESSION_SETTING_KEYS.map((name) => String(settings[name])).join('|');
  let byKey = applied.get(regulation);
  if (!byKey) {
    byKey = new Map();
    applied.set(regulation, byKey);
  }
  const cached = byKey.get(key);
  if (cached) return cached;
  const result = deepFreeze(overridden(regulation, settings));
  byKey.set(key, result);
  return result;
}
