import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MllpClient } from '@adt/cli';
import { decodeHl7Bytes, parseAdtMessage, splitBatch } from '@adt/hl7';
import { startTestStack, waitFor, type TestStack } from './stack.js';

const CORPUS = path.resolve(import.meta.dirname, '../fixtures/corpus');

/** Names, identifiers, birth dates and phone numbers found in the corpus: none may reach a log. */
async function phiTokens(): Promise<Set<string>> {
  const tokens = new Set<string>();
  for (const name of await readdir(CORPUS)) {
    const text = decodeHl7Bytes(await readFile(path.join(CORPUS, name)));
    for (const message of splitBatch(text)) {
      let adt;
      try {
        adt = parseAdtMessage(message);
      } catch {
        continue;
      }
      const p = adt.patient;
      for (const word of [p.familyName, p.givenName]) if (word.length >= 3) tokens.add(word);
      for (const id of [...p.identifiers, ...adt.priorIdentifiers]) if (id.id.length >= 4) tokens.add(id.id);
      if (/^\d{8}/.test(p.birthDate)) {
        const d = p.birthDate.slice(0, 8);
        tokens.add(d);
        tokens.add(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`);
      }
      const digits = p.phone.replace(/\D/g, '');
      if (digits.length >= 7) tokens.add(digits);
    }
  }
  return tokens;
}

describe('PHI never reaches the logs', () => {
  const lines: string[] = [];
  let stack: TestStack;

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    stack = await startTestStack('phiscan', { LOG_LEVEL: 'debug' }, { logDestination: destination });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('a full run over the corpus (receipt, processing, API reads) logs no patient name, MRN, birth date or phone', async () => {
    const files = (await readdir(CORPUS)).sort();
    const client = await MllpClient.connect('127.0.0.1', stack.listener.mllpPort);
    for (const name of files) {
      await client.send(await readFile(path.join(CORPUS, name)));
    }
    await client.close();
    // Let the worker finish: every accepted message processed or failed.
    await waitFor(async () => {
      const waiting = await stack.db.pool.query(
        "SELECT 1 FROM inbound_messages WHERE status = 'received' LIMIT 1",
      );
      return waiting.rowCount === 0 ? true : undefined;
    }, 20_000);

    const admin = await stack.token('admin');
    const ops = await stack.token('ops');
    const list = (await (await stack.get('/api/follow-ups?limit=5', admin)).json()) as {
      items: { id: string; patient: { mrn: string } }[];
    };
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) {
      expect((await stack.get(`/api/follow-ups/${item.id}`, admin)).status).toBe(200);
      expect(
        (await stack.get(`/api/follow-ups?mrn=${encodeURIComponent(item.patient.mrn)}`, admin)).status,
      ).toBe(200);
      expect((await stack.get(`/api/messages?mrn=${encodeURIComponent(item.patient.mrn)}`, ops)).status).toBe(
        200,
      );
    }
    expect((await stack.get('/api/worklist?format=csv', admin)).status).toBe(200);

    // The run really went through receipt and processing (the scan is only as good as its input).
    expect(lines.filter((l) => l.includes('"msg":"hl7 message stored"')).length).toBeGreaterThan(30);
    expect(lines.filter((l) => l.includes('"msg":"message applied"')).length).toBeGreaterThan(30);
    const tokens = await phiTokens();
    expect(tokens.size).toBeGreaterThan(50);
    const leaks: string[] = [];
    for (const token of tokens) {
      const pattern = new RegExp(
        `(^|[^A-Za-z0-9])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9])`,
      );
      const hit = lines.find((line) => pattern.test(line));
      if (hit) leaks.push(`${token} in ${hit.slice(0, 200)}`);
    }
    expect(leaks).toEqual([]);
  });
});
