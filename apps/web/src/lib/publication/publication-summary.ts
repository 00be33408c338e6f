import type { AdmittedList, PublicationJury } from '@delib/protocol';
import { frenchDateTime } from '../format/date-time';

/** The words of the list of admitted candidates, kept apart from the page so they are tested. */

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count > 1 ? pluralForm : singular}`;
}

/** `Délibération verrouillée le 4 juin 2027 à 14 h 03 : 4 admis`, or not deliberated yet. */
export function juryState(jury: PublicationJury): string {
  if (!jury.locked) return 'non encore délibéré : aucun candidat publié';
  const when = frenchDateTime(jury.lockedAt);
  return `délibération verrouillée${when ? ` le ${when}` : ''} : ${plural(jury.admitted, 'admis', 'admis')}`;
}

/** What the list covers: the whole session, or one jury. */
export function scopeLabel(list: AdmittedList): string {
  if (list.scope === 'jury') return list.juries[0]?.name ?? 'Jury';
  const locked = list.juries.filter((jury) => jury.locked).length;
  if (locked === list.juries.length) return 'Tous les jurys de la session';
  if (locked === 0) return 'Aucun jury de la session n’a encore délibéré';
  return `${plural(locked, 'jury', 'jurys')} sur ${list.juries.length} ${locked > 1 ? 'ont' : 'a'} délibéré`;
}

/** `4 candidats admis, dont 1 sans consentement, publié par son seul numéro.` */
export function admittedSummary(list: AdmittedList): string {
  const admitted = plural(list.candidates.length, 'candidat admis', 'candidats admis');
  if (list.withoutName === 0) return `${admitted}.`;
  const without =
    list.withoutName > 1
      ? `${list.withoutName} sans consentement à la publication de leur nom, publiés par leur seul numéro`
      : '1 sans consentement à la publication de son nom, publié par son seul numéro';
  return `${admitted}, dont ${without}.`;
}
