import { type ComponentChildren, Component } from 'preact';

/** Where a survey appears: an overlay (slide-in or modal), inside a host element, or as a whole page. */
export type Placement = 'bottom-right' | 'center' | 'inline' | 'page';

export interface SurveyFrameProps {
  placement: Placement;
  /** Id of the element naming the survey (its question or title). */
  labelledBy: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /**
   * Move the focus into the survey as it opens (default true). When false (a survey that opened by
   * itself), the focus stays where the person is working, and the survey's name is announced through a
   * live region instead; the survey waits in the tab order.
   */
  takeFocus?: boolean;
  /** Escape closes overlays. */
  onEscape?: () => void;
  children: ComponentChildren;
}

interface SurveyFrameState {
  /** What the live region says: the survey's name, once it opened without taking the focus. */
  announcement: string;
}

const FOCUSABLE = 'button, input, textarea, [tabindex]';

/** Keep Tab and Shift+Tab inside `root`. */
function trapTab(event: KeyboardEvent, root: HTMLElement): void {
  const focusable = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.tabIndex >= 0);
  const active = (root.getRootNode() as ShadowRoot).activeElement;
  const edge = event.shiftKey ? focusable[0] : focusable.at(-1);
  if (active === edge || !root.contains(active)) {
    event.preventDefault();
    (event.shiftKey ? focusable.at(-1) : focusable[0])?.focus();
  }
}

/**
 * The survey's box with its semantics: overlays are dialogs (the centered one modal, with a focus
 * trap and a backdrop), inline and page surveys are regions. Focus moves to the element marked
 * `data-focus` on open when the survey answers something the person did (not on a page of its own, nor
 * when it opened by itself: then it is announced), and returns where it was on close if it is inside.
 */
export class SurveyFrame extends Component<SurveyFrameProps, SurveyFrameState> {
  override state: SurveyFrameState = { announcement: '' };
  /** Where the focus was before the survey opened. */
  private readonly previous = document.activeElement as HTMLElement | null;

  override componentDidMount() {
    const { placement, labelledBy, takeFocus = true } = this.props;
    const base = this.base as Element;
    if (!takeFocus) {
      // Filled once the empty live region is in the page, which is what screen readers announce.
      setTimeout(() => this.setState({ announcement: base.querySelector(`#${labelledBy}`)?.textContent ?? '' }), 100);
    } else if (placement !== 'page') {
      // A whole page is read from its top; everywhere else the survey appears in answer to something.
      base.querySelector<HTMLElement>('[data-focus]')?.focus();
    }
  }

  override componentWillUnmount() {
    // Only a survey that holds the focus gives it back: elsewhere, the person has moved on.
    const root = this.base?.getRootNode() as Document | ShadowRoot | undefined;
    if (this.base?.contains(root?.activeElement ?? null)) this.previous?.focus();
  }

  override render({ placement, labelledBy, lang, dir, onEscape, children }: SurveyFrameProps, { announcement }: SurveyFrameState) {
    const modal = placement === 'center';
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && onEscape) {
        event.stopPropagation();
        onEscape();
      } else if (event.key === 'Tab' && modal) {
        trapTab(event, event.currentTarget as HTMLElement);
      }
    };
    const box = (
      <div
        class={`panel ${placement}`}
        role={placement === 'bottom-right' || modal ? 'dialog' : 'region'}
        aria-modal={modal ? 'true' : undefined}
        aria-labelledby={labelledBy}
        lang={lang}
        dir={dir}
        onKeyDown={onKeyDown}
      >
        <p class="announcement" role="status">
          {announcement}
        </p>
        {children}
      </div>
    );
    return modal ? <div class="backdrop">{box}</div> : box;
  }
}
