declare module 'vitest' {
  export interface ProvidedContext {
    /** Cases per fast-check property (FC_RUNS, default 10,000). */
    fcRuns: number;
  }
}
export {};
