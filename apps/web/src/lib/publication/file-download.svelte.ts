import { ApiRequestError } from '../api/api-client';

/** Why a download failed when the server gave no message of its own. */
export const DOWNLOAD_FAILED = 'Téléchargement impossible pour le moment. Réessayez.';

/**
 * A button's download of a file the server writes (a PDF, a CSV): whether it is running, and
 * why the last one failed, in French (the server's own message when it gave one).
 */
export class FileDownload {
  downloading = $state(false);
  problem = $state<string | null>(null);

  /** Runs `download`; a failure becomes `problem` and is not thrown. */
  async run(download: () => Promise<void>): Promise<void> {
    this.downloading = true;
    this.problem = null;
    try {
      await download();
    } catch (caught) {
      this.problem = caught instanceof ApiRequestError ? caught.message : DOWNLOAD_FAILED;
    } finally {
      this.downloading = false;
    }
  }
}
