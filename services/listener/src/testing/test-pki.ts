/**
 * A throw-away PKI for the TLS tests, made by openssl at test time: a self-signed CA and, signed by
 * it, server and client certificates. For the listener's integration tests only.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const OPENSSL = '/usr/bin/openssl';

/**
 * Makes `ca.pem`/`ca.key` in `dir` and returns a function that issues `<name>.pem`/`<name>.key`.
 * @param dir - a temporary directory
 */
export function makeTestPki(
  dir: string,
): (name: string, cn: string, usage: 'serverAuth' | 'clientAuth') => void {
  const file = (name: string) => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  execFileSync(
    OPENSSL,
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
      '-subj',
      '/CN=adt-test-ca',
      '-days',
      '2',
    ],
    { stdio: 'ignore' },
  );
  return (name, cn, usage) => {
    const ext = file(`${name}.ext`);
    writeFileSync(ext, `subjectAltName=IP:127.0.0.1\nextendedKeyUsage=${usage}\n`);
    execFileSync(
      OPENSSL,
      ['req', ...ec, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', `/CN=${cn}`],
      { stdio: 'ignore' },
    );
    execFileSync(
      OPENSSL,
      [
        'x509',
        '-req',
        '-in',
        file(`${name}.csr`),
        '-CA',
        file('ca.pem'),
        '-CAkey',
        file('ca.key'),
        '-CAcreateserial',
        '-out',
        file(`${name}.pem`),
        '-days',
        '2',
        '-extfile',
        ext,
      ],
      { stdio: 'ignore' },
    );
  };
}
