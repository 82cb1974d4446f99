import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { cspPlugin } from './build/vite-csp-plugin';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Dependencies stay in node_modules (packaged in the asar); only our code is bundled.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          // The Electron app. The only entry allowed to import 'electron'.
          index: resolve(root, 'main/app/index.ts'),
          // Plain Node entries: the `classe` command line and the web preview server.
          cli: resolve(root, 'main/cli/index.ts'),
          web: resolve(root, 'main/web/index.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require anything but 'electron': bundle everything into one file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), cspPlugin()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      assetsInlineLimit: 0,
      minify: 'esbuild',
      sourcemap: false,
      rollupOptions: {
        input: {
          index: resolve(root, 'renderer/index.html'),
          // The presentation viewer (PDF/image/video on the projector), served by main/app/presentation
          // from its own scheme: out/renderer/presentation/index.html + out/renderer/assets/.
          presentation: resolve(root, 'renderer/presentation/index.html'),
        },
      },
    },
  },
});
