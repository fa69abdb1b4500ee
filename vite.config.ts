import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The browser app. Its sources live in src/web and build into dist/web, which
 * the Node server serves beside the API. In development Vite serves the app on
 * :3000 and forwards API calls to the server on :3001, so cookies stay
 * same-origin exactly as in production.
 */
export default defineConfig({
  root: 'src/web',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Municipal PCs are often old: keep the output plain ES2020.
    target: 'es2020',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'vendor-query', test: /node_modules[\\/]@tanstack[\\/]/ },
            { name: 'vendor-zod', test: /node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 3000,
    strictPort: true,
    // changeOrigin stays false (the string shorthand would turn it on): the API's CSRF check
    // compares the Origin header with the Host the browser used, :3000.
    proxy: {
      '/api': { target: 'http://127.0.0.1:3001', changeOrigin: false },
      '/healthz': { target: 'http://127.0.0.1:3001', changeOrigin: false },
    },
  },
});
