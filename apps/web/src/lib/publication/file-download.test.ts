import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/api-client';
import { DOWNLOAD_FAILED, FileDownload } from './file-download.svelte';

describe('FileDownload', () => {
  it('is downloading while the file comes, then no longer, without a problem', async () => {
    const download = new FileDownload();
    let finish: () => void = () => {};
    const running = download.run(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(download.downloading).toBe(true);
    finish();
    await running;
    expect(download.downloading).toBe(false);
    expect(download.problem).toBeNull();
  });

  it('says the server’s message when it gave one, else that the download failed', async () => {
    const download = new FileDownload();
    await download.run(async () => {
      throw new ApiRequestError(
        409,
        'MINUTE_NOT_SIGNED',
        'Le procès-verbal n’est pas signé.',
        null,
      );
    });
    expect(download.problem).toBe('Le procès-verbal n’est pas signé.');
    expect(download.downloading).toBe(false);

    await download.run(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(download.problem).toBe(DOWNLOAD_FAILED);
  });

  it('clears the last problem when a new download starts', async () => {
    const download = new FileDownload();
    await download.run(async () => {
      throw new TypeError('Failed to fetch');
    });
    await download.run(async () => {});
    expect(download.problem).toBeNull();
  });
});
