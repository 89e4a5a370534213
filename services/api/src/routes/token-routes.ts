import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findUserByUsername, listApiTokens, recordAudit, revokeApiToken, type ApiToken } from '@adt/db';
import { HttpError, principalOf, requireRole } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import { usernameSchema } from '../account-schemas.js';
import { beforeIdOf, pageById } from '../cursor.js';
import { cursorParam, limitParam } from '../input-schemas.js';
import { errorSchema, pageSchema } from '../schemas.js';
import { recordActionRoute } from './record-action-route.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const isoDateTime = z.string().describe('ISO-8601 instant');

/** A token as admins see it: never its secret, which is shown once, by `adt create-token`. */
const tokenSchema = z.object({
  id: z.string(),
  name: z.string().describe('the label given at creation'),
  username: z
    .string()
    .nullable()
    .describe('the user the token acts as; null only for tokens made before tokens had users (revoked)'),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable().describe('refreshed at most once a minute'),
  revokedAt: isoDateTime.nullable(),
});

/** A token id: a canonical integer, so `007` or `1e3` is a 400 rather than another token. */
const tokenIdSchema = z.string().regex(/^(?:0|[1-9]\d{0,17})$/, 'must be a token id (an integer)');

function toTokenJson(t: ApiToken): z.infer<typeof tokenSchema> {
  return {
    id: t.id,
    name: t.name,
    username: t.username,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/**
 * API token administration (admins only): list tokens and revoke one. Tokens are made with
 * `adt create-token --user`; both routes are audit-logged.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const tokenRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool } = context;
  const adminOnly = requireRole('admin');

  app.get(
    '/api/tokens',
    {
      preHandler: adminOnly,
      schema: {
        summary: 'API tokens, newest first (admins)',
        description:
          'Every token with the user it acts as, revoked ones included. A token has its user’s role and teams at each request; disabling the user ends it. The secret is never returned.',
        querystring: z.object({
          username: usernameSchema.optional(),
          limit: limitParam,
          cursor: cursorParam,
        }),
        response: { 200: pageSchema(tokenSchema, 'TokenPage'), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      let userId: string | undefined;
      if (q.username !== undefined) {
        const user = await findUserByUsername(pool, q.username);
        if (!user) throw new HttpError(404, 'not_found', `No user ${q.username}`);
        userId = user.id;
      }
      const page = pageById(
        await listApiTokens(pool, { userId, beforeId: beforeIdOf(q.cursor), limit: q.limit + 1 }),
        q.limit,
      );
      await recordAudit(pool, {
        actor: principalOf(request).actor,
        action: 'list',
        resource: 'api_token',
        remoteAddress: request.ip,
        detail: { count: page.rows.length, ...(q.username === undefined ? {} : { username: q.username }) },
      });
      return { items: page.rows.map(toTokenJson), nextCursor: page.nextCursor };
    },
  );

  recordActionRoute(app, pool, 'DELETE', '/api/tokens/:id', {
    preHandler: adminOnly,
    summary: 'Revoke an API token (admins)',
    description:
      'The token answers 401 from the next request on. Revoking a revoked token changes nothing and answers the same.',
    id: tokenIdSchema,
    response: tokenSchema,
    act: (id) => revokeApiToken(pool, id),
    audit: {
      action: 'revoke',
      resource: 'api_token',
      detail: (token) => ({ name: token.name, username: token.username }),
    },
    toJson: toTokenJson,
  });
  return Promise.resolve();
};
