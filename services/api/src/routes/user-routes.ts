import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addTeam,
  createUser,
  findUserById,
  listTeams,
  listUsers,
  passwordProblem,
  recordAudit,
  setUserPassword,
  updateUser,
} from '@adt/db';
import { HttpError, principalOf, requireRole } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import {
  teamNameSchema,
  teamSchema,
  toTeamJson,
  toUserJson,
  usernameSchema,
  userSchema,
} from '../account-schemas.js';
import { idParam, lineText, passwordText } from '../input-schemas.js';
import { errorSchema, listSchema } from '../schemas.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const role = z.enum(['navigator', 'ops', 'admin']);

const displayNameText = lineText(200).pipe(z.string().trim()).default('');

const newUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameText,
  role,
  teams: z.array(teamNameSchema).max(50).default([]),
  password: passwordText.optional(),
});

const newTeamSchema = z.strictObject({ name: teamNameSchema, displayName: displayNameText });

/**
 * User and team administration (admins only). Changes are audit-logged; passwords are never
 * returned, and setting one ends the user's sessions.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const userRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool } = context;
  const adminOnly = requireRole('admin');

  // Every change an admin makes here is audit-logged under their name.
  const auditChange = (
    request: FastifyRequest,
    action: 'create' | 'update',
    target: { resource: 'user' | 'team'; resourceId: string },
    detail?: Record<string, unknown>,
  ) =>
    recordAudit(pool, {
      actor: principalOf(request).actor,
      action,
      ...target,
      remoteAddress: request.ip,
      ...(detail ? { detail } : {}),
    });

  // The admin's lists: every user, every team; each answered whole (an installation has dozens).
  const wholeList = <T extends z.ZodType>(
    url: string,
    summary: string,
    list: z.ZodObject<{ items: z.ZodArray<T> }>,
    read: () => Promise<z.output<T>[]>,
  ) =>
    app.get(
      url,
      { preHandler: adminOnly, schema: { summary, response: { 200: list, ...errors } } },
      async () => ({
        items: await read(),
      }),
    );
  // The options of a route that adds a user or a team: the new record is answered with 201.
  const adminCreate = <Body extends z.ZodType, Created extends z.ZodType>(
    summary: string,
    description: string,
    body: Body,
    created: Created,
  ) => ({
    preHandler: adminOnly,
    schema: { summary, description, body, response: { 201: created, ...errors } },
  });

  // Reads first, then the changes.
  wholeList('/api/users', 'Every user', listSchema(userSchema, 'UserList'), async () =>
    (await listUsers(pool)).map(toUserJson),
  );
  wholeList('/api/teams', 'Every team with its members', listSchema(teamSchema, 'TeamList'), async () =>
    (await listTeams(pool)).map(toTeamJson),
  );

  app.post(
    '/api/users',
    adminCreate(
      'Create a user',
      'A navigator needs at least one team. Without a password the user cannot sign in yet.',
      newUserSchema,
      userSchema,
    ),
    async (request, reply) => {
      const body = request.body;
      if (body.role === 'navigator' && body.teams.length === 0) {
        throw new HttpError(400, 'no_team', 'A navigator needs at least one team');
      }
      const user = await createUser(pool, body);
      await auditChange(
        request,
        'create',
        { resource: 'user', resourceId: user.id },
        {
          username: user.username,
          role: user.role,
          teams: user.teams,
        },
      );
      return reply.code(201).send(toUserJson(user));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      preHandler: adminOnly,
      schema: {
        summary: "Change a user's name, role, teams, disabled state or password",
        description:
          'Disabling ends the sessions and API tokens of the user at once; so does a new password.',
        params: z.object({ id: idParam('user') }),
        body: z.strictObject({
          displayName: lineText(200).pipe(z.string().trim()).optional(),
          role: role.optional(),
          teams: z.array(teamNameSchema).max(50).optional(),
          disabled: z.boolean().optional(),
          password: passwordText.optional(),
        }),
        response: { 200: userSchema, ...errors },
      },
    },
    async (request) => {
      const { password, ...change } = request.body;
      const principal = principalOf(request);
      if (
        principal.userId !== null &&
        BigInt(request.params.id) === BigInt(principal.userId) &&
        (change.disabled === true || (change.role && change.role !== 'admin'))
      ) {
        // The last admin locking themselves out needs a database session to undo.
        throw new HttpError(400, 'self_lockout', 'Admins cannot disable or demote themselves');
      }
      const current = await findUserById(pool, request.params.id);
      if (!current) throw new HttpError(404, 'not_found', `No user ${request.params.id}`);
      if ((change.role ?? current.role) === 'navigator' && (change.teams ?? current.teams).length === 0) {
        throw new HttpError(400, 'no_team', 'A navigator needs at least one team');
      }
      const problem = password === undefined ? null : passwordProblem(password);
      if (problem) throw new HttpError(400, 'weak_password', problem);
      const user = await updateUser(pool, request.params.id, change);
      if (!user) throw new HttpError(404, 'not_found', `No user ${request.params.id}`);
      if (password !== undefined) {
        await setUserPassword(pool, user.id, password);
      }
      await auditChange(
        request,
        'update',
        { resource: 'user', resourceId: user.id },
        {
          ...change,
          passwordChanged: password !== undefined,
        },
      );
      return toUserJson(user);
    },
  );

  app.post(
    '/api/teams',
    adminCreate(
      'Add a team',
      'The name is what follow-ups, roster entries and team rules carry.',
      newTeamSchema,
      teamSchema,
    ),
    async (request, reply) => {
      const team = await addTeam(pool, request.body);
      await auditChange(request, 'create', { resource: 'team', resourceId: team.name });
      return reply.code(201).send(toTeamJson(team));
    },
  );
  return Promise.resolve();
};
