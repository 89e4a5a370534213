import { describe, expect, it } from 'vitest';
import { displayClinicianName, displayNameCase, displayPersonName } from './person-name.js';

describe('displayNameCase', () => {
  it.each([
    ['RIVERA', 'Rivera'],
    ['MARIA ELENA', 'Maria Elena'],
    ['MCDONALD', 'McDonald'],
    ['mcdonald', 'McDonald'],
    ["O'BRIEN", "O'Brien"],
    ['NGUYEN-PARK', 'Nguyen-Park'],
    ["O'BRIEN-MCDONALD", "O'Brien-McDonald"],
    ['MACY', 'Macy'],
    ['A', 'A'],
    ['ÅSTRÖM', 'Åström'],
    ['  VAN  DER BERG ', 'Van Der Berg'],
  ])('%s reads as %s', (sent, shown) => {
    expect(displayNameCase(sent)).toBe(shown);
  });

  it('keeps a name sent in mixed case as the sender spelled it', () => {
    expect(displayNameCase('McDonald')).toBe('McDonald');
    expect(displayNameCase('de la Cruz')).toBe('de la Cruz');
    expect(displayNameCase('MacKenzie')).toBe('MacKenzie');
  });

  it('leaves an empty part empty', () => {
    expect(displayNameCase('')).toBe('');
  });
});

describe('displayPersonName', () => {
  it('reads "Family, Given Middle"', () => {
    expect(displayPersonName({ family: 'RIVERA', given: 'JO', middle: '' })).toBe('Rivera, Jo');
    expect(displayPersonName({ family: 'MCDONALD', given: 'AOIFE', middle: 'MARY-KATE' })).toBe(
      'McDonald, Aoife Mary-Kate',
    );
  });

  it('drops the comma when a part is missing', () => {
    expect(displayPersonName({ family: '', given: 'JO', middle: '' })).toBe('Jo');
    expect(displayPersonName({ family: "O'BRIEN", given: '', middle: '' })).toBe("O'Brien");
    expect(displayPersonName({ family: '', given: '', middle: '' })).toBe('');
  });
});

describe('displayClinicianName', () => {
  it('adds the degree as sent', () => {
    expect(displayClinicianName({ family: 'NGUYEN-PARK', given: 'ANH', middle: 'T', degree: 'MD' })).toBe(
      'Nguyen-Park, Anh T, MD',
    );
    expect(displayClinicianName({ family: 'KIM', given: 'DAVID', middle: '', degree: '' })).toBe(
      'Kim, David',
    );
  });

  it('names nobody when only an identifier was sent', () => {
    expect(displayClinicianName({ family: '', given: '', middle: '', degree: 'MD' })).toBe('');
  });
});
