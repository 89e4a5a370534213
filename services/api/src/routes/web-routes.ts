import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Role } from '@adt/db';
import { loadPages } from './page-layout.js';

// The same path from src/ and dist/: the pages are plain files (no build step); each is put
// together with the shared shell, head and top bar from web/layout once, at start-up.
const PUBLIC_DIR = fileURLToPath(new URL('../../web/public', import.meta.url));
const LAYOUT_DIR = fileURLToPath(new URL('../../web/layout', import.meta.url));
const ASSETS_DIR = fileURLToPath(new URL('../../web/public/assets', import.meta.url));

// Scripts, styles and fetches from this origin only; no inline script, no framing (clickjacking).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('permissions-policy', 'camera=(), microphone=(), geolocation=()')
    .header('cache-control', 'no-cache');
}

/**
 * The navigator inbox: static pages (HTML, ES-module JavaScript and CSS in `web/public`) that read
 * and write through the JSON API with the session cookie, so every read of patient data goes
 * through the same authorisation and audit as scripts. Pages other than sign-in redirect there when
 * nobody is signed in.
 * @param app - the Fastify instance
 */
export const webRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: '/assets/',
    index: false,
    list: false,
    setHeaders: (response) => {
      response.setHeader('x-content-type-options', 'nosniff');
      response.setHeader('cache-control', 'no-cache');
    },
  });

  const pages = await loadPages(PUBLIC_DIR, LAYOUT_DIR);

  const page = (
    file: string,
    options: {
      signedIn: boolean;
      roles?: readonly Role[];
      refusal?: string;
      /** Roles this page is not for, and the page each of them is sent to instead. */
      elsewhere?: Partial<Record<Role, string>>;
    },
  ) => {
    const html = pages.get(file);
    if (html === undefined) throw new Error(`no page ${file} in ${PUBLIC_DIR}`);
    return async (request: FastifyRequest, reply: FastifyReply) => {
      if (options.signedIn) {
        const principal = await request.authenticate();
        if (!principal) {
          const next = encodeURIComponent(request.url);
          return reply.redirect(`/sign-in?next=${next}`, 303);
        }
        const instead = options.elsewhere?.[principal.role];
        if (instead !== undefined) return reply.redirect(instead, 303);
        if (options.roles && !options.roles.includes(principal.role)) {
          return pageHeaders(reply)
            .code(403)
            .type('text/plain')
            .send(options.refusal ?? 'This page is for operations staff.');
        }
      }
      return pageHeaders(reply).type('text/html; charset=utf-8').send(html);
    };
  };

  const hidden = { schema: { hide: true } };
  // Operations staff see no follow-ups: they land on the operations page (also after signing in).
  app.get('/', hidden, page('worklist.html', { signedIn: true, elsewhere: { ops: '/ops' } }));
  app.get('/follow-ups/:id', hidden, page('follow-up.html', { signedIn: true }));
  app.get('/census', hidden, page('census.html', { signedIn: true }));
  app.get(
    '/team',
    hidden,
    page('team.html', {
      signedIn: true,
      roles: ['navigator', 'admin'],
      refusal: 'This page is for team leads and administrators.',
    }),
  );
  app.get('/audit', hidden, page('audit.html', { signedIn: true }));
  // Ops see the feeds, not patients' care: the reports are for navigators and admins (as their API).
  const reports = {
    signedIn: true,
    roles: ['navigator', 'admin'],
    refusal: 'This page is for navigators and administrators.',
  } as const;
  app.get('/reports', hidden, page('reports.html', reports));
  app.get('/reports/print', hidden, page('reports-print.html', reports));
  app.get('/ops', hidden, page('ops.html', { signedIn: true, roles: ['ops', 'admin'] }));
  app.get('/ops/sandbox', hidden, page('sandbox.html', { signedIn: true, roles: ['ops', 'admin'] }));
  app.get(
    '/facilities',
    hidden,
    page('facilities.html', {
      signedIn: true,
      roles: ['admin'],
      refusal: 'This page is for administrators.',
    }),
  );
  app.get('/webhooks', hidden, page('webhooks.html', { signedIn: true, roles: ['ops', 'admin'] }));
  app.get('/sign-in', hidden, page('sign-in.html', { signedIn: false }));
};
