# syntax=docker/dockerfile:1
# Tocsin image: one image for the API (default CMD), the worker (`node --max-semi-space-size=64 dist/worker.js`) and
# migrations (`npm run db:migrate`). Prisma runs fully offline: JS engine + pg driver adapter,
# so no native Prisma engine is ever downloaded or shipped.

# ---------------------------------------------------------------------------------------------
# Build stage: install everything, compile, then drop the dev dependencies.
# ---------------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Pointing the native-engine variables at /dev/null makes the install script of @prisma/engines
# skip its engine downloads, and keeps `prisma generate` on the JS engine (engineType "client").
ENV PRISMA_QUERY_ENGINE_LIBRARY=/dev/null \
    PRISMA_SCHEMA_ENGINE_BINARY=/dev/null \
    CHECKPOINT_DISABLE=1 \
    SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# Dependencies first (cached while package*.json and the schema are unchanged). The project's
# postinstall runs `prisma generate --config prisma/prisma.config.ts`, so prisma/ must be present.
COPY package.json package-lock.json ./
COPY prisma ./prisma
RUN npm ci

COPY . .
# `npm prune` may remove node_modules/.prisma (it is not a package), so the client is generated
# again afterwards; the prisma CLI is a production dependency and still there. templates/ may be
# absent from a fresh checkout (an empty directory is not tracked by git): make sure it exists.
RUN npm run build \
 && npm prune --omit=dev \
 && npx prisma generate --config prisma/prisma.config.ts \
 && test -f node_modules/.prisma/client/index.js \
 && test -f dist/main.js && test -f dist/worker.js \
 && mkdir -p templates \
 && npm cache clean --force

# ---------------------------------------------------------------------------------------------
# Runtime stage: production node_modules (with the generated client and the prisma CLI for
# migrations), compiled code, schema + migrations, templates. Files stay owned by root; the
# process runs as the unprivileged `node` user and cannot modify them.
# ---------------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
WORKDIR /app

ENV NODE_ENV=production \
    PRISMA_QUERY_ENGINE_LIBRARY=/dev/null \
    CHECKPOINT_DISABLE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false

COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/templates ./templates

USER node
EXPOSE 3000
CMD ["node", "dist/main.js"]
