import { type ComponentChildren, Component } from 'preact';

/** Where a survey appears: an overlay (slide-in or modal), inside a host element, or as a whole page. */
export type Placement = 'bottom-right' | 'center' | 'inline' | 'page';

export interface SurveyFrameProps {
  placement: Placement;
  /** Id of the element naming the survey (its question or title). */
  labelledBy: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Escape closes overlays. */
  onEscape?: () => void;
  children: ComponentChildren;
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
 * `data-focus` on open (except on a page of its own) and returns where it was on close.
 */
export class SurveyFrame extends Component<SurveyFrameProps> {
  /** Where the focus was before the survey took it. */
  private readonly previous = document.activeElement as HTMLElement | null;

  override componentDidMount() {
    // A whole page is read from its top; everywhere else the survey appears in answer to something.
    if (this.props.placement !== 'page') (this.base as Element).querySelector<HTMLElement>('[data-focus]')?.focus();
  }

  override componentWillUnmount() {
    this.previous?.focus();
  }

  override render({ placement, labelledBy, lang, dir, onEscape, children }: SurveyFrameProps) {
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
        {children}
      </div>
    );
    return modal ? <div class="backdrop">{box}</div> : box;
  }
}
