import type { ParamMatcher } from '@sveltejs/kit';

/** A database id: a positive integer without leading zero. */
export const match: ParamMatcher = (param) => /^[1-9][0-9]{0,9}$/.test(param);
