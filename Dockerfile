# syntax=docker/dockerfile:1
#
# One image, two processes:
#   API     node dist/server/start.js   (the default command)
#   worker  node dist/workers/main.js
# Configuration comes only from the environment (see config/schema.ts); with NODE_ENV=production the
# process refuses to start on development secrets or a localhost PUBLIC_BASE_URL.

# ---------------------------------------------------------------- build
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Install scripts: package.json "allowScripts" denies the only two packages that have them (esbuild,
# msgpackr-extract; their platform binaries arrive as ordinary optional packages). The npm bundled with
# Node 20 does not read that field, so --ignore-scripts applies the same policy here.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY config ./config
COPY server ./server
COPY workers ./workers
COPY scripts ./scripts
RUN npm run build

# ---------------------------------------------------------------- runtime
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# dist/ holds the compiled API, worker and production CLI scripts, plus the copy of package.json that
# server/app.ts imports for the version it reports.
COPY --from=build /app/dist ./dist
# The web UI's stylesheet and script are served as files (htmx comes from node_modules).
COPY server/web/static ./server/web/static

USER node
EXPOSE 8080

# /health only says the process serves HTTP; /ready (dependencies) is for load balancers. The worker
# has no HTTP port: run it with this check disabled (docker-compose.yml does).
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/server/start.js"]
