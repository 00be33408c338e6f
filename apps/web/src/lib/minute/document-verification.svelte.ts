import { formatVerificationCode, parseVerificationCode, type MinuteVerdict } from '@delib/protocol';
import { ApiRequestError } from '../api/api-client';
import { lookupVerificationCode, verifyMinute } from './minute-api';
import { pdfFileProblem } from './pdf-file';

/** The two ways to verify a signed document: its PDF, or the code printed on its pages. */
export interface VerificationApi {
  verifyFile: (file: File) => Promise<MinuteVerdict>;
  lookUpCode: (code: string) => Promise<MinuteVerdict>;
}

const SERVER: VerificationApi = { verifyFile: verifyMinute, lookUpCode: lookupVerificationCode };

function failure(error: unknown): string {
  return error instanceof ApiRequestError
    ? error.message
    : 'Vérification impossible pour le moment.';
}

/**
 * The verification page's state: what was verified (`source`), the verdict, or why there is
 * none. One verification at a time; a new one clears the previous verdict.
 */
export class DocumentVerification {
  verdict = $state<MinuteVerdict | null>(null);
  /** « Fichier vérifié : pv.pdf », « Code vérifié : 3f2a 9b1c 0d4e ». */
  source = $state('');
  problem = $state<string | null>(null);
  busy = $state(false);

  private readonly api: VerificationApi;

  constructor(api: VerificationApi = SERVER) {
    this.api = api;
  }

  /** Verifies a PDF; false when it was not sent (none, busy, or not a PDF the server takes). */
  async checkFile(file: File | undefined): Promise<boolean> {
    if (!file || this.busy) return false;
    this.verdict = null;
    this.source = `Fichier vérifié : ${file.name}`;
    this.problem = pdfFileProblem(file);
    if (this.problem) return false;
    this.busy = true;
    try {
      this.verdict = await this.api.verifyFile(file);
    } catch (error) {
      this.problem = failure(error);
    } finally {
      this.busy = false;
    }
    return true;
  }

  /** Looks up the code of a QR code's address (`/verifier?code=…`) or typed by hand. */
  async lookUp(text: string): Promise<void> {
    if (this.busy) return;
    this.verdict = null;
    const code = parseVerificationCode(text);
    if (code === null) {
      this.problem = `« ${text.trim()} » n’est pas un code de vérification : il compte 12 caractères, chiffres et lettres de a à f (par exemple 3f2a 9b1c 0d4e).`;
      return;
    }
    this.problem = null;
    this.source = `Code vérifié : ${formatVerificationCode(code)}`;
    this.busy = true;
    try {
      this.verdict = await this.api.lookUpCode(code);
    } catch (error) {
      this.problem = failure(error);
    } finally {
      this.busy = false;
    }
  }
}
