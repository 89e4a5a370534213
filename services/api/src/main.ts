import { loadConfig } from '@adt/config';
import { createLogger } from '@adt/logging';
import { runService, stopOnSignals } from '@adt/observability';
import { apiSections } from './api-config.js';
import { startApi } from './api-server.js';

await runService(createLogger({ service: 'api' }), async () => {
  const config = loadConfig(process.env, { sections: apiSections });
  const log = createLogger({ service: 'api', level: config.logLevel });
  const api = await startApi(config, log);
  log.info({ port: api.port }, 'api ready');
  stopOnSignals(log, api.stop);
});
