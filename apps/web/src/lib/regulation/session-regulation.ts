import { getRegulation, isRulesError, type Regulation } from '@delib/rules';
import { error } from '@sveltejs/kit';

/** The regulation an exam session follows; an unknown one is an error page, not a guess. */
export function sessionRegulation(regulationId: string): Regulation {
  try {
    return getRegulation(regulationId);
  } catch (caught) {
    if (isRulesError(caught)) error(500, { message: caught.message, code: caught.code });
    throw caught;
  }
}
