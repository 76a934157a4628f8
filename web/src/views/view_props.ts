import type { Whoami } from '../roles';
import type { UrlState } from '../url_state';

export interface ViewProps {
  state: UrlState;
  // Changes the view's URL parameters; `replace` keeps the history entry (sliders, panning).
  setParams: (changes: Record<string, string | undefined>, replace?: boolean) => void;
  who: Whoami;
}
