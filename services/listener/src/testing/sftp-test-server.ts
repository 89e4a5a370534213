/**
 * A small SFTP server for the SFTP pull's tests, on ssh2's server API: one user with a password,
 * one flat directory of the local disk, and only what a pull uses (list, read, remove).
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import ssh2 from 'ssh2';
import type { Attributes, FileEntry, SFTPWrapper } from 'ssh2';
import { hostKeyFingerprint } from '../sftp-pull.js';

const { Server, utils } = ssh2;
const { STATUS_CODE } = utils.sftp;

/** A running test server. */
export interface SftpTestServer {
  port: number;
  /** The host key's fingerprint, as `FILE_DROP_SFTP_HOST_KEY` takes it. */
  hostKeySha256: string;
  /** When true, REMOVE is refused (an exchange that does not let the practice delete). */
  refuseRemove: boolean;
  stop: () => Promise<void>;
}

/**
 * Starts the server on a free loopback port.
 * @param root - the directory it serves as `/outbox`
 * @param credentials - the one user it accepts
 */
export async function startSftpTestServer(
  root: string,
  credentials: { username: string; password: string },
): Promise<SftpTestServer> {
  const hostKey = utils.generateKeyPairSync('ed25519');
  const parsed = utils.parseKey(hostKey.public);
  if (parsed instanceof Error) throw parsed;
  const state = { refuseRemove: false };
  const clients = new Set<ssh2.Connection>();
  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('authentication', (ctx) => {
      if (
        ctx.method === 'password' &&
        ctx.username === credentials.username &&
        ctx.password === credentials.password
      ) {
        ctx.accept();
      } else {
        ctx.reject(['password']);
      }
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        acceptSession().on('sftp', (acceptSftp) => {
          serveDirectory(acceptSftp(), root, state);
        });
      });
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    port: address.port,
    hostKeySha256: hostKeyFingerprint(parsed.getPublicSSH()),
    get refuseRemove() {
      return state.refuseRemove;
    },
    set refuseRemove(value: boolean) {
      state.refuseRemove = value;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        for (const client of clients) client.end();
      }),
  };
}

const REMOTE_DIR = '/outbox';

function serveDirectory(sftp: SFTPWrapper, root: string, state: { refuseRemove: boolean }): void {
  const handles = new Map<number, { kind: 'dir'; listed: boolean } | { kind: 'file'; data: Buffer }>();
  let nextHandle = 0;
  const open = (entry: { kind: 'dir'; listed: boolean } | { kind: 'file'; data: Buffer }): Buffer => {
    nextHandle += 1;
    handles.set(nextHandle, entry);
    const handle = Buffer.alloc(4);
    handle.writeUInt32BE(nextHandle);
    return handle;
  };
  const lookup = (handle: Buffer) => handles.get(handle.readUInt32BE(0));
  /** The local file of a remote path, or null outside the served directory. */
  const local = (remote: string): string | null => {
    const name = path.posix.relative(REMOTE_DIR, path.posix.resolve('/', remote));
    return name && !name.startsWith('..') && !name.includes('/') ? path.join(root, name) : null;
  };
  const attrsOf = async (file: string): Promise<Attributes> => {
    const info = await stat(file);
    return {
      mode: info.mode,
      uid: 0,
      gid: 0,
      size: info.size,
      atime: Math.floor(info.atimeMs / 1000),
      mtime: Math.floor(info.mtimeMs / 1000),
    };
  };
  const fail = (reqId: number) => () => {
    sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
  };

  sftp.on('REALPATH', (reqId, remote) => {
    const resolved = path.posix.resolve(REMOTE_DIR, remote);
    sftp.name(reqId, [{ filename: resolved, longname: resolved, attrs: {} as Attributes }]);
  });
  sftp.on('OPENDIR', (reqId, remote) => {
    if (path.posix.resolve('/', remote) !== REMOTE_DIR) {
      sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
      return;
    }
    sftp.handle(reqId, open({ kind: 'dir', listed: false }));
  });
  sftp.on('READDIR', (reqId, handle) => {
    const entry = lookup(handle);
    if (entry?.kind !== 'dir' || entry.listed) {
      sftp.status(reqId, STATUS_CODE.EOF);
      return;
    }
    entry.listed = true;
    void (async () => {
      const names = (await readdir(root, { withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => e.name);
      const entries: FileEntry[] = [];
      for (const name of names) {
        const attrs = await attrsOf(path.join(root, name));
        entries.push({
          filename: name,
          longname: `-rw-r--r-- 1 hie hie ${attrs.size} Jan 1 00:00 ${name}`,
          attrs,
        });
      }
      sftp.name(reqId, entries);
    })().catch(fail(reqId));
  });
  sftp.on('OPEN', (reqId, remote) => {
    const file = local(remote);
    if (file === null) {
      sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
      return;
    }
    readFile(file).then((data) => {
      sftp.handle(reqId, open({ kind: 'file', data }));
    }, fail(reqId));
  });
  sftp.on('READ', (reqId, handle, offset, length) => {
    const entry = lookup(handle);
    if (entry?.kind !== 'file' || offset >= entry.data.length) {
      sftp.status(reqId, STATUS_CODE.EOF);
      return;
    }
    sftp.data(reqId, entry.data.subarray(offset, offset + length));
  });
  sftp.on('FSTAT', (reqId, handle) => {
    const entry = lookup(handle);
    if (entry?.kind !== 'file') {
      sftp.status(reqId, STATUS_CODE.FAILURE);
      return;
    }
    sftp.attrs(reqId, { mode: 0o100644, uid: 0, gid: 0, size: entry.data.length, atime: 0, mtime: 0 });
  });
  for (const event of ['STAT', 'LSTAT'] as const) {
    sftp.on(event, (reqId: number, remote: string) => {
      const file = local(remote);
      if (file === null) {
        sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
        return;
      }
      attrsOf(file).then((attrs) => {
        sftp.attrs(reqId, attrs);
      }, fail(reqId));
    });
  }
  sftp.on('CLOSE', (reqId, handle) => {
    handles.delete(handle.readUInt32BE(0));
    sftp.status(reqId, STATUS_CODE.OK);
  });
  sftp.on('REMOVE', (reqId, remote) => {
    const file = local(remote);
    if (file === null) {
      sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
      return;
    }
    if (state.refuseRemove) {
      sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
      return;
    }
    rm(file).then(() => {
      sftp.status(reqId, STATUS_CODE.OK);
    }, fail(reqId));
  });
}
