import { describe, expect, it } from 'vitest';
import { readSettingsForm, settingsFormValues } from './session-settings-form';

describe('session settings form', () => {
  it('shows the settings with French decimal commas and reads them back', () => {
    const values = settingsFormValues({
      controlEnabled: true,
      optionalMultiplier: 1.5,
      maxOptionalUnits: 2,
      markStep: 0.25,
    });
    expect(values).toEqual({
      controlEnabled: true,
      optionalMultiplier: '1,5',
      maxOptionalUnits: '2',
      markStep: '0,25',
    });
    expect(readSettingsForm(values)).toEqual({
      settings: {
        controlEnabled: true,
        optionalMultiplier: 1.5,
        maxOptionalUnits: 2,
        markStep: 0.25,
      },
      errors: null,
    });
  });

  it('refuses a step that does not divide 20 and plainly mistyped numbers, in French', () => {
    const read = readSettingsForm({
      controlEnabled: false,
      optionalMultiplier: 'un',
      maxOptionalUnits: '1,5',
      markStep: '0,3',
    });
    expect(read.errors).toEqual({
      optionalMultiplier: 'Un nombre positif, deux décimales au plus (1 ; 1,5).',
      maxOptionalUnits: 'Un nombre entier (0, 1, 2…).',
      markStep: 'Un pas qui divise 20 : 1 ; 0,5 ; 0,25 ; 0,1 ; 0,05 ; 0,01…',
    });
    for (const step of ['1', '0,5', '0,25', '0,1', '0,05', '0,01', '2', '5']) {
      expect(
        readSettingsForm({
          controlEnabled: true,
          optionalMultiplier: '1',
          maxOptionalUnits: '2',
          markStep: step,
        }).errors,
      ).toBeNull();
    }
    for (const step of ['0', '0,3', '0,15', '3', '0,001']) {
      expect(
        readSettingsForm({
          controlEnabled: true,
          optionalMultiplier: '1',
          maxOptionalUnits: '2',
          markStep: step,
        }).errors?.markStep,
      ).toBeDefined();
    }
  });
});
