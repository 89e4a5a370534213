import { describe, expect, it } from 'vitest';

import { classifyDisposition, describeHandOff, normalizeDispositionCode } from './disposition.js';

describe('classifyDisposition', () => {
  it.each([
    ...['20', '40', '41', '42'].map((code) => [code, 'expired'] as const),
    ...['02', '05', '43', '61', '62', '63', '64', '65', '66', '03'].map(
      (code) => [code, 'post_acute'] as const,
    ),
    ['09', 'post_acute'],
    ...['82', '83', '85', '88', '89', '90', '91', '92', '93', '94'].map(
      (code) => [code, 'post_acute'] as const,
    ),
    ['50', 'hospice'],
    ['51', 'hospice'],
    ['21', 'law_enforcement'],
    ['87', 'law_enforcement'],
    ['07', 'ama'],
    ['01', 'home'],
    ['06', 'home'],
    ['81', 'home'],
    ['86', 'home'],
    ['04', 'other'],
    ['30', 'other'],
    ['70', 'other'],
    ['', 'other'],
    ['XYZ', 'other'],
  ] as const)('%j → %s', (code, group) => {
    expect(classifyDisposition(code)).toBe(group);
  });

  it('accepts codes whose leading zero was stripped or that carry spaces', () => {
    expect(classifyDisposition('7')).toBe('ama');
    expect(classifyDisposition(' 20 ')).toBe('expired');
  });
});

describe('normalizeDispositionCode', () => {
  it.each([
    ['3', '03'],
    [' 62 ', '62'],
    ['HOME', 'HOME'],
  ])('pads single digits and trims: %j → %j', (code, normalized) => {
    expect(normalizeDispositionCode(code)).toBe(normalized);
  });
});

describe('describeHandOff', () => {
  it.each([
    ['03', 'a skilled nursing facility'],
    ['50', 'hospice at home'],
    ['<script>', 'another facility'],
  ])('uses fixed wording for known codes and a neutral one otherwise: %j → %j', (code, wording) => {
    expect(describeHandOff(code)).toBe(wording);
  });
});
