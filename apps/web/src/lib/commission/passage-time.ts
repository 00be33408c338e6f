/** A scheduled time `HH:MM` in French writing: `08:30` → `8 h 30`, `14:00` → `14 h`. */
export function passageTime(time: string | null): string {
  if (time === null) return '';
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return time;
  const hours = String(Number(match[1]));
  return match[2] === '00' ? `${hours} h` : `${hours} h ${match[2]}`;
}
