import type { RegulationIssues } from '@delib/protocol';
import { ApiRequestError } from '../api/api-client';

/** The largest regulation file the server takes (256 Ko): refused here before sending. */
export const MAX_REGULATION_BYTES = 256 * 1024;

/** Why this file cannot be a regulation, before it is sent; null when it may be sent. */
export function regulationFileProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `Le fichier « ${file.name} » est vide.`;
  if (file.size > MAX_REGULATION_BYTES) {
    return `Le fichier « ${file.name} » est trop volumineux : un règlement fait au plus 256 Ko.`;
  }
  if (!/\.json$/i.test(file.name)) {
    return `Le fichier « ${file.name} » n’est pas un fichier JSON (.json attendu).`;
  }
  return null;
}

export interface UploadFailure {
  message: string;
  /** Each fault with its JSON path (`$.units[3].coefficient`), as the server found it. */
  issues: { path: string; message: string }[];
}

function isIssues(value: unknown): value is RegulationIssues {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { issues?: unknown }).issues)
  );
}

/** The refusal of an upload, for the page: the server's French message and its issues. */
export function uploadFailure(caught: unknown): UploadFailure {
  if (caught instanceof ApiRequestError) {
    return {
      message: caught.message,
      issues: isIssues(caught.details) ? caught.details.issues : [],
    };
  }
  return { message: 'Le dépôt n’a pas abouti. Réessayez dans un instant.', issues: [] };
}

/** The sections of a regulation file, in words. */
const SECTIONS: Readonly<Record<string, string>> = {
  settings: 'réglages',
  control: 'épreuves de contrôle',
  choices: 'choix',
};

/**
 * Where a JSON path points, in words, to help find it in the file:
 * `$.units[3].coefficient` → `unité n° 4, champ « coefficient »`.
 */
export function describePath(path: string): string {
  if (path === '$') return 'le fichier entier';
  const parts: string[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(path)) !== null) {
    if (match[2] !== undefined) {
      const previous = parts.pop() ?? '';
      const what = previous === 'units' ? 'unité' : `« ${previous} », élément`;
      parts.push(`${what} n° ${Number(match[2]) + 1}`);
    } else parts.push(match[1] as string);
  }
  const last = parts.pop() ?? '';
  const head = parts
    .map((part) => (part.includes('n°') ? part : (SECTIONS[part] ?? `« ${part} »`)))
    .join(', ');
  const field = last.includes('n°') ? last : `champ « ${last} »`;
  return head ? `${head}, ${field}` : field;
}
