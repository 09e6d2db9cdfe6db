# syntax=docker/dockerfile:1
# The production images of Saksflyt: `--target api` and `--target worker`. Built by docker-compose.yml.

# Node.js 24, the current LTS (Node.js 20 reached its end of life in April 2026). The tests run on the Node.js of the
# machine that runs them (20.6 or newer; CI: Debian's 20.x); the bundles are built for Node 20, so they run on both.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx nx run-many -t build --projects=@saksflyt/api,@saksflyt/worker,@saksflyt/admin-ui --outputStyle=static \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    SAKSFLYT_DATA_DIR=/var/lib/saksflyt
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/apps/admin-ui/package.json /app/apps/admin-ui/index.js /app/apps/admin-ui/build.js ./apps/admin-ui/
COPY --from=build /app/apps/admin-ui/public ./apps/admin-ui/public
RUN mkdir -p /var/lib/saksflyt && chown node:node /var/lib/saksflyt
USER node

FROM runtime AS api
COPY --from=build /app/apps/api/dist ./apps/api/dist
ENV SAKSFLYT_API_HOST=0.0.0.0 \
    SAKSFLYT_API_PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "apps/api/dist/main.js"]

FROM runtime AS worker
COPY --from=build /app/apps/worker/dist ./apps/worker/dist
CMD ["node", "apps/worker/dist/main.js"]
