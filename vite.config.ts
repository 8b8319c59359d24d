import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, 'web');
const api = 'http://localhost:3000';

/** Split vendor code into stable chunks so the login page loads fast and echarts only loads on the home page. */
function manualChunks(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules[\\/](echarts|zrender)[\\/]/.test(id)) return 'echarts';
  if (/node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/.test(id)) return 'react';
  if (/node_modules[\\/](@ant-design[\\/]icons|@ant-design[\\/]icons-svg)[\\/]/.test(id)) return 'antd-icons';
  if (/node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|stylis|dayjs)[\\/]/.test(id)) return 'antd';
  if (/node_modules[\\/](zod|@tanstack)[\\/]/.test(id)) return 'lib';
  return undefined;
}

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    // antd is one large chunk (~1.2 MB raw, ~380 kB gzip) shared by every page; it is cached across visits.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: { manualChunks },
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
