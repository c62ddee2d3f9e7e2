# syntax=docker/dockerfile:1
# Herald: one image for the API (default command) and the workers
# (`docker run herald npm run worker`, or the `worker` service in docker-compose.yml).

# ---- deps: production node_modules (full image, so a native addon could compile)
FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# ---- runtime
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    PORT=3000 \
    HOST=0.0.0.0 \
    HERALD_DATA_DIR=/data
WORKDIR /app
# xmllint validates every Noark 5 export against the official XSDs before it is handed out.
RUN apt-get update && apt-get install -y --no-install-recommends libxml2-utils && rm -rf /var/lib/apt/lists/*
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY workers ./workers
COPY rules ./rules
COPY config ./config
COPY examples ./examples
# The code stays root-owned and read-only; the app writes only to /data.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# No curl in the slim image: Node's own fetch does the probe. The worker serves
# no HTTP, so run it with --no-healthcheck (docker-compose.yml disables it).
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/health/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
