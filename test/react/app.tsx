/**
 * A small React 19 app as a developer writes it with `lapor-widget/react`. test/build/
 * react.test.ts typechecks it (strict; the @ts-expect-error lines MUST fail to compile,
 * else tsc reports the directive as unused) and renders it in Chromium with react-dom.
 */
import { useRef, type RefObject } from 'react';
import { createRoot } from 'react-dom/client';
import type { LaporReportForm as ReportFormElement, LaporSlaCountdown as CountdownElement } from 'lapor-widget';
import { LaporAdminQueue, LaporComplianceBoard, LaporMyReports, LaporReportForm, LaporReportStatus, LaporSlaCountdown, LaporWidget } from 'lapor-widget/react';

/** What the page saw, read back by the test. */
export interface Seen {
  submits: (string | undefined)[];
  breaches: string[];
  opened: number;
  form: RefObject<ReportFormElement | null>;
  countdown: RefObject<CountdownElement | null>;
}

function App({ seen }: { seen: Seen }) {
  seen.form = useRef<ReportFormElement>(null);
  seen.countdown = useRef<CountdownElement>(null);
  return (
    <main>
      <LaporReportForm
        ref={seen.form}
        api="http://127.0.0.1:59999"
        siteKey="smart-kampung"
        className="lapor-form"
        style={{ maxWidth: '40rem' }}
        onLaporSubmit={(e) => seen.submits.push(e.detail.trackingId)}
      />
      <LaporSlaCountdown
        ref={seen.countdown}
        due="2030-01-01T00:00:00.000Z"
        clockId="local.handle"
        onLaporSlaBreach={(e) => seen.breaches.push(e.detail.due)}
      />
      <LaporReportStatus api="http://127.0.0.1:59999" live={false} onLaporStatusChange={(e) => console.log(e.detail.to)} />
      <LaporMyReports api="http://127.0.0.1:59999" onLaporUnseenChange={(e) => console.log(e.detail.count)} />
      <LaporAdminQueue api="http://127.0.0.1:59999" institution="kec-genteng" onLaporAdminAction={(e) => console.log(e.detail.trackingId, e.detail.action)} />
      <LaporComplianceBoard api="http://127.0.0.1:59999" siteKey="smart-kampung" period="month" institution="kec-genteng" />
      <LaporWidget api="http://127.0.0.1:59999" position="left" onLaporOpen={() => seen.opened++}>
        <span>children are passed through</span>
      </LaporWidget>
    </main>
  );
}

/** Compile-time only: each of these must be rejected by tsc. */
export function Rejected() {
  return (
    <>
      <LaporReportForm
        // @ts-expect-error an event prop takes a handler, not a number
        onLaporSubmit={42}
      />
      <LaporReportForm
        // @ts-expect-error misspelled property (siteKey)
        siteKye="smart-kampung"
      />
      <LaporReportForm
        // @ts-expect-error the detail of lapor-submit has no `status`
        onLaporSubmit={(e) => e.detail.status}
      />
      <LaporAdminQueue
        // @ts-expect-error lapor-admin-action's detail has no `status`
        onLaporAdminAction={(e) => e.detail.status}
      />
      <LaporSlaCountdown
        // @ts-expect-error `due` is an ISO string
        due={1767225600000}
      />
      <LaporComplianceBoard
        // @ts-expect-error misspelled property (period)
        periode="30d"
      />
    </>
  );
}

export function mount(root: HTMLElement): Seen {
  const seen = { submits: [], breaches: [], opened: 0 } as unknown as Seen;
  createRoot(root).render(<App seen={seen} />);
  return seen;
}
