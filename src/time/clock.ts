/** The clock is passed in everywhere, so tests can fix "now". */
export type Clock = () => Date;
