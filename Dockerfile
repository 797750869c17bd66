# curve-triage Discord bot.
#   docker build -t curve-triage-bot .
#   docker run --rm --env-file .env curve-triage-bot                      # run the bot
#   docker run --rm --env-file .env curve-triage-bot deploy-commands --guild 123456789012345678
#
# Stage 1 builds canvas from source (Cairo/Pango headers) and compiles the TypeScript; stage 2 keeps
# only the runtime libraries, production node_modules and the compiled JS, and runs as a non-root user.

FROM node:20-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential python3 pkg-config \
      libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# everything `npm ci` needs (its prepare script compiles src/)
COPY package.json package-lock.json tsconfig.json tsconfig.build.json tsconfig.bot.json ./
COPY src ./src
COPY commands ./commands
# the real temperature series the training presets use (read at run time from <build>/fixtures/train)
COPY fixtures/train ./fixtures/train
# the optional @tensorflow/tfjs-node downloads its native library here (the build has internet)
RUN npm ci --no-audit --no-fund
# compile the bot (src + commands) to build/, keeping the repo layout the command loader expects
# (the same build `npm start` runs: tsconfig.bot.json)
RUN npm run build:bot \
 && node -e "require('fs').accessSync('build/src/bot/index.js'); require('fs').accessSync('build/src/worker/index.js'); require('fs').accessSync('build/commands/diagnose.js')"
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libjpeg62-turbo libgif7 librsvg2-2 \
      fontconfig fonts-dejavu-core tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/build ./build
COPY --from=build --chown=node:node /app/fixtures/train ./build/fixtures/train
COPY --chown=node:node docker/entrypoint.sh /usr/local/bin/curve-triage-entrypoint
RUN chmod 0755 /usr/local/bin/curve-triage-entrypoint
# the official image's unprivileged user (uid 1000)
USER node
# tini forwards SIGTERM to node, which finishes in-flight requests before exiting
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/curve-triage-entrypoint"]
CMD ["bot"]
