/** The folder of static files the API serves at `/`. */
export declare const ADMIN_UI_DIR: string;

export interface AdminUiBuildResult {
  /** Absolute path of the bundle, `public/build/app.js` (with `app.js.map` beside it). */
  outfile: string;
  /** Size of the bundle in bytes. */
  bytes: number;
}

/**
 * Bundles the single-page app (src/main.tsx, Preact) with esbuild into `public/build/app.js` and its source map.
 * Needs the workspace's dev dependencies (esbuild, preact, chart.js), so run it at build time, not in production.
 */
export declare function buildAdminUi(options?: { minify?: boolean }): Promise<AdminUiBuildResult>;
