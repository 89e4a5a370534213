/**
 * The benchmark's traffic: a stream of ADT messages as one hospital interface sends them. Visits
 * open, get updated and close, interleaved: an ED visit is A04, A08, A03 (PV1-2 = E); an inpatient
 * stay is A01, A08, A08, A03 (PV1-2 = I), so the mix is about 14% A01, 14% A04, 43% A08, 29% A03.
 * Messages are 1–3 KB (a varying number of DG1 and OBX segments) and one in `largeEvery` carries a
 * 50 KB discharge summary. Every patient, visit and control id is synthetic and unique to its
 * stream, so a run's messages are never duplicates of each other.
 */

/** The trigger events the mix sends. */
export type AdtEventType = 'A01' | 'A03' | 'A04' | 'A08';

/** One message ready to send. */
export interface BenchMessage {
  /** MSH-10; what the ACK's MSA-2 must echo. */
  controlId: string;
  event: AdtEventType;
  text: string;
  /**
   * Set on a message that creates a follow-up for a sampled visit (facility {@link SAMPLE_FACILITY}):
   * the visit number the follow-up will show in the API.
   */
  sampleVisit: string | null;
}

/** Options for {@link AdtMix}. */
export interface AdtMixOptions {
  /** A short tag unique in the run (scenario and connection); prefixes control ids and visits. */
  streamId: string;
  /** PRNG seed, so a run's traffic is reproducible. */
  seed: number;
  /** Sending facilities this interface carries (MSH-4). */
  facilities?: readonly string[];
  /** One message in this many carries the 50 KB discharge summary; 0 for none. */
  largeEvery?: number;
  /** One follow-up-creating visit in this many is sent under {@link SAMPLE_FACILITY}; 0 for none. */
  sampleEvery?: number;
  /** How many visits are open at once on this stream. */
  openVisits?: number;
}

/**
 * Sending facility of sampled visits: the end-to-end scenario polls the API for this facility only,
 * so its polls stay small however many follow-ups the rest of the traffic creates.
 */
export const SAMPLE_FACILITY = 'E2ESAMPLE';

const DEFAULT_FACILITIES = ['RIVERBEND_GEN', 'MERCY_NORTH', 'LAKESIDE', 'VALLEY_MC'] as const;
const LAST_NAMES = [
  'HARTWELL',
  'RIVERA',
  'OYELARAN',
  'NGUYEN',
  'ESPOSITO',
  'KOWALSKI',
  'BAPTISTE',
  'LINDQVIST',
];
const FIRST_NAMES = ['DONALD', 'MARIA', 'FUNMILAYO', 'THANH', 'ROSALIND', 'PIOTR', 'MARIE', 'INGRID'];
const DIAGNOSES = [
  'I50.9^Heart failure, unspecified^I10',
  'E11.9^Type 2 diabetes mellitus without complications^I10',
  'J18.1^Lobar pneumonia, unspecified organism^I10',
  'R07.9^Chest pain, unspecified^I10',
  'N17.9^Acute kidney failure, unspecified^I10',
  'J44.1^Chronic obstructive pulmonary disease with (acute) exacerbation^I10',
];
// PV1-36 on inpatient discharges: mostly home, with the hand-offs and deaths real feeds carry.
const DISPOSITIONS = [
  ['01', 0.8],
  ['06', 0.08],
  ['03', 0.06],
  ['07', 0.04],
  ['20', 0.02],
] as const;
const OBX_LINE =
  'HOSPITAL COURSE: admitted with community-acquired pneumonia, treated with ceftriaxone and azithromycin, weaned to room air.';
// ~50 KB of discharge summary, built once: the large messages cost the generator a concatenation.
const LARGE_SUMMARY = Array.from(
  { length: 280 },
  (_, i) => `OBX|${i + 100}|TX|18842-5^Discharge summary^LN|1|${OBX_LINE} [${i}]||||||F`,
).join('\r');
const SIMULATED_STEP_MS = 45_000;

interface Visit {
  id: string;
  facility: string;
  patientClass: 'E' | 'I';
  mrn: string;
  name: string;
  birthDate: string;
  sex: 'F' | 'M';
  admittedAt: Date;
  diagnoses: string[];
  script: AdtEventType[];
  /** The event that creates the follow-up when this visit is sampled. */
  sampledEvent: AdtEventType | null;
}

