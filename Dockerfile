# syntax=docker/dockerfile:1
# The bot as a container (Azure Container Apps, AKS, any OCI host).
#   docker build -t sentinel-teams-bot .
#   docker run -p 3978:3978 --env-file .env sentinel-teams-bot
# The env file must name the bot's identity (MicrosoftAppId and its type, tenant and secret):
# with it the bot checks every inbound token and listens on 0.0.0.0. Without one it listens
# on the container's loopback only (nothing outside can reach it); HOST=0.0.0.0 then needs
# INBOUND_AUTH_BY_PROXY=true, for an authenticating proxy in front.
# Stage 1 compiles TypeScript and drops dev dependencies; stage 2 holds only what a
# production start reads, runs as the unprivileged `node` user and reports health.

ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts && rm -f dist/.tsbuildinfo

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json package-lock.json ./
COPY --chown=root:root cards ./cards
COPY --chown=root:root pages ./pages
COPY --chown=root:root manifest ./manifest
# Files stay root-owned and read-only to the process; it writes nothing but its temp dir.
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "run", "start:prod"]
