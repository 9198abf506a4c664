// Types of layers.js, which stays JavaScript so that eslint.config.js can import it.
export declare const LAYERS: Record<string, readonly string[]>;
export declare const packageName: (workspace: string) => string;
