import { describe, expect, it } from 'vitest';
import { isInProgressName } from './file-drop-directory.js';
import { fileDropEnd, fileDropFolder } from './file-drop-outcome.js';
import type { MessageReceipt } from './message-intake.js';

const receipt = (outcome: MessageReceipt['outcome']): MessageReceipt => ({
  controlId: 'C1',
  messageType: 'ADT^A03',
  ackCode: outcome === 'accepted' || outcome === 'duplicate' ? 'AA' : 'AR',
  outcome,
  reason: null,
  messageId: null,
});

describe('fileDropEnd', () => {
  it('is done when every message was accepted or already stored', () => {
    expect(fileDropEnd([receipt('accepted'), receipt('duplicate')])).toEqual({
      status: 'done',
      reason: null,
      final: true,
    });
  });

  it('is refused, and final, when some message was refused', () => {
    expect(fileDropEnd([receipt('accepted'), receipt('refused')])).toEqual({
      status: 'refused',
      reason: '1 of 2 messages were refused',
      final: true,
    });
  });

  it('is failed and read again when some message could not be stored', () => {
    expect(fileDropEnd([receipt('refused'), receipt('not_stored')])).toMatchObject({
      status: 'failed',
      final: false,
    });
  });
});

describe('fileDropFolder', () => {
  it('files done and duplicate files in done/, the others in failed/', () => {
    expect(['done', 'duplicate', 'refused', 'failed'].map((s) => fileDropFolder(s as 'done'))).toEqual([
      'done',
      'done',
      'failed',
      'failed',
    ]);
  });
});

describe('isInProgressName', () => {
  it('recognises the names writers use before renaming a file into place', () => {
    expect(
      ['a.hl7.tmp', 'a.HL7.TMP', 'a.part', 'a.filepart', 'a.partial', '.a.hl7'].filter(isInProgressName),
    ).toHaveLength(6);
    expect(['a.hl7', 'ADT_20261206.txt', 'a.dat'].some(isInProgressName)).toBe(false);
  });
});
