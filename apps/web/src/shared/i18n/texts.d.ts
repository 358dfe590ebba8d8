/** A part of a language's texts, made at build time (apps/web/build/texts.plugin.ts). */
declare module 'virtual:texts/*' {
  const texts: import('./split-texts').Texts
  export default texts
}
