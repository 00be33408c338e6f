import { error } from '@sveltejs/kit';
import { requireSession } from '$lib/session/require-session';
import type { LayoutLoad } from './$types';

/** The centre's administration: signed in, and an administrator (the server checks it too). */
export const load: LayoutLoad = async ({ parent, url }) => {
  const { me } = await parent();
  const user = requireSession(me, url);
  if (user.user.role !== 'admin') {
    error(403, {
      message: 'Ces pages sont réservées au service des examens du centre.',
      code: 'FORBIDDEN',
    });
  }
  return { me: user };
};
