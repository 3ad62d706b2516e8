/**
 * Downloading a file a person uploaded, for the adapters: one bounded HTTP GET that stops reading
 * as soon as the body passes the size the caller accepts, so a platform's size claim that lies
 * (or is missing) cannot make the bot hold a huge file in memory.
 *
 * ```ts
 * const bytes = await downloadUpload(attachment.url, { maxBytes: 30 * 1024 * 1024 });
 * ```
 */

/** Why a download failed; the upload handler words it for the person. */
export class UploadDownloadError extends Error {
  constructor(
    readonly reason: 'too-large' | 'http' | 'network' | 'refused-host',
    message: string,
  ) {
    super(message);
    this.name = 'UploadDownloadError';
  }
}

export interface DownloadOptions {
  /** Stop and fail above this many bytes (the corpus ingestion limit). */
  maxBytes?: number;
  /** Extra request headers (Slack's `Authorization: Bearer <bot token>`). */
  headers?: Record<string, string>;
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
}

export async function downloadUpload(url: string, options: DownloadOptions = {}): Promise<Buffer> {
  const max = options.maxBytes ?? Number.POSITIVE_INFINITY;
  let res: Response;
  try {
    res = await fetch(url, { headers: options.headers, signal: AbortSignal.timeout(options.timeoutMs ?? 60_000), redirect: 'follow' });
  } catch (err) {
    throw new UploadDownloadError('network', `download failed: ${(err as Error).message}`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new UploadDownloadError('http', `download failed: HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new UploadDownloadError('too-large', `file is ${declared} bytes, more than ${max}`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => undefined);
        throw new UploadDownloadError('too-large', `file is more than ${max} bytes`);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

/**
 * True when `url` is https on one of `hosts` (or a subdomain), or points at a host of
 * `alsoAllowed` (the configured API base's host name, e.g. a loopback fake in tests). Keeps a bot token from
 * being sent anywhere a payload says.
 */
export function isAllowedDownloadUrl(url: string, hosts: readonly string[], alsoAllowed: readonly (string | undefined)[] = []): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const extra = alsoAllowed.flatMap((a) => {
    try {
      return a ? [new URL(a).hostname] : [];
    } catch {
      return [];
    }
  });
  if (extra.includes(u.hostname)) return true;
  return u.protocol === 'https:' && hosts.some((h) => u.hostname === h || u.hostname.endsWith(`.${h}`));
}
