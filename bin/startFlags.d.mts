// Types for bin/startFlags.mjs (plain JavaScript: bin/ runs before any build).
export declare const START_FLAGS: { sync: string[] };
export declare function relaunchWith(flags: string[]): boolean;
export declare function watchParent(): void;
