/** `DURAND Camille`: the family name first, in capitals, as on the minute. */
export function candidateName(person: { lastName: string; firstName: string }): string {
  return `${person.lastName.toLocaleUpperCase('fr')} ${person.firstName}`.trim();
}
