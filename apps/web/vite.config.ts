import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { plainDataModules } from './build/plain-data.plugin'
import { splitTextsPlugin } from './build/texts.plugin'
import { lazyParts } from './build/lazy-parts.plugin'

/** antd's everyday components: what the shell and Home show, and nearly every page (see `codeSplitting`). */
const everydayAntd = [
  ...['_util', 'style', 'theme', 'config-provider', 'app', 'message', 'modal', 'button', 'typography'],
  ...['space', 'grid', 'row', 'col', 'card', 'tag', 'skeleton', 'empty', 'checkbox', 'progress'],
  ...['statistic', 'badge', 'avatar', 'tooltip', 'popover', 'layout', 'menu'],
]

export default defineConfig({
  plugins: [
    react(),
    // The built-in objects' field metadata as data: no zod, nor every schema, on a page that only lists fields.
    plainDataModules(['../../packages/contract/src/object-model/builtin-objects.ts']),
    // Each language's texts in two parts: what sign-in, the shell and Home show, and the rest.
    splitTextsPlugin({
      languages: { en: ['src/shared/i18n/en.ts', 'en'], 'zh-CN': ['src/shared/i18n/zh-CN.ts', 'zhCN'] },
    }),
    // antd's components without, up front, parts for features Home and most pages do not use: a card's tabs (no
    // card of the app has any), the colour picker's collapsible presets (imported by every button's styles).
    lazyParts([
      { importer: 'card/Card.js', source: '../tabs' },
      { importer: 'color-picker/components/ColorPresets.js', source: '../../collapse' },
    ]),
  ],
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: true,
    rollupOptions: {
      // The contract's modules only declare (zod schemas, labels): a page that needs the field labels does not
      // carry every schema, and zod, with it. antd's @rc-component packages only declare too (their packages
      // do not say so): the modules of theirs a page does not use stay out.
      treeshake: {
        moduleSideEffects: (id) => !/packages\/contract\/src\/|node_modules\/@rc-component\//.test(id),
      },
      output: {
        // A language's part of the texts (a module of the texts plugin, named `\0texts-…`) without the mark.
        chunkFileNames: (chunk) => `assets/${chunk.name.replace(/^_texts-/, 'texts-')}-[hash].js`,
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 2 },
            // React itself only: a prefix match would pull react-router, react-i18next and react-zoom-pan-pinch
            // (the 360° page's) into every first visit.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            // antd's everyday components — what the shell and Home show, and nearly every page — with what they
            // need, in one chunk: the automatic split made some thirty small ones of them (by the set of pages
            // using each), each compressed on its own (when added: Home 307 → 291 KB brotli, sign-in 235 → 248
            // KB, the other pages 10–30 KB less).
            {
              name: 'antd',
              test: new RegExp(`node_modules[\\\\/]antd[\\\\/]es[\\\\/](${everydayAntd.join('|')})[\\\\/]`),
              priority: 1,
            },
          ],
        },
      },
    },
  },
})
