FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/cli/package.json apps/cli/
COPY apps/test-stack/package.json apps/test-stack/
COPY apps/ui/package.json apps/ui/
COPY libs/auth/package.json libs/auth/
COPY libs/client/package.json libs/client/
COPY libs/search/package.json libs/search/
COPY libs/config/package.json libs/config/
COPY libs/db/package.json libs/db/
COPY libs/domain/package.json libs/domain/
COPY libs/engine/package.json libs/engine/
COPY libs/events/package.json libs/events/
COPY libs/queue/package.json libs/queue/
COPY libs/runtime/package.json libs/runtime/
COPY libs/telemetry/package.json libs/telemetry/
COPY libs/testing/package.json libs/testing/
COPY libs/workflows/package.json libs/workflows/
RUN npm ci --omit=dev
COPY . .
# The operator UI's static files, served by the API at /ui.
RUN npm run ui:build
USER node
