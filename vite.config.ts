import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The portal, login and back office are one single-page app served by the platform from dist/web.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/dev': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});
