import { loadConfig } from '@adt/config';
import { createLogger } from '@adt/logging';
import { runService, stopOnSignals } from '@adt/observability';
import { listenerSections } from './listener-config.js';
import { startListener } from './listener.js';

await runService(createLogger({ service: 'listener' }), async () => {
  const config = loadConfig(process.env, { sections: listenerSections });
  const log = createLogger({ service: 'listener', level: config.logLevel });
  const listener = await startListener(config, log);
  log.info({ mllpPort: listener.mllpPort, httpPort: listener.httpPort }, 'listener ready');
  // Operators renew the MLLP certificate and signal; the files are also watched.
  process.on('SIGHUP', () => {
    listener.reloadTls();
  });
  stopOnSignals(log, listener.stop);
});
