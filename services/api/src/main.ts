import { loadConfig } from '@adt/config';
import { createLogger } from '@adt/logging';
import { runService, stopOnSignals } from '@adt/observability';
import { startApi } from './api-server.js';

await runService(async () => {
  const config = loadConfig();
  const log = createLogger({ service: 'api', level: config.logLevel });
  const api = await startApi(config, log);
  log.info({ port: api.port }, 'api ready');
  stopOnSignals(log, api.stop);
});
