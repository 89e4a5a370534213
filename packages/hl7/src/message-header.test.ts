import { describe, it, expect } from 'vitest';
import {
  Hl7ParseError,
  hasSegment,
  readMessageHeader,
  segmentNames,
  triggerEventOf,
} from './message-header.js';
import { normalizeMessageText } from './segments.js';

const MSH =
  'MSH|^~\\&|EPIC^1.2.840.1^ISO|ST\\T\\MARY^2.16.1^ISO|ADTFU|CLINIC|20240315083000-0500||ADT^A03^ADT_A03|MSG00042|P^T|2.5.1^USA|||AL|NE||UNICODE UTF-8~8859/1';

function parseError(text: string): Hl7ParseError {
  try {
    readMessageHeader(text);
  } catch (error) {
    if (error instanceof Hl7ParseError) return error;
    throw error;
  }
  throw new Error('expected readMessageHeader to throw');
}

describe('readMessageHeader', () => {
  it('reads every field, first components only, unescaped', () => {
    expect(readMessageHeader(`${MSH}\rPID|1`)).toEqual({
      fieldSeparator: '|',
      encodingCharacters: '^~\\&',
      sendingApplication: 'EPIC',
      sendingFacility: 'ST&MARY',
      receivingApplication: 'ADTFU',
      receivingFacility: 'CLINIC',
      messageDateTime: '20240315083000-0500',
      messageCode: 'ADT',
      triggerEvent: 'A03',
      messageStructure: 'ADT_A03',
      controlId: 'MSG00042',
      processingId: 'P',
      versionId: '2.5.1',
      acceptAckType: 'AL',
      applicationAckType: 'NE',
      characterSet: 'UNICODE UTF-8',
    });
  });

  it('reads a message with LF separators and a BOM once normalized', () => {
    const header = readMessageHeader(normalizeMessageText(`\uFEFF${MSH}\nEVN|A03\nPID|1\n`));
    expect(header.controlId).toBe('MSG00042');
    expect(header.characterSet).toBe('UNICODE UTF-8');
  });

  it('accepts the v2.7 five-character MSH-2 and custom delimiters', () => {
    const v27 = readMessageHeader('MSH|^~\\&#|A|B|C|D|20240101||ADT^A01|X1|P|2.7');
    expect(v27.encodingCharacters).toBe('^~\\&#');
    expect(v27.triggerEvent).toBe('A01');
    const custom = readMessageHeader('MSH#$*@%#APP#FAC#C#D#2024##ADT$A04#X2#T#2.3');
    expect(custom).toMatchObject({
      fieldSeparator: '#',
      messageCode: 'ADT',
      triggerEvent: 'A04',
      processingId: 'T',
    });
  });

  it('reads MSH-9 with only a message code (event in EVN-1)', () => {
    const header = readMessageHeader('MSH|^~\\&|A|B|C|D|2024||ADT|X|P|2.3');
    expect(header).toMatchObject({ messageCode: 'ADT', triggerEvent: '', messageStructure: '' });
  });

  it('reads MSH-15 and MSH-16 holding only spaces as not valued', () => {
    const header = readMessageHeader('MSH|^~\\&|A|B|C|D|2024||ADT^A01|X|P|2.5.1|||   | ');
    expect(header).toMatchObject({ acceptAckType: '', applicationAckType: '' });
    expect(readMessageHeader('MSH|^~\\&|A|B|C|D|2024||ADT^A01|X|P|2.5.1||| AL |NE')).toMatchObject({
      acceptAckType: 'AL',
      applicationAckType: 'NE',
    });
  });

  it('reads the HL7 null "" as empty', () => {
    expect(readMessageHeader('MSH|^~\\&|""|B|C|D|2024||ADT^A01|X|P|2.5').sendingApplication).toBe('');
  });

  it('rejects text that is not HL7', () => {
    const error = parseError('GET / HTTP/1.1');
    expect(error.code).toBe('not_hl7');
    expect(error.name).toBe('Hl7ParseError');
    expect(error).toBeInstanceOf(Error);
  });

  it('rejects a missing field separator', () => {
    expect(parseError('MSH')).toMatchObject({ code: 'bad_msh', field: 'MSH-1' });
    expect(parseError('MSHX^~\\&')).toMatchObject({ code: 'bad_msh', field: 'MSH-1' });
  });

  it('rejects MSH-2 of the wrong length or with repeated characters', () => {
    expect(parseError('MSH|^~\\|A|B|C|D|2024||ADT^A01|X|P|2.5')).toMatchObject({
      code: 'bad_msh',
      field: 'MSH-2',
    });
    expect(parseError('MSH|^~\\&#!|A|B|C|D|2024||ADT^A01|X|P|2.5')).toMatchObject({
      code: 'bad_msh',
      field: 'MSH-2',
    });
    expect(parseError('MSH|^^\\&|A|B|C|D|2024||ADT^A01|X|P|2.5')).toMatchObject({
      code: 'bad_msh',
      field: 'MSH-2',
    });
  });

  it('rejects an MSH holding a NUL or another control character, naming the byte', () => {
    expect(parseError('MSH|^~\\&|A\u0000|B|C|D|2024||ADT^A01|X|P|2.5')).toMatchObject({
      code: 'bad_msh',
      message: expect.stringContaining('control character (0x00)') as unknown,
    });
    expect(parseError('MSH|^~\\&|A|B|C|D|2024||ADT^A01|X\u001b|P|2.5').code).toBe('bad_msh');
    // A control character after the MSH is the parser's business, not the header's.
    expect(readMessageHeader('MSH|^~\\&|A|B|C|D|2024||ADT^A01|X|P|2.5\rNTE|1||\u0007').controlId).toBe('X');
  });

  it('names the empty required field in words', () => {
    expect(parseError('MSH|^~\\&|A|B|C|D|2024|||X|P|2.5')).toMatchObject({
      code: 'missing_field',
      field: 'MSH-9',
      message: 'MSH-9 (message type) is empty',
    });
    expect(parseError('MSH|^~\\&|A|B|C|D|2024||ADT^A01||P|2.5')).toMatchObject({
      field: 'MSH-10',
      message: 'MSH-10 (message control ID) is empty',
    });
    expect(parseError('MSH|^~\\&|A|B|C|D|2024||ADT^A01|X|P')).toMatchObject({
      field: 'MSH-12',
      message: 'MSH-12 (version ID) is empty',
    });
  });
});

