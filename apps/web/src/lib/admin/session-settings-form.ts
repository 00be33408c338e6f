import type { SessionSettings } from '@delib/rules';

/** The settings form of a session: what is typed, read back into numbers (French commas). */
export interface SettingsFormValues {
  controlEnabled: boolean;
  optionalMultiplier: string;
  maxOptionalUnits: string;
  markStep: string;
}

/** The steps offered first; any divisor of 20 with two decimals at most is accepted. */
export const MARK_STEPS = ['1', '0,5', '0,25', '0,1', '0,05', '0,01'] as const;

export function settingsFormValues(settings: SessionSettings): SettingsFormValues {
  const french = (value: number): string => String(value).replace('.', ',');
  return {
    controlEnabled: settings.controlEnabled,
    optionalMultiplier: french(settings.optionalMultiplier),
    maxOptionalUnits: String(settings.maxOptionalUnits),
    markStep: french(settings.markStep),
  };
}

function decimal(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(trimmed) ? Number(trimmed) : null;
}

/** `0,25` → 25: the typed decimal in integer hundredths, read from its digits. */
function hundredths(text: string): number | null {
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/**
 * The settings typed, or the French error of each field. The server checks them again (and
 * against what the session already holds); this only catches what is plainly mistyped.
 */
export function readSettingsForm(
  values: SettingsFormValues,
):
  | { settings: SessionSettings; errors: null }
  | { settings: null; errors: Partial<Record<keyof SettingsFormValues, string>> } {
  const errors: Partial<Record<keyof SettingsFormValues, string>> = {};
  const optionalMultiplier = decimal(values.optionalMultiplier);
  if (optionalMultiplier === null) {
    errors.optionalMultiplier = 'Un nombre positif, deux décimales au plus (1 ; 1,5).';
  }
  const maxOptionalUnits = /^\d{1,2}$/.test(values.maxOptionalUnits.trim())
    ? Number(values.maxOptionalUnits.trim())
    : null;
  if (maxOptionalUnits === null) errors.maxOptionalUnits = 'Un nombre entier (0, 1, 2…).';
  const markStep = decimal(values.markStep);
  const stepHundredths = hundredths(values.markStep);
  if (stepHundredths === null || stepHundredths === 0 || 2000 % stepHundredths !== 0) {
    errors.markStep = 'Un pas qui divise 20 : 1 ; 0,5 ; 0,25 ; 0,1 ; 0,05 ; 0,01…';
  }
  if (
    optionalMultiplier === null ||
    maxOptionalUnits === null ||
    markStep === null ||
    Object.keys(errors).length > 0
  ) {
    return { settings: null, errors };
  }
  return {
    settings: {
      controlEnabled: values.controlEnabled,
      optionalMultiplier,
      maxOptionalUnits,
      markStep,
    },
    errors: null,
  };
}

/** `0,5`: the step as a person reads it. */
export function stepLabel(step: number): string {
  return String(step).replace('.', ',');
}
