/**
 * The status as an ordered list of steps. The happy path is always shown; a side state
 * (Ditunda, Diarsipkan) is inserted after the last step the report reached, with its
 * reason, and an archived report shows no steps after it (it will not walk them).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { ReportStatus } from '../../contract/enums.js';
import { STATUS_PATH } from '../../contract/vocabulary.js';
import type { Report } from '../../contract/report.js';
import type { Translate } from '../../i18n/catalog.js';
import '../../i18n/register/report-view.js';

type StepState = 'done' | 'current' | 'upcoming';
interface Step {
  status: ReportStatus;
  state: StepState;
  reason?: string;
}

/** The last happy-path status the report reached, from its timeline. */
export function lastPathStatus(report: Report): ReportStatus {
  const path = STATUS_PATH as readonly string[];
  let best = 0;
  for (const entry of report.timeline) {
    for (const s of [entry.status, entry.from]) {
      if (s && path.includes(s)) best = Math.max(best, path.indexOf(s));
    }
  }
  return STATUS_PATH[best] ?? 'submitted';
}

export function stepsFor(report: Report): Step[] {
  const index = STATUS_PATH.indexOf(report.status);
  if (index >= 0) {
    return STATUS_PATH.map((status, i) => ({
      status,
      state: i < index ? 'done' : i === index ? 'current' : 'upcoming',
    }));
  }
  const reached = STATUS_PATH.indexOf(lastPathStatus(report));
  const steps: Step[] = STATUS_PATH.slice(0, reached + 1).map((status) => ({ status, state: 'done' }));
  steps.push({ status: report.status, state: 'current', reason: report.statusReason ?? undefined });
  if (report.status !== 'archived') {
    for (const status of STATUS_PATH.slice(reached + 1)) steps.push({ status, state: 'upcoming' });
  }
  return steps;
}

export function renderStepper(report: Report, t: Translate, highlight: ReportStatus | undefined): TemplateResult {
  return html`
    <ol class="stepper" part="stepper" aria-label=${t('reportStatus.steps')}>
      ${stepsFor(report).map(
        (step) => html`
          <li
            class=${classMap({
              step: true,
              [step.state]: true,
              side: step.status === 'on_hold' || step.status === 'archived',
              changed: step.state === 'current' && highlight === step.status,
            })}
            part="step step-${step.state}"
            aria-current=${step.state === 'current' ? 'step' : nothing}
          >
            <span class="marker" aria-hidden="true"></span>
            <!-- Once passed, the first step says what happened ("Diterima"), not a status it no longer is. -->
            <span class="label">${step.status === 'submitted' && step.state === 'done' ? t('reportStatus.step.submitted') : t(`status.${step.status}`)}</span>
            ${step.state === 'done' ? html`<span class="visually-hidden">${t('reportStatus.stepDone')}</span>` : nothing}
            ${step.reason ? html`<span class="reason">${t('reportStatus.reason', { reason: step.reason })}</span>` : nothing}
          </li>
        `,
      )}
    </ol>
  `;
}
