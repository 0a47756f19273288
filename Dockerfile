# The Recert image: one build, run as `api` or `worker` (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm install, not npm ci: the lock file lacks some optional platform packages (see docs/development.md).
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src src
COPY workflows workflows
COPY activities activities
COPY scripts scripts
COPY bench bench
COPY web web
COPY test/support/smtp-sink.ts test/support/unfixed-worker.ts test/support/synthetic-ledger.ts test/support/
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY templates templates
USER node
EXPOSE 3000
ENTRYPOINT ["node", "dist/src/main.js"]
CMD ["api"]
