import { ensureUiBuilt } from './ui-build';

// `npm run ui:build` builds the UI; with --if-stale (npm start's prestart) only when dist/ is missing or older
// than a source file.
ensureUiBuilt((line) => console.log(line), !process.argv.includes('--if-stale'));
