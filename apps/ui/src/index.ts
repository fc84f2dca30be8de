export { ensureUiBuilt, uiBuildIsStale, UI_DIST, UI_ROOT } from './ui-build';
