/** Vite's `?raw` imports: a file's text (used to read `.dev.vars.example` in the tests). */
declare module '*?raw' {
  const text: string;
  export default text;
}
