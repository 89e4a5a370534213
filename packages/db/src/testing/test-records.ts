import { createHash } from 'node:crypto';
import {
  lockEncounter,
  recordEncounterEvent,
  upsertPatient,
  type PatientUpsert,
} from '../encounter-repository.js';
import { storeInboundMessage, type NewInboundMessage } from '../message-repository.js';
import type { Queryable } from '../pool.js';

/**
 * A received message as the listener stores it: an A03 from EPIC at GH unless `fields` say
 * otherwise, with a short MSH of its own and that MSH's SHA-256 as content hash.
 * @param controlId - MSH-10, which keeps messages of one test apart
 */
export function testInboundMessage(
  controlId: string,
  fields: Partial<NewInboundMessage> = {},
): NewInboundMessage {
  const sendingFacility = fields.sendingFacility ?? 'GH';
  const messageType = fields.messageType ?? 'ADT^A03';
  const raw =
    fields.raw ?? Buffer.from(`MSH|^~\\&|EPIC|${sendingFacility}|||||${messageType}|${controlId}|P|2.5.1`);
  return {
    peerAddress: null,
    sendingApplication: 'EPIC',
    versionId: '2.5.1',
    ackCode: 'AA',
    ...fields,
    raw,
    contentHash: fields.contentHash ?? createHash('sha256').update(raw).digest(),
    sendingFacility,
    controlId,
    messageType,
  };
}

/**
 * Stores {@link testInboundMessage} and returns its id.
 * @param controlId - MSH-10, which keeps messages of one test apart
 */
export async function storeTestMessage(
  db: Queryable,
  controlId: string,
  fields: Partial<NewInboundMessage> = {},
): Promise<string> {
  return (await storeInboundMessage(db, testInboundMessage(controlId, fields))).id;
}

/** Demographics of JANE DOE at GH, under this MRN, unless `fields` say otherwise. */
export function testPatient(mrn: string, fields: Partial<PatientUpsert> = {}): PatientUpsert {
  return {
    mrn,
    assigningAuthority: 'GH',
    familyName: 'DOE',
    givenName: 'JANE',
    middleName: '',
    birthDate: null,
    sex: 'F',
    phone: '',
    deceased: false,
    identifiers: [],
    ...fields,
  };
}

/**
 * The encounter at GH of the {@link testPatient} with this MRN, with the messages applied to it as
 * A03 events. Locks the encounter: `db` is a transaction.
 * @param encounter - the MRN, the visit number (also the encounter key), the messages and when
 *   their events happened (default now)
 */
export async function seedEncounter(
  db: Queryable,
  encounter: { mrn: string; visitNumber: string; messageIds: readonly string[]; occurredAt?: Date },
): Promise<{ patientId: string; encounterId: string }> {
  const patientId = await upsertPatient(db, testPatient(encounter.mrn));
  const { id: encounterId } = await lockEncounter(db, {
    patientId,
    facility: 'GH',
    encounterKey: encounter.visitNumber,
    visitNumber: encounter.visitNumber,
  });
  for (const messageId of encounter.messageIds) {
    await recordEncounterEvent(db, {
      messageId,
      encounterId,
      eventType: 'A03',
      occurredAt: encounter.occurredAt ?? new Date(),
      note: null,
    });
  }
  return { patientId, encounterId };
}
