import type { FastifyInstance } from 'fastify';
import { createPool } from '@adt/db';
import type { ApiContext } from './api-context.js';

/**
 * The context with a pool on the read replica (`DATABASE_READ_URL`) for the reports, closed with the
 * app; unchanged when no replica is set or the caller gave a report pool already.
 * @param app - closes the pool it opens
 * @param context - the API context
 */
export function withReportPool(app: FastifyInstance, context: ApiContext): ApiContext {
  const url = context.config.api.databaseReadUrl;
  if (context.reportPool || url === null) return context;
  const reportPool = createPool({
    connectionString: url,
    max: context.config.databasePoolMax,
    applicationName: 'adt-api-reports',
  });
  app.addHook('onClose', async () => {
    await reportPool.end();
  });
  return { ...context, reportPool };
}
