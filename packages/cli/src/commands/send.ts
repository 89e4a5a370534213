import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ackCodeFromAck, MllpClient, normalizeMessageText } from '@adt/hl7';

const HL7_EXTENSIONS = new Set(['.hl7', '.txt', '.msg', '.er7']);

async function filesToSend(target: string): Promise<string[]> {
  const info = await stat(target);
  if (!info.isDirectory()) return [target];
  const names = (await readdir(target))
    .filter((n) => HL7_EXTENSIONS.has(path.extname(n).toLowerCase()))
    .sort();
  return names.map((n) => path.join(target, n));
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Fixes line endings and leading noise without re-encoding: a file in Latin-1 or any other
 * declared MSH-18 character set must reach the receiver byte for byte. Latin-1 maps every byte to
 * one character, so decoding and re-encoding with it is lossless.
 */
function normalizeFileBytes(bytes: Buffer): Buffer {
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  return Buffer.from(normalizeMessageText(body.toString('latin1')), 'latin1');
}

/** Each MSA in an answer: one for a message, one per message for a batch. */
function ackCodes(answer: string): { code: string; controlId: string; text: string }[] {
  const messages = normalizeMessageText(answer)
    .split(/\r(?=MSH)/)
    .filter((m) => m.includes('MSA'));
  return messages.map((m) => ackCodeFromAck(m.slice(m.indexOf('MSH'))));
}

/**
 * `send <file-or-dir> [--host h] [--port p]`: sends each file over MLLP and prints its ACK codes.
 * @param target - a file, or a folder of .hl7 files sent in name order
 * @param options - receiver address
 * @returns 0 when every ACK is AA (or CA), 1 otherwise
 */
export async function sendCommand(target: string, options: { host: string; port: number }): Promise<number> {
  const files = await filesToSend(target);
  if (files.length === 0) throw new Error(`no HL7 files (${[...HL7_EXTENSIONS].join(', ')}) in ${target}`);
  const client = await MllpClient.connect(options.host, options.port);
  let failures = 0;
  try {
    for (const file of files) {
      const answer = await client.send(normalizeFileBytes(await readFile(file)));
      for (const ack of ackCodes(answer)) {
        const ok = ack.code === 'AA' || ack.code === 'CA';
        if (!ok) failures += 1;
        const detail = ack.text ? ` ${ack.text}` : '';
        process.stdout.write(`${ack.code} ${file} ${ack.controlId}${detail}\n`);
      }
    }
  } finally {
    await client.close();
  }
  return failures === 0 ? 0 : 1;
}
