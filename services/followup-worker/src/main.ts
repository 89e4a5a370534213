import { loadConfig } from '@adt/config';
import { createLogger } from '@adt/logging';
import { runService, stopOnSignals } from '@adt/observability';
import { startFollowupWorker } from './followup-worker.js';
import { workerSections } from './worker-config.js';

await runService(createLogger({ service: 'followup-worker' }), async () => {
  const config = loadConfig(process.env, { sections: workerSections });
  const log = createLogger({ service: 'followup-worker', level: config.logLevel });
  const worker = await startFollowupWorker(config, log);
  log.info({ httpPort: worker.httpPort, concurrency: config.worker.concurrency }, 'followup worker ready');
  stopOnSignals(log, worker.stop);
});
