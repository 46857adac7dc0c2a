import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const API_TARGET = 'http://127.0.0.1:8080';

// Vendor libraries in their own long-cached chunks (Rolldown's successor of `manualChunks`).
// Large libraries are cut into pieces (maxSize counts source bytes, before minification) so that no vendor chunk
// passes the 500 kB warning and the pieces load in parallel.
const MAX_CHUNK = 1024 * 1024;
const ANTD = /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|@emotion|stylis|dayjs|throttle-debounce|compute-scroll-into-view|scroll-into-view-if-needed|json2mq|string-convert|is-mobile|clsx)[\\/]/;
const vendorGroups = [
  { name: 'standards', test: /[\\/]packages[\\/]standards[\\/]/, priority: 50 },
  { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/, priority: 40, maxSize: MAX_CHUNK },
  { name: 'antd-icons', test: /[\\/]node_modules[\\/]@ant-design[\\/]icons(-svg)?[\\/]/, priority: 30 },
  // antd that the first page needs, then antd that only lazily loaded pages use (not preloaded on the portal).
  { name: 'antd', tags: ['$initial' as const], test: ANTD, priority: 21, maxSize: MAX_CHUNK },
  { name: 'antd-more', test: ANTD, priority: 20, maxSize: MAX_CHUNK },
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|react-is|react-router|scheduler|cookie|set-cookie-parser)[\\/]/, priority: 10 },
];

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: API_TARGET } },
  },
  preview: {
    proxy: { '/api': { target: API_TARGET } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
        // Modules run in source order even when a library is spread over several chunks.
        strictExecutionOrder: true,
      },
    },
  },
});
