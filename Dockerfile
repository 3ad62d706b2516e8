# Policy Desk for an office server: docker compose up -d (see README "Running it for an office").
# Stage 1 installs the dependencies (better-sqlite3 builds its native module here, with the
# compilers the runtime image does not carry) and, through npm's `prepare` step, compiles dist/
# from the sources it needs; stage 2 is the slim, non-root runtime.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY bin ./bin
COPY src ./src
COPY commands ./commands
COPY config ./config
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    POLICY_DESK_DB=/app/data/policy-desk.db \
    POLICY_DESK_BACKUP_DIR=/app/data/backups \
    POLICY_DESK_HEALTH_PORT=8080 \
    LOG_LEVEL=info
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/dist ./dist
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY commands ./commands
COPY config ./config
COPY corpus ./corpus
COPY slack ./slack
# The reports database, its backups and the policy corpus live on volumes, owned by the
# unprivileged `node` user the process runs as.
RUN mkdir -p /app/data/backups && chown -R node:node /app/data /app/corpus
USER node
VOLUME ["/app/data", "/app/corpus"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.POLICY_DESK_HEALTH_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) shuts down in order and closes the database; give it time.
STOPSIGNAL SIGTERM
CMD ["node", "bin/start.js"]
