import { isRulesError, loadRegulation, type Regulation } from '@delib/rules';
import { error } from '@sveltejs/kit';

/**
 * The regulation an exam session follows, as the API sends it: shipped or uploaded by the
 * centre, with the session's settings in place (mark step, options, contrôle). Checked again
 * here by `loadRegulation`: a regulation that does not load is an error page, not a guess.
 * Typed as the API declares it (not `unknown`), so that passing the session's regulation id
 * instead fails the type check.
 */
export function sessionRegulation(regulation: Regulation): Regulation {
  try {
    return loadRegulation(regulation);
  } catch (caught) {
    if (isRulesError(caught)) error(500, { message: caught.message, code: caught.code });
    throw caught;
  }
}
