/** Debian's Chromium: its path ($CHROME_PATH or /usr/bin/chromium) and launch flags. */
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: readonly string[];
