/**
 * The parts of the elements in the widget's tabs, exported from `<lapor-widget>` under
 * their own names (`exportparts`), so `lapor-widget::part(submit)` styles what
 * `lapor-report-form::part(submit)` styles on a page with the form inline. A name used by
 * two of them (`button`, `countdown`, `badge`, also the launcher's) styles both: they play
 * the same role. test/build/manifest.test.ts keeps these lists equal to each element's
 * documented @csspart list.
 */
export const EXPORTED_PARTS = {
  'lapor-report-form': [
    'form',
    'field',
    'label',
    'input',
    'error',
    'error-summary',
    'submit',
    'button',
    'copy',
    'save-image',
    'track',
    'share',
    'draft-offer',
    'queued',
    'success',
    'code',
    'warning',
    'offline',
    'anonymous-note',
  ],
  'lapor-report-status': [
    'report',
    'stepper',
    'step',
    'step-done',
    'step-current',
    'step-upcoming',
    'urgent-clock',
    'countdown',
    'response',
    'timeline',
    'upstream',
    'connection',
    'loading',
    'error',
    'not-found',
    'lookup-form',
    'forgot',
    'forgot-form',
    'reply-form',
    'rating-form',
    'rating',
    'button',
  ],
  'lapor-my-reports': ['list', 'item', 'badge', 'countdown', 'detail', 'empty', 'code', 'code-note', 'button', 'show-code'],
} as const;

/** The `exportparts` attribute value for one inner element. */
export const exportparts = (tag: keyof typeof EXPORTED_PARTS): string => EXPORTED_PARTS[tag].join(', ');
