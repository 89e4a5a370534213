import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { escapeHl7, unescapeHl7 } from './escape.js';

const V27 = { fieldSeparator: '|', encodingCharacters: '^~\\&#' };
const CUSTOM = { fieldSeparator: '#', encodingCharacters: '$*@%' };

describe('escapeHl7', () => {
  it('escapes every delimiter and line breaks', () => {
    expect(escapeHl7('a|b^c~d\\e&f\rg\nh')).toBe('a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f\\X0D\\g\\X0A\\h');
  });

  it('uses the message delimiters, including the v2.7 truncation character', () => {
    expect(escapeHl7('a#b', V27)).toBe('a\\P\\b');
    expect(escapeHl7('1#2$3@4|', CUSTOM)).toBe('1@F@2@S@3@E@4|');
  });

  it('leaves other text alone', () => {
    expect(escapeHl7('Zoë O’Brien')).toBe('Zoë O’Brien');
  });
});

describe('unescapeHl7', () => {
  it('decodes delimiter escapes', () => {
    expect(unescapeHl7('A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\')).toBe('A|B^C&D~E\\');
    expect(unescapeHl7('x\\P\\y', V27)).toBe('x#y');
    expect(unescapeHl7('1@F@2@S@3', CUSTOM)).toBe('1#2$3');
  });

  it('decodes hex as UTF-8 when valid, else as Latin-1', () => {
    expect(unescapeHl7('Caf\\XC3A9\\')).toBe('Café');
    expect(unescapeHl7('Caf\\Xe9\\')).toBe('Café');
    expect(unescapeHl7('line\\X0D0A\\next')).toBe('line\r\nnext');
  });

  it('turns line-break commands into line breaks and drops highlighting and formatting', () => {
    expect(unescapeHl7('one\\.br\\two\\.sp2\\three')).toBe('one\ntwo\nthree');
    expect(unescapeHl7('\\H\\bold\\N\\ \\.in+4\\x\\.ce\\')).toBe('bold x');
    expect(unescapeHl7('\\C2842\\kanji\\C2842\\')).toBe('kanji');
  });

  it('keeps unknown, malformed and unterminated sequences verbatim', () => {
    expect(unescapeHl7('\\Zlocal\\')).toBe('\\Zlocal\\');
    expect(unescapeHl7('\\XZZ\\ \\X123\\')).toBe('\\XZZ\\ \\X123\\');
    expect(unescapeHl7('C:\\temp')).toBe('C:\\temp');
    expect(unescapeHl7('\\P\\')).toBe('\\P\\');
  });

  it('round-trips any text through escape and unescape (property)', () => {
    const delimiterSets = fc.constantFrom(undefined, V27, CUSTOM);
    const text = fc.string({
      unit: fc.constantFrom(
        'a',
        'é',
        '|',
        '^',
        '~',
        '\\',
        '&',
        '#',
        '$',
        '*',
        '@',
        '%',
        '\r',
        '\n',
        'X',
        '0',
        'D',
        '😀',
      ),
    });
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'grapheme' })), delimiterSets, (value, delimiters) => {
        const escaped = escapeHl7(value, delimiters);
        const fieldSeparator = delimiters?.fieldSeparator ?? '|';
        expect(escaped).not.toContain(fieldSeparator);
        expect(escaped).not.toMatch(/[\r\n]/);
        expect(unescapeHl7(escaped, delimiters)).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});
