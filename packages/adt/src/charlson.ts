/**
 * Charlson comorbidity index from ICD-10 diagnosis codes (DG1-3), for the C
 * of the LACE index. Groups and codes follow the ICD-10 coding algorithm of
 * Quan et al. (Med Care 2005;43(11):1130-9) with the original Charlson
 * weights (J Chronic Dis 1987;40(5):373-83). Codes match by prefix on the
 * code without its dot, so `I50.9`, `I509` and `i50.9` all match `I50`.
 */

/** A Charlson comorbidity group. */
export type CharlsonGroup =
  | 'myocardial_infarction'
  | 'congestive_heart_failure'
  | 'peripheral_vascular_disease'
  | 'cerebrovascular_disease'
  | 'dementia'
  | 'chronic_pulmonary_disease'
  | 'rheumatic_disease'
  | 'peptic_ulcer_disease'
  | 'mild_liver_disease'
  | 'diabetes'
  | 'diabetes_with_complications'
  | 'hemiplegia_or_paraplegia'
  | 'renal_disease'
  | 'malignancy'
  | 'severe_liver_disease'
  | 'metastatic_solid_tumour'
  | 'hiv_aids';

interface GroupDefinition {
  weight: number;
  prefixes: readonly string[];
  /** A milder form of this group: when both are coded only this one counts. */
  supersedes?: CharlsonGroup;
}

/**
 * Expands a space-separated list of code prefixes, where `C00-C26` stands for every three-character
 * category of the range, into the prefixes themselves.
 */
function codes(list: string): string[] {
  return list.split(/\s+/).flatMap((item) => {
    const range = /^([A-Z])(\d{2})-\1(\d{2})$/.exec(item);
    if (!range) return [item];
    const [, letter = '', from = '0', to = '0'] = range;
    return Array.from(
      { length: Number(to) - Number(from) + 1 },
      (_, i) => `${letter}${String(Number(from) + i).padStart(2, '0')}`,
    );
  });
}

/** ICD-10-CM diabetes categories (E08–E13; E14 is the WHO edition's) with chosen 4th characters. */
function diabetes(fourthCharacters: readonly string[]): string[] {
  return codes('E08-E14').flatMap((category) => fourthCharacters.map((c) => `${category}${c}`));
}

const GROUPS: ReadonlyMap<CharlsonGroup, GroupDefinition> = new Map<CharlsonGroup, GroupDefinition>([
  ['myocardial_infarction', { weight: 1, prefixes: codes('I21 I22 I252') }],
  [
    'congestive_heart_failure',
    { weight: 1, prefixes: codes('I099 I110 I130 I132 I255 I420 I425 I426 I427 I428 I429 I43 I50 P290') },
  ],
  [
    'peripheral_vascular_disease',
    { weight: 1, prefixes: codes('I70 I71 I731 I738 I739 I771 I790 I792 K551 K558 K559 Z958 Z959') },
  ],
  ['cerebrovascular_disease', { weight: 1, prefixes: codes('G45 G46 H340 I60-I69') }],
  ['dementia', { weight: 1, prefixes: codes('F00 F01 F02 F03 F051 G30 G311') }],
  ['chronic_pulmonary_disease', { weight: 1, prefixes: codes('I278 I279 J40-J47 J60-J67 J684 J701 J703') }],
  ['rheumatic_disease', { weight: 1, prefixes: codes('M05 M06 M315 M32 M33 M34 M351 M353 M360') }],
  ['peptic_ulcer_disease', { weight: 1, prefixes: codes('K25 K26 K27 K28') }],
  [
    'mild_liver_disease',
    {
      weight: 1,
      prefixes: codes(
        'B18 K700 K701 K702 K703 K709 K713 K714 K715 K717 K73 K74 K760 K762 K763 K764 K768 K769 Z944',
      ),
    },
  ],
  // 4th character .0 .1 .6 .8 .9: without chronic complications; .2–.5 and .7 with them.
  ['diabetes', { weight: 1, prefixes: diabetes(['0', '1', '6', '8', '9']) }],
  [
    'diabetes_with_complications',
    { weight: 2, prefixes: diabetes(['2', '3', '4', '5', '7']), supersedes: 'diabetes' },
  ],
  [
    'hemiplegia_or_paraplegia',
    { weight: 2, prefixes: codes('G041 G114 G801 G802 G81 G82 G830 G831 G832 G833 G834 G839') },
  ],
  [
    'renal_disease',
    {
      weight: 2,
      prefixes: codes(
        'I120 I131 N032 N033 N034 N035 N036 N037 N052 N053 N054 N055 N056 N057 N18 N19 N250 ' +
          'Z490 Z491 Z492 Z940 Z992',
      ),
    },
  ],
  [
    'malignancy',
    { weight: 2, prefixes: codes('C00-C26 C30-C34 C37-C41 C43 C45-C58 C60-C76 C81-C85 C88 C90-C97') },
  ],
  [
    'severe_liver_disease',
    {
      weight: 3,
      prefixes: codes('I850 I859 I864 I982 K704 K711 K721 K729 K765 K766 K767'),
      supersedes: 'mild_liver_disease',
    },
  ],
  ['metastatic_solid_tumour', { weight: 6, prefixes: codes('C77 C78 C79 C80'), supersedes: 'malignancy' }],
  ['hiv_aids', { weight: 6, prefixes: codes('B20 B21 B22 B24') }],
]);

