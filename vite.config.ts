import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(import.meta.dirname, 'web');
const api = 'http://localhost:3000';

/**
 * Vendor chunks: stable, long-cacheable files. echarts is only reachable through a lazy import, so its
 * chunk is fetched when the home page chart renders, never on the login page. The public portal (portal.html)
 * needs only `react` and `query`: its complaint pages use no antd, so the antd chunks are not loaded there.
 */
const vendorGroups = [
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 40 },
  { name: 'leaflet', test: /node_modules[\\/]leaflet[\\/]/, priority: 35 },
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
  { name: 'antd-icons', test: /node_modules[\\/]@ant-design[\\/]icons(-svg)?[\\/]/, priority: 25 },
  { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|stylis|dayjs|classnames|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view)[\\/]/, priority: 20 },
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 10 },
  { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 10 },
];

/**
 * Writes .br and .gz next to every text asset of the build, so the server sends compressed bytes without
 * compressing on each request (@fastify/static `preCompressed`).
 */
function precompress(): Plugin {
  return {
    name: 'weijian-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      await Promise.all(Object.keys(bundle).filter((f) => /\.(js|css|svg|json)$/.test(f)).map(async (name) => {
        const file = path.join(dir, name);
        const buf = await fs.readFile(file);
        if (buf.length < 1024) return;
        await fs.writeFile(`${file}.br`, zlib.brotliCompressSync(buf, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 10, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
        }));
        await fs.writeFile(`${file}.gz`, zlib.gzipSync(buf, { level: 9 }));
      }));
    },
  };
}

/** Dev server: /public/* is the portal's page, as the app server does it. */
function portalPage(): Plugin {
  return {
    name: 'weijian-portal-page',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.method === 'GET' && /^\/public(\/|$|\?)/.test(req.url ?? '') && req.headers.accept?.includes('text/html')) req.url = '/portal.html';
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress(), portalPage()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    // antd is one large chunk (~1.2 MB raw, ~380 kB gzip) shared by every staff page; it is cached across visits.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: { main: path.join(root, 'index.html'), portal: path.join(root, 'portal.html') },
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/open311': { target: api, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/open311': { target: api, changeOrigin: false },
    },
  },
});
