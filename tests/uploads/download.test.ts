/**
 * The bounded download the adapters use for uploads: a platform's size claim may be missing or
 * wrong, so the body itself is cut off at the limit; a bot token goes only to the platform's hosts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadUpload, isAllowedDownloadUrl, UploadDownloadError } from '../../src/bot/core/download.ts';
import { uploadFileName } from '../../src/bot/features/corpus/upload.ts';
import { FileHost } from './fixtures.ts';

const host = new FileHost();
beforeAll(() => host.start());
afterAll(() => host.stop());

describe('downloadUpload', () => {
  it('returns the bytes within the limit', async () => {
    const url = host.put('a.txt', Buffer.from('第一条 内容'), 'text/plain');
    expect((await downloadUpload(url, { maxBytes: 100 })).toString('utf8')).toBe('第一条 内容');
  });

  it('fails as too-large when the body passes the limit, whatever the platform announced', async () => {
    const url = host.put('big.txt', Buffer.alloc(5000, 0x41), 'text/plain');
    const err = await downloadUpload(url, { maxBytes: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadDownloadError);
    expect((err as UploadDownloadError).reason).toBe('too-large');
  });

  it('fails with the HTTP status when the file is gone', async () => {
    const err = await downloadUpload(`${host.base}/files/missing`).catch((e: unknown) => e);
    expect((err as UploadDownloadError).reason).toBe('http');
    expect((err as Error).message).toContain('404');
  });
});

describe('isAllowedDownloadUrl', () => {
  it('allows https on the platform hosts and the configured API host, nothing else', () => {
    expect(isAllowedDownloadUrl('https://files.slack.com/files-pri/T1-F1/download/a.pdf', ['slack.com'])).toBe(true);
    expect(isAllowedDownloadUrl('http://files.slack.com/a.pdf', ['slack.com'])).toBe(false);
    expect(isAllowedDownloadUrl('https://evil.example/slack.com/a.pdf', ['slack.com'])).toBe(false);
    expect(isAllowedDownloadUrl('https://notslack.com/a.pdf', ['slack.com'])).toBe(false);
    expect(isAllowedDownloadUrl('http://127.0.0.1:9/files/a.pdf', ['slack.com'], ['http://127.0.0.1:8/api/'])).toBe(true);
    expect(isAllowedDownloadUrl('not a url', ['slack.com'])).toBe(false);
  });
});

describe('uploadFileName', () => {
  it('keeps a supported name, names an extensionless file from its content type, and names what is unsupported', () => {
    expect(uploadFileName({ fileName: '办法.PDF' })).toEqual({ name: '办法.PDF' });
    expect(uploadFileName({ fileName: '办法', mimeType: 'application/pdf' })).toEqual({ name: '办法.pdf' });
    expect(uploadFileName({ fileName: '办法', mimeType: 'text/plain; charset=gbk' })).toEqual({ name: '办法.txt' });
    expect(uploadFileName({ fileName: 'x.xlsx' })).toEqual({ unsupported: '.xlsx' });
    expect(uploadFileName({ fileName: 'x', mimeType: 'image/png' })).toEqual({ unsupported: 'image/png' });
  });
});