/**
 * A small, fast, seedable PRNG (mulberry32): the mix must not depend on Math.random to be
 * reproducible.
 * @param seed - any 32-bit integer
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An HL7 DTM with an explicit UTC offset (second precision).
 * @param date - the instant
 */
export function hl7Timestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:T]/g, '')}+0000`;
}

/** An endless, reproducible stream of ADT messages for one interface. */
export class AdtMix {
  private readonly random: () => number;
  private readonly facilities: readonly string[];
  private readonly largeEvery: number;
  private readonly sampleEvery: number;
  private readonly openVisits: number;
  private readonly visits: Visit[] = [];
  private messageSeq = 0;
  private visitSeq = 0;
  private clock: number;

  /** @param options - stream tag, seed and the mix's proportions */
  constructor(private readonly options: AdtMixOptions) {
    this.random = seededRandom(options.seed);
    this.facilities = options.facilities ?? DEFAULT_FACILITIES;
    this.largeEvery = options.largeEvery ?? 100;
    this.sampleEvery = options.sampleEvery ?? 0;
    this.openVisits = options.openVisits ?? 24;
    // Events are dated in the recent past so follow-ups fall due around today.
    this.clock = Date.now() - 36 * 3600_000;
  }

  /** The next message of the stream. */
  next(): BenchMessage {
    const visit =
      this.visits.length < this.openVisits || this.random() < 0.15
        ? this.openVisit()
        : this.visits[Math.floor(this.random() * this.visits.length)];
    if (!visit) throw new Error('no open visit');
    const event = visit.script.shift();
    if (!event) throw new Error('visit without events');
    if (visit.script.length === 0) this.visits.splice(this.visits.indexOf(visit), 1);
    this.messageSeq += 1;
    this.clock += SIMULATED_STEP_MS;
    const controlId = `${this.options.streamId}-${this.messageSeq}`;
    const large = this.largeEvery > 0 && this.messageSeq % this.largeEvery === 0;
    return {
      controlId,
      event,
      text: this.render(visit, event, controlId, large),
      sampleVisit: visit.sampledEvent === event ? visit.id : null,
    };
  }

  /**
   * An inpatient discharge home (A03, PV1-2 = I, disposition 01) of a new visit for a new patient:
   * exactly one open `discharge` follow-up each (the worklist scenario seeds with these).
   */
  nextDischarge(): BenchMessage {
    const visit = this.openVisit();
    this.visits.splice(this.visits.indexOf(visit), 1);
    visit.patientClass = 'I';
    visit.script = [];
    visit.sampledEvent = 'A03';
    this.messageSeq += 1;
    this.clock += SIMULATED_STEP_MS;
    const controlId = `${this.options.streamId}-${this.messageSeq}`;
    return {
      controlId,
      event: 'A03',
      text: this.render(visit, 'A03', controlId, false),
      sampleVisit: visit.id,
    };
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('empty choice');
    return item;
  }

  private openVisit(): Visit {
    this.visitSeq += 1;
    const ed = this.random() < 0.5;
    // A sampled visit is one whose follow-up-creating event is timed end to end (A04 creates the
    // ED follow-up; an inpatient stay's follow-up comes with its A03, sent with a home disposition).
    const sampled = this.sampleEvery > 0 && this.visitSeq % this.sampleEvery === 0;
    const patientNo = Math.floor(this.random() * 1_000_000);
    const visit: Visit = {
      id: `${this.options.streamId}V${this.visitSeq}`,
      facility: sampled ? SAMPLE_FACILITY : this.pick(this.facilities),
      patientClass: ed ? 'E' : 'I',
      mrn: `${this.options.streamId}P${patientNo}`,
      name: `${this.pick(LAST_NAMES)}^${this.pick(FIRST_NAMES)}`,
      birthDate: `19${30 + Math.floor(this.random() * 70)}0${1 + Math.floor(this.random() * 9)}1${Math.floor(this.random() * 10)}`,
      sex: this.random() < 0.5 ? 'F' : 'M',
      admittedAt: new Date(this.clock),
      diagnoses: Array.from({ length: 1 + Math.floor(this.random() * 5) }, () => this.pick(DIAGNOSES)),
      script: ed ? ['A04', 'A08', 'A03'] : ['A01', 'A08', 'A08', 'A03'],
      sampledEvent: sampled ? (ed ? 'A04' : 'A03') : null,
    };
    this.visits.push(visit);
    return visit;
  }

  private disposition(visit: Visit): string {
    if (visit.sampledEvent !== null || visit.patientClass === 'E') return '01';
    let roll = this.random();
    for (const [code, share] of DISPOSITIONS) {
      roll -= share;
      if (roll < 0) return code;
    }
    return '01';
  }

  private render(visit: Visit, event: AdtEventType, controlId: string, large: boolean): string {
    const now = new Date(this.clock);
    const ts = hl7Timestamp(now);
    const discharge = event === 'A03';
    const structure = event === 'A03' ? 'ADT_A03' : 'ADT_A01';
    const pv1 = new Array<string>(46).fill('');
    pv1[0] = 'PV1';
    pv1[1] = '1';
    pv1[2] = visit.patientClass;
    pv1[3] =
      visit.patientClass === 'E'
        ? `ED^ED${controlId.length % 20}^01^${visit.facility}`
        : `4WEST^412^B^${visit.facility}`;
    pv1[4] = visit.patientClass === 'E' ? 'E' : 'U';
    pv1[7] = '1548392011^NGUYEN^THANH^^^^MD^^^^^^NPI';
    pv1[10] = visit.patientClass === 'E' ? 'EM' : 'MED';
    pv1[14] = '7';
    pv1[18] = visit.patientClass === 'E' ? 'ER' : 'IN';
    pv1[19] = `${visit.id}^^^${visit.facility}^VN`;
    pv1[20] = 'MCR';
    if (discharge) pv1[36] = this.disposition(visit);
    pv1[39] = visit.facility;
    pv1[44] = hl7Timestamp(visit.admittedAt);
    if (discharge) pv1[45] = ts;
    const segments = [
      `MSH|^~\\&|BENCH_EHR|${visit.facility}|ADTFOLLOWUP|PRACTICE|${ts}||ADT^${event}^${structure}|${controlId}|P|2.5.1`,
      `EVN|${event}|${ts}|||10482^BROWN^AMY^L^^^^^${visit.facility}^^^^^EMP|${ts}`,
      `PID|1||${visit.mrn}^^^${visit.facility}^MR||${visit.name}^^^^L||${visit.birthDate}|${visit.sex}||2106-3^White^CDCREC|1407 RIVERVIEW DR^APT 3B^RIVERBEND^OH^45202^USA^P||^PRN^PH^^1^513^5550147|^WPN^PH^^1^513^5550190|ENG^English^HL70296|M^Married^HL70002||${visit.id}A^^^${visit.facility}^AN`,
      `PD1|||RIVERBEND PRIMARY CARE^^10051|1234567893^PATEL^ANJALI^R^^^MD^^^^^^NPI`,
      `NK1|1|${visit.name.split('^')[0] ?? ''}^LORRAINE^^^^^L|SPO^Spouse^HL70063|1407 RIVERVIEW DR^APT 3B^RIVERBEND^OH^45202^USA|^PRN^PH^^1^513^5550148||EC^Emergency Contact^HL70131`,
      pv1.join('|'),
      `PV2|||${visit.diagnoses[0] ?? ''}`,
      ...visit.diagnoses.map(
        (dx, i) => `DG1|${i + 1}||${dx}||${hl7Timestamp(visit.admittedAt)}|${i === 0 ? 'A' : 'S'}`,
      ),
      ...Array.from(
        { length: Math.floor(this.random() * 14) },
        (_, i) =>
          `OBX|${i + 1}|NM|8867-4^Heart rate^LN||${60 + ((i * 7) % 50)}|/min^per minute^UCUM|||||F|||${ts}`,
      ),
      `AL1|1|DA^Drug allergy^HL70127|70618^Penicillin^RXNORM|SV^Severe^HL70128|Hives`,
      `IN1|1|MCR^MEDICARE^PLAN|00401|MEDICARE PART A AND B|PO BOX 6703^^INDIANAPOLIS^IN^46206||||||||||MCR|${visit.name}|01^Self^HL70063|${visit.birthDate}|||1||||||||||||||1EG4TE5MK72`,
      `GT1|1||${visit.name}||1407 RIVERVIEW DR^APT 3B^RIVERBEND^OH^45202|^PRN^PH^^1^513^5550147||${visit.birthDate}|${visit.sex}||SEL^Self^HL70063`,
    ];
    if (large) segments.push(LARGE_SUMMARY);
    return segments.join('\r');
  }
}
