import { redirect } from '@sveltejs/kit';
import { landingPath, safeReturnPath } from '$lib/session/landing-path';
import type { PageLoad } from './$types';

/** Someone already signed in goes straight to their place. */
export const load: PageLoad = async ({ parent, url }) => {
  const { me } = await parent();
  if (me) redirect(303, safeReturnPath(url.searchParams.get('suite')) ?? landingPath(me));
  return {};
};
