import { describe, it, expect } from 'vitest';
import { decodeHl7Bytes, normalizeMessageText } from './segments.js';

describe('normalizeMessageText', () => {
  it('leaves a canonical message unchanged', () => {
    const text = 'MSH|^~\\&|A\rPID|1';
    expect(normalizeMessageText(text)).toBe(text);
  });

  it('converts LF and CRLF to CR and drops empty segments', () => {
    expect(normalizeMessageText('MSH|^~\\&|A\r\nPID|1\n\nPV1|1\r\n')).toBe('MSH|^~\\&|A\rPID|1\rPV1|1');
  });

  it('strips a BOM and whitespace before MSH, FHS or BHS', () => {
    expect(normalizeMessageText('\uFEFF \r\nMSH|^~\\&|A')).toBe('MSH|^~\\&|A');
    expect(normalizeMessageText('\n\nFHS|^~\\&\rBHS|^~\\&')).toBe('FHS|^~\\&\rBHS|^~\\&');
  });

  it('drops a trailing separator and whitespace-only segments', () => {
    expect(normalizeMessageText('MSH|^~\\&|A\r  \rPID|1\r')).toBe('MSH|^~\\&|A\rPID|1');
  });
});

describe('decodeHl7Bytes', () => {
  it('reads valid UTF-8 as UTF-8', () => {
    expect(decodeHl7Bytes(Buffer.from('PID|1||Müller', 'utf8'))).toBe('PID|1||Müller');
  });

  it('falls back to Latin-1 for bytes that are not UTF-8', () => {
    expect(decodeHl7Bytes(Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]))).toBe('Müller');
  });

  it('drops a UTF-8 BOM in both cases', () => {
    expect(decodeHl7Bytes(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
    expect(decodeHl7Bytes(Buffer.from([0xef, 0xbb, 0xbf, 0xe9]))).toBe('é');
  });
});
