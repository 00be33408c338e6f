import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/api-client';
import { describePath, regulationFileProblem, uploadFailure } from './regulation-upload';

describe('regulation upload, in the page', () => {
  it('refuses an empty, oversized or non-JSON file before sending it', () => {
    expect(regulationFileProblem({ name: 'r.json', size: 0 })).toBe(
      'Le fichier « r.json » est vide.',
    );
    expect(regulationFileProblem({ name: 'r.json', size: 300 * 1024 })).toMatch(/256 Ko/);
    expect(regulationFileProblem({ name: 'r.csv', size: 10 })).toMatch(/\.json attendu/);
    expect(regulationFileProblem({ name: 'R.JSON', size: 10 })).toBeNull();
  });

  it('keeps the server’s message and every issue of a refusal', () => {
    const issues = [{ path: '$.units[3].coefficient', message: 'attendu un nombre…' }];
    const caught = new ApiRequestError(
      422,
      'INVALID_REGULATION',
      'Règlement refusé : 1 erreur.',
      null,
      {
        issues,
      },
    );
    expect(uploadFailure(caught)).toEqual({ message: 'Règlement refusé : 1 erreur.', issues });
    expect(uploadFailure(new Error('x')).issues).toEqual([]);
  });

  it('says in words where a JSON path points', () => {
    expect(describePath('$.units[3].coefficient')).toBe('unité n° 4, champ « coefficient »');
    expect(describePath('$.settings.markStep')).toBe('réglages, champ « markStep »');
    expect(describePath('$.settings.control.choices.LV1[1]')).toBe(
      'réglages, épreuves de contrôle, choix, « LV1 », élément n° 2',
    );
    expect(describePath('$')).toBe('le fichier entier');
  });
});
