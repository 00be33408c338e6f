import { INVITATION_CODE_LENGTH, normalizeInvitationCode } from './invitation-code';

/** The public form of an invited professional: the code of the convocation and their name. */

/** The server's rule for the name: letters first, then letters, spaces, hyphens, apostrophes. */
const NAME = /^\p{L}[\p{L}\p{M} '’.-]*$/u;

export type RedeemFormOutcome =
  | { ok: true; code: string; name: string }
  | { ok: false; errors: { code?: string; name?: string } };

export function checkRedeemForm(codeText: string, nameText: string): RedeemFormOutcome {
  const errors: { code?: string; name?: string } = {};
  const code = normalizeInvitationCode(codeText);
  if (codeText.trim() === '') errors.code = 'Saisissez le code imprimé sur votre convocation.';
  else if (code === null) {
    errors.code = `Ce code n’a pas la bonne forme : il compte ${INVITATION_CODE_LENGTH} lettres et chiffres (sans 0, O, 1 ni I), par exemple ABCD-EFGH-JKLM.`;
  }
  const name = nameText.trim().replace(/\s+/g, ' ');
  if (name.length < 2) errors.name = 'Saisissez votre prénom et votre nom.';
  else if (name.length > 100) errors.name = 'Nom trop long (100 caractères au plus).';
  else if (!NAME.test(name)) {
    errors.name = 'Le nom ne contient que des lettres, espaces, tirets, apostrophes et points.';
  }
  if (errors.code || errors.name || code === null) return { ok: false, errors };
  return { ok: true, code, name };
}

/** `/salle/12` → 12; null for anything else. */
export function roomIdOf(room: string): number | null {
  const match = /^\/salle\/([1-9]\d{0,9})$/.exec(room);
  return match ? Number(match[1]) : null;
}
