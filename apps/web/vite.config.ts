import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

/** The admin API of `mediate start` (DESIGN.md §5). */
const ADMIN_API = 'http://127.0.0.1:9164';

export default defineConfig({
  plugins: [
    react(),
    // Precompressed copies beside each asset (.br, .gz), made once at build time at the highest
    // levels; `mediate start` serves them by Accept-Encoding (apps/server/src/server/static-studio.ts),
    // so the studio's first load is about a third of its size on the wire and no CPU is spent per
    // request. The originals stay for clients that accept neither.
    compression({
      algorithms: ['brotliCompress', 'gzip'],
      threshold: 1024,
      include: /\.(js|css|html|svg|ttf|json|wasm)$/,
    }),
  ],
  resolve: {
    // Compile @mediate/engine from its TS source (its `@mediate/source` export condition), so the
    // studio needs no engine build in dev and always matches the engine's current model.
    // Vite >= 6 replaces its default conditions with this list, so keep them.
    conditions: ['@mediate/source', ...defaultClientConditions],
  },
  server: {
    // `/api` (REST and the `/api/events` WebSocket) goes to `mediate start`.
    // The server checks the event socket's Origin: it must accept the dev server's origin too.
    proxy: { '/api': { target: ADMIN_API, ws: true } },
  },
  build: {
    // Monaco (lazy) will make one large chunk; see reference/toolchain.md §3.
    chunkSizeWarningLimit: 4096,
  },
});
