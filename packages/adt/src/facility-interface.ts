/**
 * Per-facility interface rules: which TLS client certificate may send as which facility, which
 * messages go to the test-feed sandbox, and what an operator may enter as a setting. Pure: the
 * listener decides with these before its answer, the CLI and the admin API validate with them.
 */
import { Info } from 'luxon';

/** Whether a facility's feed is live or a test feed processed into the sandbox. */
export type FacilityMode = 'live' | 'test';

/** MSH-11 processing ids: production, training (test), debugging. */
export const PROCESSING_IDS = ['P', 'T', 'D'] as const;
/** One MSH-11 processing id. */
export type ProcessingId = (typeof PROCESSING_IDS)[number];

/** The certificate a facility is bound to: its subject CN, its SHA-256 fingerprint, or both. */
export interface CertificateBinding {
  subject: string | null;
  /** 64 lowercase hex digits (see {@link normalizeFingerprint}). */
  fingerprint: string | null;
}

/** The TLS client certificate a connection presented. */
export interface ClientCertificate {
  /** Subject CN; null when the subject has none. */
  subject: string | null;
  /** SHA-256 fingerprint, 64 lowercase hex digits. */
  fingerprint: string;
}

/** Why a message's sender may not send as its MSH-4. */
export type BindingRefusal =
  | { reason: 'no_certificate'; facility: string }
  | { reason: 'wrong_certificate'; facility: string }
  | { reason: 'certificate_bound_elsewhere'; facility: string; boundTo: string[] };

const HEX_FINGERPRINT = /^[0-9a-f]{64}$/;

/**
 * A SHA-256 fingerprint as stored: 64 lowercase hex digits. Accepts what tools print: `AB:CD:…`
 * (openssl, Node's `fingerprint256`), with or without colons, any case, and a `SHA256` prefix.
 * @param raw - the fingerprint as entered
 * @returns the normalised fingerprint, or null when it is not 32 bytes of hex
 */
export function normalizeFingerprint(raw: string): string | null {
  const value = raw
    .trim()
    .replace(/^sha-?256\s*(fingerprint)?\s*[=:]?\s*/i, '')
    .replace(/[:\s]/g, '')
    .toLowerCase();
  return HEX_FINGERPRINT.test(value) ? value : null;
}

/**
 * MSH-11 ids from a comma-separated list (`P,T`).
 * @param raw - the list as entered
 * @throws Error naming the accepted ids when the list is empty or holds another value
 */
export function parseProcessingIds(raw: string): ProcessingId[] {
  const ids = raw
    .split(',')
    .map((id) => id.trim().toUpperCase())
    .filter((id) => id !== '');
  const known: readonly string[] = PROCESSING_IDS;
  if (ids.length === 0 || ids.some((id) => !known.includes(id))) {
    throw new Error('processing ids are a comma-separated list of P, T and D (MSH-11), e.g. P,T');
  }
  return [...new Set(ids)] as ProcessingId[];
}

/**
 * Whether a zone name is an IANA zone a facility can be set to.
 * @param zone - e.g. `America/Chicago`
 */
export function isFacilityTimeZone(zone: string): boolean {
  return Info.isValidIANAZone(zone);
}

/** Whether the binding names a certificate at all. */
export function isBound(binding: CertificateBinding | undefined): binding is CertificateBinding {
  return binding !== undefined && (binding.subject !== null || binding.fingerprint !== null);
}

/**
 * Whether a certificate is the one a binding names (every part the binding sets must match).
 * @param binding - a facility's binding
 * @param certificate - the presented certificate
 */
export function certificateMatches(binding: CertificateBinding, certificate: ClientCertificate): boolean {
  if (!isBound(binding)) return false;
  if (binding.subject !== null && binding.subject !== certificate.subject) return false;
  if (binding.fingerprint !== null && binding.fingerprint !== certificate.fingerprint) return false;
  return true;
}

/**
 * Checks that a sender may send as the facility in MSH-4. A facility bound to a certificate takes
 * messages only over a connection that presented that certificate; a certificate bound to some
 * facilities sends only as those. A facility with no binding, from a certificate bound to none
 * (or from a connection without TLS), is accepted as before bindings existed.
 * @param facility - MSH-4
 * @param bindings - every facility's binding, by code
 * @param certificate - the connection's client certificate; null without TLS or without one
 * @returns null when the sender may send as the facility
 */
export function checkSenderBinding(
  facility: string,
  bindings: ReadonlyMap<string, CertificateBinding>,
  certificate: ClientCertificate | null,
): BindingRefusal | null {
  const own = bindings.get(facility);
  if (isBound(own)) {
    if (certificate === null) return { reason: 'no_certificate', facility };
    return certificateMatches(own, certificate) ? null : { reason: 'wrong_certificate', facility };
  }
  if (certificate === null) return null;
  const boundTo = [...bindings]
    .filter(([, binding]) => certificateMatches(binding, certificate))
    .map(([code]) => code)
    .sort();
  return boundTo.length === 0 ? null : { reason: 'certificate_bound_elsewhere', facility, boundTo };
}

/**
 * Whether a message goes to the test-feed sandbox: its facility is in test mode, or MSH-11 says
 * training (`T`), whatever the facility's mode.
 * @param processingId - MSH-11 (its first component)
 * @param mode - the facility's mode; undefined for a facility without settings (live)
 */
export function isSandboxMessage(processingId: string, mode: FacilityMode | undefined): boolean {
  return mode === 'test' || processingId.trim().charAt(0).toUpperCase() === 'T';
}
