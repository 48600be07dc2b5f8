/** What an error says about the request that failed. Never headers: they hold tokens. */
export interface RequestInfo {
  method: string;
  /** Full URL (access codes never go in a URL, and it is redacted anyway). */
  url: string;
}
