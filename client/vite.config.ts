import { SYNC_PATH } from '@patroonkaart/protocol';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096, assetsInlineLimit: 0 },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      [SYNC_PATH]: { target: 'ws://localhost:8080', ws: true },
    },
  },
});
