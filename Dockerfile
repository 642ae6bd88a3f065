# syntax=docker/dockerfile:1
# Waspada: build with `docker build -t waspada .`, run with
#   docker run -d --name waspada -p 3000:3000 -v waspada-data:/app/data --env-file .env waspada
# Everything the service keeps (SQLite database, evidence files, generated secret, WhatsApp
# session) lives in the /app/data volume: back that up. The CLIs run from the compiled build:
#   docker exec waspada node dist/src/cli/db-backup.js /app/data/backup-$(date +%F).db
#   docker exec waspada node dist/src/cli/officer-token.js --name "Sari" --role officer
#   docker cp p3mi.csv waspada:/app/data/ && docker exec waspada node dist/src/cli/registry-import.js /app/data/p3mi.csv

# Node 24 is the active LTS (supported to April 2028); Node 20, the development machines' version,
# reached end of life in April 2026. better-sqlite3 12 supports Node 20–26 (package engines).
# ---- build: native modules (better-sqlite3) and the TypeScript emit ----
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` (the build) needs the sources, copied below; native modules are
# then built explicitly.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3 sharp
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY flows ./flows
RUN npm run build && npm prune --omit=dev

# ---- runtime: no compiler, no dev dependencies, not root ----
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data \
    DATABASE_PATH=/app/data/waspada.db
# OCR for screenshots of job adverts (local, never a network service); Indonesian + English data.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-ind \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY migrations ./migrations
# The catalogs are read at runtime beside the compiled flows module (tsc does not copy JSON).
COPY flows/locales ./dist/flows/locales
# Help contacts (deployment data; point CONTACTS_FILE at your own copy on the volume).
COPY flows/contacts.json ./flows/contacts.json
# Browser code (web chat page, dashboard) is inlined from real files beside the compiled modules.
COPY src/channels/web/browser ./dist/src/channels/web/browser
COPY src/officers/browser ./dist/src/officers/browser
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# No curl in the slim image: Node's own fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/src/server.js"]
