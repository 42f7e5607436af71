# syntax=docker/dockerfile:1
# Build one target per process:
#   docker build --target api    -t witness-api .
#   docker build --target worker -t witness-worker .
#   docker build --target backup -t witness-backup .   (the CLI, backup by default)
# Every target carries the operator's CLI on its PATH, with pg_dump/pg_restore:
#   docker compose run --rm api witness --help

# Node 22 LTS (maintained to April 2027); the code also runs on Node 20.11+ (package.json).
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- deps: full dependency tree (dev deps needed for tsc) ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# Only the manifests, so this layer is reused until dependencies change.
COPY package.json package-lock.json ./
# Cache mount keeps downloaded tarballs across builds without storing them in a layer.
# argon2 ships prebuilt binaries, so no compiler toolchain is needed here.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

# ---- build: compile, then drop dev deps so runtime copies only prod node_modules ----
FROM deps AS build
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime-base: shared by api and worker ----
FROM ${NODE_IMAGE} AS runtime-base
# tini as PID 1: forwards SIGTERM to node (graceful shutdown) and reaps zombies
# (e.g. chromium children in the worker). Deliberately no -g: the worker must get
# SIGTERM alone and close chromium itself after in-flight jobs finish.
# postgresql-client-15: pg_dump/pg_restore (the server's major version) for `witness backup`
# and `witness restore`, from any image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    STORAGE_DIR=/var/lib/witness/files/documents
WORKDIR /app
# Document storage (STORAGE_DIR, encrypted files); owned by `node` so a fresh named volume
# mounted here inherits it. The api creates documents/ in it (0700) at first use.
RUN mkdir -p /var/lib/witness/files \
 && chown node:node /var/lib/witness/files
# App files stay root-owned: the non-root process can read but not modify its code.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/templates ./templates
# The operator's CLI (apps/cli, and seed:demo from scripts/): `witness <command>` on the PATH.
COPY --from=build /app/scripts/witness ./scripts/witness
RUN ln -s /app/scripts/witness /usr/local/bin/witness
ENTRYPOINT ["/usr/bin/tini", "--"]

# ---- api ----
FROM runtime-base AS api
USER node
# The V8 heap cap `npm start` gives the api (package.json config.apiNodeOptions): the live
# heap is about 70 MB, and uncapped V8 lets garbage grow the process past 400 MB under load.
# Override NODE_OPTIONS in the deployment to change it.
ENV PORT=3000 \
    NODE_OPTIONS=--max-old-space-size=192
EXPOSE 3000
# Node has a global fetch, so no curl in the image. start-period covers
# migrations, which run before the server starts listening.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]

# ---- worker: adds chromium for PDF rendering (kept out of the api image) ----
FROM runtime-base AS worker
# playwright-core drives Debian's chromium (/usr/bin/chromium); it downloads no browser.
# Noto fonts: core = Latin/Cyrillic/Greek/Arabic/Hebrew..., cjk = Chinese/Japanese/Korean,
# so dossiers never render as tofu boxes.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      chromium \
      fonts-noto-core \
      fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
USER node
# The worker serves no HTTP: it rewrites this file while PostgreSQL and Redis answer it
# (apps/worker/src/heartbeat.service.ts); older than four periods, or missing, is unhealthy.
# /tmp: a tmpfs when the root filesystem is read-only (docker-compose.yml).
ENV WORKER_HEARTBEAT_FILE=/tmp/witness-worker.heartbeat \
    WORKER_HEARTBEAT_SECONDS=15
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "try{const a=Date.now()-require('fs').statSync(process.env.WORKER_HEARTBEAT_FILE).mtimeMs;process.exit(a<4000*(Number(process.env.WORKER_HEARTBEAT_SECONDS)||15)?0:1)}catch{process.exit(1)}"]
CMD ["node", "dist/apps/worker/src/main.js"]

# ---- backup: the CLI, `witness backup` by default, writing into the backups volume ----
# docker compose --profile backup run --rm backup            (writes into the backups volume)
# docker compose --profile backup run --rm backup restore /var/lib/witness/backups/<file>.dump \
#   --database-url postgres://...                            (into an EMPTY database)
FROM runtime-base AS backup
RUN mkdir -p /var/lib/witness/backups \
 && chown node:node /var/lib/witness/backups
ENV BACKUP_DIR=/var/lib/witness/backups
USER node
ENTRYPOINT ["/usr/bin/tini", "--", "witness"]
CMD ["backup"]
