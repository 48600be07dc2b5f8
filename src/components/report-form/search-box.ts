/**
 * A small ARIA 1.2 combobox (editable, list autocomplete) for Lokasi and Instansi tujuan:
 * the citizen types, options are searched after a short pause, arrows move through them,
 * Enter picks, Escape closes, and what was typed stays valid free text. The result count
 * is announced politely. It renders into the host's shadow root, so the `<label for>` of
 * the host applies (labels cannot point across shadow roots).
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

export interface SearchOption {
  id: string;
  label: string;
  detail?: string;
}

export interface SearchBoxInit {
  id: string;
  search: (query: string, signal: AbortSignal) => Promise<SearchOption[]>;
  onPick: (option: SearchOption) => void;
  onText: (text: string) => void;
  debounceMs?: number;
  minChars?: number;
}

export class SearchBox implements ReactiveController {
  options: SearchOption[] = [];
  open = false;
  active = -1;
  /** Whether a search has answered since the last keystroke (for the announcement). */
  answered = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly init: SearchBoxInit,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  #schedule(query: string): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.answered = false;
    if (query.trim().length < (this.init.minChars ?? 2)) {
      this.#close();
      return;
    }
    this.#timer = setTimeout(() => void this.#run(query.trim()), this.init.debounceMs ?? 300);
  }

  async #run(query: string): Promise<void> {
    const abort = (this.#abort = new AbortController());
    try {
      const found = await this.init.search(query, abort.signal);
      if (abort.signal.aborted) return;
      this.options = found.slice(0, 8);
      this.open = this.options.length > 0;
    } catch {
      // Search is a help, not a requirement: on failure the typed text simply stays.
      if (abort.signal.aborted) return;
      this.options = [];
      this.open = false;
    }
    this.active = -1;
    this.answered = true;
    this.host.requestUpdate();
  }

  #close(): void {
    this.open = false;
    this.active = -1;
    this.host.requestUpdate();
  }

  pick(index: number): void {
    const option = this.options[index];
    if (!option) return;
    this.init.onPick(option);
    this.answered = false;
    this.#close();
  }

  #onKeyDown = (event: KeyboardEvent): void => {
    const count = this.options.length;
    if (event.key === 'ArrowDown' && count) {
      event.preventDefault();
      this.open = true;
      this.active = (this.active + 1) % count;
      this.host.requestUpdate();
    } else if (event.key === 'ArrowUp' && count) {
      event.preventDefault();
      this.open = true;
      this.active = (this.active - 1 + count) % count;
      this.host.requestUpdate();
    } else if (event.key === 'Enter' && this.open && this.active >= 0) {
      event.preventDefault();
      this.pick(this.active);
    } else if (event.key === 'Escape' && this.open) {
      event.preventDefault();
      this.#close();
    }
  };

  #onInput = (event: Event): void => {
    const text = (event.target as HTMLInputElement).value;
    this.init.onText(text);
    this.#schedule(text);
  };

  /** The input (with the caller's label/description wiring) and its listbox. */
  render(value: string, attrs: { describedBy: string; invalid: boolean; label: string; onBlur: () => void; required?: boolean }): TemplateResult {
    const { id } = this.init;
    const activeId = this.open && this.active >= 0 ? `${id}-opt-${this.active}` : undefined;
    return html`
      <div class="combo">
        <input
          id=${id}
          part="input"
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="${id}-list"
          aria-activedescendant=${activeId ?? nothing}
          aria-describedby=${attrs.describedBy || nothing}
          aria-invalid=${attrs.invalid ? 'true' : 'false'}
          ?required=${!!attrs.required}
          .value=${value}
          @input=${this.#onInput}
          @keydown=${this.#onKeyDown}
          @blur=${() => {
            this.open = false;
            this.host.requestUpdate();
            attrs.onBlur();
          }}
        />
        <ul id="${id}-list" role="listbox" aria-label=${attrs.label} class="options" ?hidden=${!this.open}>
          ${this.options.map(
            (option, i) => html`<li
              id="${id}-opt-${i}"
              role="option"
              aria-selected=${i === this.active ? 'true' : 'false'}
              @mousedown=${(e: Event) => e.preventDefault()}
              @click=${() => this.pick(i)}
            >
              ${option.label}${option.detail ? html`<span class="detail">${option.detail}</span>` : nothing}
            </li>`,
          )}
        </ul>
      </div>
    `;
  }

  /** The polite count, rendered by the host inside its live region. */
  announcement(results: (n: number) => string, none: string): string {
    if (!this.answered) return '';
    return this.options.length ? results(this.options.length) : none;
  }
}
