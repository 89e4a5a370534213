import { describe, expect, it } from 'vitest';
import { inReceiptOrder } from './apply-message-batch.js';

describe('inReceiptOrder', () => {
  it('orders ids as the numbers they are, not as text, and keeps ids that are not numbers last', () => {
    expect(inReceiptOrder(['100', '99', 'x', '1000', '101', '9'])).toEqual([
      '9',
      '99',
      '100',
      '101',
      '1000',
      'x',
    ]);
  });
});
