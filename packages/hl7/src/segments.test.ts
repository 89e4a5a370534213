import { describe, it, expect } from 'vitest';
import { findControlCharacter, normalizeMessageText } from './segments.js';

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

describe('findControlCharacter', () => {
  it('names the first control character and its segment; tab and the segment separator are text', () => {
    expect(findControlCharacter('MSH|^~\\&|A\rPID|1\tx')).toBeNull();
    expect(findControlCharacter('MSH|^~\\&|A\rPID|1\rPV1|1|I|4W\u0000')).toEqual({
      code: 0,
      segment: 'PV1',
      segmentNumber: 3,
    });
    expect(findControlCharacter('MSH|^~\\&|A\rPID|\u001b[31m')).toMatchObject({ code: 0x1b, segment: 'PID' });
    expect(findControlCharacter('MSH|^~\\&|A\rZ\u007f')).toMatchObject({ code: 0x7f, segment: 'Z' });
  });
});
