import type { BoardView } from '@delib/protocol';
import { requestApi } from '$lib/api/api-client';
import { BOARD_TABLE_ID } from '$lib/board/board-anchors';
import { sessionRegulation } from '$lib/regulation/session-regulation';
import { failLoad, requireSession } from '$lib/session/require-session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const { me } = await parent();
  const user = requireSession(me, url);
  let board: BoardView;
  try {
    board = await requestApi<BoardView>(fetch, `/api/juries/${params.id}/board`);
  } catch (caught) {
    failLoad(caught, url);
  }
  return {
    board,
    me: user,
    regulation: sessionRegulation(board.session.regulationId),
    skipLink: { label: 'Aller au tableau', target: BOARD_TABLE_ID },
  };
};
