import type { AdminJuryListing } from '@delib/protocol';
import { requestApi } from './api-client';

/** Every jury, as `GET /api/juries` lists them for an administrator. */

export function fetchAllJuries(fetchFn: typeof fetch): Promise<AdminJuryListing[]> {
  return requestApi<AdminJuryListing[]>(fetchFn, '/api/juries');
}
