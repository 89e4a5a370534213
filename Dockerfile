# syntax=docker/dockerfile:1
#
# One image for every service; docker-compose.yml picks the command:
#   node services/listener/dist/main.js         MLLP listener (2575) + ops HTTP (2580)
#   node services/followup-worker/dist/main.js  follow-up worker, ops HTTP (2581)
#   node services/api/dist/main.js              REST API and OpenAPI docs (3000), the default
# The operator CLI is on the PATH as `adt` (node packages/cli/dist/main.js), e.g.
#   docker compose exec api adt user create admin --role admin
#   docker compose exec api adt create-token --user admin

ARG NODE_IMAGE=node:22-bookworm-slim

# Only what `npm ci` reads (the lockfile and every workspace's package.json), so the dependency
# layer below is rebuilt when dependencies change, not on every source edit.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json ! -name .npmrc -delete \
  && find . -type d -empty -delete

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1
COPY --from=manifests /app ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npx turbo run build --output-logs=errors-only
# Keep production dependencies and build output; TypeScript sources and the end-to-end test
# workspace stay behind. SQL migrations (packages/db/migrations) are read at run time.
RUN npm prune --omit=dev --no-audit --no-fund \
  && rm -rf tests .turbo packages/*/src services/*/src packages/*/.turbo services/*/.turbo

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# Owned by root and only readable by the service user: the running process cannot change its code.
# The file drop's directory (FILE_DROP_DIR in docker-compose.yml) is the service user's, so a volume
# mounted there starts writable.
COPY --from=build /app ./
RUN printf '#!/bin/sh\nexec node /app/packages/cli/dist/main.js "$@"\n' > /usr/local/bin/adt \
  && chmod 755 /usr/local/bin/adt \
  && mkdir -p /var/lib/adt/file-drop && chown node:node /var/lib/adt/file-drop
USER node
EXPOSE 2575 2580 2581 3000
# The services stop gracefully on SIGTERM (in-flight MLLP messages and jobs finish first).
STOPSIGNAL SIGTERM
CMD ["node", "services/api/dist/main.js"]
