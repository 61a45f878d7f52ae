# syntax=docker/dockerfile:1.7
# One image recipe for every Portico process. Build with the process's folder:
#   docker build -f infra/docker/service.Dockerfile --build-arg PACKAGE=services/customer --target runtime .
# The notification service renders PDFs and uses --target runtime-chromium.
ARG NODE_VERSION=24

# --- build: install the workspace, then copy out one package with its production dependencies
FROM node:${NODE_VERSION}-bookworm-slim AS build
ARG PACKAGE
ENV PUPPETEER_SKIP_DOWNLOAD=true PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
RUN npm install --global pnpm@10.34.9
WORKDIR /repo
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
COPY packages packages
COPY services services
COPY gateway gateway
COPY schemas schemas
COPY infra/local infra/local
COPY infra/ops infra/ops
COPY infra/build infra/build
COPY web web
RUN pnpm install --frozen-lockfile
# TypeScript to JavaScript (dist/ beside each package's src/): the image runs no compiler.
RUN pnpm build
RUN pnpm --filter "./${PACKAGE}" deploy --legacy --prod /app
# The gateway serves the portal (WEB_ROOT): its build goes into the gateway's image only.
RUN if [ "${PACKAGE}" = "gateway" ]; then pnpm --filter @portico/web build && cp -r web/dist /app/web-dist; fi

# --- runtime: the package and its node_modules, run as the unprivileged node user
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# tini as PID 1: forwards SIGTERM to node and reaps orphans (Chromium's exited children).
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
# WEB_ROOT is read by the gateway alone.
ENV NODE_ENV=production WEB_ROOT=/app/web-dist
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# tini passes SIGTERM to node, which drains and exits 0. The "compiled" condition makes each
# workspace package resolve to its compiled dist/ (see each package.json's "exports").
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--conditions=compiled", "dist/main.js"]

# --- runtime with Debian's Chromium, for the notification service
FROM runtime AS runtime-chromium
USER root
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium-headless-shell fonts-dejavu-core fonts-liberation \
  && rm -rf /var/lib/apt/lists/*
ENV CHROMIUM_PATH=/usr/lib/chromium/chromium-headless-shell
USER node
