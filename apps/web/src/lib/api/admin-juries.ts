import type { CommissionSummary } from '@delib/protocol';
import { requestApi } from './api-client';

/**
 * One jury as `GET /api/juries` lists it for an administrator. The route is not typed in
 * `@delib/protocol` yet; this mirrors what the server sends.
 */
export interface AdminJuryListing {
  id: number;
  name: string;
  locked: boolean;
  commissions: Omit<CommissionSummary, 'juryId'>[];
}

export function fetchAllJuries(fetchFn: typeof fetch): Promise<AdminJuryListing[]> {
  return requestApi<AdminJuryListing[]>(fetchFn, '/api/juries');
}
