import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type tls from 'node:tls';
import type { MllpTlsSettings } from '@adt/config';

/**
 * Reads the PEM files named in the settings into server options. Read synchronously: at start-up
 * and on reload, a half-read certificate must never reach the server.
 * @param settings - certificate, key and CA files and whether client certificates are required
 */
export function readTlsOptions(settings: MllpTlsSettings): tls.SecureContextOptions & tls.TlsOptions {
  return {
    cert: readFileSync(settings.certFile),
    key: readFileSync(settings.keyFile),
    ...(settings.caFile === null ? {} : { ca: readFileSync(settings.caFile) }),
    requestCert: settings.requireClientCert,
    rejectUnauthorized: settings.requireClientCert,
    minVersion: 'TLSv1.2',
  };
}

/**
 * Calls `onChange` when any of the TLS files changes (renewal by an operator or an agent such as
 * cert-manager). Polling (`fs.watchFile`) rather than `fs.watch`: it survives the atomic rename
 * and symlink swaps renewals use.
 * @param settings - the files to watch
 * @param intervalMs - how often to look
 * @param onChange - called once per detected change
 * @returns stops watching
 */
export function watchTlsFiles(
  settings: MllpTlsSettings,
  intervalMs: number,
  onChange: () => void,
): () => void {
  const files = [settings.certFile, settings.keyFile, ...(settings.caFile === null ? [] : [settings.caFile])];
  const listener = (current: { mtimeMs: number }, previous: { mtimeMs: number }) => {
    if (current.mtimeMs !== previous.mtimeMs) onChange();
  };
  for (const file of files) watchFile(file, { interval: intervalMs, persistent: false }, listener);
  return () => {
    for (const file of files) unwatchFile(file, listener);
  };
}
