/** Ids of the board's parts that links lead to: the skip link, the admin's links. */

/** The table's scrolling container (focusable, so that arrows scroll it). */
export const BOARD_TABLE_ID = 'tableau';

/** The minute panel (downloads, signature), once the jury is locked. */
export const MINUTE_PANEL_ID = 'proces-verbal';
