# syntax=docker/dockerfile:1.7
# One image recipe for every Portico process. Build with the process's folder:
#   docker build -f infra/docker/service.Dockerfile --build-arg PACKAGE=services/customer --target runtime .
# The notification service renders PDFs and uses --target runtime-chromium.
ARG NODE_VERSION=20.19

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
COPY web web
RUN pnpm install --frozen-lockfile
RUN pnpm --filter "./${PACKAGE}" deploy --legacy --prod /app
# The gateway serves the portal (WEB_ROOT): its build goes into the gateway's image only.
RUN if [ "${PACKAGE}" = "gateway" ]; then pnpm --filter @portico/web build && cp -r web/dist /app/web-dist; fi

# --- runtime: the package and its node_modules, run as the unprivileged node user
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# WEB_ROOT is read by the gateway alone.
ENV NODE_ENV=production WEB_ROOT=/app/web-dist
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM reaches node directly (exec form), which drains and exits 0.
CMD ["node", "--import", "tsx", "src/main.ts"]

# --- runtime with Debian's Chromium, for the notification service
FROM runtime AS runtime-chromium
USER root
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium-headless-shell fonts-dejavu-core fonts-liberation \
  && rm -rf /var/lib/apt/lists/*
ENV CHROMIUM_PATH=/usr/lib/chromium/chromium-headless-shell
USER node
