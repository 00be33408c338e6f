import type { SessionSettings } from '@delib/rules';

/**
 * JSON of the regulation uploads (`/api/admin/regulations`) and of a session's settings
 * (`/api/admin/exam-sessions/:id/settings`).
 */

/** Who uploaded a regulation, when, and the SHA-256 of the stored text. */
export interface UploadedRegulationInfo {
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
}

/** `POST /api/admin/regulations`: 201 (stored) or 200 (the same text was already stored). */
export interface RegulationUploadAnswer {
  id: string;
  label: string;
  sha256: string;
  created: boolean;
}

/** `details` of a 422 `INVALID_REGULATION`: every fault, by JSON path, in French. */
export interface RegulationIssues {
  issues: { path: string; message: string }[];
}

/** `GET` and `PUT /api/admin/exam-sessions/:id/settings`. */
export interface SessionSettingsView {
  settings: SessionSettings;
  /** The regulation's own values. */
  defaults: SessionSettings;
  /** Why they can no longer change (a mark exists), or null. */
  frozenReason: string | null;
}

/** Stable codes of these routes' refusals. */
export const RegulationErrorCode = {
  INVALID_REGULATION: 'INVALID_REGULATION',
  REGULATION_EXISTS: 'REGULATION_EXISTS',
  REGULATION_TOO_LARGE: 'REGULATION_TOO_LARGE',
  INVALID_SETTINGS: 'INVALID_SETTINGS',
  SETTINGS_FROZEN: 'SETTINGS_FROZEN',
} as const;
