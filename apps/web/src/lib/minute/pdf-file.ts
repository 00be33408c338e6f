/** Largest file the verification page sends (the server refuses more than 20 MB). */
export const MAX_PDF_BYTES = 20 * 1024 * 1024;

/** Why a chosen file cannot be verified, in French; null when it can be sent. */
export function pdfFileProblem(file: { name: string; type: string; size: number }): string | null {
  const looksPdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
  if (!looksPdf) return `« ${file.name} » n’est pas un fichier PDF : choisissez le procès-verbal.`;
  if (file.size === 0) return `« ${file.name} » est vide.`;
  if (file.size > MAX_PDF_BYTES) {
    return `« ${file.name} » est trop volumineux (20 Mo au plus).`;
  }
  return null;
}
