/**
 * Numbers the whole system agrees on. The gateway may narrow attachment limits in
 * `/v1/config`; the text limits are part of the contract itself.
 */
export const LIMITS = {
  title: { min: 10, max: 150 },
  body: { min: 30, max: 5000 },
  locationText: { min: 3, max: 200 },
  followUp: { min: 2, max: 2000 },
  ratingComment: { max: 1000 },
  reporterName: { max: 100 },
  attachments: { maxFiles: 5, maxBytes: 2 * 1024 * 1024 },
  watchReports: 50,
} as const;
