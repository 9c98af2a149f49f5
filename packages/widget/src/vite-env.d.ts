/// <reference types="vite/client" />

/** File name of the hashed UI chunk, injected into heed.js at build time (see vite.config.ts). */
declare const __HEED_UI_CHUNK__: string;

/** The hash in every strings chunk's name (`<language>-<hash>.js`), injected into heed.js at build time. */
declare const __HEED_STRINGS__: string;
