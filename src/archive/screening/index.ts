/** Screening (skjerming): what never leaves the server in a public journal. */
export { COMMENT_SENDER_SCREENING, SCREENED, screenedValues, screenText, screenTree, type Screening } from './screen.ts';
