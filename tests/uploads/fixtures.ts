/**
 * What the upload tests send: the real PDF fixture (tests/fixtures/ingest, made by
 * scripts/make-fixtures.ts), a GBK text, a PDF whose only page has no text (a scan without OCR),
 * and a loopback server standing in for a platform's file host (Discord's CDN, Slack's
 * files.slack.com) that records every download and the Authorization header it carried.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { encodeGbk } from '../helpers/gbk.ts';
import { ROOT } from '../helpers/run.ts';

export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'ingest');
export const DOC_NO = '晋市监规〔2025〕2号';
export const rewardPdf = (): Buffer => readFileSync(join(FIXTURES, 'reward-rule.pdf'));


/** A GBK-encoded municipal notice with 第X条 articles. */
export const GBK_NOTICE = encodeGbk(
  [
    '晋城市粮食应急保障办法',
    '晋市政发〔2023〕7号',
    '第一条 为做好粮食应急保障工作，制定本办法。',
    '第二条 粮食应急保障网点由市粮食和物资储备局认定，每两年复核一次。',
    '第三条 本办法自发布之日起施行。',
    '',
  ].join('\n'),
);

/** A valid one-page PDF with no text on the page, as a scanner without OCR would make it. */
export function pdfWithoutText(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    '<< /Length 0 >>\nstream\n\nendstream',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * The start of a legacy Word (Word 97–2003 .doc) file: an OLE2 compound file's 512-byte header —
 * signature D0 CF 11 E0 A1 B1 1A E1, version 3, little-endian byte order, 512-byte sectors — and one
 * empty sector. Nothing past the signature is read: such a file is refused by what it is.
 */
export function legacyWordFile(): Buffer {
  const b = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  b.writeUInt16LE(0x003e, 24); // minor version
  b.writeUInt16LE(0x0003, 26); // major version 3
  b.writeUInt16LE(0xfffe, 28); // byte order
  b.writeUInt16LE(9, 30); // sector size 2^9
  b.writeUInt16LE(6, 32); // mini sector size 2^6
  b.writeUInt32LE(1, 44); // FAT sectors
  b.writeUInt32LE(0xfffffffe, 48); // first directory sector: none
  b.writeUInt32LE(0x1000, 56); // mini stream cutoff
  b.writeUInt32LE(0xfffffffe, 60); // first mini FAT sector: none
  b.writeUInt32LE(0xfffffffe, 68); // first DIFAT sector: none
  b.fill(0xff, 76, 512); // DIFAT entries: free
  b.writeUInt32LE(0, 76); // the FAT is sector 0
  return b;
}

export interface Hosted {
  bytes: Buffer;
  contentType: string;
}

/** A file host on 127.0.0.1: `/files/<name>` serves what `put` stored; every request is recorded. */
export class FileHost {
  readonly files = new Map<string, Hosted>();
  readonly requests: Array<{ path: string; authorization?: string }> = [];
  private server!: Server;
  base = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      this.requests.push({ path, authorization: req.headers.authorization });
      const f = this.files.get(path.replace(/^\/files\//, ''));
      if (!f) return void res.writeHead(404).end('not found');
      res.writeHead(200, { 'content-type': f.contentType, 'content-length': String(f.bytes.length) }).end(f.bytes);
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Stores a file and returns its URL. */
  put(name: string, bytes: Buffer, contentType: string): string {
    this.files.set(name, { bytes, contentType });
    return `${this.base}/files/${encodeURIComponent(name)}`;
  }

  /** How many times `name` was downloaded. */
  downloads(name: string): number {
    return this.requests.filter((r) => r.path === `/files/${name}`).length;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
