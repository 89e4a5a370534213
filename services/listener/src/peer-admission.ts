import net from 'node:net';

/** Why a connection was refused before any byte was read. */
export type AdmissionRefusal = 'address_not_allowed' | 'too_many_connections' | 'too_many_from_address';

/** Limits checked when a peer connects. */
export interface PeerAdmissionOptions {
  /** IP addresses or CIDR blocks allowed to connect; empty: any. */
  allowedAddresses: readonly string[];
  maxConnections: number;
  maxConnectionsPerAddress: number;
}

// An IPv4 peer on a dual-stack socket appears as `::ffff:a.b.c.d`; the allow-list speaks IPv4.
const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/**
 * The peer address as configured allow-lists and per-address limits see it.
 * @param address - `socket.remoteAddress`
 */
export function normalizePeerAddress(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  return IPV4_MAPPED.exec(address)?.[1] ?? address;
}

/**
 * Decides at connect time whether a peer may hold one more MLLP connection, and counts the
 * connections it admitted until they close.
 */
export class PeerAdmission {
  private readonly allowed: net.BlockList | null;
  private readonly open = new Map<string, number>();
  private total = 0;

  /** @param options - allow-list and limits */
  constructor(private readonly options: PeerAdmissionOptions) {
    this.allowed = options.allowedAddresses.length > 0 ? toBlockList(options.allowedAddresses) : null;
  }

  /**
   * Admits a peer (counting it) or says why not.
   * @param address - the normalised peer address
   * @returns null when admitted; the caller must call {@link PeerAdmission.release} when it closes
   */
  admit(address: string): AdmissionRefusal | null {
    if (this.allowed !== null && !isAllowed(this.allowed, address)) return 'address_not_allowed';
    if (this.total >= this.options.maxConnections) return 'too_many_connections';
    const fromAddress = this.open.get(address) ?? 0;
    if (fromAddress >= this.options.maxConnectionsPerAddress) return 'too_many_from_address';
    this.total += 1;
    this.open.set(address, fromAddress + 1);
    return null;
  }

  /**
   * Forgets one admitted connection of a peer.
   * @param address - the address given to {@link PeerAdmission.admit}
   */
  release(address: string): void {
    this.total -= 1;
    const left = (this.open.get(address) ?? 1) - 1;
    if (left > 0) this.open.set(address, left);
    else this.open.delete(address);
  }
}

function toBlockList(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = net.isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

function isAllowed(list: net.BlockList, address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}