describe('triggerEventOf', () => {
  it('reads MSH-9.2, else EVN-1 (first component, unescaped), else nothing', () => {
    const read = (text: string) => triggerEventOf(text, readMessageHeader(text));
    expect(read('MSH|^~\\&|A|B|C|D|2024||ADT^A03|X|P|2.5\rEVN|A08')).toBe('A03');
    expect(read('MSH|^~\\&|A|B|C|D|2024||ADT|X|P|2.3\rEVN|A11^x|2024')).toBe('A11');
    expect(read('MSH#$*@%#A#B#C#D#2024##ADT#X#P#2.3\rPID#1\rEVN#A04')).toBe('A04');
    expect(read('MSH|^~\\&|A|B|C|D|2024||ADT|X|P|2.3\rEVN|""|2024')).toBe('');
    expect(read('MSH|^~\\&|A|B|C|D|2024||ADT|X|P|2.3\rPID|1')).toBe('');
  });
});

describe('segmentNames and hasSegment', () => {
  const text = 'MSH|^~\\&|A\rEVN|A03\rPID|1||PV1\rPV1\rZPV|x';

  it('lists segment names in order', () => {
    expect(segmentNames(text)).toEqual(['MSH', 'EVN', 'PID', 'PV1', 'ZPV']);
    expect(segmentNames('')).toEqual([]);
  });

  it('finds segments by name, not inside field values', () => {
    expect(hasSegment(text, 'MSH')).toBe(true);
    expect(hasSegment(text, 'PV1')).toBe(true);
    expect(hasSegment(text, 'ZPV')).toBe(true);
    expect(hasSegment(text, 'PV')).toBe(false);
    expect(hasSegment(text, 'MRG')).toBe(false);
    expect(hasSegment('MSH|^~\\&|A\rPID|1||MRG|', 'MRG')).toBe(false);
  });
});