/** A coded diagnosis as DG1-3 carries it. */
export interface CodedDiagnosis {
  /** DG1-3.1, e.g. `I50.9`. */
  code: string;
  /** DG1-3.3, e.g. `I10` (ICD-10) or `I9C` (ICD-9-CM); empty when not sent. */
  codingSystem: string;
}

/**
 * Whether a coding system names ICD-10 (`I10`, `I10C`, `ICD10CM`, `ICD-10-CM`…). An empty system
 * is read as ICD-10, the code set US hospitals have sent since 2015; ICD-9 codes are skipped.
 */
function isIcd10(codingSystem: string): boolean {
  const system = codingSystem
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return system === '' || system.startsWith('I10') || system.startsWith('ICD10');
}

function normalizeCode(code: string): string {
  return code.trim().toUpperCase().replace(/[.\s]/g, '');
}

function groupsOfCode(code: string): CharlsonGroup[] {
  const normalized = normalizeCode(code);
  if (normalized === '') return [];
  const matches: CharlsonGroup[] = [];
  for (const [group, definition] of GROUPS) {
    if (definition.prefixes.some((prefix) => normalized.startsWith(prefix))) matches.push(group);
  }
  return matches;
}

/**
 * The Charlson groups present in a set of diagnoses, each once, with the milder form dropped when
 * its severe form is also coded (diabetes, liver disease, cancer).
 *
 * @param diagnoses - DG1 codes with their coding system
 */
export function charlsonGroups(diagnoses: readonly CodedDiagnosis[]): CharlsonGroup[] {
  const present = new Set<CharlsonGroup>();
  for (const diagnosis of diagnoses) {
    if (!isIcd10(diagnosis.codingSystem)) continue;
    for (const group of groupsOfCode(diagnosis.code)) present.add(group);
  }
  for (const group of [...present]) {
    const milder = GROUPS.get(group)?.supersedes;
    if (milder) present.delete(milder);
  }
  return [...GROUPS.keys()].filter((group) => present.has(group));
}

/**
 * The Charlson comorbidity index: the sum of the weights of the groups present (1, 2, 3 or 6).
 *
 * @param diagnoses - DG1 codes with their coding system
 */
export function charlsonIndex(diagnoses: readonly CodedDiagnosis[]): number {
  return charlsonGroups(diagnoses).reduce((sum, group) => sum + (GROUPS.get(group)?.weight ?? 0), 0);
}
