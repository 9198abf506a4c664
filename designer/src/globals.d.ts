/** Set by designer/vite.config.ts from TEMPORAL_UI_URL / OPSCYCLE_TEMPORAL_UI_PORT and TEMPORAL_NAMESPACE. */
declare const __TEMPORAL_UI_URL__: string;
declare const __TEMPORAL_NAMESPACE__: string;
