import { loadConfig } from '@adt/config';
import { createLogger } from '@adt/logging';
import { runService, stopOnSignals } from '@adt/observability';
import { startListener } from './listener.js';

await runService(async () => {
  const config = loadConfig();
  const log = createLogger({ service: 'listener', level: config.logLevel });
  const listener = await startListener(config, log);
  log.info({ mllpPort: listener.mllpPort, httpPort: listener.httpPort }, 'listener ready');
  // Operators renew the MLLP certificate and signal; the files are also watched.
  process.on('SIGHUP', () => {
    listener.reloadTls();
  });
  stopOnSignals(log, listener.stop);
});
