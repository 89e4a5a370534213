import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('redacts patient fields and credentials, keeps message identifiers', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'test', destination });
    log.info(
      {
        controlId: 'MSG00001',
        messageType: 'ADT^A03',
        patient: { name: 'DOE^JANE', mrn: '123456' },
        mrn: '123456',
        birthDate: '1950-02-03',
        req: { headers: { authorization: 'Bearer secret-token' } },
      },
      'hl7 message stored',
    );
    const text = lines.join('');
    expect(text).toContain('MSG00001');
    expect(text).toContain('"service":"test"');
    expect(text).not.toContain('DOE');
    expect(text).not.toContain('123456');
    expect(text).not.toContain('1950-02-03');
    expect(text).not.toContain('secret-token');
  });
});
