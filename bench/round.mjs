/** Rounds for the report: figures from a shared machine are not worth more digits. */
export const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
