import { loadConfig } from '@adt/config';
import { createLogger } from '@adt/logging';
import { runService, stopOnSignals } from '@adt/observability';
import { startFollowupWorker } from './followup-worker.js';

await runService(async () => {
  const config = loadConfig();
  const log = createLogger({ service: 'followup-worker', level: config.logLevel });
  const worker = await startFollowupWorker(config, log);
  log.info({ httpPort: worker.httpPort, concurrency: config.worker.concurrency }, 'followup worker ready');
  stopOnSignals(log, worker.stop);
});
