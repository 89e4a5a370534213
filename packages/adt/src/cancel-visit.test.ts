import { describe, expect, it } from 'vitest';
import { findUnknownCancelledVisit, type CancelVisitLookup, type PendingVisit } from './cancel-visit.js';

function lookup(state: {
  pending?: PendingVisit[];
  visits?: string[];
  patients?: string[];
}): CancelVisitLookup & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    findPendingVisits: (_facility, text) => {
      reads.push(`pending:${text}`);
      return Promise.resolve(state.pending ?? []);
    },
    visitExists: (_facility, visitNumber) => {
      reads.push('visit');
      return Promise.resolve(state.visits?.includes(visitNumber) ?? false);
    },
    patientHasEncounterAt: (_facility, identifiers) => {
      reads.push('patient');
      return Promise.resolve(
        identifiers.some((id) => state.patients?.includes(`${id.assigningAuthority}/${id.id}`) ?? false),
      );
    },
  };
}

const cancel = { facility: 'GH', visitNumber: 'V1', identifiers: [{ id: 'M1', assigningAuthority: '' }] };

describe('findUnknownCancelledVisit', () => {
  it('knows a visit the worker built, after looking at the waiting messages first', async () => {
    const l = lookup({ visits: ['V1'] });
    expect(await findUnknownCancelledVisit(l, cancel)).toBeNull();
    expect(l.reads).toEqual(['pending:V1', 'visit']);
  });

  it('knows a visit a waiting message names, but not one whose bytes only contain the number', async () => {
    expect(
      await findUnknownCancelledVisit(lookup({ pending: [{ visitNumber: 'V1', identifiers: [] }] }), cancel),
    ).toBeNull();
    expect(
      await findUnknownCancelledVisit(lookup({ pending: [{ visitNumber: 'V10', identifiers: [] }] }), cancel),
    ).toEqual({ segment: 'PV1', field: 19, what: 'visit number (PV1-19)' });
  });

  it('without PV1-19 reads the patient by the identity rule: an empty authority is the facility', async () => {
    const noVisit = { ...cancel, visitNumber: '' };
    expect(await findUnknownCancelledVisit(lookup({ patients: ['GH/M1'] }), noVisit)).toBeNull();
    expect(
      await findUnknownCancelledVisit(
        lookup({ pending: [{ visitNumber: '', identifiers: [{ id: 'M1', assigningAuthority: 'GH' }] }] }),
        noVisit,
      ),
    ).toBeNull();
    expect(await findUnknownCancelledVisit(lookup({ patients: ['OTHER/M1'] }), noVisit)).toEqual({
      segment: 'PID',
      field: 3,
      what: 'patient (PID-3; the message has no PV1-19)',
    });
  });
});
