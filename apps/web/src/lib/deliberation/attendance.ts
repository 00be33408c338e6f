import {
  juryParity,
  MEMBER_CATEGORY_LABELS,
  type AttendanceValue,
  type Parity,
  type BoardMember,
  type MemberCategory,
} from '@delib/protocol';

/** One member of the jury as the minute will record them. */
export interface AttendanceLine {
  member: BoardMember;
  present: boolean;
  category: MemberCategory;
  /** The president recorded it; otherwise the line shows the defaults of the minute. */
  recorded: boolean;
}

/**
 * Attendance of every member: what the president recorded (map `attendance`), or what the
 * minute assumes without it (present, in the category of the appointment).
 */
export function attendanceLines(
  members: readonly BoardMember[],
  recorded: ReadonlyMap<string, AttendanceValue>,
): AttendanceLine[] {
  return members.map((member) => {
    const value = recorded.get(member.userId);
    return {
      member,
      present: value?.present ?? true,
      category: value?.category ?? member.category,
      recorded: value !== undefined,
    };
  });
}

/** The jury's parity rule (protocol), applied to the attendance of the day. */
function parityOf(lines: readonly AttendanceLine[]): Parity {
  return juryParity(
    lines.map((line) => ({
      category: line.category,
      president: line.member.president,
      present: line.present,
    })),
  );
}

/** Present members besides the president, teachers against professionals (employers or employees). */
export function parityCount(lines: readonly AttendanceLine[]): {
  teachers: number;
  professionals: number;
} {
  const { teachers, professionals } = parityOf(lines);
  return { teachers, professionals };
}

/** The warning the board shows when the members present are not balanced; null when they are. */
export function parityWarning(lines: readonly AttendanceLine[]): string | null {
  return parityOf(lines).warning;
}

export const CATEGORY_OPTIONS: readonly { value: MemberCategory; label: string }[] = (
  Object.entries(MEMBER_CATEGORY_LABELS) as [MemberCategory, string][]
).map(([value, label]) => ({ value, label }));
