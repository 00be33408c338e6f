/** A file chosen or dropped for an import, checked before it is sent. */

/** The server refuses larger bodies (`express.raw` limit). */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

const CSV_NAME = /\.(csv|txt|tsv)$/i;

/** A French reason to refuse the file before sending it, or null when it may be sent. */
export function csvFileProblem(file: { name: string; size: number }): string | null {
  if (!CSV_NAME.test(file.name)) {
    return `« ${file.name} » n’est pas un fichier CSV : enregistrez le tableau au format CSV (séparateur point-virgule) puis choisissez ce fichier.`;
  }
  if (file.size === 0) return `« ${file.name} » est vide.`;
  if (file.size > MAX_CSV_BYTES) {
    return `« ${file.name} » est trop volumineux (${megabytes(file.size)} Mo) : 5 Mo au plus.`;
  }
  return null;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
}

/** The one file of a drop or a picker; a French reason when there is none or several. */
export function singleFile<T>(files: ArrayLike<T> | null | undefined): T | string {
  if (!files || files.length === 0) return 'Aucun fichier reçu.';
  if (files.length > 1) return 'Déposez un seul fichier à la fois.';
  return files[0] as T;
}
