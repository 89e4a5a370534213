import { describe, it, expect } from 'vitest';
import { declaredCharacterSet, decodeHl7Bytes, encodeHl7Text } from './character-set.js';

/** A message whose MSH-18 is `charset`, with `name` as PID-5, encoded by `encode`. */
function message(charset: string, name: Buffer): Buffer {
  const msh = `MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|C1|P|2.5.1||||||${charset}\rPID|1||M1||`;
  return Buffer.concat([Buffer.from(msh, 'latin1'), name]);
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('declaredCharacterSet', () => {
  it('reads MSH-18, first repetition and first component, after a BOM, whitespace or a batch header', () => {
    expect(declaredCharacterSet(message('8859/1', latin1('X')))).toBe('8859/1');
    expect(declaredCharacterSet(message('UNICODE UTF-8~ISO IR87', latin1('X')))).toBe('UNICODE UTF-8');
    expect(declaredCharacterSet(Buffer.concat([utf8('\uFEFF\r\n'), message('ASCII', latin1('X'))]))).toBe(
      'ASCII',
    );
    expect(
      declaredCharacterSet(Buffer.concat([latin1('FHS|^~\\&\rBHS|^~\\&\r'), message('8859/2', latin1(''))])),
    ).toBe('8859/2');
    expect(declaredCharacterSet(latin1('MSH#$*@%#A#F#R#RF#2026##ADT$A01#C1#P#2.5.1######8859/1'))).toBe(
      '8859/1',
    );
  });

  it('returns empty when nothing is declared or there is no MSH', () => {
    expect(declaredCharacterSet(message('', latin1('X')))).toBe('');
    expect(declaredCharacterSet(latin1('MSH|^~\\&|A|F|R|RF|2026||ADT^A01|C1|P|2.3'))).toBe('');
    expect(declaredCharacterSet(latin1('GET / HTTP/1.1'))).toBe('');
  });
});

describe('decodeHl7Bytes', () => {
  it('reads valid UTF-8 as UTF-8 and undeclared non-UTF-8 bytes as Latin-1', () => {
    expect(decodeHl7Bytes(utf8('PID|1||Müller'))).toBe('PID|1||Müller');
    expect(decodeHl7Bytes(Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]))).toBe('Müller');
  });

  it('reads 0x80–0x9F in Latin-1 text as windows-1252 punctuation', () => {
    expect(decodeHl7Bytes(Buffer.from([0x4f, 0x92, 0x42, 0x52, 0x49, 0x45, 0x4e, 0x20, 0x96, 0x8a]))).toBe(
      'O’BRIEN –Š',
    );
  });

  it('drops a UTF-8 BOM in both cases', () => {
    expect(decodeHl7Bytes(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
    expect(decodeHl7Bytes(Buffer.from([0xef, 0xbb, 0xbf, 0xe9]))).toBe('é');
  });

  it('honours a declared 8859/1, UTF-8 and ASCII', () => {
    expect(decodeHl7Bytes(message('8859/1', latin1('MÜLLER^JOSÉ'))).endsWith('MÜLLER^JOSÉ')).toBe(true);
    expect(decodeHl7Bytes(message('UNICODE UTF-8', utf8('NGUYỄN^THỊ'))).endsWith('NGUYỄN^THỊ')).toBe(true);
    expect(decodeHl7Bytes(message('UNICODE', utf8('ŁUKASZ'))).endsWith('ŁUKASZ')).toBe(true);
    expect(decodeHl7Bytes(message('ASCII', latin1('SMITH'))).endsWith('SMITH')).toBe(true);
  });

  it('reads UTF-8 declared as 8859/1, and Latin-1 declared as UTF-8, by what the bytes are', () => {
    expect(decodeHl7Bytes(message('8859/1', utf8('JOSÉ'))).endsWith('JOSÉ')).toBe(true);
    expect(decodeHl7Bytes(message('UNICODE UTF-8', latin1('JOSÉ'))).endsWith('JOSÉ')).toBe(true);
    expect(decodeHl7Bytes(message('ASCII', latin1('JOSÉ'))).endsWith('JOSÉ')).toBe(true);
  });

  it('reads other declared sets in that set, even when the bytes happen to be valid UTF-8', () => {
    // 8859-2: 0xA9 Š, 0xB9 š, 0xE8 č. 8859-5: 0xC2 0xB0 is "ТА", and also valid UTF-8 for "°".
    expect(decodeHl7Bytes(message('8859/2', Buffer.from([0xa9, 0xe8]))).endsWith('Šč')).toBe(true);
    expect(decodeHl7Bytes(message('8859/5', Buffer.from([0xc2, 0xb0]))).endsWith('ТА')).toBe(true);
    expect(decodeHl7Bytes(message('8859/15', Buffer.from([0xa4]))).endsWith('€')).toBe(true);
    expect(decodeHl7Bytes(message('GB 18030-2000', Buffer.from([0xd5, 0xc5]))).endsWith('张')).toBe(true);
  });

  it('falls back to the UTF-8-else-Latin-1 rule for an unknown set name', () => {
    expect(decodeHl7Bytes(message('KLINGON', latin1('JOSÉ'))).endsWith('JOSÉ')).toBe(true);
  });
});

describe('encodeHl7Text', () => {
  it('encodes UTF-8 when nothing or UTF-8 is declared', () => {
    expect(encodeHl7Text('José', '')).toEqual(utf8('José'));
    expect(encodeHl7Text('José', 'UNICODE UTF-8')).toEqual(utf8('José'));
  });

  it('encodes Latin-1 for 8859/1, with ? for characters it cannot hold', () => {
    expect(encodeHl7Text('José 张', '8859/1')).toEqual(latin1('José ?'));
  });

  it('keeps to ASCII for ASCII and for sets it cannot encode', () => {
    expect(encodeHl7Text('José', 'ASCII')).toEqual(latin1('Jos?'));
    expect(encodeHl7Text('MSA|AA|C1', '8859/5')).toEqual(latin1('MSA|AA|C1'));
  });
});
