/**
 * Evidence files for intake tests, crafted from bytes: a multipart body like the web page sends,
 * a PNG that decodes to a huge image while staying small on the wire, and the files on disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeflate } from 'node:zlib';

/** A multipart body with the conversation first and the file second (as the page sends them). */
export function multipartUpload(conversation: string, file: Buffer, opts: { type?: string; filename?: string; fileFirst?: boolean } = {}) {
  const boundary = '----waspadaIntake';
  const conv = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="conversation"\r\n\r\n${conversation}\r\n`);
  const filePart = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${opts.filename ?? 'bukti.jpg'}"\r\nContent-Type: ${opts.type ?? 'image/jpeg'}\r\n\r\n`),
    file,
    Buffer.from('\r\n'),
  ]);
  const parts = opts.fileFirst ? [filePart, conv] : [conv, filePart];
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Every file under the evidence directory (including temp files), with its bytes. */
export function filesUnder(dir: string): Array<{ name: string; bytes: Buffer }> {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => ({ name: d.name, bytes: readFileSync(join(d.parentPath, d.name)) }));
  } catch {
    return [];
  }
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * A valid greyscale PNG of `side`×`side` blank pixels: 16000×16000 is 256 MB decoded (and far
 * more once a decoder converts it to RGB) but about 250 KB on the wire. Rows are deflated as a
 * stream, so the test itself never holds the decoded image.
 */
export async function pixelBombPng(side: number): Promise<Buffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (d: Buffer) => out.push(d));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const row = Buffer.alloc(side + 1); // filter byte 0, then blank pixels
  for (let y = 0; y < side; y++) {
    if (!deflate.write(row)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', Buffer.concat(out)), chunk('IEND', Buffer.alloc(0))]);
}
