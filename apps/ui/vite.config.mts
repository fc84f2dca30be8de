import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the API at /ui (apps/api/src/routes/ui.ts); `npm run ui:build` writes dist/.
export default defineConfig({
  base: '/ui/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
